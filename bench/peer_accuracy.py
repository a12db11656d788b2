"""Field accuracy of forum-archiver and its peers against the same gold, for ``bench/peers.py``.

Why here and not new matching code: ``parsers/evaluate.py`` already matches gold posts to parsed
posts (by the post id in the gold's permalink, else by order) and scores author, date and text
token F1; ``forum-archiver eval`` reports our parser with it. A peer's output is turned into the
same ``parsers.models`` objects and handed to the same scoring functions, so every tool is
judged by one yardstick.

Peers give some fields as HTML and dates as printed text. To score what they extracted, not
how they format it: HTML is reduced to its text (tags dropped, entities decoded), and printed
dates are read the way the gold's printed dates are (:func:`parsers.evaluate.read_gold_date`).
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from lxml import html as lxml_html

from parsers import evaluate
from parsers.dates import parse_iso
from parsers.models import Author, PageResult, Post, Thread

FIELDS = {"posts": ("posts",), "author": ("author", "starter"), "date": ("date",), "text": ("text", "text_f1")}
HEAD = ["Engine", "Tool", "Pages read", "Post count = gold", "Author", "Date",
        f"Text F1 >= {evaluate.F1_THRESHOLD}", "Mean text F1"]


# --- a peer's output as parsers.models objects --------------------------------------------------

def plain_text(fragment: str | None) -> str:
    """A peer's field as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return " ".join(html.unescape(fragment).split())
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return " ".join(" ".join(root.itertext()).split())


def peer_date(printed: str | None, captured_at: datetime, language: str | None) -> datetime | None:
    """ISO, as most peers give it, else a printed date read like the gold's (page language first)."""
    text = plain_text(printed)
    return parse_iso(text) or (evaluate.read_gold_date(text, captured_at, language) if text else None)


def peer_post(fields: dict, position: int, captured_at: datetime, language: str | None) -> Post:
    """One post of a runner's answer (bench/peers/protocol.py) as a ``parsers.models.Post``."""
    author = Author(plain_text(fields.get("author")) or None, url=fields.get("author_url"))
    return Post(post_id=fields.get("id") or "", url=fields.get("url"), position=position, author=author,
                published_at=peer_date(fields.get("date"), captured_at, language),
                text=plain_text(fields.get("text")), html=fields.get("text") or "")


# --- scoring -------------------------------------------------------------------------------------

def score_page(page, outcome, ours: bool, root: Path) -> evaluate.Report:
    """One page's gold scored by parsers/evaluate.py: ours exactly as ``forum-archiver eval``
    does; a peer's posts (``outcome.posts``) through the same scoring functions, in place of ours."""
    report = evaluate.Report()
    if ours:
        evaluate.evaluate_page(page.expected, page.path, root, report)
        return report
    # A page the peer could not read gets no result: evaluate then counts every field as wrong.
    result = PageResult(kind="thread_page", url=page.url, engine=page.engine, posts=outcome.posts,
                        thread=Thread(id=None, title=None, url=None)) if outcome.read else None
    evaluate.score_other_reading(page.expected, page.path, page.url, page.engine, result, report)
    return report


def accuracy_table(pages: list, outcomes: dict[str, dict], root: Path, ours: str) -> list[str]:
    """Markdown rows: per engine (then all) and tool, pages read and each field's share right."""
    scores = {(tool, page.name): merged(score_page(page, by_page[page.name], tool == ours, root))
              for tool, by_page in outcomes.items() for page in pages}
    lines = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    engines = list(dict.fromkeys(page.engine for page in pages))
    for engine in [*engines, "all"]:
        chosen = [page for page in pages if engine in ("all", page.engine)]
        for tool, by_page in outcomes.items():
            totals = add([scores[tool, page.name] for page in chosen])
            read = sum(by_page[page.name].read for page in chosen)
            cells = [engine, tool, f"{read}/{len(chosen)}"]
            cells += [share(totals, FIELDS[name]) for name in ("posts", "author", "date", "text")]
            f1s = [f for name in FIELDS["text"] for f in totals.get(name, evaluate.Score()).f1s]
            cells.append(f"{sum(f1s) / len(f1s):.2f}" if f1s else "")
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def merged(report: evaluate.Report) -> dict[str, evaluate.Score]:
    """A report's scores by field name (one page has one engine and one gold format)."""
    return add([{name: score} for (_, _, name), score in report.scores.items()])


def add(parts: list[dict[str, evaluate.Score]]) -> dict[str, evaluate.Score]:
    totals: dict[str, evaluate.Score] = {}
    for part in parts:
        for name, score in part.items():
            total = totals.setdefault(name, evaluate.Score())
            total.correct += score.correct
            total.total += score.total
            total.f1s += score.f1s
    return totals


def share(totals: dict[str, evaluate.Score], names: tuple[str, ...]) -> str:
    correct = sum(totals[name].correct for name in names if name in totals)
    total = sum(totals[name].total for name in names if name in totals)
    return f"{correct}/{total} ({100 * correct / total:.0f}%)" if total else ""
