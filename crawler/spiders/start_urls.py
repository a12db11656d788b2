"""Start URLs from spider arguments, shared by the ``forum`` and ``news`` spiders.

    -a url=URL                one URL
    -a urls=URL1,URL2         a comma-separated list
    -a urls_file=FILE         one URL a line; ``#`` starts a comment, blank lines are skipped

Bad input is a :class:`scrapy.exceptions.UsageError`, which ``scrapy crawl`` prints as a usage
message instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

URL_ARGUMENTS = "-a url=URL, -a urls=URL1,URL2 or -a urls_file=FILE"


def start_urls(url: str | None, urls: str | None, urls_file: str | None, *,
               required: str | None = None) -> list[str]:
    """The URLs given by ``url``, ``urls`` and ``urls_file``, in that order, without duplicates.

    :param required: what to ask for when none is given (``"the thread(s) to crawl"``); ``None``
        lets the caller accept an empty list (its other arguments may give start points)
    """
    found: list[str] = []
    if url:
        found.append(url.strip())
    found.extend(comma_list(urls))
    if urls_file:
        path = Path(urls_file)
        if not path.is_file():
            raise UsageError(f"urls_file {urls_file!r} does not exist")
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                found.append(line)
    found = list(dict.fromkeys(u for u in found if u))
    if not found and required:
        raise UsageError(f"give {required}: {URL_ARGUMENTS}")
    check_http(found)
    return found


def url_list(value: str | None, argument: str) -> list[str]:
    """The http(s) URLs of a comma-separated argument such as ``-a feed=A,B``, without duplicates."""
    found = list(dict.fromkeys(comma_list(value)))
    check_http(found, f"{argument}: ")
    return found


def comma_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_http(urls: list[str], prefix: str = "") -> None:
    bad = [u for u in urls if not is_http_url(u)]
    if bad:
        raise UsageError(f"{prefix}not http(s) URLs: {', '.join(bad)}")
