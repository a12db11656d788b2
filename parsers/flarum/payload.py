"""The JSON a Flarum page embeds for its JavaScript app: the theme-independent copy of the page.

1.x (``views/frontend/app.blade.php``):
``<script id="flarum-json-payload" type="application/json">{"resources": [...], "apiDocument": {...}, ...}</script>``,
written with Laravel's ``@json`` (``<`` as ``\\u003C``). Betas (0.1.0-beta.8 to beta.16) passed the
same object inline: ``flarum.core.app.load({...});`` (later ``app.load(data)`` reads the script above);
betas 5 to 7 (2016-2017, ``views/app.blade.php``) as ``app.boot({...});``, the discussion's answer
under ``document`` (``WebAppView::buildPayload``), not yet ``apiDocument``.
``apiDocument`` is the discussion's JSON:API answer for the page shown; ``resources`` holds the
forum's own resources (reaction names among them).
"""

from __future__ import annotations

import json

from ..markup import xpath
from ..xml_chars import loads_xml_safe
from .common import as_dict, as_list

_PAYLOAD_SCRIPT = xpath("//script[@id='flarum-json-payload']/text()")
_INLINE_LOAD = xpath("//script[contains(., 'app.load(') or contains(., 'app.boot(')]/text()")
_INLINE_CALLS = ("app.load(", "app.boot(")


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
        for call in _INLINE_CALLS:
            at = text.find(call)
            if at < 0:
                continue
            at += len(call)
            start = len(text) - len(text[at:].lstrip())
            if not text.startswith("{", start):
                continue  # app.load(data), app.boot(): the 1.x script, which reads the payload script
            try:
                data, _ = json.JSONDecoder().raw_decode(text, start)
            except (ValueError, RecursionError):
                continue
            if isinstance(data, dict):
                return data
    return {}


def api_document(payload: dict) -> dict:
    """The payload's ``apiDocument`` (``document`` in betas 5 to 7) when it is a discussion's ({} for
    any other page)."""
    document = as_dict(payload.get("apiDocument") if "apiDocument" in payload else payload.get("document"))
    data = document.get("data")
    return document if isinstance(data, dict) and data.get("type") == "discussions" else {}


def forum_resources(payload: dict) -> list:
    return as_list(payload.get("resources"))
