"""What scripts/setup installs beside the venv is there: the replay tests skip without it and the
cluster tests cannot start their Redis, and these tests make such a run fail instead of passing on
skips (scripts/install-replay, install-replayweb, install-redis)."""

from __future__ import annotations

from conftest import ROOT


def test_pywb_and_py_wacz_are_installed_in_their_own_venv():
    for tool in ("wayback", "wacz"):
        assert (ROOT / ".venv-replay" / "bin" / tool).exists(), f"{tool} missing: run scripts/install-replay"


def test_replaywebpage_is_installed():
    assert (ROOT / ".replayweb" / "ui.js").exists() and (ROOT / ".replayweb" / "sw.js").exists(), \
        "ReplayWeb.page missing: run scripts/install-replayweb"


def test_redis_server_is_installed_and_starts(tmp_path):
    """The cluster tests start their own redis-server (tests/redis_server.py); without it they fail."""
    import socket
    from urllib.parse import urlsplit

    from redis_server import redis_server_path, running_redis

    assert redis_server_path(), "redis-server missing: run scripts/install-redis"

    def ask(port: int, *args: bytes) -> bytes:  # one command in the Redis protocol, no client library
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args))
            return sock.recv(1024)

    with running_redis(tmp_path / "redis") as url:
        place = urlsplit(url)
        assert (place.scheme, place.hostname, place.path) == ("redis", "127.0.0.1", "/0")
        assert ask(place.port, b"PING") == b"+PONG\r\n"
        assert ask(place.port, b"SET", b"forum-archiver:check", b"\x00raw bytes") == b"+OK\r\n"
        assert ask(place.port, b"GET", b"forum-archiver:check") == b"$10\r\n\x00raw bytes\r\n"
        assert (tmp_path / "redis" / "redis.pid").exists()
    try:
        ask(place.port, b"PING")
    except OSError:
        pass
    else:
        raise AssertionError("redis-server still answers after the block ended")
