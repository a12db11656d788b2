"""Reposts in the archive: stored, linked to the archived article they copy, grouped together.

Near-duplicate text is found with word shingles (runs of 5 words). Each text keeps a sample of
its shingle hashes (one in four) in the ``shingles`` table; texts sharing enough sampled hashes
are the candidates, and a candidate is a match when the shared share of the smaller text's shingles (its
containment) is at least :data:`MATCH_THRESHOLD`: a repost is often an excerpt of the article.

Linking runs both ways (a new repost looks for articles, a new article for reposts) and groups
are connected components labelled by their smallest repost id, so the rows do not depend on the
order pages were archived or replayed in.
"""

from __future__ import annotations

import hashlib
import re
import struct
from functools import lru_cache

SHINGLE_WORDS = 5
SAMPLE_EVERY = 4
MATCH_THRESHOLD = 0.5
MIN_SAMPLE = 24  # texts with fewer sampled shingles are always compared in full (see _plausible)
_WORD = re.compile(r"\w+")
BY_HASH = "idx_shingles_kind_hash"  # the (kind, hash) index archive.database creates


def shingles(text: str) -> set[int]:
    """Hashes of every run of SHINGLE_WORDS lower-cased words (signed 64-bit, as SQLite stores them):
    the first 8 bytes of each run's BLAKE2b digest, big-endian. A text of fewer words is one run.

    The digests are joined and read as integers by one ``struct.unpack``, and the runs are built
    from zipped word lists: hashing is most of what linking reposts costs."""
    words = _WORD.findall((text or "").lower())
    if len(words) < SHINGLE_WORDS:
        runs = [" ".join(words)] if words else []
    else:
        runs = [" ".join(run) for run in zip(*(words[start:] for start in range(SHINGLE_WORDS)))]
    digests = b"".join([_blake2b_8(run.encode()).digest() for run in runs])
    return set(struct.unpack(f">{len(runs)}q", digests))


def _blake2b_8(data: bytes):
    return hashlib.blake2b(data, digest_size=8)


@lru_cache(maxsize=256)
def shingles_of(text: str) -> frozenset[int]:
    """:func:`shingles`, remembered for the last texts seen: a repost is compared with the other
    copies of its article, so the same few texts are hashed again and again."""
    return frozenset(shingles(text))


def sampled(hashes) -> list[int]:
    """The sample of a text's shingle hashes kept in the ``shingles`` table (one in SAMPLE_EVERY), sorted."""
    return sorted(h for h in hashes if h % SAMPLE_EVERY == 0)


def containment(a: set[int], b: set[int]) -> float:
    """How much of the smaller set the two share (1.0: one text contains the other)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def index_text(db, kind: str, owner_id: str, text: str) -> set[int]:
    """Replace the sampled shingles of one text ("article" or "repost"); returns all its shingles."""
    hashes = shingles_of(text)
    db.execute("delete from shingles where kind = ? and owner_id = ?", [kind, owner_id])
    db.conn.executemany("insert or ignore into shingles (kind, owner_id, hash) values (?, ?, ?)",
                        [(kind, owner_id, h) for h in sampled(hashes)])
    return hashes


def _candidates(db, kind: str, hashes: set[int], exclude: str | None = None) -> list[str]:
    """Texts of ``kind`` worth comparing with one whose shingles are ``hashes``: those sharing
    sampled shingles with it, and (see :func:`_plausible`) enough of them to be a match."""
    sample = sampled(hashes)
    if not sample:
        return []
    shared: dict[str, int] = {}
    for start in range(0, len(sample), 500):  # SQLite limits the number of parameters
        chunk = sample[start:start + 500]
        # Named index: without statistics SQLite prefers the primary key (kind, owner_id, hash),
        # which covers the query but reads every shingle of the kind: replay grew quadratically.
        rows = db.execute(f"select owner_id, count(*) from shingles indexed by {BY_HASH} "
                          f"where kind = ? and hash in ({','.join('?' * len(chunk))}) group by owner_id",
                          [kind, *chunk]).fetchall()
        for owner, count in rows:
            shared[owner] = shared.get(owner, 0) + count
    shared.pop(exclude, None)
    return sorted(owner for owner, count in shared.items() if _plausible(db, kind, owner, count, len(sample)))


def _plausible(db, kind: str, owner: str, shared: int, own_sample: int) -> bool:
    """Whether texts sharing ``shared`` sampled shingles can plausibly match, judged on the samples.

    Why: a phrase common to many texts (a dateline, an outlet's boilerplate) makes every one of
    them a candidate, and checking each means hashing its whole text again: replay time grew with
    the square of the reposts archived. The sample is an even quarter of each text's shingles,
    so the shared share of the smaller sample estimates the containment; a candidate is checked
    when that share is at least a third of MATCH_THRESHOLD, or when the smaller sample has fewer
    than MIN_SAMPLE shingles (short texts, where a sample says little, are always checked). The
    rule is symmetric, so which text came first does not matter.
    """
    largest = _largest_plausible(shared, own_sample)
    if largest is None:
        return True
    # Else only a small other text can qualify: count its sample, but no further than that size.
    size = db.execute("select count(*) from (select 1 from shingles where kind = ? and owner_id = ? limit ?)",
                      [kind, owner, largest + 1]).fetchone()[0]
    return size <= largest


def plausible(shared: int, own_sample: int, other_sample: int) -> bool:
    """:func:`_plausible` with both sample sizes known: the same rule, from the side of the text
    whose sample has ``own_sample`` shingles (``archive.repost_links`` judges pairs of texts)."""
    largest = _largest_plausible(shared, own_sample)
    return largest is None or other_sample <= largest


def _largest_plausible(shared: int, own_sample: int) -> int | None:
    """The largest sample the other text may have to be plausible (see :func:`_plausible`), or
    None when it is plausible whatever its size."""
    needed = MATCH_THRESHOLD / 3
    if own_sample < MIN_SAMPLE or shared >= needed * own_sample:
        return None
    return max(MIN_SAMPLE - 1, int(shared / needed))


def link_repost(db, repost_id: str, text: str) -> None:
    """Index a stored repost, link it to the best-matching article, and merge it into its group."""
    hashes = index_text(db, "repost", repost_id, text)
    best, score = None, 0.0
    for article_id in _candidates(db, "article", hashes):
        row = db.execute("select text from articles where id = ?", [article_id]).fetchone()
        similarity = containment(hashes, shingles_of(row[0] if row else ""))
        if similarity >= MATCH_THRESHOLD and (similarity, article_id) > (score, best or ""):
            best, score = article_id, similarity
    similarity = round(score, 4) if best else None
    # Only rows that change are updated: every update of a row re-indexes its full text.
    db.execute("update reposts set article_id = ?, similarity = ? where id = ? and (article_id is not ? "
               "or similarity is not ?)", [best, similarity, repost_id, best, similarity])
    matches = [other for other in _candidates(db, "repost", hashes, exclude=repost_id)
               if containment(hashes, shingles_of(_repost_text(db, other))) >= MATCH_THRESHOLD]
    _merge_groups(db, [repost_id, *matches])


def link_article(db, article_id: str, text: str) -> None:
    """Index a stored article and link every repost that copies it better than what it links now."""
    hashes = index_text(db, "article", article_id, text)
    for repost_id in _candidates(db, "repost", hashes):
        similarity = round(containment(hashes, shingles_of(_repost_text(db, repost_id))), 4)
        current = db.execute("select article_id, similarity from reposts where id = ?", [repost_id]).fetchone()
        if similarity >= MATCH_THRESHOLD and (current[0] is None or (similarity, article_id) > (current[1], current[0])):
            db.execute("update reposts set article_id = ?, similarity = ? where id = ?",
                       [article_id, similarity, repost_id])


def forget_reposts(db, post_id: str) -> None:
    """Remove a post's reposts (before storing them again), their shingles, and their group ties."""
    ids = [row[0] for row in db.execute("select id from reposts where post_id = ?", [post_id]).fetchall()]
    if not ids:
        return
    db.conn.executemany("delete from shingles where kind = 'repost' and owner_id = ?", [(i,) for i in ids])
    db.execute("delete from reposts where post_id = ?", [post_id])


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
    db.execute(f"update reposts set group_id = ? where id in ({','.join('?' * len(members))}) and group_id is not ?",
               [label, *members, label])


def packed_shingles(text: str | None) -> bytes:
    """A text's whole shingle set as sorted big-endian int64s (for a worker process: hashing is
    the costly part of linking, and bytes cross to the writer cheaply)."""
    hashes = sorted(shingles_of(text or ""))
    return struct.pack(f">{len(hashes)}q", *hashes)


def unpacked(packed: bytes) -> set[int]:
    """The set :func:`packed_shingles` packed."""
    return set(struct.unpack(f">{len(packed) // 8}q", packed))


def link_all(db, mapper=None, chunk: int = 1000) -> None:
    """Index and link every stored repost and article in one pass, for a bulk load's end.

    Kept here, where it was first written, for callers and docs that name it; the pass itself is
    :func:`archive.repost_links.link_all` (imported on call: that module builds on this one)."""
    from archive.repost_links import link_all as link_everything

    link_everything(db, mapper, chunk)
