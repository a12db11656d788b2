"""Patterns the SMF modules share."""

from __future__ import annotations

import re


TOPIC = re.compile(r"topic[=,/-](\d+)")
