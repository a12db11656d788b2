"""Linking every repost and article of an archive in one pass, at the end of a bulk load.

Why a pass of its own: a bulk load into an empty archive (``archive.bulk_load``) stores reposts
and articles unindexed and unlinked, and linking each as :func:`archive.reposts.link_repost` does
costs a query per repost and per kind to find its candidates, each reading every copy of every
sampled shingle. This pass gives the same rows with far less work, by two observations:

- The same article is pasted word for word again and again (that is why reposts are grouped), and
  everything linking decides about a text depends on its shingle set alone. So each distinct text
  is hashed once, its sample kept once in a temp table, and candidates are found between distinct
  texts (one self-join of the samples, in SQLite) rather than between rows.
- Whether two texts are candidates, and whether they match, depends on their shared sampled
  shingles, the sizes of their samples and their whole shingle sets: the rules of
  :mod:`archive.reposts` (:func:`~archive.reposts.plausible`, :func:`~archive.reposts.containment`)
  applied to each pair of distinct texts, from the side each rule was applied from row by row.

The rows are those of :func:`~archive.reposts.link_repost` and :func:`~archive.reposts.link_article`
once every text is stored (``tests/test_replay_bulk.py`` compares them with a record-by-record
replay): each repost's article is the best plausible match by (containment, article id), its group
the connected component of matching reposts labelled by its smallest id; the ``shingles`` table
holds every text's sample. Every row is set, so a pass cut short is simply redone (a bulk load's
marker stays until it is done).

Memory: the first :attr:`Linking.AHEAD` distinct texts and their shingle sets while they hash,
then ``chunk`` at a time; the shingle sets of ``chunk`` candidate pairs at a time while comparing;
and one entry for each distinct repost text that matched something (its best article, its place
in a group). The rest stays in SQLite's temp store.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from itertools import islice

from archive.reposts import (BY_HASH, MATCH_THRESHOLD, containment, packed_shingles, plausible, sampled,
                             unpacked)

KINDS = (("article", "articles"), ("repost", "reposts"))  # in the order of their names (see Linking.finish)
PARAMETERS = 500  # values bound in one statement (SQLite limits them)


def link_all(db, mapper: Callable | None = None, chunk: int = 1000) -> None:
    """Index every stored repost and article and link them (see the module's docstring).

    :param mapper: ``mapper(function, items, chunksize=n)`` to hash texts with (replay passes its
        parse workers' map); default: here
    """
    Linking(db, mapper, chunk).finish()


class Linking:
    """:func:`link_all` in two steps, so that other work can be done while the texts hash.

    Why: the first step reads which texts there are and hands the first :data:`AHEAD` distinct
    ones to ``mapper`` (replay's parse workers, idle by then, take them at once); a bulk load
    builds full-text indexes meanwhile, and :meth:`finish` takes the hashes and links. Between the
    steps only temp tables are written, so the two may be in separate transactions.
    """

    AHEAD = 4000  # distinct texts hashed while the caller works: most archives' all, in bounded memory

    def __init__(self, db, mapper: Callable | None = None, chunk: int = 1000) -> None:
        self.db, self.mapper, self.chunk = db, mapper or _map_here, chunk
        _temp_tables(db)
        for kind, table in KINDS:
            for rows in _chunked(db.execute(f"select id, text from [{table}] order by id"), chunk):
                digests = [_digest(text) for _, text in rows]
                db.conn.executemany("insert into temp.link_owners values (?, ?, ?)",
                                    [(kind, owner, digest) for (owner, _), digest in zip(rows, digests)])
                db.conn.executemany("insert or ignore into temp.link_texts (digest, text) values (?, ?)",
                                    [(digest, text or "") for digest, (_, text) in zip(digests, rows)])
        ahead = db.execute("select rowid, digest, text from temp.link_texts order by rowid limit ?",
                           [self.AHEAD]).fetchall()
        self.ahead_digests = [digest for _, digest, _ in ahead]
        self.ahead_last = ahead[-1][0] if ahead else 0
        self.ahead = self.mapper(packed_shingles, [text for _, _, text in ahead], chunksize=32)

    def finish(self) -> None:
        db = self.db
        # The (kind, hash) index is built once over all the sampled shingles rather than kept up
        # to date row by row. A pass cut short rolls back with its transaction, and the next
        # replay does it again (the bulk load's marker stays until it is done).
        db.execute(f"drop index if exists {BY_HASH}")
        db.execute("delete from shingles where kind in ('article', 'repost')")
        _add_sets(db, self.ahead_digests, list(self.ahead))
        rest = db.execute("select digest, text from temp.link_texts where rowid > ? order by rowid",
                          [self.ahead_last])
        for rows in _chunked(rest, self.chunk):
            _add_sets(db, [digest for digest, _ in rows],
                      list(self.mapper(packed_shingles, [text for _, text in rows], chunksize=32)))
        db.execute("create index temp.link_owners_by_digest on link_owners (digest, kind, owner_id)")
        db.execute("create index temp.link_sample_by_hash on link_sample (hash, digest)")
        # Each owner's sample, in the order of the (kind, owner_id, hash) key: one statement for all.
        # link_owners was filled kind by kind in key order (KINDS) and owner by owner in id order, so
        # its rowid order is the key's, and each text's sample comes in hash order from its primary
        # key: ordered by those, SQLite sorts nothing (ordered by the key columns, it sorted each
        # owner's hashes again: a third of the statement's time).
        db.execute("insert or ignore into shingles (kind, owner_id, hash) select o.kind, o.owner_id, s.hash "
                   "from temp.link_owners o join temp.link_sample s on s.digest = o.digest "
                   "order by o.rowid, s.hash")
        db["shingles"].create_index(["kind", "hash"], index_name=BY_HASH, if_not_exists=True)
        self._link()
        for name in TEMP_TABLES:
            db.execute(f"drop table temp.{name}")

    def _link(self) -> None:
        db, chunk = self.db, self.chunk
        links = Links()
        # Pairs of distinct texts sharing sampled shingles, with how many; at least one holds a repost.
        pairs = db.execute(
            "select a.digest, b.digest, count(*) from temp.link_sample a "
            "join temp.link_sample b indexed by link_sample_by_hash on b.hash = a.hash and b.digest > a.digest "
            "group by a.digest, b.digest")
        for part in _chunked(pairs, chunk):
            texts = _texts(db, {digest for pair in part for digest in pair[:2]})
            for first, second, shared in part:
                links.judge(texts[first], texts[second], shared)
        # A text pasted more than once: its copies match each other (and an article of the same text).
        for text in _repeated_texts(db):
            links.judge_copies(text)
        _write(db, links)


class Text:
    """One distinct text of the pass: its shingle set, its sample size, and who holds it."""

    __slots__ = ("digest", "hashes", "sample", "first_repost", "last_repost", "last_article")

    def __init__(self, digest: bytes, packed: bytes, sample: int, first_repost: str | None,
                 last_repost: str | None, last_article: str | None) -> None:
        self.digest, self.sample = digest, sample
        self.hashes = unpacked(packed)
        self.first_repost, self.last_repost, self.last_article = first_repost, last_repost, last_article


class Links:
    """What the pass found: each distinct repost text's best article, and groups of texts.

    Row by row, a repost looks for articles from its own side (its sample against theirs), and
    for other reposts whose id is greater than its own; here a pair of texts is judged from each
    side that some pair of their rows was judged from."""

    def __init__(self) -> None:
        self.best: dict[bytes, tuple[float, str]] = {}  # repost text: (containment, article id)
        self.parent: dict[bytes, bytes] = {}  # union-find over repost texts that matched another
        self.first: dict[bytes, str] = {}  # each such text's smallest repost id

    def judge(self, a: Text, b: Text, shared: int) -> None:
        similarity = None

        def matches() -> bool:
            nonlocal similarity
            if similarity is None:
                similarity = containment(a.hashes, b.hashes)
            return similarity >= MATCH_THRESHOLD

        for repost, article in ((a, b), (b, a)):
            if repost.first_repost is not None and article.last_article is not None and \
                    plausible(shared, repost.sample, article.sample) and matches():
                self._offer(repost.digest, similarity, article.last_article)
        if a.first_repost is None or b.first_repost is None:
            return
        from_a = b.last_repost > a.first_repost and plausible(shared, a.sample, b.sample)
        from_b = a.last_repost > b.first_repost and plausible(shared, b.sample, a.sample)
        if (from_a or from_b) and matches():
            self._union(a, b)

    def judge_copies(self, text: Text) -> None:
        """A text held by several rows, at least one a repost: identical sets contain each other
        whole, and a sample shared whole is always plausible; an empty sample has no candidates."""
        if text.sample and text.last_article is not None:
            self._offer(text.digest, 1.0, text.last_article)

    def label(self, digest: bytes) -> str:
        """The group of a repost text that matched another: the smallest repost id of its component."""
        return self.first[self._root(digest)]

    def _offer(self, digest: bytes, similarity: float, article_id: str) -> None:
        if (similarity, article_id) > self.best.get(digest, (0.0, "")):
            self.best[digest] = (similarity, article_id)

    def _root(self, digest: bytes) -> bytes:
        while self.parent[digest] != digest:
            self.parent[digest] = self.parent[self.parent[digest]]
            digest = self.parent[digest]
        return digest

    def _union(self, a: Text, b: Text) -> None:
        for text in (a, b):
            if text.digest not in self.parent:
                self.parent[text.digest], self.first[text.digest] = text.digest, text.first_repost
        first, second = self._root(a.digest), self._root(b.digest)
        if first != second:
            keep, drop = sorted((first, second), key=self.first.__getitem__)
            self.parent[drop] = keep


TEMP_TABLES = ("link_owners", "link_texts", "link_sets", "link_sample")


def _temp_tables(db) -> None:
    """The pass's working tables, in SQLite's temp store: who holds which text (by digest), each
    distinct text waiting to be hashed, each distinct text's packed shingle set and sample size,
    and each distinct text's sample."""
    for name in TEMP_TABLES:
        db.execute(f"drop table if exists temp.{name}")
    db.execute("create temp table link_owners (kind text, owner_id text, digest blob, primary key (kind, owner_id))")
    db.execute("create temp table link_texts (digest blob primary key, text text)")
    db.execute("create temp table link_sets (digest blob primary key, packed blob, sample integer)")
    db.execute("create temp table link_sample (digest blob, hash integer, primary key (digest, hash)) without rowid")


def _add_sets(db, digests: list[bytes], packed: list[bytes]) -> None:
    """Keep each distinct text's packed shingle set, sample size and sample."""
    samples = [sampled(unpacked(whole)) for whole in packed]
    db.conn.executemany("insert into temp.link_sets values (?, ?, ?)",
                        [(digest, whole, len(sample)) for digest, whole, sample in zip(digests, packed, samples)])
    # One statement a text, its sample as a JSON array: binding each row costs twice as much.
    db.conn.executemany("insert into temp.link_sample select ?, value from json_each(?)",
                        [(digest, json.dumps(sample)) for digest, sample in zip(digests, samples)])


def _texts(db, digests: set[bytes]) -> dict[bytes, Text]:
    """The :class:`Text` of each of ``digests``."""
    found = {}
    ordered = sorted(digests)
    for part in _parts(ordered):
        marks = ",".join("?" * len(part))
        found.update((row[0], Text(*row)) for row in db.execute(
            "select s.digest, s.packed, s.sample, "
            "min(case when o.kind = 'repost' then o.owner_id end), max(case when o.kind = 'repost' then o.owner_id end), "
            "max(case when o.kind = 'article' then o.owner_id end) "
            f"from temp.link_sets s join temp.link_owners o on o.digest = s.digest where s.digest in ({marks}) "
            "group by s.digest", part))
    return found


def _repeated_texts(db) -> Iterator[Text]:
    """Texts held by more than one row, at least one of them a repost, with a sample (the others
    have nothing to link)."""
    rows = db.execute("select digest from temp.link_owners o join temp.link_sets s using (digest) "
                      "where s.sample > 0 group by digest having count(*) > 1 and max(o.kind = 'repost')")
    for part in _chunked(rows, PARAMETERS):
        yield from _texts(db, {digest for (digest,) in part}).values()


def _write(db, links: Links) -> None:
    """Set every repost's article, similarity and group from what the pass found."""
    db.execute("create temp table link_rows (digest blob primary key, article_id text, similarity real, "
               "group_id text)")
    labels = {digest: links.label(digest) for digest in links.parent}
    db.conn.executemany("insert into temp.link_rows values (?, ?, ?, ?)",
                        [(digest, best and best[1], best and round(best[0], 4), labels.get(digest))
                         for digest in sorted(links.best.keys() | labels.keys())
                         for best in [links.best.get(digest)]])
    # Copies of one text that matched nothing else are a group of their own.
    db.execute("insert or ignore into temp.link_rows (digest, group_id) select o.digest, min(o.owner_id) "
               "from temp.link_owners o join temp.link_sets s on s.digest = o.digest "
               "where o.kind = 'repost' and s.sample > 0 group by o.digest having count(*) > 1")
    db.execute("update temp.link_rows set group_id = (select min(o.owner_id) from temp.link_owners o "
               "where o.kind = 'repost' and o.digest = link_rows.digest) where group_id is null")
    db.execute("update reposts set article_id = null, similarity = null, group_id = id "
               "where article_id is not null or similarity is not null or group_id is not id")
    db.execute("update reposts set article_id = l.article_id, similarity = l.similarity, group_id = l.group_id "
               "from temp.link_owners o join temp.link_rows l on l.digest = o.digest "
               "where o.kind = 'repost' and o.owner_id = reposts.id")
    db.execute("drop table temp.link_rows")


def _digest(text: str | None) -> bytes:
    """The key of a distinct text: 128 bits of BLAKE2b, so that two different texts share one with
    odds far below those of a disk error, while the temp tables hold 16 bytes a row, not the text."""
    return hashlib.blake2b((text or "").encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _map_here(function: Callable, items, chunksize: int = 1) -> Iterator:
    return map(function, items)


def _parts(items: list) -> Iterator[list]:
    return (items[start:start + PARAMETERS] for start in range(0, len(items), PARAMETERS))


def _chunked(rows: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(rows, size)):
        yield batch
