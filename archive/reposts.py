"""Reposts in the archive: stored, linked to the archived article they copy, grouped together.

Near-duplicate text is found with word shingles (runs of 5 words). Each text keeps a sample of
its shingle hashes (one in four) in the ``shingles`` table; texts sharing sampled hashes are the
candidates, and a candidate is a match when the shared share of the smaller text's shingles (its
containment) is at least :data:`MATCH_THRESHOLD`: a repost is often an excerpt of the article.

Linking runs both ways (a new repost looks for articles, a new article for reposts) and groups
are connected components labelled by their smallest repost id, so the rows do not depend on the
order pages were archived or replayed in.
"""

from __future__ import annotations

import hashlib
import re

SHINGLE_WORDS = 5
SAMPLE_EVERY = 4
MATCH_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """Hashes of every run of SHINGLE_WORDS lower-cased words (signed 64-bit, as SQLite stores them)."""
    words = _WORD.findall((text or "").lower())
    runs = (" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(len(words) - SHINGLE_WORDS + 1, 1)))
    return {int.from_bytes(hashlib.blake2b(run.encode(), digest_size=8).digest(), "big", signed=True)
            for run in runs if run}


def _sample(hashes: set[int]) -> list[int]:
    return sorted(h for h in hashes if h % SAMPLE_EVERY == 0)


def containment(a: set[int], b: set[int]) -> float:
    """How much of the smaller set the two share (1.0: one text contains the other)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def index_text(db, kind: str, owner_id: str, text: str) -> set[int]:
    """Replace the sampled shingles of one text ("article" or "repost"); returns all its shingles."""
    hashes = shingles(text)
    db["shingles"].delete_where("kind = ? and owner_id = ?", [kind, owner_id])
    db["shingles"].insert_all(({"kind": kind, "owner_id": owner_id, "hash": h} for h in _sample(hashes)),
                              ignore=True)
    return hashes


def _candidates(db, kind: str, hashes: set[int], exclude: str | None = None) -> list[str]:
    sample = _sample(hashes)
    if not sample:
        return []
    found = set()
    for start in range(0, len(sample), 500):  # SQLite limits the number of parameters
        chunk = sample[start:start + 500]
        rows = db.execute(f"select distinct owner_id from shingles where kind = ? and hash in ({','.join('?' * len(chunk))})",
                          [kind, *chunk]).fetchall()
        found.update(row[0] for row in rows)
    found.discard(exclude)
    return sorted(found)


def link_repost(db, repost_id: str, text: str) -> None:
    """Index a stored repost, link it to the best-matching article, and merge it into its group."""
    hashes = index_text(db, "repost", repost_id, text)
    best, score = None, 0.0
    for article_id in _candidates(db, "article", hashes):
        row = db.execute("select text from articles where id = ?", [article_id]).fetchone()
        similarity = containment(hashes, shingles(row[0] if row else ""))
        if similarity >= MATCH_THRESHOLD and (similarity, article_id) > (score, best or ""):
            best, score = article_id, similarity
    db["reposts"].update(repost_id, {"article_id": best, "similarity": round(score, 4) if best else None})
    matches = [other for other in _candidates(db, "repost", hashes, exclude=repost_id)
               if containment(hashes, shingles(_repost_text(db, other))) >= MATCH_THRESHOLD]
    _merge_groups(db, [repost_id, *matches])


def link_article(db, article_id: str, text: str) -> None:
    """Index a stored article and link every repost that copies it better than what it links now."""
    hashes = index_text(db, "article", article_id, text)
    for repost_id in _candidates(db, "repost", hashes):
        similarity = round(containment(hashes, shingles(_repost_text(db, repost_id))), 4)
        current = db.execute("select article_id, similarity from reposts where id = ?", [repost_id]).fetchone()
        if similarity >= MATCH_THRESHOLD and (current[0] is None or (similarity, article_id) > (current[1], current[0])):
            db["reposts"].update(repost_id, {"article_id": article_id, "similarity": similarity})


def forget_reposts(db, post_id: str) -> None:
    """Remove a post's reposts (before storing them again), their shingles, and their group ties."""
    ids = [row[0] for row in db.execute("select id from reposts where post_id = ?", [post_id]).fetchall()]
    for repost_id in ids:
        db["shingles"].delete_where("kind = 'repost' and owner_id = ?", [repost_id])
    db["reposts"].delete_where("post_id = ?", [post_id])


def _repost_text(db, repost_id: str) -> str:
    row = db.execute("select text from reposts where id = ?", [repost_id]).fetchone()
    return row[0] if row else ""


def _merge_groups(db, repost_ids: list[str]) -> None:
    """Give every repost in the groups of ``repost_ids`` the smallest repost id among them."""
    groups = {row[0] for row in db.execute(
        f"select coalesce(group_id, id) from reposts where id in ({','.join('?' * len(repost_ids))})", repost_ids)}
    members = {row[0] for row in db.execute(
        f"select id from reposts where group_id in ({','.join('?' * len(groups))}) or id in ({','.join('?' * len(repost_ids))})",
        [*groups, *repost_ids])}
    label = min(members)
    db.execute(f"update reposts set group_id = ? where id in ({','.join('?' * len(members))})", [label, *members])
