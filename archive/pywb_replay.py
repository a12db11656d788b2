"""Replaying the archive as the original pages, in a real pywb (``forum-archiver serve --replay``).

The thread reader shows what the parsers read; pywb shows the page as the forum served it, from
the WARC records themselves. pywb is not a dependency of this package: it pins redis and werkzeug
versions that would fight the crawler's own, so it lives in a virtualenv of its own
(``scripts/install-replay`` makes ``.venv-replay``), and this module runs its ``wayback`` command as
a separate process. :func:`find_wayback` says where that command is looked for.

What is served, and how:

* a folder of WARC files, read **in place** (the collection's ``archive_paths`` is the folder: no
  WARC is copied), or a single WARC file, or a WACZ package (``forum-archiver wacz``), whose WARCs
  are unpacked into the working folder and whose own CDXJ index is used, so replaying a WACZ in
  pywb also checks the index the package carries.
* The index of a WARC folder is built here with the ``cdxj_indexer`` library, in this process,
  rather than by pywb's own indexer (``wb-manager``/``cdx-indexer``) run from ``.venv-replay``:
  it is the indexer py-wacz uses for WACZ packages (archive/wacz.py uses it too), so the folder
  and the package are indexed alike, and building the working folder needs nothing from
  ``.venv-replay`` besides the ``wayback`` command itself.
* pywb's working folder (a temporary one, or one given) holds a ``config.yaml`` with one fixed
  collection, ``archive``, and nothing that reaches the network: no ``live`` collection, no
  proxy, no recorder, no automatic collections; a URL the archive lacks is a 404, never fetched.
  ``PYWB_CONFIG_FILE`` is removed from the server's environment, since pywb would read that file
  instead of ours.
* ``wayback`` listens on 127.0.0.1 (by default) on a free port, and :func:`start_replay` returns
  once it answers.

Replay URLs are ``<base><14-digit UTC timestamp>/<url>`` (rewritten for the browser, with pywb's
banner) or ``<base><timestamp>id_/<url>`` (the archived bytes as they were): :func:`replay_url`.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from archive.cdxj import write_index

COLLECTION = "archive"
ENV_VAR = "FORUM_ARCHIVER_PYWB"
# Where scripts/install-replay puts pywb when this module runs from a checkout.
CHECKOUT_WAYBACK = Path(__file__).resolve().parents[1] / ".venv-replay" / "bin" / "wayback"
WARC_SUFFIXES = (".warc", ".warc.gz")
INSTALL_HINT = ("run scripts/install-replay (it makes .venv-replay), or `pip install pywb` in a virtualenv "
                f"of its own (pywb's pinned redis and werkzeug clash with this package's) and point "
                f"{ENV_VAR} at its bin/wayback")


class PywbNotFound(RuntimeError):
    """pywb's ``wayback`` command is nowhere to be found; the message says how to install it."""


class PywbError(RuntimeError):
    """pywb could not be set up or did not start (bad source, exited, did not answer)."""


def find_wayback(explicit: str | os.PathLike | None = None) -> Path:
    """The ``wayback`` executable to run.

    Looked for, in order: ``explicit``, the ``FORUM_ARCHIVER_PYWB`` environment variable, ``wayback``
    on ``PATH``, then ``.venv-replay/bin/wayback`` of the checkout this module runs from. An
    explicit path or variable that names no executable is an error rather than a reason to look
    further: silently running another pywb than the one asked for would hide the mistake.
    """
    for given, origin in ((explicit, "the path given"), (os.environ.get(ENV_VAR) or None, ENV_VAR)):
        if given is None:
            continue
        path = Path(given)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise PywbNotFound(f"pywb's wayback command is not at {path} ({origin}): {INSTALL_HINT}")
    on_path = shutil.which("wayback")
    if on_path:
        return Path(on_path)
    if CHECKOUT_WAYBACK.is_file() and os.access(CHECKOUT_WAYBACK, os.X_OK):
        return CHECKOUT_WAYBACK
    raise PywbNotFound(f"pywb's wayback command was not found (not in {ENV_VAR}, not on PATH, "
                       f"not in .venv-replay): {INSTALL_HINT}")


def replay_url(base: str, url: str, captured_at: datetime, raw: bool = False) -> str:
    """The pywb address of ``url`` as captured at ``captured_at``.

    ``raw`` asks for the archived bytes unchanged (pywb's ``id_`` modifier) instead of the page
    rewritten to load its links and pictures from the archive. The timestamp is the capture time in
    UTC to the second, as pywb's index has it; a naive ``captured_at`` is taken as UTC, the zone
    WARC dates and the database's capture times are in.
    """
    if captured_at.tzinfo is None:
        captured_at = captured_at.replace(tzinfo=timezone.utc)
    stamp = captured_at.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")
    return f"{base if base.endswith('/') else base + '/'}{stamp}{'id_' if raw else ''}/{url}"


def index_warcs(warcs: list[Path], root: Path, out: Path) -> None:
    """Write the sorted CDXJ index of ``warcs`` to ``out``, their ``filename`` relative to ``root``
    (archive/cdxj.py: a 304 with a replay copy is left to its copy)."""
    write_index(warcs, out, dir_root=str(root))


def prepare(source: str | os.PathLike, workdir: str | os.PathLike, framed: bool = False) -> Path:
    """Make ``workdir`` a pywb working folder serving ``source`` as the ``archive`` collection.

    :param source: a folder of WARC files (read in place), one WARC file, or a ``.wacz`` package
    :param framed: pywb's framed replay (its own top bar around the page) instead of the page
        itself with a banner; off by default, so a replay URL answers with the archived page
    :return: the ``config.yaml`` written
    """
    source, workdir = Path(source).resolve(), Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    index = workdir / "index.cdxj"
    if source.is_dir():
        warcs = [p for p in source.rglob("*") if p.is_file() and p.name.endswith(WARC_SUFFIXES)]
        if not warcs:
            raise PywbError(f"no WARC files (*.warc.gz, *.warc) in {source}")
        index_warcs(warcs, source, index)
        archive_dir = source
    elif source.is_file() and source.name.endswith(".wacz"):
        archive_dir = workdir / "wacz-archive"
        _unpack_wacz(source, archive_dir, index)
    elif source.is_file() and source.name.endswith(WARC_SUFFIXES):
        index_warcs([source], source.parent, index)
        archive_dir = source.parent
    else:
        raise PywbError(f"not a WARC folder, WARC file or .wacz: {source}")
    config = {
        # Automatic collections (every folder of collections_root) are off: one fixed collection.
        "collections_root": str(workdir / "collections"),
        "enable_auto_colls": False,
        "framed_replay": framed,
        "collections": {COLLECTION: {"index_paths": str(index), "archive_paths": str(archive_dir) + os.sep}},
    }
    assert_offline(config)
    path = workdir / "config.yaml"
    # JSON is YAML: no YAML writer needed in this package.
    path.write_text("# pywb configuration written by forum-archiver (archive/pywb_replay.py)\n"
                    + json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return path


def assert_offline(config: dict) -> None:
    """Refuse a configuration with which pywb could fetch from the live web."""
    if any(key in config for key in ("proxy", "recorder", "live")) or config.get("enable_auto_colls", True):
        raise PywbError("the pywb configuration must not enable a proxy, a recorder or automatic collections")
    for name, collection in config.get("collections", {}).items():
        index = collection.get("index_paths", collection.get("index")) if isinstance(collection, dict) else collection
        if name == "live" or not isinstance(index, str) or index in ("$live", "live") or "://" in index:
            raise PywbError(f"collection {name!r} is not a local index: {index!r}")


def _unpack_wacz(wacz: Path, archive_dir: Path, index: Path) -> None:
    """Extract the WARCs of ``wacz`` into ``archive_dir`` and its CDXJ index into ``index``.

    Only plain file names under ``archive/`` are extracted (no ``..``, no sub-folders), so a crafted
    package cannot write outside the working folder. Index lines are the package's own (``.cdx``,
    ``.cdxj``, or gzip ones: a ZipNum ``index.cdx.gz`` is gzip members one after another), sorted
    again once merged; a package with no index is indexed here.
    """
    archive_dir.mkdir(parents=True, exist_ok=True)
    lines: list[bytes] = []
    warcs: list[Path] = []
    try:
        with zipfile.ZipFile(wacz) as package:
            for member in package.infolist():
                path = PurePosixPath(member.filename)
                if path.parent == PurePosixPath("archive") and path.name.endswith(WARC_SUFFIXES) \
                        and not path.name.startswith("."):
                    target = archive_dir / path.name
                    with package.open(member) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
                    warcs.append(target)
                elif path.parent == PurePosixPath("indexes") and path.suffix in (".cdx", ".cdxj", ".gz"):
                    data = package.read(member)
                    if path.suffix == ".gz":
                        data = gzip.decompress(data)
                    lines.extend(line for line in data.splitlines(keepends=True)
                                 if line.strip() and not line.startswith((b"!", b" CDX")))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise PywbError(f"unreadable WACZ {wacz}: {exc}") from exc
    if not warcs:
        raise PywbError(f"no WARC files under archive/ in {wacz}")
    if lines:
        index.write_bytes(b"".join(sorted(line if line.endswith(b"\n") else line + b"\n" for line in lines)))
    else:
        index_warcs(warcs, archive_dir, index)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class PywbReplay:
    """A running ``wayback`` over one archive: ``url`` is the collection's base address.

    Stop it with :meth:`stop`, or use it as a context manager. A temporary working folder made
    for it is removed when it stops.
    """

    def __init__(self, process: subprocess.Popen, host: str, port: int, workdir: Path, owns_workdir: bool,
                 log) -> None:
        self.process, self.host, self.port, self.workdir = process, host, port, workdir
        self._owns_workdir, self._log = owns_workdir, log
        self.url = f"http://{host}:{port}/{COLLECTION}/"

    def replay_url(self, url: str, captured_at: datetime, raw: bool = False) -> str:
        return replay_url(self.url, url, captured_at, raw)

    def log_tail(self, size: int = 3000) -> str:
        try:
            return (self.workdir / "wayback.log").read_text(encoding="utf-8", errors="replace")[-size:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()
        if self._owns_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> PywbReplay:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def die_with_parent() -> None:
    """In the pywb child, before it runs: on Linux, ask for SIGTERM when the process that started
    it dies, so a server killed outright (SIGKILL, a crash) leaves no pywb behind on its port."""
    import ctypes
    import signal

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_replay(source: str | os.PathLike, workdir: str | os.PathLike | None = None, port: int | None = None,
                 host: str = "127.0.0.1", wayback: str | os.PathLike | None = None, framed: bool = False,
                 timeout: float = 60.0) -> PywbReplay:
    """Start pywb over ``source`` (a WARC folder, a WARC file or a WACZ) and wait until it answers.

    :param workdir: pywb's working folder (kept); default a temporary one, removed at stop
    :param port: default a free port
    :param wayback: the ``wayback`` executable (default: :func:`find_wayback`)
    :raises PywbNotFound: no pywb
    :raises PywbError: the source is unusable, or pywb exited or did not answer within ``timeout`` s
    """
    executable = find_wayback(wayback)
    owns = workdir is None
    work = Path(tempfile.mkdtemp(prefix="forum-archiver-pywb-") if owns else workdir).resolve()
    try:
        prepare(source, work, framed=framed)
        port = port or free_port(host)
        env = {k: v for k, v in os.environ.items()
               # pywb would read PYWB_CONFIG_FILE instead of our config.yaml; PYTHONPATH/PYTHONHOME
               # would mix this interpreter's packages into .venv-replay's.
               if k not in ("PYWB_CONFIG_FILE", "PYTHONPATH", "PYTHONHOME")}
        log = open(work / "wayback.log", "wb")
        process = subprocess.Popen([str(executable), "--bind", host, "--port", str(port)], cwd=work, env=env,
                                   preexec_fn=die_with_parent if sys.platform.startswith("linux") else None,
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    except BaseException:
        if owns:
            shutil.rmtree(work, ignore_errors=True)
        raise
    replay = PywbReplay(process, host, port, work, owns, log)
    # Straight to the loopback server, whatever proxy the environment names.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    probe = replay.url.replace("://0.0.0.0:", "://127.0.0.1:")
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            tail = replay.log_tail()
            replay.stop()
            raise PywbError(f"pywb's wayback exited with status {process.returncode}:\n{tail}")
        try:
            with opener.open(probe, timeout=2) as answer:
                if answer.status == 200:
                    return replay
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            tail = replay.log_tail()
            replay.stop()
            raise PywbError(f"pywb did not answer {replay.url} within {timeout:g} s:\n{tail}")
        time.sleep(0.2)
