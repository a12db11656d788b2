"""Where ``parse_page``'s time goes on a set of pages, as one line of shares (pyinstrument).

Why: a benchmark that misses its target must say what the time is spent on, measured in the
same run, or nobody can tell what to fix. ``bench/peers.py`` calls :func:`where_time_goes` for
each engine whose target is missed and puts the line in its notes. Shares are of the time
inside ``parse_page``: first its direct steps (tree build, the engine's parser, the blocked-page
check, repost detection, ...), then the functions with the most time of their own anywhere
below it (C functions such as lxml's ``clean`` show under their own names).

    .venv/bin/python bench/profile_parse.py ENGINE   # the real pages of ../shared/fixtures/real/ENGINE
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pyinstrument import Profiler  # noqa: E402

from parsers.registry import parse_page  # noqa: E402

INTERVAL = 0.0005  # seconds between samples
TOP = 6


def where_time_goes(pages: list[tuple[bytes, str, datetime]], seconds: float = 2.0) -> str:
    """Profile ``parse_page`` over ``pages`` (body, url, captured_at) for about ``seconds``."""
    profiler = Profiler(interval=INTERVAL)
    profiler.start()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for body, url, captured_at in pages:
            parse_page(body, url, captured_at)
    profiler.stop()
    tops = [frame for frame, _ in walk(profiler.last_session.root_frame()) if frame.function == "parse_page"]
    total = sum(frame.time for frame in tops)
    if not total:
        return "no samples inside parse_page"
    steps, own = Counter(), Counter()
    for top in tops:
        for child in top.children:
            steps[name(child, top)] += child.time
        for frame, parent in walk(top):
            own[name(frame, parent)] += frame.time - sum(child.time for child in frame.children)
    return (f"steps of parse_page: {shares(steps, total)}; most time of their own: {shares(own, total)} "
            f"({profiler.last_session.sample_count} samples)")


def walk(frame, parent=None):
    """(frame, its parent) for the frame and everything below it."""
    yield frame, parent
    for child in frame.children:
        yield from walk(child, frame)


def name(frame, parent) -> str:
    """module.function; pyinstrument's "[self]" leaves (a function's own time) take the name of
    the function they belong to."""
    if frame.is_synthetic and parent is not None:
        return name(parent, None)
    where = Path(frame.file_path_short or "").stem
    return f"{where}.{frame.function}" if where and not where.startswith("<") else frame.function


def shares(times: Counter, total: float) -> str:
    return ", ".join(f"{what} {100 * t / total:.0f}%" for what, t in times.most_common(TOP))


def main(argv: list[str]) -> int:
    import json

    from parsers import evaluate

    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    real = ROOT.parent / "shared" / "fixtures" / "real"
    pages = []
    for expected, path in evaluate.find_pages(real / argv[0]):
        data = json.loads(expected.read_text(encoding="utf-8"))
        fmt = evaluate.gold_format(data)
        pages.append((path.read_bytes(), evaluate.page_url(data, fmt, path, real), evaluate.capture_time(data, fmt)))
    if not pages:
        print(f"no pages with gold under {real / argv[0]}", file=sys.stderr)
        return 1
    print(where_time_goes(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
