"""Does the article go on at other addresses: an article split into pages ("【1】【2】【3】", "1 2 3
Next")?

Why: a news article printed over several pages is read from the page fetched, its first, and the
rest of its words are at the other pages' addresses, which the news spider does not follow. Read
as one article, it was a silent loss: three quarters of a People's Daily article gone, the page
stored as if whole. The page's errors now say how many pages the article has and where the next
one is.

A page of the article is an address made from the article's own by the forms CMSs use for the
pages of one article: ``NAME-2.html`` / ``NAME_2.html`` (Chinese portals' CMSs), ``NAME/2/``
(WordPress's paginated posts), ``?page=2`` / ``&page=2``. It counts only when the page links it
as a page: the link's words are its number ("2", "【2】", "[2]", "Page 2") or "next" in a
language a site prints it (so a related article whose address happens to end in "-2" is none).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from ..urls import urljoin, urlsplit

# The words of a link to another page of the article: its number, bracketed or not, or "next".
_PAGE_WORDS = re.compile(r"\s*(?:page\s*)?[\[【(]?\s*(?P<number>\d{1,2})\s*[\]】)]?\s*", re.I)
_NEXT_WORDS = re.compile(r"\s*(?:next(?:\s+page)?|下一页|下页|下一頁|次へ|次のページ|다음|suivant|weiter|siguiente|التالي"
                         r"|sonraki|далее|следующая)\s*[>»›]*\s*", re.I)
# The path's last segment with a page number: "c1013-31153719-2.html", "story_3.shtml".
_NUMBERED_FILE = re.compile(r"(?P<stem>.+?)[-_](?P<number>\d{1,2})(?P<ext>\.[a-z]{2,5})$", re.I)
_FILE = re.compile(r"(?P<stem>.+?)(?P<ext>\.[a-z]{2,5})$", re.I)
_MAX_PAGES = 50


def article_pages(root, url: str) -> list[str]:
    """The addresses of the article's other pages the page links as pages, in page order (the
    page's own address left out); empty for an article of one page."""
    first = _first_page(url)
    found: dict[int, str] = {}
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        words = " ".join("".join(anchor.itertext()).split())
        named = _PAGE_WORDS.fullmatch(words)
        if named is None and not (_NEXT_WORDS.fullmatch(words) or anchor.get("rel") == "next" or
                                  (not words and anchor.find(".//img") is not None)):
            continue
        address = urljoin(url, href).split("#", 1)[0]
        number = _page_number(address, first)
        if number is None or not 1 <= number <= _MAX_PAGES:
            continue
        if named is not None and int(named.group("number")) != number:
            continue  # "3" linking page 2: no page link
        found.setdefault(number, address)
    own = _page_number(url.split("#", 1)[0], first) or 1
    return [address for number, address in sorted(found.items()) if number != own]


def _first_page(url: str) -> tuple[str, str, str, dict]:
    """(scheme and host, path of the article's first page without its extension, extension, query
    without a page number), from the address of any of its pages."""
    parts = urlsplit(url)
    path = parts.path or "/"
    numbered = _NUMBERED_FILE.fullmatch(path)
    plain = numbered or _FILE.fullmatch(path)
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    query = _without_page(_query(parts.query))
    if plain is not None:
        return origin, plain.group("stem"), plain.group("ext"), query
    return origin, path.rstrip("/"), "", query


def _page_number(address: str, first: tuple[str, str, str, dict]) -> int | None:
    """Which page of the article ``address`` is (1 for the first), or None when it is none of them."""
    origin, stem, ext, first_query = first
    parts = urlsplit(address)
    query = _query(parts.query)
    if f"{parts.scheme}://{parts.netloc}".lower() != origin or _without_page(query) != first_query:
        return None  # another site, or another article of one script ("story?id=6")
    path = parts.path
    if ext:
        numbered = _NUMBERED_FILE.fullmatch(path)
        if numbered is not None and numbered.group("stem") == stem and numbered.group("ext").lower() == ext.lower():
            return int(numbered.group("number"))
        return _query_page(query) if path == stem + ext else None
    trimmed = path.rstrip("/")
    if trimmed == stem:
        return _query_page(query)
    head, _, tail = trimmed.rpartition("/")
    if head == stem and tail.isdigit() and not query:
        return int(tail)  # WordPress's /slug/2/
    return None


_PAGE_KEYS = ("page", "pg", "pagina")


def _query(text: str) -> dict:
    return dict(parse_qsl(text, keep_blank_values=True))


def _without_page(query: dict) -> dict:
    return {key: value for key, value in query.items() if key not in _PAGE_KEYS}


def _query_page(query: dict) -> int | None:
    value = next((query[key] for key in _PAGE_KEYS if key in query), None)
    if value is None:
        return 1
    return int(value) if value.isdigit() else None
