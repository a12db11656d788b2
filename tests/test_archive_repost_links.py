"""archive.repost_links: linking every repost at once gives the rows of linking them one by one,
for texts pasted whole, in excerpts, in halves, mixed, behind a common footer, too short to sample,
empty, and for articles that share a text with each other or with a repost."""

from __future__ import annotations

import random

import pytest

from archive import reposts
from archive.database import open_archive, write_transaction
from archive.repost_links import link_all

WORDS = ["army", "council", "drone", "election", "militia", "minister", "oil", "parliament", "port", "protest",
         "rally", "refinery", "report", "strike", "summit", "talks", "treaty", "vote", "water", "border"]
FOOTER = ("All rights reserved by the agency and its partners and no part of this report may be copied or "
          "shared without written permission from the editors who answer every request within three days")


def prose(rng: random.Random, words: int) -> list[str]:
    return [f"{rng.choice(WORDS)}{rng.randrange(500)}" for _ in range(words)]


def texts(seed: int) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """Articles and reposts (id: text) of every shape linking tells apart."""
    rng = random.Random(seed)
    stories = [prose(rng, rng.choice([60, 200, 400])) for _ in range(5)]
    articles = {f"site/a{n}": " ".join(story) for n, story in enumerate(stories[:4])}
    articles["site/a9"] = articles["site/a1"]  # one story at two addresses: the greater id wins a tie
    articles["site/short"] = "too short"
    shapes = [
        lambda s: " ".join(s),  # whole
        lambda s: " ".join(s[10:50]),  # an excerpt: a sample too small to judge by
        lambda s: " ".join(s[: len(s) // 2]),  # half
        lambda s: " ".join(s[: len(s) // 2] + stories[rng.randrange(5)][: len(s) // 2]),  # two stories mixed
        lambda s: f"{FOOTER} {' '.join(prose(rng, 300))}",  # only the footer in common
        lambda s: f"{' '.join(s)} {FOOTER}",
        lambda s: " ".join(s[:3]),  # shorter than a shingle
        lambda s: "",
        lambda s: None,
    ]
    posts = {}
    for n in range(60):
        posts[f"s/p{n:03d}#r1"] = rng.choice(shapes)(rng.choice(stories))
    return articles, posts


def load(db, articles: dict, posts: dict, linked: bool) -> None:
    """The rows as a bulk load stores them (``linked=False``), or linked one by one as stored."""
    with write_transaction(db):
        db.execute("insert into sites (id) values ('s')")
        for repost_id in posts:
            db.execute("insert into posts (id, site_id) values (?, 's')", [repost_id.split("#")[0]])
        for article_id, text in articles.items():
            db.execute("insert into articles (id, text) values (?, ?)", [article_id, text])
            if linked:
                reposts.link_article(db, article_id, text)
        for repost_id, text in posts.items():
            db.execute("insert into reposts (id, post_id, text, group_id) values (?, ?, ?, ?)",
                       [repost_id, repost_id.split("#")[0], text, repost_id])
            if linked:
                reposts.link_repost(db, repost_id, text)


def rows(db) -> tuple[list, list]:
    return (db.execute("select id, article_id, similarity, group_id from reposts order by id").fetchall(),
            db.execute("select kind, owner_id, hash from shingles order by kind, owner_id, hash").fetchall())


@pytest.mark.parametrize("seed", range(6))
def test_linking_at_once_gives_the_rows_of_linking_one_by_one(tmp_path, seed):
    articles, posts = texts(seed)
    one_by_one = open_archive(str(tmp_path / "one.db"))
    load(one_by_one, articles, posts, linked=True)
    at_once = open_archive(str(tmp_path / "all.db"))
    load(at_once, articles, posts, linked=False)
    with write_transaction(at_once):
        link_all(at_once, chunk=7)  # small chunks: texts and pairs cross chunk borders
    expected, found = rows(one_by_one), rows(at_once)
    assert found == expected
    links = found[0]
    assert any(article for _, article, _, _ in links) and len({group for *_, group in links}) < len(links)
    # Linking again changes nothing (a bulk load cut short is finished by doing it all again).
    with write_transaction(at_once):
        link_all(at_once)
    assert rows(at_once) == expected
