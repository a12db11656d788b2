"""The JSON a Flarum page embeds for its JavaScript app: the theme-independent copy of the page.

1.x (``views/frontend/app.blade.php``):
``<script id="flarum-json-payload" type="application/json">{"resources": [...], "apiDocument": {...}, ...}</script>``,
written with Laravel's ``@json`` (``<`` as ``\\u003C``). Betas (0.1.0-beta.8 to beta.16) passed the
same object inline: ``flarum.core.app.load({...});`` (later ``app.load(data)`` reads the script above).
``apiDocument`` is the discussion's JSON:API answer for the page shown; ``resources`` holds the
forum's own resources (reaction names among them).
"""

from __future__ import annotations

import json

from ..markup import xpath
from ..xml_chars import loads_xml_safe
from .common import as_dict, as_list

_PAYLOAD_SCRIPT = xpath("//script[@id='flarum-json-payload']/text()")
_INLINE_LOAD = xpath("//script[contains(., 'app.load(')]/text()")


def page_payload(root) -> dict:
    """The page's payload object ({} when the page carries none that decodes)."""
    for text in _PAYLOAD_SCRIPT(root):
        try:
            data = loads_xml_safe(text)
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict):
            return data
    for text in _INLINE_LOAD(root):
        at = text.find("app.load(") + len("app.load(")
        start = len(text) - len(text[at:].lstrip())
        if not text.startswith("{", start):
            continue  # app.load(data): the 1.x script, which reads the payload script
        try:
            data, _ = json.JSONDecoder().raw_decode(text, start)
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict):
            return data
    return {}


def api_document(payload: dict) -> dict:
    """The payload's ``apiDocument`` when it is a discussion's ({} for any other page)."""
    document = as_dict(payload.get("apiDocument"))
    data = document.get("data")
    return document if isinstance(data, dict) and data.get("type") == "discussions" else {}


def forum_resources(payload: dict) -> list:
    return as_list(payload.get("resources"))
