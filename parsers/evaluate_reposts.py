"""How well posts that paste news are told from conversation: ``forum-archiver eval DIR --reposts FILE``.

FILE holds hand labels (``tests/data/repost_labels.json``): for each post, by its source page and
post id, whether it is a news repost and which outlet the text names. Sources are ``sample`` (the
bundled sample thread) or a page path under DIR (``ips/neowin-topic-1391546.html``). Pure: reads
files, runs :func:`parsers.registry.parse_page`, counts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .registry import parse_page

SAMPLE_TOPIC = (Path(__file__).resolve().parent.parent / "crawler" / "demo_site" / "pages" / "topic"
                / "4242-iraqi-officials-prime-minister-survives-assassination-attempt")
CAPTURED = datetime(2024, 6, 1, tzinfo=timezone.utc)


@dataclass
class RepostReport:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    outlets_right: int = 0
    outlets_total: int = 0
    missing_sources: list[str] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None

    @property
    def recall(self) -> float | None:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else None

    def to_json(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "true_positive": self.true_positive,
                "false_positive": self.false_positive, "false_negative": self.false_negative,
                "true_negative": self.true_negative, "outlets_right": self.outlets_right,
                "outlets_total": self.outlets_total, "missing_sources": self.missing_sources,
                "mistakes": self.mistakes}

    def render(self) -> str:
        def share(value):
            return "-" if value is None else f"{100 * value:.1f}%"
        lines = ["Reposts (hand-labelled posts)",
                 f"posts {self.true_positive + self.false_positive + self.false_negative + self.true_negative}: "
                 f"{self.true_positive + self.false_negative} reposts, {self.false_positive + self.true_negative} conversation",
                 f"precision {share(self.precision)}  recall {share(self.recall)}  "
                 f"(tp {self.true_positive}, fp {self.false_positive}, fn {self.false_negative}, tn {self.true_negative})",
                 f"outlet named where the text names one: {self.outlets_right}/{self.outlets_total}"]
        lines += [f"  skipped, page absent: {source}" for source in self.missing_sources]
        lines += [f"  {mistake}" for mistake in self.mistakes]
        return "\n".join(lines) + "\n"


def evaluate_reposts(labels_file: Path, fixtures: Path) -> RepostReport:
    labels = json.loads(labels_file.read_text(encoding="utf-8"))["posts"]
    posts, report = {}, RepostReport()
    for source in sorted({label["source"] for label in labels}):
        found = _posts_of(source, fixtures)
        if found is None:
            report.missing_sources.append(source)
        else:
            posts.update({(source, post.post_id): post for post in found})
    for label in labels:
        post = posts.get((label["source"], label["post_id"]))
        if post is None:
            continue
        _count(report, label, post)
    return report


def _posts_of(source: str, fixtures: Path):
    if source == "sample":
        pages = [SAMPLE_TOPIC / "index.html", *sorted(SAMPLE_TOPIC.glob("page/*/index.html"))]
        bodies = [p.read_text(encoding="utf-8").replace("{{BASE_URL}}", "http://127.0.0.1:8000").encode() for p in pages]
    else:
        page = fixtures / source
        if not page.is_file():
            return None
        bodies = [page.read_bytes()]
    return [post for body in bodies
            for post in parse_page(body, "https://forum.example/topic/1-x/", CAPTURED).posts]


def _count(report: RepostReport, label: dict, post) -> None:
    where = f"{label['source']} post {label['post_id']}"
    if post.news_repost and label["repost"]:
        report.true_positive += 1
    elif post.news_repost:
        report.false_positive += 1
        report.mistakes.append(f"false repost: {where}")
    elif label["repost"]:
        report.false_negative += 1
        report.mistakes.append(f"missed repost: {where}")
    else:
        report.true_negative += 1
    if label["repost"] and label.get("outlet"):
        report.outlets_total += 1
        ours = post.embeds[0]["outlet"] if post.embeds else None
        if _name(ours) == _name(label["outlet"]):
            report.outlets_right += 1
        else:
            report.mistakes.append(f"outlet of {where}: {ours!r}, labelled {label['outlet']!r}")


def _name(outlet: str | None) -> str:
    return re.sub(r"[\W_]+", " ", (outlet or "").lower()).strip()
