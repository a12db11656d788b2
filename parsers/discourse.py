"""discourse forum pages: placeholder (the parser is being written; detect() recognises nothing yet)."""

from __future__ import annotations

ENGINE = "discourse"


def detect(doc) -> bool:
    return False


def parse(doc, url, captured_at):
    raise NotImplementedError("the discourse parser is not written yet")
