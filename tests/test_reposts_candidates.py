"""archive.reposts candidates: found through the (kind, hash) index, texts sharing only a common
phrase are not compared in full, and short texts always are."""

from __future__ import annotations

import random

import pytest

from archive import reposts
from archive.database import open_archive

WORDS = ["army", "council", "drone", "election", "militia", "minister", "oil", "parliament", "port", "protest", "rally", "refinery", "report", "strike", "summit", "talks", "treaty", "vote", "water", "border", "budget", "court", "envoy", "market", "police"]
# An outlet's footer, pasted under every one of its articles.
BOILERPLATE = ("All rights reserved by the agency and its partners and no part of this report may be copied "
               "or shared without written permission from the editors in Baghdad who answer every request "
               "within three working days of receiving it by post")


def prose(seed: int, words: int) -> str:
    rng = random.Random(seed)
    return " ".join(f"{rng.choice(WORDS)}{rng.randrange(1000)}" for _ in range(words))


@pytest.fixture
def db(tmp_path):
    database = open_archive(str(tmp_path / "archive.db"))
    database.execute("insert into sites (id) values ('s')")
    database.execute("insert into posts (id, site_id) values ('s/1', 's')")
    yield database
    database.close()


def add_repost(db, repost_id: str, text: str) -> None:
    db.execute("insert into reposts (id, post_id, text, group_id) values (?, 's/1', ?, ?)", [repost_id, text, repost_id])
    reposts.link_repost(db, repost_id, text)


def group_of(db, repost_id: str) -> str:
    return db.execute("select group_id from reposts where id = ?", [repost_id]).fetchone()[0]


def test_the_candidate_query_reads_the_hash_index(db):
    """Without it SQLite scans every shingle of the kind for each new text (quadratic replay)."""
    plan = db.execute(f"explain query plan select owner_id, count(*) from shingles indexed by {reposts.BY_HASH} "
                      "where kind = ? and hash in (?, ?) group by owner_id", ["repost", 1, 2]).fetchall()
    assert any(reposts.BY_HASH in row[-1] for row in plan)


def test_long_texts_sharing_only_boilerplate_are_not_compared_or_grouped(db, monkeypatch):
    first, second = f"{BOILERPLATE} {prose(1, 400)}", f"{BOILERPLATE} {prose(2, 400)}"
    hashes = reposts.shingles(second)
    add_repost(db, "a", first)
    shared = set(reposts.sampled(reposts.shingles(first))) & set(reposts.sampled(hashes))
    assert shared, "the footer should give the texts a sampled shingle in common"
    assert reposts._candidates(db, "repost", hashes) == []
    add_repost(db, "b", second)
    assert (group_of(db, "a"), group_of(db, "b")) == ("a", "b")


@pytest.mark.parametrize("order", ["long first", "excerpt first"])
def test_a_copy_and_a_short_excerpt_are_grouped_in_any_order(db, order):
    article = f"{BOILERPLATE} {prose(3, 400)}"
    excerpt = " ".join(article.split()[100:140])  # 40 words: a sample too small to judge by
    assert len(reposts.sampled(reposts.shingles(excerpt))) < reposts.MIN_SAMPLE
    texts = {"r1": article, "r2": article, "r3": excerpt}
    for repost_id in (texts if order == "long first" else reversed(list(texts))):
        add_repost(db, repost_id, texts[repost_id])
    assert {group_of(db, r) for r in texts} == {"r1"}
