"""What every benchmark section shares: repeated measurements, their median and spread, and rows.

Why: absolute times drift on a shared machine, so every figure this project publishes is a ratio
against a baseline measured in the same run, on the same machine, with the same inputs. A
section (``bench/crawl.py``, ``bench/peers.py``, ...) measures its subject and its baseline in
turns (A B A B ...), so a busy spell slows both alike, and reports each as :class:`Measure`
(median and spread of at least ``MIN_RUNS`` runs). ``bench/run`` collects the sections'
:class:`Section` objects and writes them as Markdown to ``docs/performance.md``.

A section module exposes ``run(quick: bool = False) -> Section``; ``quick`` is for trying the
bench itself (fewer pages, fewer runs), never for published figures.
"""

from __future__ import annotations

import gc
import itertools
import statistics
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

MIN_RUNS = 5
_VISITS = itertools.count(1)


def as_new_visit(url: str, captured_at: datetime) -> tuple[str, datetime]:
    """The page's address and capture time made unlike every earlier call's (a fragment and a
    microsecond more): a benchmark parses the same few pages over and over, where a crawl parses
    each page once, and the parsers keep small caches keyed on the page's address (joined links)
    and capture time (dateparser's reader). Timed with the same address again, those caches
    answer from the previous pass and the figure flatters the parser; as a new visit they cost
    what they cost in a crawl (hits within one page only)."""
    visit = next(_VISITS)
    return f"{url.split('#', 1)[0]}#visit-{visit}", captured_at + timedelta(microseconds=visit % 1_000_000)


@dataclass
class Measure:
    """Repeated values of one quantity (rates, seconds, bytes), with their median and spread."""

    values: list[float]
    unit: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def spread(self) -> float:
        """(max - min) / median: how far apart the runs were, as a fraction of the median."""
        if not self.values or self.median == 0:
            return 0.0
        return (max(self.values) - min(self.values)) / self.median

    def text(self, digits: int = 1) -> str:
        runs = f"n={len(self.values)}"
        if len(self.values) < 2:
            return f"{self.median:,.{digits}f} {self.unit} ({runs})".replace("  ", " ")
        return f"{self.median:,.{digits}f} {self.unit} ±{self.spread * 50:.0f}% ({runs})".replace("  ", " ")


def ratio(subject: Measure, baseline: Measure) -> Measure:
    """Run-by-run ratios subject/baseline (runs taken in turns pair up), so the spread of the
    ratio shows how steady it was, not how steady the machine was."""
    pairs = zip(subject.values, baseline.values)
    return Measure([s / b for s, b in pairs if b], "×")


@dataclass
class Row:
    """One line of a section's table: what was measured, the figure, and its ratio to a baseline."""

    what: str
    value: str
    baseline: str = ""
    ratio: Measure | None = None
    target: str = ""
    verdict: str = ""  # "PASS", "MISS" or "" when there is no target

    def cells(self) -> list[str]:
        ratio = self.ratio.text(2) if self.ratio is not None else ""
        return [self.what, self.value, self.baseline, ratio, self.target, self.verdict]


@dataclass
class Section:
    """A titled table of rows, with notes saying how it was measured and what the figures mean."""

    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0  # how long the section took, filled in by bench/run

    def markdown(self) -> str:
        head = ["Measured", "Figure", "Baseline (same run)", "Ratio (median ±half-spread)", "Target", ""]
        lines = [f"## {self.title}", ""]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        for row in self.rows:
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |")
        if self.notes:
            lines.append("")
            lines.extend(f"- {note}" for note in self.notes)
        if self.seconds:
            lines.append(f"\n_Section time: {self.seconds:.0f} s._")
        return "\n".join(lines)


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    ok = value >= target if higher_is_better else value <= target
    return "PASS" if ok else "MISS"


def timed(work: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call of ``work``, after a garbage collection."""
    gc.collect()
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def in_turns(works: dict[str, Callable[[], float]], runs: int = MIN_RUNS, warm_up: bool = True,
             unit: str = "") -> dict[str, Measure]:
    """Call each work once per round, ``runs`` rounds, in turns; each call returns its figure
    (a rate, seconds, ...). With ``warm_up`` a first call of each is made and not counted (leave
    it off for long works that start a fresh process each time)."""
    if warm_up:
        for work in works.values():
            work()
    values: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            values[name].append(work())
    return {name: Measure(figures, unit) for name, figures in values.items()}


def section_main(run: Callable[..., Section], doc: str, quick_help: str, argv: list[str] | None = None) -> int:
    """The command line of a section module run alone: ``[--quick]``, then its table."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=quick_help)
    args = parser.parse_args(argv)
    print(run(quick=args.quick).markdown())
    return 0
