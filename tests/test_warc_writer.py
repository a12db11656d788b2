"""archive.warc_writer: record layout, digests and rotation, with a pinned clock and pinned IDs."""

from __future__ import annotations

import gzip
import itertools
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone

from warcio.archiveiterator import ArchiveIterator

from archive.warc_writer import Exchange, RotatingWarcWriter


def pinned_writer(folder, **kwargs) -> RotatingWarcWriter:
    ticks = itertools.count()
    start = datetime(2026, 11, 21, 12, 0, 0, tzinfo=timezone.utc)
    ids = (f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>" for n in itertools.count(1))
    return RotatingWarcWriter(folder, "test", clock=lambda: start + timedelta(seconds=next(ticks)),
                              make_id=lambda: next(ids), **kwargs)


def exchange(n: int = 0, body: bytes = b"<html>hello</html>") -> Exchange:
    return Exchange(
        url=f"http://127.0.0.1:8080/topic/1-x/?page={n}&sort=asc",
        method="GET",
        request_headers=[("Host", "127.0.0.1:8080"), ("Accept-Encoding", "gzip, deflate")],
        request_body=b"",
        status=404 if n == 99 else 200,
        reason="Not Found" if n == 99 else "OK",
        protocol="HTTP/1.1",
        response_headers=[("Content-Type", "text/html"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"),
                          ("Transfer-Encoding", "chunked")],
        response_body=body,
        ip_address="127.0.0.1",
    )


def records(path):
    with open(path, "rb") as fh:
        return [(r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
                for r in ArchiveIterator(fh, check_digests=True)]


def test_exchange_is_a_request_and_response_pair_after_warcinfo(tmp_path):
    writer = pinned_writer(tmp_path)
    written = writer.write_exchange(exchange(1))
    writer.close()
    (path,) = writer.files
    assert re.fullmatch(r"test-20261121120000-[0-9a-f]{8}-00000\.warc\.gz", path.name)
    recs = records(path)
    assert [r[0] for r in recs] == ["warcinfo", "response", "request"]
    _, response_headers, response_http, body = recs[1]
    _, request_headers, request_http, _ = recs[2]
    assert response_headers.protocol == "WARC/1.1"
    assert request_headers.get_header("WARC-Concurrent-To") == response_headers.get_header("WARC-Record-ID")
    assert response_headers.get_header("WARC-Record-ID") == written.record_id
    assert response_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert response_headers.get_header("WARC-Date") == "2026-11-21T12:00:02.000000Z"  # ticks: start, warcinfo, exchange
    assert response_headers.get_header("WARC-Payload-Digest", "").startswith("sha1:")
    assert response_headers.get_header("WARC-Block-Digest", "").startswith("sha1:")
    assert response_http.protocol == "HTTP/1.1" and response_http.statusline == "200 OK"
    assert [v for k, v in response_http.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    # The body Scrapy hands over is no longer chunked, so the header is kept under another name.
    assert response_http.get_header("Transfer-Encoding") is None
    assert response_http.get_header("X-Archive-Orig-Transfer-Encoding") == "chunked"
    assert body == b"<html>hello</html>"
    # warcio splits a request line into method ("protocol") and the rest.
    assert (request_http.protocol, request_http.statusline) == ("GET", "/topic/1-x/?page=1&sort=asc HTTP/1.1")
    assert request_http.get_header("Host") == "127.0.0.1:8080"


def test_offsets_point_at_the_response_record(tmp_path):
    writer = pinned_writer(tmp_path)
    written = [writer.write_exchange(exchange(n)) for n in range(3)]
    writer.close()
    data = writer.files[0].read_bytes()
    for item in written:
        member = gzip.decompress(data[item.offset:item.offset + item.length])
        assert member.startswith(b"WARC/1.1\r\n")
        assert f"WARC-Record-ID: {item.record_id}".encode() in member
        assert b"WARC-Type: response" in member


def test_each_record_is_its_own_gzip_member(tmp_path):
    writer = pinned_writer(tmp_path)
    writer.write_exchange(exchange(1))
    writer.close()
    data = writer.files[0].read_bytes()
    assert data.count(b"\x1f\x8b\x08") >= 3  # warcinfo, response, request


def test_rotation_never_splits_a_pair_and_every_file_starts_with_warcinfo(tmp_path):
    writer = pinned_writer(tmp_path, max_size=1500)
    for n in range(6):
        writer.write_exchange(exchange(n, body=bytes(range(256)) * 8))
    writer.close()
    assert len(writer.files) >= 3
    names = [p.name for p in writer.files]
    assert names == sorted(names) and names[1].endswith("-00001.warc.gz")
    total_pairs = 0
    for path in writer.files:
        kinds = [r[0] for r in records(path)]
        assert kinds[0] == "warcinfo"
        assert kinds[1:] == ["response", "request"] * ((len(kinds) - 1) // 2)
        total_pairs += (len(kinds) - 1) // 2
    assert total_pairs == 6


def test_warcio_check_accepts_the_files(tmp_path):
    writer = pinned_writer(tmp_path)
    writer.write_exchange(exchange(1))
    writer.write_exchange(exchange(99, body=b""))
    writer.close()
    done = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *map(str, writer.files)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_warcinfo_carries_the_forced_parser_and_outlets_to_the_reader(tmp_path):
    from archive.warc_reader import iter_responses

    writer = pinned_writer(tmp_path, warcinfo={"parser": "news", "news-outlets": "Baghdad Post; Al Mada"})
    writer.write_exchange(exchange(1))
    writer.close()
    (response,) = list(iter_responses(writer.files[0]))
    assert (response.engine, response.outlets) == ("news", ("Baghdad Post", "Al Mada"))
    assert response.url.endswith("?page=1&sort=asc") and response.status == 200
