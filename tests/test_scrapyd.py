"""The README's Scrapyd recipe, run for real: ``scrapyd``, ``scrapyd-deploy`` and ``schedule.json``,
then the crawl of a loopback thread read back from the archive and from ``listjobs.json``.

Scrapyd runs on 127.0.0.1 on a free port, from a temporary folder whose ``scrapyd.conf`` keeps its
eggs, logs and queues there (Scrapyd reads ``scrapyd.conf`` from its working folder, as the README's
``scrapyd &`` does from yours). ``HOME`` points there too, so no ``~/.scrapyd.conf`` of whoever runs
the tests counts, and ``SCRAPY_SETTINGS_MODULE`` is left out: the job must find its settings through
the egg's ``scrapy`` entry point, which is what once went missing (every job then failed with
``'NoneType' object has no attribute 'module_name'`` while ``scrapyd-deploy`` exited 0).

``scrapyd-deploy`` builds the egg in the folder of the nearest ``scrapy.cfg`` and leaves a
``setup.py``, ``build/`` and ``*.egg-info`` there, so the deploy line runs in a copy of what goes
into the egg (the packages, ``pyproject.toml``, ``README.md`` and ``scrapy.cfg``) instead of the
repository. The copy's ``scrapy.cfg`` differs in one thing, the deploy URL's port. The README's
deploy line runs as written, through ``sh``; its ``curl`` line runs with curl, on this Scrapyd's port,
with the thread's URL, and the output paths added as ``-d setting=`` fields as the README says.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

from conftest import ROOT, serve_pages
from thread_pages import write_thread

TOPIC = "topic/62-scrapyd"
README_URL = "http://localhost:6800/"
PACKAGES = ("crawler", "parsers", "archive")  # [tool.setuptools.packages.find] in pyproject.toml


def recipe() -> dict[str, str]:
    """The README's Scrapyd lines, by their first word (comments off)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running on a schedule", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    lines = [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
    assert [line.split()[0] for line in lines] == ["pip", "scrapyd", "scrapyd-deploy", "curl"], lines
    assert lines[1] == "scrapyd &"
    return {line.split()[0]: line for line in lines}


def free_port() -> int:
    # Scrapyd cannot bind port 0 (its app needs a port to listen on), so take one the system gives.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tool_env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "SCRAPY_SETTINGS_MODULE"}
    env.update(HOME=str(home), PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""))
    return env


def project_copy(folder: Path, url: str) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, folder / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, folder / name)
    cfg = (ROOT / "scrapy.cfg").read_text(encoding="utf-8")
    assert f"url = {README_URL}" in cfg
    (folder / "scrapy.cfg").write_text(cfg.replace(README_URL, url), encoding="utf-8")
    return folder


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


class Scrapyd:
    """``scrapyd`` in ``folder`` on 127.0.0.1:``port``, with its own scrapyd.conf."""

    def __init__(self, folder: Path, port: int) -> None:
        folder.mkdir()
        (folder / "scrapyd.conf").write_text(
            "[scrapyd]\nbind_address = 127.0.0.1\n"
            f"http_port = {port}\neggs_dir = {folder / 'eggs'}\nlogs_dir = {folder / 'logs'}\n"
            f"dbs_dir = {folder / 'dbs'}\nitems_dir =\njobs_dir =\npoll_interval = 0.5\nmax_proc = 1\n",
            encoding="utf-8")
        self.folder, self.url = folder, f"http://127.0.0.1:{port}/"
        self.log = folder / "scrapyd.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(["scrapyd"], cwd=folder, env=tool_env(folder), stdout=out,
                                            stderr=subprocess.STDOUT)

    def wait_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"scrapyd exited: {self.log.read_text()[-3000:]}"
            try:
                if get_json(self.url + "daemonstatus.json")["status"] == "ok":
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"scrapyd did not answer in {seconds} s: {self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def wait_finished(scrapyd: Scrapyd, job: str, seconds: float = 90) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        jobs = get_json(scrapyd.url + "listjobs.json?project=forum_archiver")
        for finished in jobs["finished"]:
            if finished["id"] == job:
                return finished
        time.sleep(0.5)
    raise AssertionError(f"job {job} not finished in {seconds} s: {jobs}; {scrapyd.log.read_text()[-3000:]}")


def test_the_readme_scrapyd_recipe_deploys_and_runs_a_crawl(tmp_path):
    lines = recipe()
    for tool in ("scrapyd", "scrapyd-deploy"):
        assert shutil.which(tool, path=str(Path(sys.executable).parent)), \
            f"{tool} is not installed beside {sys.executable}: run ./scripts/setup (the test extra has it)"
    site, out = tmp_path / "site", tmp_path / "out"
    write_thread(site, [(800 + n, f"post {n}") for n in range(5)], topic=TOPIC)  # pages of 3 and 2
    server = serve_pages(site)
    scrapyd = Scrapyd(tmp_path / "scrapyd", free_port())
    try:
        scrapyd.wait_ready()
        project = project_copy(tmp_path / "forum-archiver", scrapyd.url)
        deploy = subprocess.run(["/bin/sh", "-c", lines["scrapyd-deploy"]], cwd=project, env=tool_env(tmp_path),
                                capture_output=True, text=True, timeout=180)
        assert deploy.returncode == 0 and deploy.stdout.strip() == "deployed", (deploy.stdout, deploy.stderr[-3000:])
        eggs = list((scrapyd.folder / "eggs" / "forum_archiver").glob("*.egg"))
        assert len(eggs) == 1
        with zipfile.ZipFile(eggs[0]) as egg:
            entry_points = egg.read("EGG-INFO/entry_points.txt").decode()
        assert "[scrapy]\nsettings = crawler.settings" in entry_points

        curl = shlex.split(lines["curl"])
        assert curl[:2] == ["curl", README_URL + "schedule.json"]
        fields = [tuple(value.split("=", 1)) for option, value in zip(curl[2::2], curl[3::2])
                  if option in ("-d", "--data-urlencode")]
        thread_url = server.url(f"/{TOPIC}/")
        fields = [(name, thread_url if value == "THREAD_URL" else value) for name, value in fields]
        assert fields == [("project", "forum_archiver"), ("spider", "forum"), ("url", thread_url)]
        # The README's curl line itself: its address on this Scrapyd's port, the thread's URL, and the
        # job's settings as the README says to pass them (-d setting=...), after its own fields.
        command = [part.replace(README_URL, scrapyd.url) if part.startswith(README_URL) else
                   f"url={thread_url}" if part == "url=THREAD_URL" else part for part in curl]
        for setting in (f"ARCHIVE_DB={out / 'archive.db'}", f"ARCHIVE_WARC_DIR={out / 'warc'}", "DOWNLOAD_DELAY=0",
                        "AUTOTHROTTLE_ENABLED=False"):
            command += ["-d", f"setting={setting}"]
        sent = subprocess.run(command, capture_output=True, text=True, timeout=30)
        assert sent.returncode == 0, sent.stderr
        scheduled = json.loads(sent.stdout)
        assert scheduled["status"] == "ok", scheduled

        finished = wait_finished(scrapyd, scheduled["jobid"])
    finally:
        scrapyd.stop()
        server.stop()
    assert (finished["project"], finished["spider"]) == ("forum_archiver", "forum")
    job_log = scrapyd.folder / "logs" / "forum_archiver" / "forum" / f"{scheduled['jobid']}.log"
    assert "Spider closed (finished)" in job_log.read_text(encoding="utf-8")
    # Scrapyd logs "Process died: exitstatus=N" for a crawl that exits non-zero (pages lost).
    daemon_log = scrapyd.log.read_text(encoding="utf-8")
    assert f"Process finished: project='forum_archiver' spider='forum' job='{scheduled['jobid']}'" in daemon_log
    with sqlite3.connect(out / "archive.db") as db:
        texts = [row[0] for row in db.execute("select text from posts order by position")]
    assert texts == [f"post {n}" for n in range(5)]
    assert list((out / "warc").glob("*.warc.gz"))
