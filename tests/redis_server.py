"""A real redis-server of its own for a test or a benchmark, on a free 127.0.0.1 port.

Why: cluster mode (scrapy-redis) keeps the shared frontier, the dupefilter, the in-flight sets and
the per-host politeness keys in Redis, and what it relies on (sorted-set ordering, SADD's answer,
MULTI/EXEC, memory use) is Redis's behaviour, which a fake would only imitate. So the tests and
``bench/cluster_memory.py`` start Debian's ``redis-server`` (``scripts/install-redis``) here, one per
use, with every file it writes in the caller's folder and persistence off, and stop it at the end,
even when the test fails. Nothing here needs redis-py: the readiness check and the shutdown speak
the Redis protocol over a plain socket, so a broken client library cannot hide a missing server.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

HOST = "127.0.0.1"
START_TIMEOUT = 10.0  # seconds for PING to answer after the process starts
STOP_TIMEOUT = 10.0
PORT_TRIES = 3  # a free port can be taken by someone else between choosing it and binding it


def redis_server_path() -> str | None:
    """The ``redis-server`` binary on PATH, or None when it is not installed."""
    return shutil.which("redis-server")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _command(port: int, timeout: float, *args: bytes) -> bytes:
    """Send one command in the Redis protocol (RESP) and return the first reply bytes."""
    request = b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(arg), arg) for arg in args)
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        sock.sendall(request)
        return sock.recv(1024)


def _log_tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log written)"


def _start(binary: str, folder: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [binary, "--port", str(port), "--bind", HOST, "--protected-mode", "yes",
         "--save", "", "--appendonly", "no", "--daemonize", "no",
         "--dir", str(folder), "--pidfile", str(folder / "redis.pid"), "--logfile", str(folder / "redis.log")],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )


def _wait_ready(process: subprocess.Popen, port: int, log: Path) -> bool:
    """True once PING answers PONG; False when the process exited (port taken?). Raises after
    ``START_TIMEOUT`` with the log's tail."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if _command(port, 1.0, b"PING").startswith(b"+PONG"):
                return True
        except OSError:
            pass
        time.sleep(0.05)
    _stop(process, port)
    raise RuntimeError(f"redis-server on port {port} did not answer PING within {START_TIMEOUT:.0f} s; "
                       f"the end of {log}:\n{_log_tail(log)}")


def _stop(process: subprocess.Popen, port: int) -> None:
    if process.poll() is None:
        try:
            _command(port, 2.0, b"SHUTDOWN", b"NOSAVE")  # the connection closes without a reply
        except OSError:
            pass
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def running_redis(folder: Path) -> Iterator[str]:
    """Start ``redis-server`` on a free 127.0.0.1 port with its pidfile and log in ``folder``
    (persistence off, protected mode on), yield its URL ``redis://127.0.0.1:PORT/0`` once PING
    answers, and shut it down (SHUTDOWN NOSAVE, else terminate) when the block ends, however it ends."""
    binary = redis_server_path()
    if binary is None:
        raise RuntimeError("redis-server is not installed: run scripts/install-redis")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "redis.log"
    for _ in range(PORT_TRIES):
        port = _free_port()
        process = _start(binary, folder, port)
        if _wait_ready(process, port, log):
            break
    else:
        raise RuntimeError(f"redis-server exited before answering PING ({PORT_TRIES} ports tried, "
                           f"exit status {process.returncode}); the end of {log}:\n{_log_tail(log)}")
    try:
        yield f"redis://{HOST}:{port}/0"
    finally:
        _stop(process, port)
