"""The SMF page's clock: :class:`parsers.clock.ForumClock` reading the dates SMF's language packs
print (month names of other languages, "de" between a day and a month: :mod:`parsers.pack_dates`)."""

from __future__ import annotations

import re
from datetime import datetime

from ..clock import ForumClock
from ..levant_months import holds_arabic_letters, levant_months_as_read
from ..pack_dates import in_english, months_in_english, unchanged_in_english, unknown_month, without_connectors

# SMF's Arabic pack prints a.m./p.m. as words (index.arabic: time_am 'صباحاً', time_pm 'مسائاً', the
# pack's own spelling of "مساءً"): the shared reader knows only "ص"/"م", and read no such date.
_ARABIC_DAY_HALVES = re.compile(r"(?<![^\W\d_])(?:(?P<am>\u0635\u0628\u0627\u062d)|\u0645\u0633\u0627[\u0621\u0626])"
                                r"[\u0627\u064b\u0621]*(?![^\W\d_])")


class SmfClock(ForumClock):
    """A :class:`ForumClock` that reads SMF's language packs' dates (see :mod:`parsers.pack_dates`).

    The packs' words are put in English inside :meth:`_read_local`, the step :meth:`ForumClock.local`
    runs once per printed text (and day/month order): a date the page prints again (a quote's header
    repeats the quoted post's time) is not translated again. An English pack's date skips the steps
    (:func:`parsers.pack_dates.unchanged_in_english`): their three regular expressions over the
    whole text cost more than reading the date, and the clock was a tenth of an SMF page's parse."""

    def _read_local(self, text: str | None) -> datetime | None:
        if unchanged_in_english(text):  # an English pack's date: the steps below would change nothing
            return super()._read_local(text)
        if text and self.reads_levant_months and holds_arabic_letters(text):
            # An Arabic pack's date: its Syriac month as the name the reader knows (SMF 2.0 names no
            # page language, and "15 أيار 2024" was refused below as an unknown month), its day
            # half as "AM"/"PM".
            text = _ARABIC_DAY_HALVES.sub(lambda m: " AM" if m["am"] else " PM", levant_months_as_read(text))
        # The packs' short names too ("27 Ago 2013": a member's "%d %b %Y" time format).
        text = months_in_english(in_english(without_connectors(text)))
        if text and self.primary == "en" and unknown_month(text):
            return None  # a month name in a language the page does not name: no guess
        return super()._read_local(text)
