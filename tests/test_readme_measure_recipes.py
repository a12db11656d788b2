"""The README's "Measuring the parsers" recipes, run exactly as written from the repository root
(they read ``../shared/fixtures/real``, so they skip cleanly where it is absent). The four are
started at once (each parses on a core of its own where there are several); each test reads its
own recipe's outcome."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import REAL_FIXTURES, ROOT

RECIPES = [
    "forum-archiver eval ../shared/fixtures/real",
    "forum-archiver eval ../shared/fixtures/real --markdown",
    "forum-archiver eval ../shared/fixtures/real --reposts tests/data/repost_labels.json",
    "forum-archiver eval ../shared/fixtures/real/news-bench --news-gold tests/data/news_bench_sample.json",
]


def recipes() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Measuring the parsers", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_readme_lists_these_recipes():
    assert recipes() == RECIPES


def run_as_written(line: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(shlex.split(line), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def ran() -> dict[str, Future]:
    """Every recipe, started at once: recipe -> its finished process, once ``.result()`` is asked."""
    with ThreadPoolExecutor(max_workers=len(RECIPES)) as pool:
        yield {line: pool.submit(run_as_written, line) for line in RECIPES}


@pytest.mark.skipif(not REAL_FIXTURES.is_dir(), reason="../shared/fixtures/real is absent")
@pytest.mark.parametrize("line", RECIPES)
def test_recipe_runs_as_written(line, ran):
    done = ran[line].result()
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    if "--markdown" in line:
        assert "| engine |" in out
    elif "--reposts" in line:
        assert "precision" in out
    elif "--news-gold" in line:
        # Every page of the hand-checked sample is in the bench, and the bodies of all 181 were scored.
        assert "(46 of its 46 pages found)" in out
        assert re.search(r"^news-bench\s+181\s+0\s", out, re.MULTILINE), out[:3000]
    else:
        assert "News bodies" in out and "By engine and verdict" in out
