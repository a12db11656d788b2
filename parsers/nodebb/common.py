"""The engine's name and the value readers the NodeBB modules share.

NodeBB's JSON is loose about types: ids are numbers in the read API but strings where they came
from the database untouched (``"toPid": "270618"``, ``"tid": "53324"`` under ``privileges``), and
flags such as ``deleted`` are ``0``/``1`` in 1.x and booleans in later versions.
"""

from __future__ import annotations

from datetime import datetime, timezone

from ..dates import parse_iso
from ..json_values import as_dict, as_id, as_int, as_list, as_text  # noqa: F401 - shared by this package's modules

ENGINE = "nodebb"


def is_set(value) -> bool:
    """NodeBB's flags: ``1``/``"1"`` (1.x) or ``true`` (later versions)."""
    return value is True or as_int(value) not in (None, 0)


def moment(iso_value, millis) -> datetime | None:
    """A time from NodeBB's pair: the ISO string (``"2021-12-23T21:38:55.651Z"``), else the
    milliseconds since 1970 it was made from (``1640295535651``); 0 means "never" (``edited: 0``)."""
    found = parse_iso(iso_value) if isinstance(iso_value, str) else None
    if found is not None:
        return found
    ms = as_int(millis)
    if not ms:
        return None
    try:
        return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def is_untranslated(text: str | None) -> bool:
    """A language key NodeBB leaves for the browser to translate (``"[[global:guest]]"``)."""
    return bool(text) and text.startswith("[[") and text.endswith("]]")


def remote_uid(value) -> str | None:
    """A remote (fediverse) account's uid: NodeBB 4 with ActivityPub on gives the accounts of other
    servers their actor's address as uid (``"https://host/users/name"``, username ``name@host``),
    where a local account's uid is a number; None for any other value."""
    if isinstance(value, str) and value.startswith(("https://", "http://")):
        return value
    return None
