"""Run every benchmark section and write their tables to ``docs/performance.md``.

Why one command: the figures only mean something side by side, measured in one run on one
machine, with the versions and the date written next to them. Each section module
(``bench/<name>.py``) exposes ``run(quick) -> Section`` (bench/common.py); a section that fails
is reported as failed in the document, with its error, rather than silently left out.

    bench/run                      # everything, about 20 minutes on 2 cores
    bench/run --quick              # a try-out of the bench itself (figures not for publishing)
    bench/run --only crawl replay  # some sections; the document then holds only those
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sqlite3
import subprocess
import sys
import time
import traceback
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import Section  # noqa: E402

# In the order they appear in the document.
SECTIONS = ["crawl", "parse_engines", "news_bench", "peers", "replay", "database"]
OUTPUT = ROOT / "docs" / "performance.md"
PACKAGES = ["scrapy", "twisted", "warcio", "fastwarc", "sqlite-utils", "lxml", "parsel", "trafilatura"]


def versions() -> str:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, " + ", ".join(found)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} CPUs ({cpu}), {memory:.0f} GiB, {platform.system()} {platform.release()}"


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run_section(name: str, quick: bool) -> Section:
    started = time.perf_counter()
    try:
        section = importlib.import_module(f"bench.{name}").run(quick=quick)
    except Exception:  # a broken section is reported in the document, the others still run
        section = Section(f"{name}: FAILED", notes=["```\n" + traceback.format_exc().strip() + "\n```"])
    section.seconds = time.perf_counter() - started
    print(f"bench: {name} took {section.seconds:.0f} s", file=sys.stderr)
    return section


def document(sections: list[Section], command: str, seconds: float, quick: bool) -> str:
    lines = [
        "# Performance",
        "",
        "Every figure is set against a baseline measured in the same run, on the same machine and the",
        "same inputs, so the ratios carry over between machines where absolute times do not.",
        "Figures are medians of the runs noted (n=...), with ± half the spread (max - min) of those runs.",
        "",
        f"- Command: `{command}`" + (" (quick mode: fewer pages and runs, not for comparison)" if quick else ""),
        f"- Date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, commit {commit()}",
        f"- Machine: {machine()}",
        f"- Versions: {versions()}",
        f"- Total time: {seconds / 60:.1f} minutes",
        "",
    ]
    lines.extend(section.markdown() + "\n" for section in sections)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer pages and runs: to try the bench itself")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write (default {OUTPUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sections = [run_section(name, args.quick) for name in (args.only or SECTIONS)]
    command = "bench/run" + (" --quick" if args.quick else "") + (f" --only {' '.join(args.only)}" if args.only else "")
    text = document(sections, command, time.perf_counter() - started, args.quick)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"bench: wrote {args.output}", file=sys.stderr)
    return 1 if any(section.title.endswith("FAILED") for section in sections) else 0


if __name__ == "__main__":
    sys.exit(main())
