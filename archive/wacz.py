"""A WACZ package of the archive, or of some threads: ``forum-archiver wacz OUT.wacz``.

WACZ (https://specs.webrecorder.net/wacz/1.1.1/) is the one-file form of a web archive that
ReplayWeb.page opens, and that pywb replays (archive/pywb_replay.py): the WARC files, their CDXJ
index, a list of pages to start from, and a manifest with a hash of every file.

What goes in:

* ``archive/``: whole WARC files, as the crawls wrote them (records are not cut out of them, so
  each keeps its digests and the files stay the crawl's own evidence). Without a selection, every
  WARC file the ``captures`` table names. With one (``threads`` and/or ``where``), the files
  holding the selected threads' page captures (every capture of each thread-page URL, revisits and
  304s included), the files of the records those revisits refer to (which may be an earlier
  crawl's file), and the files holding captures of the posts' images and attachments. A file
  holds whatever else its crawl wrote too, so a selection may carry other pages along.
* ``indexes/index.cdx.gz`` + ``indexes/index.idx``: the CDXJ index of those files, in the
  compressed ZipNum form py-wacz writes (gzip blocks of sorted lines, and an index of the blocks),
  built by the same ``cdxj_indexer`` library py-wacz uses.
* ``pages/pages.jsonl``: one entry per thread page (the newest capture of each thread-page URL)
  and, without a selection, one per article, with the title and the text **from the database**
  (the posts of that page, in order; the article's text): the parsers' text, decoded from
  whatever charset the page had, rather than a re-extraction from the HTML.
* ``datapackage.json`` (Frictionless data package, WACZ 1.1.1) and ``datapackage-digest.json``.

The package is deterministic: the same archive and selection give the same bytes, except for the
``created`` time (which also changes the digest file). ZIP entry times are the newest page's
capture time, not the clock. WARC files and the gzip index are stored (not deflated) as the spec
asks, so a reader can seek into them with HTTP range requests.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from archive.cdxj import write_index

WACZ_VERSION = "1.1.1"
INDEX_BLOCK_LINES = 1024  # CDXJ lines per gzip block of index.cdx.gz, as py-wacz (and ArchiveWeb.page)
PAGE_SEPARATOR = "\n\n"  # between the posts' texts of one page in pages.jsonl
EPOCH = (1980, 1, 1, 0, 0, 0)  # ZIP's earliest time: the entry time of a package with no pages


class WaczError(Exception):
    """The package cannot be made (bad selection, missing WARC file); the message says why."""


@dataclass
class WaczSummary:
    """What a package holds, for the command's one-line report (and for tests)."""

    path: Path
    warc_files: list[str]
    thread_pages: int
    articles: int
    threads: int
    bytes: int = 0

    def render(self) -> str:
        return (f"wrote {self.path} ({self.bytes:,} bytes): {len(self.warc_files)} WARC file(s), "
                f"{self.thread_pages} thread page(s) of {self.threads} thread(s), {self.articles} article(s)")


def build_wacz(db_path: str | os.PathLike, warc_dir: str | os.PathLike, out: str | os.PathLike,
               threads: list[str] | None = None, where: str | None = None,
               created: datetime | None = None, title: str | None = None) -> WaczSummary:
    """Write the WACZ package of the archive at ``db_path`` (WARCs in ``warc_dir``) to ``out``.

    :param threads: thread ids to package (``threads.id``)
    :param where: an SQL condition over the ``threads`` table choosing threads to package; with
        ``threads`` too, the threads named or matching. With neither, the whole archive.
    :param created: the package's ``created`` time (default now): the only field that differs
        between two packages of the same archive
    :raises WaczError: unknown threads, a bad condition, nothing to package, or a WARC file the
        database names missing from ``warc_dir``
    """
    out, warc_dir = Path(out), Path(warc_dir)
    db = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        selected = _selected_threads(db, threads, where)
        files = _warc_files(db, selected)
        pages = _thread_pages(db, selected)
        thread_count = len(selected) if selected is not None else db.execute("select count(*) from threads").fetchone()[0]
        articles = _article_pages(db) if selected is None else []
    finally:
        db.close()
    if not files:
        raise WaczError("nothing to package: the archive has no captures" if selected is None
                        else "the selected threads have no captures")
    missing = [name for name in files if not (warc_dir / name).is_file()]
    if missing:
        raise WaczError(f"WARC file(s) named by the database are not in {warc_dir}: {', '.join(missing)}")
    entries = pages + articles
    if title is None:
        title = _default_title(pages, articles, thread_count, selected)
    created = created or datetime.now(timezone.utc)
    newest = max((entry["ts"] for entry in entries), default=None)
    stamp = _zip_time(newest)

    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    resources: list[dict] = []
    try:
        with zipfile.ZipFile(partial, "w", allowZip64=True) as package:
            for name in files:
                resources.append(_write_file(package, f"archive/{name}", warc_dir / name, stamp))
            cdx_gz, idx = _index(warc_dir, files)
            resources.append(_write_bytes(package, "indexes/index.cdx.gz", cdx_gz, stamp, zipfile.ZIP_STORED))
            resources.append(_write_bytes(package, "indexes/index.idx", idx, stamp))
            resources.append(_write_bytes(package, "pages/pages.jsonl", _pages_jsonl(entries, title), stamp))
            datapackage = _datapackage(resources, title, created, pages if len(selected or ()) == 1 else [])
            _write_bytes(package, "datapackage.json", datapackage, stamp)
            digest = {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(datapackage).hexdigest()}
            _write_bytes(package, "datapackage-digest.json", _json_bytes(digest), stamp)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return WaczSummary(out, files, len(pages), len(articles), thread_count, out.stat().st_size)


def _selected_threads(db: sqlite3.Connection, threads: list[str] | None, where: str | None) -> list[str] | None:
    """The ids of the threads chosen, or None for the whole archive."""
    if not threads and not where:
        return None
    chosen: list[str] = []
    if threads:
        known = {row[0] for row in db.execute(
            f"select id from threads where id in ({','.join('?' * len(threads))})", threads)}
        unknown = [t for t in threads if t not in known]
        if unknown:
            raise WaczError(f"no such thread(s) in the archive: {', '.join(unknown)}")
        chosen.extend(threads)
    if where:
        try:
            chosen.extend(row[0] for row in db.execute(f"select id from threads where ({where}) order by id"))
        except sqlite3.Error as exc:
            raise WaczError(f"bad --where condition {where!r}: {exc}") from exc
    chosen = sorted(set(chosen))
    if not chosen:
        raise WaczError(f"no thread matches --where {where!r}")
    return chosen


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def _warc_files(db: sqlite3.Connection, selected: list[str] | None) -> list[str]:
    """The WARC file names to package, sorted."""
    if selected is None:
        return sorted(row[0] for row in db.execute(
            "select distinct warc_file from captures where warc_file is not null"))
    urls = {row[0] for row in db.execute(
        f"select distinct url from captures where kind = 'thread_page' and thread_id in ({_in(selected)})", selected)}
    for row in db.execute(f"select images, attachments from posts where thread_id in ({_in(selected)})", selected):
        for column in row:
            urls.update(_listed_urls(column))
    captures: dict[str, tuple[str | None, str | None]] = {}  # id -> (warc_file, refers_to)
    ordered = sorted(urls)
    for start in range(0, len(ordered), 500):  # SQLite's bound-parameter limit
        chunk = ordered[start:start + 500]
        for row in db.execute(f"select id, warc_file, refers_to from captures where url in ({_in(chunk)})", chunk):
            captures[row["id"]] = (row["warc_file"], row["refers_to"])
    # A revisit has no payload of its own: the record it refers to (and what that one refers to).
    pending = [refers for _, refers in captures.values() if refers and refers not in captures]
    while pending:
        capture_id = pending.pop()
        if capture_id in captures:
            continue
        row = db.execute("select warc_file, refers_to from captures where id = ?", (capture_id,)).fetchone()
        captures[capture_id] = (row["warc_file"], row["refers_to"]) if row else (None, None)
        if row and row["refers_to"] and row["refers_to"] not in captures:
            pending.append(row["refers_to"])
    return sorted({warc for warc, _ in captures.values() if warc})


def _listed_urls(column: str | None) -> list[str]:
    """The ``url`` of each item of a posts.images / posts.attachments JSON list."""
    if not column:
        return []
    try:
        items = json.loads(column)
    except ValueError:
        return []
    return [item["url"] for item in items if isinstance(item, dict) and isinstance(item.get("url"), str)] \
        if isinstance(items, list) else []


def _iso(captured_at: str) -> str:
    """A capture time as RFC 3339 UTC with a Z, as the WARC-Date it came from."""
    moment = datetime.fromisoformat(captured_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S" + (".%f" if moment.microsecond else "") + "Z")


def _page_id(kind: str, key: str) -> str:
    """A short id that stays the same from one package of the archive to the next."""
    return hashlib.sha256(f"{kind}\n{key}".encode()).hexdigest()[:16]


def _thread_pages(db: sqlite3.Connection, selected: list[str] | None) -> list[dict]:
    """One pages.jsonl entry per thread-page URL: its newest ``thread_page`` capture."""
    scope, params = ("", []) if selected is None else (f"and c.thread_id in ({_in(selected)})", selected)
    rows = db.execute(f"""
        select c.url, c.thread_id, c.page, c.captured_at, t.title
        from captures c left join threads t on t.id = c.thread_id
        where c.kind = 'thread_page' {scope}
          and c.captured_at = (select max(captured_at) from captures n
                               where n.url = c.url and n.kind = 'thread_page')
        group by c.url
        order by c.thread_id, c.page, c.url""", params).fetchall()
    entries = []
    for row in rows:
        texts = [text for (text,) in db.execute(
            "select text from posts where thread_id = ? and page = ? and deleted_at is null "
            "order by position_on_page, position", (row["thread_id"], row["page"])) if text]
        page = row["page"] or 1
        title = row["title"] or row["url"]
        entry = {"id": _page_id("thread-page", row["url"]), "url": row["url"], "ts": _iso(row["captured_at"]),
                 "title": title if page == 1 else f"{title} — page {page}"}
        if texts:
            entry["text"] = PAGE_SEPARATOR.join(texts)
        entries.append(entry)
    return entries


def _article_pages(db: sqlite3.Connection) -> list[dict]:
    """One pages.jsonl entry per article, at the capture it was read from (else its newest).

    An article appended to another's page by infinite scroll opens that page: its URL is the
    capture's, where the article's own URL was never fetched."""
    rows = db.execute("""
        select a.id, a.title, a.text, c.url, c.captured_at
        from articles a
        join article_captures ac on ac.article_id = a.id
        join captures c on c.id = ac.capture_id
        order by a.id, (c.id = a.capture_id) desc, ac.main desc, c.captured_at desc, c.id""").fetchall()
    entries, seen = [], set()
    for row in rows:
        if row["id"] in seen:
            continue
        seen.add(row["id"])
        entry = {"id": _page_id("article", row["id"]), "url": row["url"], "ts": _iso(row["captured_at"]),
                 "title": row["title"] or row["url"]}
        if row["text"]:
            entry["text"] = row["text"]
        entries.append(entry)
    return sorted(entries, key=lambda e: (e["ts"], e["url"], e["id"]))


def _default_title(pages: list[dict], articles: list[dict], threads: int, selected: list[str] | None) -> str:
    if selected is not None and len(selected) == 1 and pages:
        return pages[0]["title"]
    return f"forum-archiver: {threads} thread(s), {len(pages)} thread page(s), {len(articles)} article(s)"


def _zip_time(newest: str | None) -> tuple:
    if newest is None:
        return EPOCH
    moment = datetime.fromisoformat(newest.replace("Z", "+00:00"))
    return max(EPOCH, moment.timetuple()[:6])


def _info(name: str, stamp: tuple, compress_type: int) -> zipfile.ZipInfo:
    """A ZIP entry whose header depends on nothing but its name, time and compression."""
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = compress_type
    info.create_system = 3  # Unix, on every platform
    info.external_attr = 0o644 << 16
    return info


def _write_file(package: zipfile.ZipFile, name: str, path: Path, stamp: tuple) -> dict:
    """Store ``path`` as ``name`` (uncompressed: WARCs are gzip already, and must stay seekable)."""
    info = _info(name, stamp, zipfile.ZIP_STORED)
    info.file_size = path.stat().st_size  # lets zipfile choose ZIP64 up front for big WARCs
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as src, package.open(info, "w") as dst:
        while chunk := src.read(1 << 20):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    return _resource(name, digest.hexdigest(), size)


def _write_bytes(package: zipfile.ZipFile, name: str, data: bytes, stamp: tuple,
                 compress_type: int = zipfile.ZIP_DEFLATED) -> dict:
    package.writestr(_info(name, stamp, compress_type), data)
    return _resource(name, hashlib.sha256(data).hexdigest(), len(data))


def _resource(path: str, sha256: str, size: int) -> dict:
    # Frictionless resource names are lower case letters, digits and -._/ only.
    name = "".join(c if c.isascii() and (c.isalnum() or c in "-._") else "-" for c in path.rsplit("/", 1)[-1].lower())
    return {"name": name, "path": path, "hash": f"sha256:{sha256}", "bytes": size}


def _index(warc_dir: Path, files: list[str]) -> tuple[bytes, bytes]:
    """``index.cdx.gz`` and ``index.idx`` of the WARC files, in py-wacz's ZipNum form.

    The sorted CDXJ lines (archive/cdxj.py) are cut in blocks of :data:`INDEX_BLOCK_LINES`, each block a gzip member
    of ``index.cdx.gz``; ``index.idx`` has a ``!meta`` line, then per block its first key with its
    offset, length and sha256. gzip members made by zlib carry no time, so the bytes are stable.
    """
    from cdxj_indexer.main import CompressedWriter

    idx, blocks = io.StringIO(), io.BytesIO()
    writer = CompressedWriter(idx, data_out=blocks, num_lines=INDEX_BLOCK_LINES, data_out_name="index.cdx.gz",
                              digest_records=True)
    with tempfile.TemporaryDirectory(prefix="forum-archiver-wacz-") as scratch:
        cdxj = Path(scratch) / "index.cdxj"
        write_index([warc_dir / name for name in files], cdxj, digest_records=True)
        with open(cdxj, encoding="utf-8") as lines:
            for line in lines:
                writer.write(line)
    if writer.block:  # the last, partial block (an empty one would be a block with no lines)
        writer.flush()
    return blocks.getvalue(), idx.getvalue().encode("utf-8")


def _json_bytes(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


def _pages_jsonl(entries: list[dict], title: str) -> bytes:
    header = {"format": "json-pages-1.0", "id": "pages", "title": title}
    if any("text" in entry for entry in entries):
        header["hasText"] = True  # ReplayWeb.page then searches the pages' text
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in [header, *entries]).encode("utf-8")


def _datapackage(resources: list[dict], title: str, created: datetime, main_pages: list[dict]) -> bytes:
    try:
        from importlib.metadata import version

        software = f"forum-archiver {version('forum-archiver')}"
    except Exception:  # not installed (run from a checkout): the name alone
        software = "forum-archiver"
    if created.tzinfo is None:
        created = created.replace(tzinfo=timezone.utc)
    package = {"profile": "data-package", "wacz_version": WACZ_VERSION, "title": title,
               "created": created.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "software": software, "resources": resources}
    if main_pages:  # one thread: ReplayWeb.page opens its first page
        package["mainPageURL"] = main_pages[0]["url"]
        package["mainPageDate"] = main_pages[0]["ts"]
    return _json_bytes(package)


def read_pages(wacz: str | os.PathLike) -> list[dict]:
    """The entries of a package's ``pages/pages.jsonl``, header first (for checks and tests)."""
    with zipfile.ZipFile(wacz) as package:
        text = package.read("pages/pages.jsonl").decode("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]

