"""smf forum pages: placeholder (the parser is being written; detect() recognises nothing yet)."""

from __future__ import annotations

ENGINE = "smf"


def detect(doc) -> bool:
    return False


def parse(doc, url, captured_at):
    raise NotImplementedError("the smf parser is not written yet")
