"""The thread reader in real headless Chromium, served by a real ``forum-archiver serve`` process.

Chromium is Debian's package (``scripts/install-browser``, run by ``scripts/setup``), driven by
Playwright without Playwright's own browser download. The module skips only where there is no
apt-get to install it with; on Debian a missing Chromium fails. One browser for the module.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
import sqlite_utils
from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACT = ROOT / ".artifacts" / "reader-sample-thread.png"

pytestmark = pytest.mark.skipif(shutil.which("apt-get") is None,
                                reason="not Debian: scripts/install-browser has no apt-get to install Chromium with")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def forum_archiver() -> list[str]:
    script = Path(sys.executable).parent / "forum-archiver"
    return [str(script)] if script.exists() else [sys.executable, "-m", "crawler"]


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"forum-archiver serve exited ({process.returncode}): {process.stdout.read()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"forum-archiver serve did not answer {url} within {seconds} s")


@pytest.fixture(scope="module")
def served(sample_crawl):
    """``forum-archiver serve`` on the sample crawl's database, on a free loopback port."""
    db = sample_crawl / "archive.db"
    port = free_port()
    process = subprocess.Popen([*forum_archiver(), "serve", str(db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base + "/-/versions.json", process)
        thread_id = sqlite_utils.Database(db).execute("select id from threads").fetchone()[0]
        yield base, thread_id
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "no /usr/bin/chromium: scripts/setup installs it (scripts/install-browser)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


# Each post as the browser's DOM has it: quote depth is counted from the nesting of the
# blockquote elements themselves, not read from an attribute.
READ_POSTS = """() => [...document.querySelectorAll('li.post')].map(post => ({
  position: Number(post.dataset.position),
  author: post.querySelector('.author').textContent.trim(),
  quotes: [...post.querySelectorAll('.quotes blockquote')].map(quote => {
    let depth = 0;
    for (let node = quote; node && node !== post; node = node.parentElement) {
      if (node.tagName === 'BLOCKQUOTE') depth += 1;
    }
    const cite = quote.querySelector(':scope > cite');
    return [cite ? cite.textContent.trim() : null, depth];
  }),
  reactions: Object.fromEntries([...post.querySelectorAll('li.reaction')].map(
    li => [li.textContent.trim().replace(/ \\d+$/, ''), Number(li.textContent.trim().match(/(\\d+)$/)[1])])),
}))"""


def flatten(quotes: list[dict], depth: int = 1) -> list[list]:
    rows = []
    for quote in quotes:
        rows.append([quote["citation"], depth])
        rows.extend(flatten(quote["quotes"], depth + 1))
    return rows


def test_reader_shows_the_sample_thread_in_chromium(served, browser, expected_thread, tmp_path):
    base, thread_id = served
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    try:
        response = page.goto(f"{base}/-/thread?{urlencode({'id': thread_id})}")
        assert response.status == 200
        assert page.locator("h1").inner_text() == expected_thread["thread"]["title"]
        posts = page.evaluate(READ_POSTS)
        expected = expected_thread["posts"]
        assert [(p["position"], p["author"]) for p in posts] == [(e["position"], e["author"]["name"]) for e in expected]
        assert [p["quotes"] for p in posts] == [flatten(e["quotes"]) for e in expected]
        assert [p["reactions"] for p in posts] == [e["reactions"] for e in expected]
        bars = page.locator("svg.posts-chart rect.bar")
        assert sum(int(bars.nth(i).get_attribute("data-count")) for i in range(bars.count())) == len(expected)
        tallest = max(range(bars.count()), key=lambda i: int(bars.nth(i).get_attribute("data-count")))
        assert bars.nth(tallest).bounding_box()["height"] > 20, "the chart is drawn, not just present"
        screenshot(page, tmp_path, ARTIFACT.name)
        screenshot(page, tmp_path, "reader-sample-thread-top.png", full_page=False)
    finally:
        page.close()


def test_a_thread_title_in_the_threads_table_opens_the_reader(served, browser, expected_thread):
    base, _ = served
    page = browser.new_page()
    try:
        page.goto(f"{base}/archive/threads")
        page.locator("a.reader-link").first.click()
        page.wait_for_url("**/-/thread?**")
        assert page.locator("h1").inner_text() == expected_thread["thread"]["title"]
        assert page.locator("li.post").count() == len(expected_thread["posts"])
        page.get_by_role("link", name="jg1").first.click()
        page.wait_for_url("**/-/author?**")
        jg1 = sum(post["author"]["name"] == "jg1" for post in expected_thread["posts"])
        assert page.locator("ol.author-posts li").count() == jg1
    finally:
        page.close()



def screenshot(page, tmp_path, name: str, full_page: bool = True) -> Path:
    """A PNG in ``tmp_path`` (the whole page, or what the window shows), copied to the
    artifacts folder for people to look at."""
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=full_page)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ARTIFACT.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTIFACT.parent / name)
    return shot


def test_the_posts_table_rows_stay_short(served, browser, expected_thread, tmp_path):
    """Stored markup summarised, JSON lists on one line and text cut short keep each row of
    the posts table within a few lines (it was thousands of pixels tall)."""
    base, _ = served
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        assert page.goto(f"{base}/archive/posts").status == 200
        heights = page.evaluate("() => [...document.querySelectorAll('table.rows-and-columns tbody tr')]"
                                ".map(row => row.getBoundingClientRect().height)")
        screenshot(page, tmp_path, "table-posts.png")
        assert len(heights) == len(expected_thread["posts"])
        assert max(heights) < 300, heights
    finally:
        page.close()


def test_searching_posts_finds_the_drone_posts(served, browser, expected_thread, tmp_path):
    base, _ = served
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(f"{base}/archive/posts")
        page.fill("input#_search", "drones")
        page.locator("form.filters input[type=submit]").click()
        page.wait_for_url("**_search=drones**")
        found = page.locator("table.rows-and-columns tbody tr").count()
        want = sum(bool(re.search(r"\bdrones?\b", post["text"], re.IGNORECASE)) for post in expected_thread["posts"])
        assert found == want and found
        screenshot(page, tmp_path, "search-drones.png")
    finally:
        page.close()
