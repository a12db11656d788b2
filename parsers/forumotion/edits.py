"""The "last edited" line Forumotion prints under an edited post, in its language packs.

Why a module of its own: the post reader reads the editor and the time from it, and the AwesomeBB
finder (:mod:`parsers.forumotion.awesomebb`) must find where it starts, because that version prints
it bare after the message, in the same element. Forumotion keeps phpBB 2's ``EDITED_MESSAGE``:
``<br /><br />`` then "Last edited by X on <date>; edited N times in total".
"""

from __future__ import annotations

import re

# The edit line of the French, English and German language packs; the date is read by the clock.
EDITED = (
    re.compile(r"Dernière édition par (?P<who>.+?) le (?P<when>.+?)(?:, édité \d+ fois.*)?$", re.S),
    re.compile(r"Last edited by (?P<who>.+?) on (?P<when>.+?)(?:; edited \d+ times? in total.*)?$", re.S),
    re.compile(r"Zuletzt (?:bearbeitet )?von (?P<who>.+?) am (?P<when>.+?)(?:,? insgesamt \d+-?mal bearbeitet.*"
               r"| bearbeitet.*)?$", re.S),
)


def starts_edit_line(text: str) -> bool:
    """True when ``text`` (whitespace collapsed) begins with an edit line of a language pack above."""
    return any(pattern.match(text) for pattern in EDITED)
