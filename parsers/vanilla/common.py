"""The engine's name, the page sizes Vanilla uses, and the JSON value readers the Vanilla modules share."""

from __future__ import annotations

import re

from .. import json_values
from ..json_values import as_dict, as_id, as_list, as_text  # noqa: F401 - shared by this package's modules

ENGINE = "vanilla"

# Comments a discussion page shows when the page does not say (Vanilla's default
# ``Vanilla.Comments.PerPage``), and the ``limit`` the crawler asks of ``/api/v2/comments``
# (the API's own default).
COMMENTS_PER_PAGE = 30
API_PAGE_SIZE = 30


def as_int(value) -> int | None:
    """A whole number from JSON or markup, thousands separators allowed ("1,234"), or None."""
    return json_values.as_int(value.replace(",", "") if isinstance(value, str) else value)


# The blanks XPath's normalize-space() splits a class attribute on (str.split() knows more).
_XML_BLANKS = re.compile(r"[ \t\r\n]+")


def has_token(classes: str | None, name: str) -> bool:
    """What :func:`parsers.markup.class_test` asks in XPath, asked in Python: ``name`` is one of the class tokens
    (split where XPath's normalize-space() splits). For the walks that replace an XPath step over
    every element, which libxml2 runs slower than a Python loop."""
    return bool(classes) and name in classes and name in _XML_BLANKS.split(classes)


def in_order(holders: list, found_in) -> list:
    """The elements ``found_in`` finds inside any of ``holders``, each once, in document order: what
    ``//*[holder]//...`` gave (a holder inside another finds only what the outer one found)."""
    return list(dict.fromkeys(node for holder in holders for node in found_in(holder)))
