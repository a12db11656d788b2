"""The demo offline says nothing it should not: no tldextract tracebacks for the public suffix list.

Scrapy's cookies middleware splits domains with tldextract, which downloads the public suffix list
on first use and logs a traceback for each URL it cannot reach. ``crawler/settings.py`` points it
at its bundled snapshot instead; this runs the demo with the network shut for that download.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.fixture
def closed_proxy():
    """``http://127.0.0.1:PORT`` where nothing listens: a port bound, never listened on."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def offline_env(proxy: str, tldextract_cache) -> dict[str, str]:
    """HTTPS (how the public suffix list is fetched) through a proxy refusing every connection, and
    an empty tldextract cache, so a fetch would be tried and would fail. The loopback crawl is plain
    HTTP, so it is unaffected."""
    env = {name: value for name, value in os.environ.items()
           if name.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
           and name != "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"}
    return {**env, "HTTPS_PROXY": proxy, "https_proxy": proxy, "TLDEXTRACT_CACHE": str(tldextract_cache)}


def test_demo_offline_prints_no_traceback(tmp_path, closed_proxy):
    out = tmp_path / "demo"
    done = subprocess.run([sys.executable, "-m", "crawler", "demo", "--out", str(out)], cwd=ROOT,
                          env=offline_env(closed_proxy, tmp_path / "tldextract-cache"),
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "posts:     13" in done.stdout
    for stream in (done.stdout, done.stderr):
        assert "Traceback" not in stream, stream[:3000]
        assert "Public Suffix List" not in stream, stream[:3000]
    # Nothing is logged at WARNING (the demo's log level) by a clean offline run.
    assert done.stderr == "", done.stderr[:3000]
