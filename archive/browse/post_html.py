"""A post's archived markup made fit for the reader: sanitised, and loading nothing from elsewhere.

Opening an archived thread must not tell anyone that it was opened: an ``<img>`` pointing at the
forum (or at a tracker a member planted) would be fetched by the reader's browser the moment the
page loads. So every element that loads something is rewritten before the page is built:

- an ``<img>`` whose image the archive captured (``archive.browse.archived_images``) is shown
  from the archive, through the plugin's own route; any other becomes a link reading
  ``[image: URL]``, followed only if the reader clicks it. ``srcset``, ``background`` and
  ``style`` (CSS ``url()``) never survive; an inline ``data:image/...`` picture is kept;
- ``<iframe>``, ``<video>``, ``<audio>``, ``<source>``, ``<embed>``, ``<object>``, ``<track>`` and
  ``<link>`` (a stylesheet) become such links too, one per URL they would have loaded.

Relative URLs are resolved against the page the post was read from, so a link to ``/t/5`` goes to
the forum, never to this server. Three passes: nh3 keeps the loading elements (and nothing unsafe),
lxml rewrites them, and nh3 again, strict, has the last word: in what leaves here an ``<img>``
can only show a picture this module itself pointed at the archive, or an inline ``data:image``.
In every pass, any attribute whose value is a ``javascript:``, ``vbscript:`` or ``data:`` URL (a
``data:image`` in an ``<img src>`` excepted) is dropped, however it was spelled: entities, case,
tabs, newlines or control characters before or inside the scheme.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import lxml.html
import nh3
from markupsafe import Markup

from archive.browse.bidi import isolated, plain
from parsers.html_text import SAFE_ATTRIBUTES, inner_html

LINK_REL = "noopener noreferrer nofollow"
# Elements that load what an attribute names, and those attributes.
LOADING_ELEMENTS = {
    "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
    "video": ("src", "poster"), "audio": ("src",), "source": ("src",), "track": ("src",), "link": ("href",),
}
# What the link standing in for each element says it was ("[video: URL]").
LABELS = {"img": "image", "poster": "video poster", "object": "embedded object", "link": "linked file"}
# <bdo> without its dir attribute (which is not kept) would force left-to-right order on its text,
# reversing Arabic: its text is kept, the element not.
TAGS = frozenset(nh3.ALLOWED_TAGS) - {"bdo"}
URL_SCHEMES = {"http", "https", "mailto", "data"}
# Classes the reader's own elements carry (the only ones kept).
CLASSES = {"a": {"remote-media"}, "img": {"archived-image"}, "span": {"bidi-control"}}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:")
# What a browser's URL parser ignores: C0 controls and spaces around, tabs and newlines anywhere.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_LOADING = re.compile(r"<(?:img|" + "|".join(LOADING_ELEMENTS) + r")\b", re.IGNORECASE)


def scheme_text(value: str) -> str:
    """``value`` as a browser would read its scheme: entities decoded (once more, in case they
    were encoded twice), what URL parsers skip removed, lower-cased."""
    return _IGNORED_IN_URLS.sub("", html.unescape(value)).lower()


def is_inline_image(value: str) -> bool:
    return scheme_text(value).startswith("data:image/")


def is_dangerous(element: str, attribute: str, value: str) -> bool:
    """A ``javascript:``-like URL anywhere, or a ``data:`` URL other than an ``<img src>`` picture."""
    if ":" not in value and "&" not in value:  # no scheme, nor an entity that could spell its colon
        return False
    read = scheme_text(value)
    if not read.startswith(DANGEROUS_SCHEMES):
        return False
    return not (element == "img" and attribute == "src" and read.startswith("data:image/"))


def _keep_safe(element: str, attribute: str, value: str) -> str | None:
    return None if is_dangerous(element, attribute, value) else value


def http_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return url if urlsplit(url).scheme.lower() in ("http", "https") and urlsplit(url).netloc else None
    except ValueError:
        return None


def gather(stored: str, base_url: str | None) -> str:
    """First pass: sanitised, loading elements kept, relative URLs made absolute (or dropped when
    the post's page is unknown)."""
    attributes = {tag: set(names) for tag, names in SAFE_ATTRIBUTES.items()}
    for tag, names in LOADING_ELEMENTS.items():
        attributes.setdefault(tag, set()).update(names)
    attributes["link"].add("rel")
    relative = ("rewrite_with_base", base_url) if http_url(base_url) else "deny"
    return nh3.clean(stored, tags=TAGS | set(LOADING_ELEMENTS), attributes=attributes, url_schemes=URL_SCHEMES,
                     url_relative=relative, attribute_filter=_keep_safe, link_rel=None)


def remote_link(kind: str, url: str, title: str | None = None) -> str:
    """The link standing in for something not loaded: ``[image: URL]``, the URL's bidi controls
    shown (a URL must read as it resolves)."""
    label = LABELS.get(kind, kind)
    return str(Markup('<a class="remote-media" href="{}" title="{}">[{}: {}]</a>').format(
        url, plain(title or url, url=not title), label, isolated(url, url=True)))


def _replace(element, links: list[str]) -> None:
    """Put ``links`` where ``element`` stood and remove its tag, keeping its text and children
    (a video's fallback words, its <source> elements, dealt with in turn)."""
    for link in links:
        element.addprevious(lxml.html.fragment_fromstring(link))
    element.drop_tag()


def rewrite(gathered: str, archived_src: Callable[[str], str | None]) -> tuple[str, set[str]]:
    """Second pass: each loading element pointed at the archive or replaced by links. Returns the
    markup and the ``src`` values it pointed at the archive (the last pass keeps only those)."""
    root = lxml.html.fragment_fromstring(gathered, create_parent="div")
    pointed: set[str] = set()
    for element in list(root.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "img":
            src = element.get("src") or ""
            if is_inline_image(src):
                continue
            local = archived_src(src) if http_url(src) else None
            if local:
                element.set("src", local)
                element.set("class", "archived-image")
                pointed.add(local)
            else:
                _replace(element, [remote_link("img", src, element.get("alt"))] if http_url(src) else [])
        elif tag in LOADING_ELEMENTS:
            kind = "stylesheet" if tag == "link" and "stylesheet" in (element.get("rel") or "").lower() else tag
            links = [remote_link("poster" if name == "poster" else kind, url)
                     for name in LOADING_ELEMENTS[tag] if (url := http_url(element.get(name)))]
            _replace(element, links)
    return inner_html(root), pointed


def finish(markup: str, pointed: set[str]) -> str:
    """Last pass, strict: the project's tags and attributes, no loading element, and an ``<img>``
    keeps its ``src`` only when it is one this module pointed at the archive or a data: picture."""

    def vet(element: str, attribute: str, value: str) -> str | None:
        if element == "img" and attribute == "src":
            return value if value in pointed or is_inline_image(value) else None
        return _keep_safe(element, attribute, value)

    return nh3.clean(markup, tags=TAGS, attributes=SAFE_ATTRIBUTES, allowed_classes=CLASSES,
                     url_schemes=URL_SCHEMES, attribute_filter=vet, link_rel=LINK_REL).strip()


def reader_html(stored: str | None, base_url: str | None = None,
                archived_src: Callable[[str], str | None] = lambda url: None) -> str:
    """The markup the reader shows for a post's stored markup.

    :param base_url: the page the post was read from, for its relative URLs
    :param archived_src: the local URL showing the archived copy of an image URL, or None when
        the archive has none (then the image becomes a link)
    """
    if not stored:
        return ""
    gathered = gather(stored, base_url)
    pointed: set[str] = set()
    if _LOADING.search(gathered):
        gathered, pointed = rewrite(gathered, archived_src)
    return finish(gathered, pointed)
