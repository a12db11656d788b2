"""xenforo forum pages: placeholder (the parser is being written; detect() recognises nothing yet)."""

from __future__ import annotations

ENGINE = "xenforo"


def detect(doc) -> bool:
    return False


def parse(doc, url, captured_at):
    raise NotImplementedError("the xenforo parser is not written yet")
