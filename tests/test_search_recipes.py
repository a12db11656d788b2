"""docs/search.md's recipes, run exactly as written, in a folder whose ``data/archive.db`` holds the
Arabic posts of tests/data/arabic_posts.json and English posts about drones and a prime minister."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_archive_search import QUERIES
from test_search_query import archive_db  # noqa: F401 (the fixture)

BIN = Path(sys.executable).parent


def recipes() -> list[str]:
    text = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
    return [line.split("  #")[0].strip() for block in blocks for line in block.splitlines() if line.strip()]


def recipe(start: str) -> str:
    found = [line for line in recipes() if line.startswith(start)]
    assert len(found) == 1, f"one docs/search.md recipe starting {start!r}: {found}"
    return found[0]


@pytest.fixture(scope="module")
def folder(archive_db, tmp_path_factory) -> Path:  # noqa: F811 (the fixture imported above)
    place = tmp_path_factory.mktemp("recipes")
    (place / "data").mkdir()
    shutil.copy(archive_db, place / "data" / "archive.db")
    return place


def run(line: str, folder: Path) -> str:
    argv = shlex.split(line)
    done = subprocess.run([str(BIN / argv[0]), *argv[1:]], cwd=folder, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip(), line
    return done.stdout


def test_the_recipes_find_what_they_say(folder):
    """Each recipe runs once (a command start costs a second or so on a busy machine)."""
    outputs = {line: run(line, folder) for line in recipes()}
    assert len(outputs) == 6
    lines = outputs[recipe("forum-archiver search drones")].splitlines()
    assert len(lines) == 20 and all("drones" in line for line in lines)
    lines = outputs[recipe("forum-archiver search '\"prime minister\"'")].splitlines()
    assert len(lines) == 5 and all("prime minister" in line for line in lines)
    rows = [json.loads(line) for line in outputs[recipe("forum-archiver search العراق")].splitlines()]
    assert {row["id"].rsplit("/", 1)[-1] for row in rows} == set(QUERIES["العراق"]["expected"])
    assert outputs[recipe("forum-archiver search الحكومة --table quotes")].strip()
