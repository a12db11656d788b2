"""The SMF page's clock: :class:`parsers.clock.ForumClock` reading the dates SMF's language packs
print (month names of other languages, "de" between a day and a month: :mod:`parsers.pack_dates`)."""

from __future__ import annotations

from datetime import datetime

from ..clock import ForumClock
from ..pack_dates import in_english, months_in_english, unknown_month, without_connectors


class SmfClock(ForumClock):
    """A :class:`ForumClock` that reads SMF's language packs' dates (see :mod:`parsers.pack_dates`)."""

    def local(self, text: str | None) -> datetime | None:
        # The packs' short names too ("27 Ago 2013": a member's "%d %b %Y" time format).
        text = months_in_english(in_english(without_connectors(text)))
        if text and self.primary == "en" and unknown_month(text):
            return None  # a month name in a language the page does not name: no guess
        return super().local(text)
