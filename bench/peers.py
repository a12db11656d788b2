"""forum-archiver's parser against its peers, forumscraper and forum-dl, on the same saved pages.

Why: "fast" means little alone; the question a user asks is how forum-archiver compares with
the tools they could use instead, on the same pages, in speed and in what comes out. Each tool
parses the real pages of ``../shared/fixtures/real`` (per engine; pages with hand-checked gold
beside them) with no network: ours through ``parse_page``, each peer in its own virtualenv
through its own page entry point (``bench/peers/run_*.py`` say which and why). The tools take
turns, round after round, and each clock runs inside the tool's own process around its parse
calls only. Speed is compared on the pages the peer reads (it found posts without raising);
accuracy is scored against the gold by ``parsers/evaluate.py``'s own matching for every tool.

Without ``../shared`` the generated IPS pages of ``bench/parse.py`` are used, speed only.

    bench/peers/setup                       # once: the peers' virtualenvs
    .venv/bin/python bench/peers.py [--quick]
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import MIN_RUNS, Measure, Row, Section, as_new_visit, ratio, section_main, verdict  # noqa: E402
from bench.peer_accuracy import accuracy_table, peer_post  # noqa: E402
from bench.profile_parse import where_time_goes  # noqa: E402
from parsel import Selector  # noqa: E402

from parsers import evaluate  # noqa: E402
from parsers.html_text import decode_body  # noqa: E402
from parsers.registry import parse_page  # noqa: E402

REAL = ROOT.parent / "shared" / "fixtures" / "real"
VENVS = ROOT / "bench" / ".venvs"
RUNNERS = ROOT / "bench" / "peers"
PEERS = {"forumscraper": "run_forumscraper.py", "forum-dl": "run_forum_dl.py"}
OURS = "forum-archiver"
TREE = "decode + Selector"  # where every parse of ours starts: what no extractor on an lxml tree can skip
# Engines at least one peer claims to read; MyBB (ours only) and news pages are left out.
ENGINES = ("ips", "xenforo", "phpbb", "vbulletin", "smf", "discourse")
TARGET = 1.5  # forum-archiver's pages/s over forumscraper's, on the pages forumscraper reads
ROUNDS, QUICK_ROUNDS = 7, MIN_RUNS
PASSES, QUICK_PASSES = 3, 1  # parses of each page in a row, per tool and round
QUICK_PAGES = 2  # per engine
PROFILE_SECONDS = 2.0  # per engine whose target is missed


@dataclass
class Page:
    name: str
    path: Path
    url: str
    engine: str
    captured_at: datetime
    expected: Path | None = None  # the gold beside the page; None for generated pages


@dataclass
class Outcome:
    """What one tool made of one page: its posts (as parsers.models objects), or why none."""

    posts: list = field(default_factory=list)
    error: str | None = None

    @property
    def read(self) -> bool:
        return bool(self.posts) and self.error is None


# --- pages -------------------------------------------------------------------------------------

def real_pages(quick: bool) -> list[Page]:
    pages = []
    for engine in ENGINES:
        found = evaluate.find_pages(REAL / engine)[: QUICK_PAGES if quick else None]
        for expected, path in found:
            data = json.loads(expected.read_text(encoding="utf-8"))
            fmt = evaluate.gold_format(data)
            pages.append(Page(path.relative_to(REAL).as_posix(), path, evaluate.page_url(data, fmt, path, REAL),
                              engine, evaluate.capture_time(data, fmt), expected))
    return pages


def generated_pages(folder: Path) -> list[Page]:
    """bench/parse.py's generated IPS pages, written out for the peers' runners to read."""
    from bench import parse

    pages = []
    for name, positions in (("short posts", parse.SHORT_POSTS), ("long posts", parse.LONG_POSTS)):
        page = parse.generated_page(name, positions)
        path = folder / (name.replace(" ", "-") + ".html")
        path.write_bytes(page.body)
        pages.append(Page(page.name, path, page.url, "ips", parse.CAPTURED))
    return pages


# --- the tools ---------------------------------------------------------------------------------

class Ours:
    name = OURS

    def load(self, pages: list[Page]) -> dict[str, Outcome]:
        self.pages = [(page, page.path.read_bytes()) for page in pages]
        outcomes = {}
        for page, body in self.pages:
            try:
                result = parse_page(body, page.url, page.captured_at)
                outcomes[page.name] = Outcome(result.posts, None if result.posts else result.reason)
            except Exception as error:  # scored as a failure like a peer's, and listed
                outcomes[page.name] = Outcome([], f"{type(error).__name__}: {error}")
        return outcomes

    def seconds(self, passes: int, names: list[str] | None = None) -> dict[str, float]:
        times = {}
        for page, body in self.pages:
            if names is not None and page.name not in names:
                continue
            times[page.name] = 0.0
            for _ in range(passes):  # as the runners time theirs (protocol.timed)
                gc.collect()
                times[page.name] += self.timed_parse(page, body)
        return times

    def timed_parse(self, page: Page, body: bytes) -> float:
        """Seconds of one parse of ``page``, as a new visit (no memo of an earlier parse helps)."""
        url, captured_at = as_new_visit(page.url, page.captured_at)
        start = time.perf_counter()
        parse_page(body, url, captured_at)
        return time.perf_counter() - start

    def close(self) -> None:
        pass


class TreeOnly(Ours):
    """Only what every ``parse_page`` call starts with: the page decoded and its lxml tree built
    (``bench/parse_engines.py``'s baseline). Its pages/s over forumscraper's is the ceiling of
    ours: the speed-up forum-archiver would have if reading the posts from the tree cost nothing."""

    name = TREE

    def load(self, pages: list[Page]) -> dict[str, Outcome]:
        self.pages = [(page, page.path.read_bytes()) for page in pages]
        return {}

    def timed_parse(self, page: Page, body: bytes) -> float:
        start = time.perf_counter()
        Selector(text=decode_body(body), type="html")
        return time.perf_counter() - start


class Peer:
    """A peer's runner (bench/peers/protocol.py) in the peer's own virtualenv, answering commands."""

    def __init__(self, name: str, log_folder: Path):
        self.name = name
        python = VENVS / name / "bin" / "python"
        if not python.exists():
            raise RuntimeError(f"{python.relative_to(ROOT)} is missing: run bench/peers/setup first")
        self.log = log_folder / f"{name}.log"
        self.log_file = self.log.open("w")
        self.process = subprocess.Popen([str(python), str(RUNNERS / PEERS[name])], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.log_file, text=True)

    def ask(self, command: dict) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()  # the runners answer every command, or die
        if not line:
            tail = self.log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"the {self.name} runner died (exit {self.process.wait()}):\n{tail}")
        return json.loads(line)

    def load(self, pages: list[Page]) -> dict[str, Outcome]:
        wanted = [{"name": p.name, "path": str(p.path), "url": p.url, "engine": p.engine} for p in pages]
        answer = self.ask({"cmd": "load", "pages": wanted})
        by_name = {page.name: page for page in pages}
        outcomes = {}
        for item in answer["pages"]:
            page = by_name[item["name"]]
            language = evaluate.page_language(page.path.read_bytes())  # for printed dates
            posts = [peer_post(post, i, page.captured_at, language) for i, post in enumerate(item["posts"], 1)]
            outcomes[page.name] = Outcome(posts, item["error"])
        return outcomes

    def seconds(self, passes: int, names: list[str] | None = None) -> dict[str, float]:
        return self.ask({"cmd": "time", "passes": passes, "names": names})["seconds"]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write('{"cmd": "quit"}\n')
            self.process.stdin.close()
            self.process.wait(timeout=30)
        self.log_file.close()


# --- speed -------------------------------------------------------------------------------------

def take_turns(tools: list, pages: list[Page], outcomes: dict[str, dict[str, Outcome]], rounds: int,
               passes: int) -> dict[str, list[dict[str, float]]]:
    """Per tool, per round, the seconds of ``passes`` parses of each page the tool reads.

    The tools take turns engine by engine (ours, forumscraper, forum-dl on one engine's pages,
    then the next engine), so the runs compared are seconds apart; one warm-up round first.
    """
    groups = [[p.name for p in pages if p.engine == engine] for engine in ENGINES]
    # Ours is timed on every page: each peer is compared with ours on the pages that peer reads.
    read = {tool.name: [[n for n in group if tool.name in (OURS, TREE) or outcomes[tool.name][n].read]
                        for group in groups] for tool in tools}
    times: dict[str, list[dict[str, float]]] = {tool.name: [] for tool in tools}
    for round_number in range(rounds + 1):
        figures: dict[str, dict[str, float]] = {tool.name: {} for tool in tools}
        for index in range(len(groups)):
            for tool in tools:
                if read[tool.name][index]:
                    figures[tool.name].update(tool.seconds(passes, read[tool.name][index]))
        if round_number:  # round 0 warms up
            for tool in tools:
                times[tool.name].append(figures[tool.name])
    return times


def rates(rounds: list[dict[str, float]], pages: list[Page], outcome: dict[str, Outcome],
          passes: int) -> tuple[Measure, Measure]:
    """(pages/s, posts/s) over ``pages``, one value per round."""
    posts = sum(len(outcome[page.name].posts) for page in pages)
    seconds = [sum(times[page.name] for page in pages) / passes for times in rounds]
    return (Measure([len(pages) / s for s in seconds], "pages/s"),
            Measure([posts / s for s in seconds], "posts/s"))


def speed_rows(label: str, pages: list[Page], times, outcomes, passes: int) -> list[Row]:
    rows = []
    for peer in PEERS:
        read = [page for page in pages if outcomes[peer][page.name].read]
        if not read:
            rows.append(Row(f"{label}: vs {peer}", "", f"{peer} reads none of the {len(pages)} pages"))
            continue
        ours, our_posts = rates(times[OURS], read, outcomes[OURS], passes)
        theirs, their_posts = rates(times[peer], read, outcomes[peer], passes)
        speedup = ratio(ours, theirs)
        target = f">= {TARGET}x" if peer == "forumscraper" else ""
        rows.append(Row(f"{label}: the {len(read)} of {len(pages)} pages {peer} reads",
                        f"{OURS} {ours.text()}, {our_posts.median:,.0f} posts/s",
                        f"{peer} {theirs.text()}, {their_posts.median:,.0f} posts/s", speedup, target,
                        verdict(speedup.median, TARGET) if target else ""))
        if peer == "forumscraper" and TREE in times:
            tree, _tree_posts = rates(times[TREE], read, {page.name: Outcome() for page in read}, passes)
            rows.append(Row(f"{label}: ceiling on the same pages, {TREE} alone vs {peer}",
                            f"{TREE} {tree.text()}", f"{peer} {theirs.text()}", ratio(tree, theirs)))
    return rows


# --- the section -------------------------------------------------------------------------------

@dataclass
class PeerSection(Section):
    """A Section with a second table, the tools' field accuracy, after the speed table."""

    accuracy: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        text = super().markdown()
        if not self.accuracy:
            return text
        head, sep, tail = text.partition("\n\n- ")
        table = "\n".join(["", "Field accuracy against the same gold, scored by `parsers/evaluate.py`:", "",
                           *self.accuracy])
        return head + "\n" + table + (sep + tail if sep else "")


def check(outcomes: dict[str, dict[str, Outcome]]) -> None:
    """Stop loudly when a tool extracted nothing at all: a broken set-up, not a finding."""
    for tool, by_page in outcomes.items():
        if not any(outcome.read for outcome in by_page.values()):
            errors = sorted({o.error or "no posts" for o in by_page.values()})
            raise RuntimeError(f"{tool} extracted no posts from any page: {'; '.join(errors)[:1500]}")


def failures(pages: list[Page], outcomes: dict[str, dict[str, Outcome]]) -> list[str]:
    notes = []
    for tool, by_page in outcomes.items():
        failed = [f"`{p.name}` ({short(by_page[p.name].error or 'no posts')})" for p in pages
                  if not by_page[p.name].read]
        if failed:
            notes.append(f"Pages {tool} could not read ({len(failed)}/{len(pages)}): " + "; ".join(failed))
    return notes


def short(error: str, limit: int = 70) -> str:
    return error if len(error) <= limit else error[: limit - 1] + "…"


def run(quick: bool = False) -> Section:
    rounds, passes = (QUICK_ROUNDS, QUICK_PASSES) if quick else (ROUNDS, PASSES)
    with tempfile.TemporaryDirectory(prefix="bench-peers-") as scratch:
        folder = Path(scratch)
        pages = real_pages(quick) if REAL.is_dir() else generated_pages(folder)
        tools = [Ours(), TreeOnly()]
        try:
            tools += [Peer(name, folder) for name in PEERS]
            outcomes = {tool.name: tool.load(pages) for tool in tools}
            del outcomes[TREE]  # it reads no posts
            check(outcomes)
            times = take_turns(tools, pages, outcomes, rounds, passes)
            bodies = {page.name: page.path.read_bytes() for page in pages}  # for profiles, below
        finally:
            for tool in tools:
                tool.close()
    section = PeerSection(f"Parsing against peer tools (forumscraper, forum-dl){' (quick)' if quick else ''}")
    engines = [e for e in ENGINES if any(p.engine == e for p in pages)]
    for engine in engines:
        section.rows += speed_rows(engine, [p for p in pages if p.engine == engine], times, outcomes, passes)
    if len(engines) > 1:
        section.rows += speed_rows("all engines", pages, times, outcomes, passes)
    missed = [e for e in engines if any(r.verdict == "MISS" and r.what.startswith(f"{e}:") for r in section.rows)]
    gold = all(page.expected for page in pages)
    if gold:
        section.accuracy = accuracy_table(pages, outcomes, REAL, OURS)
    section.notes = notes(pages, rounds, passes, gold) + failures(pages, outcomes)
    for engine in missed:
        chosen = [(bodies[p.name], p.url, p.captured_at) for p in pages if p.engine == engine]
        profile = where_time_goes(chosen, PROFILE_SECONDS / (4 if quick else 1))
        section.notes.append(f"Target missed on {engine}; where forum-archiver's time goes there "
                             f"(pyinstrument, `bench/profile_parse.py {engine}`): {profile}. "
                             "What would fix it: see `bench/README.md`.")
    return section


def notes(pages: list[Page], rounds: int, passes: int, gold: bool) -> list[str]:
    source = ("the real pages of `../shared/fixtures/real` for " + ", ".join(ENGINES) if gold else
              "`../shared/fixtures/real` is absent: the generated IPS pages of `bench/parse.py`; "
              "accuracy skipped (no gold)")
    return [
        f"Pages: {len(pages)}, {source}. MyBB has no peer; news pages are not forum threads.",
        f"Speed: pages/s (posts/s) = pages (posts each tool extracted) / parse seconds, median of {rounds} "
        f"rounds; in each round the tools take turns engine by engine (ours, forumscraper, forum-dl), each "
        f"parsing every page it reads {passes} time(s) in a row; one warm-up round first. Ratio = "
        "forum-archiver pages/s / the peer's, round by round, on the pages the peer reads (posts found, "
        "no exception).",
        "Clocks: forum-archiver `parse_page(bytes, url, captured_at)` (decoding, engine detection, posts, "
        "quotes, links, repost detection); forumscraper `Extractor().get_thread(url, rq=html)` on the "
        "UTF-8-decoded page (engine identification and its thread extractor); forum-dl "
        "`HtmlExtractor._fetch_thread_page_posts` with a session serving the saved bytes (BeautifulSoup "
        "parse, post extraction, embedded-file discovery), its extractor chosen by engine because "
        "forum-dl detects engines by fetching the site. Each clock runs inside the tool's own process.",
        f"Ceiling rows: `{TREE}` (`decode_body` + `parsel.Selector`, the baseline of `bench/parse_engines.py`) "
        "timed in the same turns on the same pages. It is where every parse of ours starts, so its ratio "
        "to forumscraper is the most forum-archiver could reach on those pages with an lxml tree, if "
        "reading posts, quotes and dates from it cost nothing. forumscraper reads pages with reliq, an "
        "HTML parser written in C, without building a Python-visible tree.",
    ] + ([
        "Accuracy: peers' authors, dates and texts are scored as given, once HTML is reduced to its text "
        "(tags dropped, entities decoded); printed dates are read as the gold's printed dates are "
        "(`evaluate.read_gold_date`, in the page's language). A page a tool cannot read scores every "
        "field as wrong. Where the gold (fhgr/harvest pages) names an author only by profile link, a "
        "tool that gives the name without the link scores wrong: forumscraper gives phpBB, SMF and "
        "XenForo 1 authors as name and numeric id, forum-dl as name only.",
    ] if gold else [])


def main(argv: list[str] | None = None) -> int:
    return section_main(run, __doc__, "2 pages per engine, fewer rounds: to try the bench", argv)


if __name__ == "__main__":
    sys.exit(main())
