"""How the archive's values read in Datasette's tables and on the archive's own pages.

Pure functions of a value: :func:`human_date` turns a stored ISO 8601 time into words ("7 Nov
2021, 21:14 UTC") for the reader, forum and author pages, which keep the ISO value in the
``<time>`` element's ``datetime`` and ``title``; :func:`compact_json` shows a JSON list column
(``posts.links``, ``posts.embeds``, ``threads.tags``) as one short line, each item isolated as
every name is (:mod:`archive.browse.bidi`); :func:`summary` stands in for a stored HTML column
(``posts.html``), which would otherwise fill a table row with escaped tags, and for the
search-only word forms (``search_extra``). The plugin's ``render_cell`` uses the last two
(:mod:`archive.browse.plugin`).
"""

from __future__ import annotations

import json
from datetime import datetime

from markupsafe import Markup

from archive.browse.bidi import isolated, plain

# Columns shown as their size in tables, by what they hold: stored markup (the reader shows it
# sanitised) and the word forms full-text search indexes ("not for display", metadata.yaml).
SUMMARISED_COLUMNS = {"html": "HTML", "search_extra": "search terms"}
# Keys tried in turn for a short name of one item of a JSON list of objects (a link's text, an
# image's alt text, a pasted article's headline), before falling back to its URL.
ITEM_NAMES = ("text", "name", "headline", "title", "alt", "caption", "outlet", "url", "type")
SHOWN_ITEMS = 3
ITEM_CHARS = 80


def human_date(value: str | None) -> str:
    """``2021-11-07T21:14:37+00:00`` as ``7 Nov 2021, 21:14 UTC`` (another offset is kept as
    written: ``…, 21:14 +03:00``; a date alone as ``7 Nov 2021``); empty for None, and anything
    that is not ISO 8601 unchanged."""
    if not value:
        return ""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        return value
    day = f"{parsed.day} {parsed:%b %Y}"
    if len(text) <= 10:  # a date without a time
        return day
    offset = parsed.utcoffset()
    if offset is None:
        zone = ""
    elif not offset:
        zone = " UTC"
    else:
        minutes = int(offset.total_seconds()) // 60
        zone = f" {'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{day}, {parsed:%H:%M}{zone}"


def _item_name(item) -> str:
    if isinstance(item, dict):
        found = next((item[key] for key in ITEM_NAMES if isinstance(item.get(key), (str, int, float)) and
                      str(item[key]).strip()), None)
        name = str(found) if found is not None else "{…}"
    elif isinstance(item, list):
        name = f"[{len(item)}]"
    else:
        name = str(item)
    name = " ".join(name.split())
    return name if len(name) <= ITEM_CHARS else name[:ITEM_CHARS] + "…"


def compact_json(value) -> Markup | None:
    """A JSON list (as stored, a string) as one short line: its items' names joined by " · ",
    the first :data:`SHOWN_ITEMS` of them and how many more, with the whole value in ``title``;
    None for anything that is not a JSON list."""
    if not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        items = json.loads(value)
    except ValueError:
        return None
    if not isinstance(items, list):
        return None
    if not items:
        return Markup('<span class="json-list empty" title="[]">–</span>')
    shown = Markup(" · ").join(isolated(_item_name(item)) for item in items[:SHOWN_ITEMS])
    more = f" (+{len(items) - SHOWN_ITEMS} more)" if len(items) > SHOWN_ITEMS else ""
    full = value if len(value) <= 1000 else value[:1000] + "…"
    return Markup('<span class="json-list" title="{}">{}{}</span>').format(plain(full), shown, more)


def summary(column: str, value: str) -> Markup:
    """A :data:`SUMMARISED_COLUMNS` value as what it is and its size ("HTML, 1,234 characters"):
    the value itself is read in the thread reader, on the row's JSON or through SQL."""
    return Markup('<span class="markup-summary">{}, {:,} characters</span>').format(
        SUMMARISED_COLUMNS[column], len(value))
