"""What a user's ``pip install`` gets: every module the code imports is declared, and the built
wheel, installed into a fresh venv by that Python's own pip (Debian's 23.x, not upgraded), parses a
page and crawls a loopback thread from an empty folder.

The install test resolves the dependencies online as a user's ``pip install`` does (about 70
packages) and keeps their wheels under pytest's temporary root
(``pytest-of-<user>/forum-archiver-wheelhouse``); while that folder lasts, later runs install from
it without the network (and refill it when the dependencies changed). A fresh machine, as in CI,
always resolves online: about 90 s on two cores, about 55 s from the wheelhouse. Delete the folder
to see what a new release of a dependency does.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from crawler.demo import SAMPLE_TOPIC
from tests.conftest import ROOT

PACKAGES = ("crawler", "parsers", "archive")
# Needed at run time though no module of ours imports them (see the README's dependency table).
RUNTIME_ONLY = {"lxml-html-clean": "lxml.html.clean", "tldextract": "tldextract"}
NEWS_PAGE = ROOT / "crawler/demo_site/pages/arabnews/node/2462461/middle-east/index.html"


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> tuple[set[str], dict[str, set[str]]]:
    """The distributions pyproject.toml requires, and those of each extra, normalized."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = lambda specs: {normalize(re.match(r"[A-Za-z0-9._-]+", spec).group()) for spec in specs}  # noqa: E731
    return names(project["dependencies"]), {extra: names(specs) for extra, specs in
                                            project.get("optional-dependencies", {}).items()}


def _optional(node: ast.Try) -> bool:
    """A ``try`` whose handlers catch ImportError: its imports are optional."""
    caught = [h.type for h in node.handlers if h.type is not None]
    names = {n.id for t in caught for n in ([*t.elts] if isinstance(t, ast.Tuple) else [t]) if isinstance(n, ast.Name)}
    return bool(names & {"ImportError", "ModuleNotFoundError"})


def third_party_imports(path: Path) -> set[str]:
    """Top-level names of the modules ``path`` imports (at any depth), leaving out the standard
    library, our own packages, relative imports and imports guarded by ``except ImportError``."""
    found: set[str] = set()

    def visit(node: ast.AST, optional: bool) -> None:
        if isinstance(node, ast.Import) and not optional:
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and not optional:
            found.add(node.module.split(".")[0])
        for child in ast.iter_child_nodes(node):
            guarded = optional or (isinstance(node, ast.Try) and _optional(node) and child in node.body)
            visit(child, guarded)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return {name for name in found if name not in sys.stdlib_module_names and name not in PACKAGES}


def undeclared(files: list[Path], allowed: set[str]) -> dict[str, list[str]]:
    """Imported module -> files, for each module no allowed distribution provides."""
    providers = packages_distributions()
    missing: dict[str, list[str]] = {}
    for path in files:
        for module in third_party_imports(path):
            if not {normalize(d) for d in providers.get(module, [])} & allowed:
                missing.setdefault(module, []).append(str(path.relative_to(ROOT)))
    return missing


def source_files(browse: bool) -> list[Path]:
    browse_dir = ROOT / "archive" / "browse"
    files = [p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))]
    return [p for p in files if browse_dir in p.parents] if browse else [p for p in files if browse_dir not in p.parents]


def test_every_imported_module_is_a_declared_dependency():
    dependencies, _ = declared()
    assert undeclared(source_files(browse=False), dependencies) == {}


def test_browse_imports_are_declared_in_the_browse_extra():
    dependencies, extras = declared()
    assert undeclared(source_files(browse=True), dependencies | extras.get("browse", set())) == {}


@pytest.mark.parametrize("distribution", sorted(RUNTIME_ONLY))
def test_modules_our_dependencies_need_are_declared(distribution):
    dependencies, _ = declared()
    assert distribution in dependencies
    __import__(RUNTIME_ONLY[distribution])


def system_python() -> str:
    """The Python to install with: the system's (Debian's, with its own pip) when it is 3.10+ and
    can make a venv, else the one this venv was made from."""
    for candidate in ("/usr/bin/python3", getattr(sys, "_base_executable", sys.executable)):
        if candidate and Path(candidate).exists() and subprocess.run(
                [candidate, "-c", "import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 10))"],
                capture_output=True).returncode == 0:
            return candidate
    pytest.skip("no Python 3.10+ with venv and ensurepip to install into")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without this venv or the source tree in it."""
    env = {name: value for name, value in os.environ.items()
           if name not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "SCRAPY_SETTINGS_MODULE",
                           "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS")}
    return {**env, **extra}


def run(command: list, cwd: Path, timeout: float, **env: str) -> subprocess.CompletedProcess:
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=clean_env(**env),
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{command[:4]} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv (the system Python's bundled pip, not upgraded) with the wheel built from this tree."""
    root = tmp_path_factory.mktemp("wheel")
    wheelhouse = tmp_path_factory.getbasetemp().parent / "forum-archiver-wheelhouse"
    source = root / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in PACKAGES:
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    venv = root / "venv"
    run([system_python(), "-m", "venv", venv], root, 120)
    pip = [venv / "bin" / "python", "-m", "pip"]
    run([*pip, "wheel", "--no-deps", "--wheel-dir", root / "dist", source], root, 300)
    (wheel,) = (root / "dist").glob("forum_archiver-*.whl")
    offline = [*pip, "install", "--no-index", "--find-links", wheelhouse, wheel]
    if not (wheelhouse / ".complete").exists() or subprocess.run(
            [str(part) for part in offline], cwd=root, env=clean_env(), capture_output=True).returncode != 0:
        # Resolved online, as a user's install is; every wheel it picked is kept for the next run.
        (wheelhouse / ".complete").unlink(missing_ok=True)
        run([*pip, "wheel", "--wheel-dir", wheelhouse, "--find-links", wheelhouse, wheel], root, 900)
        for stale in wheelhouse.glob("forum_archiver-*.whl"):
            stale.unlink()
        (wheelhouse / ".complete").touch()
        run(offline, root, 300)
    return venv


def test_the_wheel_parses_a_news_page_in_a_fresh_venv(installed, tmp_path):
    page = tmp_path / "page.html"
    shutil.copyfile(NEWS_PAGE, page)
    done = run([installed / "bin" / "forum-archiver", "parse", page, "--url",
                "https://www.arabnews.com/node/2462461/middle-east", "--captured-at", "2024-03-01T12:00:00Z"],
               tmp_path, 120)
    result = json.loads(done.stdout)
    assert result["kind"] == "article_page"
    assert len(result["articles"][0]["text"]) > 1000


def test_the_wheel_crawls_a_loopback_thread_from_an_empty_folder(installed, sample_server, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    closed = socket.socket()  # the public suffix list download would go to a port nobody answers
    closed.bind(("127.0.0.1", 0))
    proxy = f"http://127.0.0.1:{closed.getsockname()[1]}"
    try:
        done = run([installed / "bin" / "forum-archiver", "crawl", "forum", "-a", f"url={sample_server.url(SAMPLE_TOPIC)}",
                    "-s", "ARCHIVE_DB=out/archive.db", "-s", "ARCHIVE_WARC_DIR=out/warc",
                    "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"], empty, 180,
                   HTTPS_PROXY=proxy, https_proxy=proxy, TLDEXTRACT_CACHE=str(tmp_path / "tldextract-cache"))
    finally:
        closed.close()
    assert "Traceback" not in done.stdout + done.stderr, done.stderr[-4000:]
    assert list((empty / "out" / "warc").glob("*.warc.gz"))
    db = sqlite3.connect(empty / "out" / "archive.db")
    try:
        assert db.execute("select count(*) from posts").fetchone()[0] == 13
    finally:
        db.close()


def test_every_dependency_has_a_row_in_the_readme():
    dependencies, _ = declared()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Dependencies, and why each is here", 1)[1].split("\n## ", 1)[0]
    listed = {normalize(name.split(" (")[0].strip()) for line in table.splitlines() if line.startswith("| ")
              for name in line.split("|")[1].split(",")}
    assert dependencies - listed == set()
