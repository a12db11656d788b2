"""A time budget for one parse, so that no page can stall a crawl or a replay.

Why: parsing is linear in the page's size by design, but a hostile or broken page may find a
corner that is not (a dateparser call on a long text, markup no engine expected). The crawler
parses in its event loop, so one stalled page stalls every download.

The budget is cooperative: :func:`parsers.registry.parse_page` opens one with :func:`time_budget`,
and the engines call :func:`check_budget` where work repeats (per post, per quote). Past the
deadline it raises :class:`BudgetExceeded`, which ``parse_page`` turns into an ``unsupported``
result whose reason and errors say so. Work inside one call into C (building the tree, the
sanitiser) is not interrupted; those are linear. Outside a budget (an engine called directly, as
in unit tests), :func:`check_budget` does nothing.

Apart from this deadline, parsing stays a pure function of its inputs.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar

DEFAULT_SECONDS = 10.0

_deadline: ContextVar[float | None] = ContextVar("parse_deadline", default=None)


class BudgetExceeded(Exception):
    """The parse ran past its time budget."""


@contextmanager
def time_budget(seconds: float | None):
    """Run the enclosed parse under a budget of ``seconds`` (None: no budget)."""
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_budget() -> None:
    """Raise :class:`BudgetExceeded` when the current parse is past its deadline."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() >= deadline:
        raise BudgetExceeded("parse time budget exceeded")
