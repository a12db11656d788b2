"""README "Replaying the pages as they were": every command of its block run as written, over a demo
archive built for the test (``demo-output/`` in each command is that demo's folder; the serve line
gets a free ``--port``, as the other serve recipes' tests do). Expected contents were checked
against the sample site: one thread of three pages, the Prime minister thread.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from test_browse_browser import free_port, wait_until_serving

BIN = Path(sys.executable).parent
WAYBACK = ROOT / ".venv-replay" / "bin" / "wayback"
pytestmark = pytest.mark.skipif(not WAYBACK.exists(), reason="no .venv-replay: scripts/install-replay installs pywb")


def recipes() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Replaying the pages as they were", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    return [shlex.split(line.split("  #")[0]) for line in block.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def demo(demo_archive, tmp_path_factory) -> Path:
    """A demo-output/ folder of the test's own: the shared demo's archive.db and warc/ linked in, so
    what the recipes write (WACZ files) lands here and not in the shared demo."""
    out = tmp_path_factory.mktemp("replay-recipes") / "demo-output"
    out.mkdir()
    for name in ("archive.db", "warc"):
        (out / name).symlink_to(demo_archive / name)
    return out


def as_written(command: list[str], demo: Path) -> list[str]:
    """The command with ``demo-output/`` pointing at the test's demo, the program from this venv."""
    assert any(part.startswith("demo-output/") for part in command), command
    program = str(BIN / command[0]) if command[0] == "forum-archiver" else command[0]
    return [program, *(str(demo / part.removeprefix("demo-output/")) if part.startswith("demo-output/") else part
                       for part in command[1:])]


def test_the_block_holds_the_four_recipes():
    assert [command[:2] for command in recipes()] == [["forum-archiver", "serve"], ["forum-archiver", "wacz"],
                                                      ["forum-archiver", "wacz"], [".venv-replay/bin/wacz", "validate"]]


def test_wacz_recipes_and_their_validation_as_written(demo):
    for command in recipes()[1:]:
        done = subprocess.run(as_written(command, demo), capture_output=True, text=True, timeout=180, cwd=ROOT)
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
    with zipfile.ZipFile(demo / "thread.wacz") as package:
        lines = package.read("pages/pages.jsonl").decode("utf-8").splitlines()
    pages = [json.loads(line) for line in lines[1:]]
    # The one thread the --where selects, its three pages, and no article.
    assert len(pages) == 3 and all("Prime minister" in page["title"] for page in pages)
    with zipfile.ZipFile(demo / "demo.wacz") as package:
        assert len(package.read("pages/pages.jsonl").decode("utf-8").splitlines()) > 4  # pages and articles


def test_serve_replay_recipe_as_written(demo):
    command = as_written(recipes()[0], demo)
    port = free_port()
    process = subprocess.Popen([*command, "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, cwd=ROOT)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/-/versions.json", process, seconds=90)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/archive/threads.json?_shape=array", timeout=10) as answer:
            (thread,) = json.load(answer)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/thread?db=archive&id={thread['id']}",
                                    timeout=30) as answer:
            page = answer.read().decode("utf-8")
        link = re.search(r'class="view-archived" href="([^"]+)"', page).group(1).replace("&amp;", "&")
        with urllib.request.urlopen(link, timeout=30) as answer:
            assert answer.status == 200 and "Prime minister" in answer.read().decode("utf-8")
    finally:
        process.terminate()
        process.wait(timeout=20)
