"""Reading ``forum-archiver eval``'s ground truth: where the pages are, which format, the URL and capture time to parse them with, and how gold authors, links and printed dates match ours."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .dates import parse_iso, parse_text_date
from .html_text import decode_body


DEFAULT_CAPTURE = datetime(2024, 6, 1, tzinfo=timezone.utc)
# Post ids in permalinks: IPS comment=N / comment-N, phpBB p=N / #pN, XenForo post-N, vBulletin postN, SMF msgN.
_POST_ID = re.compile(r"(?:comment[=-]|[?&#]p=?|post-?|msg)(\d+)", re.I)
_SESSION_PARAMS = {"s", "sid", "phpsessid"}  # per-visit ids forums put in links
_BASE_HREF = re.compile(r"<base\b[^>]*?\shref=[\"']([^\"']+)", re.I)
_HTML_LANG = re.compile(r"<html\b[^>]*?\slang=[\"']?([A-Za-z]{2,3})", re.I)


# --- Finding pages and reading gold ----------------------------------------------------------


def find_pages(root: Path) -> list[tuple[Path, Path]]:
    """(expected, html) pairs under ``root``, recursively; expected files without a page are skipped."""
    pairs = []
    for expected in sorted(root.rglob("*.expected.json")):
        html = expected.with_name(expected.name[: -len(".expected.json")] + ".html")
        if html.is_file():
            pairs.append((expected, html))
    return pairs


@dataclass
class BenchPage:
    """One page of a benchmark that keeps its gold for every page in one file, as
    scrapinghub/article-extraction-benchmark does: ``ground-truth.json`` maps a key to
    ``{"articleBody": ..., "url": ...}``, and the page is ``html/<key>.html.gz`` (or ``.html``)
    beside it. Such a page carries its gold record instead of an expected file; ``gold`` is
    ``{key: record}``, the shape of one news expected file, so the news scorer reads it as it is."""

    # "<folder under DIR (the folder's own name when it is DIR)>/<first 16 characters of the key>"
    name: str
    key: str
    gold: dict
    html: Path

    def body(self) -> bytes:
        data = self.html.read_bytes()
        return gzip.decompress(data) if self.html.suffix == ".gz" else data


BENCH_KEY_SHOWN = 16  # characters of a bench page's key in its report name: unique, and `ls html/<them>*` finds it


def find_bench_pages(root: Path) -> list[BenchPage]:
    """Pages of every benchmark layout under ``root`` (see :class:`BenchPage`), recursively; a
    ``ground-truth.json`` of another shape, or a key without its page, is skipped."""
    pages = []
    for truth in sorted(root.rglob("ground-truth.json")):
        folder = truth.parent
        if not (folder / "html").is_dir():
            continue
        try:
            data = json.loads(truth.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or not data or not all(
                isinstance(v, dict) and isinstance(v.get("articleBody"), str) for v in data.values()):
            continue
        where = folder.relative_to(root).as_posix()
        where = folder.resolve().name if where == "." else where  # DIR is the benchmark itself
        for key in sorted(data):
            html = next((folder / "html" / f"{key}{ext}" for ext in (".html.gz", ".html")
                         if (folder / "html" / f"{key}{ext}").is_file()), None)
            if html is not None:
                pages.append(BenchPage(f"{where}/{key[:BENCH_KEY_SHOWN]}", key, {key: data[key]}, html))
    return pages


def gold_format(data) -> str:
    """Which ground truth a parsed expected file holds; "unknown" for one no scorer reads.

    Per-post gold wins over page gold: hand annotations in the harvest shape also carry the
    page-level ``shipped_page_gold`` of the repository the page came from.
    """
    if isinstance(data, dict) and "gold_standard_annotation" in data:
        return "harvest"
    if isinstance(data, dict) and isinstance(data.get("ground_truth"), dict):
        return "tiptopjaw"
    if isinstance(data, dict) and isinstance(data.get("shipped_page_gold"), dict):
        return "trafilatura"  # trafilatura's evaldata.json; htmldate's date-only records share the shape
    if isinstance(data, dict) and data and all(isinstance(v, dict) for v in data.values()):
        return "news"  # fundus: {"V1_1": {...}}; article-extraction-benchmark: {"<hash>": {...}}
    return "unknown"


def news_record(data: dict) -> dict:
    return next(iter(data.values()))


def page_record(data: dict) -> dict | None:
    """The page-level gold in tiptopjaw's field names: tiptopjaw's ``ground_truth`` as it is,
    trafilatura's ``shipped_page_gold`` renamed (``date`` is ``publish_date``; no ``main_content``)."""
    if isinstance(data.get("ground_truth"), dict):
        return data["ground_truth"]
    shipped = data.get("shipped_page_gold")
    if not isinstance(shipped, dict):
        return None
    renamed = {"title": shipped.get("title"), "author": shipped.get("author"), "publish_date": shipped.get("date"),
               "with": shipped.get("with") or [], "without": shipped.get("without") or []}
    return {key: value for key, value in renamed.items() if value}


def page_url(data, fmt: str, html: Path, root: Path) -> str:
    """The URL the page was fetched from, for resolving its links; a stable placeholder if unknown."""
    if fmt == "harvest":
        url = data.get("source_url")
    elif fmt == "tiptopjaw":
        url = data.get("url")
    elif fmt == "trafilatura":
        url = data.get("source_url")
    elif fmt == "news":
        url = news_record(data).get("url")
    else:
        url = None
    return url or "file:///" + html.relative_to(root).as_posix()


def capture_time(data, fmt: str) -> datetime:
    """The fixed capture time given to the parser (see the module docstring)."""
    if fmt in ("tiptopjaw", "trafilatura"):
        stamp = page_record(data).get("publish_date")
    elif fmt == "news":
        stamp = news_record(data).get("publishing_date")
    else:
        stamp = None
    parsed = parse_iso(stamp) if isinstance(stamp, str) else None
    return parsed or DEFAULT_CAPTURE


# --- Matching helpers ------------------------------------------------------------------------


def post_id_in(link: str | None) -> str | None:
    match = _POST_ID.search(link or "")
    return match.group(1) if match else None


def normal_url(url: str | None, base: str) -> str | None:
    """An absolute URL without session parameters, fragment or trailing slash, lower-case host."""
    if not url:
        return None
    parts = urlsplit(urljoin(base, url.strip()))
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k.lower() not in _SESSION_PARAMS])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), query, ""))


def same_author(gold: str, author, base: str) -> bool:
    """Name (case-insensitive, a leading "+" badge tolerated) or profile URL."""
    gold = " ".join(gold.split())
    name = (author.name or "").casefold()
    if name and name in (gold.casefold(), gold.lstrip("+").casefold()):
        return True
    return bool(author.url) and normal_url(gold, base) == normal_url(author.url, base)


def document_base(body: bytes, url: str) -> str:
    """The address relative links on the page resolve against: its ``<base href>``, else its own URL.

    Gold annotations copy links as the page writes them (gtplanet: "members/khr1s.279499/").
    """
    match = _BASE_HREF.search(decode_body(body[:20000]))
    return urljoin(url, match.group(1).strip()) if match else url


def page_language(body: bytes) -> str | None:
    """The primary language subtag of ``<html lang>``: the language the page prints dates in."""
    match = _HTML_LANG.search(decode_body(body[:20000]))
    return match.group(1).lower() if match else None


def read_gold_date(text: str, base: datetime, language: str | None) -> datetime | None:
    """A printed gold date via :func:`parsers.dates.parse_text_date`, in the page's language first.

    dateparser reads "08.11.2009" day-first only when German is the sole language offered, so
    the page's language is tried alone before falling back to English.
    """
    if language and language != "en":
        parsed = parse_text_date(text, base, languages=[language])
        if parsed:
            return parsed
    return parse_text_date(text, base)


def within_a_day(ours: datetime | None, printed: date | None) -> bool:
    # Forums print local days; our times are UTC: a one-day difference is the time zone.
    return ours is not None and printed is not None and abs((ours.date() - printed).days) <= 1
