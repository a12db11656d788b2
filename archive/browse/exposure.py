"""Who can reach a served archive, and what ``forum-archiver serve`` says when it is not only you.

Datasette lets any visitor run read-only SQL over every table (``/<db>?sql=...``) unless told
otherwise. On loopback that visitor is whoever sits at this machine; on any other address it is
whoever can reach it, so ``serve`` prints :func:`exposure_warning` before it starts.
"""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost", "ip6-loopback"})


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost; False for 0.0.0.0, ::, any other address or name."""
    host = host.strip().lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """The warning for serving on ``host``, or None when ``host`` is loopback."""
    if is_loopback(host):
        return None
    return (
        f"WARNING: serving on {host}, which is not a loopback address: anyone who can reach it can read "
        "the whole archive and run read-only SQL over it (Datasette's /<database>?sql=...).\n"
        "To lock it down:\n"
        "  - turn off arbitrary SQL: forum-archiver serve ... --setting default_allow_sql off\n"
        "    (the thread reader, tables, facets and canned queries keep working);\n"
        "  - or keep --host 127.0.0.1 and put a reverse proxy that asks for a login in front;\n"
        "  - or serve with plain `datasette` and metadata permissions (\"allow\" blocks) plus an\n"
        "    authentication plugin such as datasette-auth-passwords: "
        "https://docs.datasette.io/en/stable/authentication.html"
    )
