"""The SQLite archive's writes, through sqlite-utils (the schema: ``archive/database.py``).

Every row has a stable natural key (site host plus the forum's own id), so writing the same
page twice changes nothing and the order of writes does not matter: a row is only replaced by
data from a capture at least as recent as the one it came from. Every post names the capture
(WARC record) it was read from. Table-by-table documentation: ``docs/database.md``.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import urlsplit

import sqlite_utils

from archive.database import write_transaction
from archive.reposts import forget_reposts, link_article, link_repost
from archive.search import search_extra
from parsers.models import Author, PageResult, Post, Quote, iso

def site_of(url: str) -> str:
    """The site key of a URL: its host and port, lower-cased ("forum.example.com")."""
    return urlsplit(url).netloc.lower()


def store_capture(db: sqlite_utils.Database, capture: dict, result: PageResult | None,
                  link_reposts: bool = True) -> None:
    """Write one capture and, when it parsed as a thread page, its thread, authors and posts.

    :param capture: the capture row (``id`` is the WARC-Record-ID of the response record)
    :param result: the parse result, or None when the response was not a page to parse
    :param link_reposts: False to store reposts and articles unlinked and without their shingles
        (each repost its own group), for a bulk load that indexes and links them all at its end
        (:func:`archive.repost_links.link_all`)
    All writes happen in one transaction.
    """
    site_id = site_of(capture["url"])
    row = dict(capture, site_id=site_id)
    if result is not None:
        row.update(kind=result.kind, engine=result.engine, reason=result.reason,
                   errors=json.dumps(result.errors) if result.errors else None)
        if result.thread is not None:
            row.update(thread_id=_key(site_id, result.thread.id), page=result.thread.page)
    with db.atomic():
        _upsert_site(db, site_id, result.engine if result else None)
        _write(db, "captures", [row], pk="id")
        if capture.get("status") in (404, 410):
            # A known thread that now answers "not found" vanished (moved or deleted): marked, kept.
            db.execute("update threads set vanished_at = ? where url = ? and vanished_at is null",
                       [capture["captured_at"], capture["url"]])
        if result is not None and result.kind == "thread_page":
            _store_thread_page(db, site_id, capture, result, link_reposts)
        elif result is not None and result.kind == "article_page":
            _store_article_page(db, capture, result, link_reposts)


def _write(db, table: str, rows: list[dict], pk: str | tuple[str, ...] | None = None, conflict: str = "") -> None:
    """Insert ``rows`` (all with the same keys) with one prepared statement; with ``pk``, a row
    already there is updated in the given columns only (an upsert, as sqlite-utils does).

    Why not ``db[table].upsert``: sqlite-utils looks the table up and builds its statement on
    every call, which cost more than the writes themselves when replaying thousands of pages.
    """
    if not rows:
        return
    columns = list(rows[0])
    sql = (f"insert {conflict} into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"values ({', '.join('?' * len(columns))})")
    if pk:
        keys = (pk,) if isinstance(pk, str) else pk
        updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in keys)
        sql += f" on conflict ({', '.join(keys)}) do " + (f"update set {updates}" if updates else "nothing")
    db.conn.executemany(sql, [tuple(row[c] for c in columns) for row in rows])


def _chunks(items: list, size: int = 500):
    """``items`` in slices small enough for SQLite's limit on parameters of one statement."""
    return (items[start:start + size] for start in range(0, len(items), size))


def _upsert_site(db, site_id: str, engine: str | None) -> None:
    existing = db.execute("select engine from sites where id = ?", [site_id]).fetchone()
    if existing is None:
        _write(db, "sites", [{"id": site_id, "engine": engine}])
    elif engine and existing[0] != engine:
        db.execute("update sites set engine = ? where id = ?", [engine, site_id])


def _store_thread_page(db, site_id: str, capture: dict, result: PageResult, link_reposts: bool = True) -> None:
    thread = result.thread
    thread_key = _key(site_id, thread.id or result.canonical_url or result.url)
    captured_at = capture["captured_at"]
    starter_key = _store_authors(db, site_id, [thread.starter])[0] if thread.starter else None
    _merge_thread(db, {
        "id": thread_key, "site_id": site_id, "native_id": thread.id, "title": thread.title,
        "url": thread.url, "forum": json.dumps(thread.forum) if thread.forum else None,
        "page_count": thread.page_count, "reply_count": thread.reply_count, "starter_id": starter_key,
        "started_at": iso(thread.started_at),
        "tags": json.dumps(thread.tags) if thread.tags else None,
    }, capture["id"], captured_at)
    # The page's posts are written together: one read of what is stored, then one statement per
    # table, instead of a few statements per post.
    stored = _stored_posts(db, [_key(site_id, post.post_id) for post in result.posts])
    fresh = [(key, post) for post in result.posts
             if _newer(stored.get(key := _key(site_id, post.post_id)), captured_at)]
    _write(db, "post_revisions", [revision for key, post in fresh
                                  if (revision := _revision(stored.get(key), key, post, capture["id"], captured_at))],
           conflict="or replace")
    author_keys = _store_authors(db, site_id, [post.author for _, post in fresh])
    _write(db, "posts", [{
            "id": post_key, "site_id": site_id, "native_id": post.post_id, "thread_id": thread_key,
            "author_id": author_key, "author_name": post.author.name, "position": post.position,
            "page": thread.page, "position_on_page": post.position_on_page, "url": post.url,
            "published_at": iso(post.published_at), "edited_at": iso(post.edited_at),
            "edited_by": post.edited_by, "text": post.text, "html": post.html,
            "links": _json_list([{"url": l.url, "text": l.text} for l in post.links]),
            "images": _json_list([{"url": i.url, "alt": i.text} for i in post.images]),
            "attachments": _json_list([{"url": a.url, "name": a.text} for a in post.attachments]),
            "news_repost": int(post.news_repost), "comment": post.comment,
            "embeds": json.dumps(post.embeds) if post.embeds else None,
            "capture_id": capture["id"], "captured_at": captured_at,
            "deleted_at": None, "deleted_capture_id": None, "search_extra": search_extra(post.text),
        } for (post_key, post), author_key in zip(fresh, author_keys)], pk="id")
    _replace_children(db, fresh)
    for post_key, post in fresh:
        _replace_reposts(db, post_key, post, link_reposts)
    _mark_deleted(db, thread_key, thread.page, [_key(site_id, p.post_id) for p in result.posts],
                  [p.position for p in result.posts], capture["id"], captured_at)


def _stored_posts(db, keys: list[str]) -> dict[str, tuple]:
    """(text, html, edited_at, edited_by, capture_id, captured_at) of the stored posts among ``keys``."""
    stored = {}
    for chunk in _chunks(keys):
        stored.update((row[0], row[1:]) for row in db.execute(
            "select id, text, html, edited_at, edited_by, capture_id, captured_at from posts "
            f"where id in ({','.join('?' * len(chunk))})", chunk))
    return stored


def _newer(old: tuple | None, captured_at: str) -> bool:
    """True unless the stored post came from a later capture (so replay order cannot matter)."""
    return old is None or old[5] is None or old[5] <= captured_at


def _revision(old: tuple | None, post_key: str, post: Post, capture_id: str, captured_at: str) -> dict | None:
    """Before a newer capture replaces a post whose words changed, the old words, kept as a row."""
    if old is None or (old[0], old[1]) == (post.text, post.html) or old[5] == captured_at:
        return None
    return {
        "id": f"{post_key}@{old[5]}", "post_id": post_key, "text": old[0], "html": old[1],
        "edited_at": old[2], "edited_by": old[3], "capture_id": old[4], "captured_at": old[5],
        "replaced_by_capture": capture_id, "replaced_at": captured_at,
    }


def _mark_deleted(db, thread_key: str, page: int, present: list[str], positions: list[int],
                  capture_id: str, captured_at: str) -> None:
    """Posts an older capture showed on this page, within the positions this capture shows, are
    gone: marked deleted, never removed. Posts past the ends may have moved to a neighbouring page
    when others were added or removed; a post marked by mistake (its new page captured later) is
    unmarked when it is seen again."""
    if not positions:
        return
    rows = db.execute(
        f"""select id from posts where thread_id = ? and page = ? and deleted_at is null and captured_at < ?
            and position >= ? and position <= ? and id not in ({','.join('?' * len(present))})""",
        [thread_key, page, captured_at, min(positions), max(positions), *present]).fetchall()
    db.conn.executemany("update posts set deleted_at = ?, deleted_capture_id = ? where id = ?",
                        [(captured_at, capture_id, post_key) for (post_key,) in rows])


def _json_list(items: list) -> str | None:
    return json.dumps(items, ensure_ascii=False) if items else None


def article_key(url: str) -> str:
    """An article's key: host and path of its canonical URL, so one article seen at two URLs
    (or on two pages) is one row."""
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path.rstrip('/') or '/'}"


def _store_article_page(db, capture: dict, result: PageResult, link_reposts: bool = True) -> None:
    captured_at = capture["captured_at"]
    for position, article in enumerate(result.articles, start=1):
        key = article_key(article.canonical_url or article.url)
        if _newer_than_stored(db, "articles", key, captured_at):
            _write(db, "articles", [{
                "id": key, "url": article.url, "canonical_url": article.canonical_url, "site": article.site,
                "language": article.language, "title": article.title,
                "summary": _json_list(article.summary), "authors": _json_list(article.authors),
                "publisher": article.publisher, "published_at": iso(article.published_at),
                # The page's own offset is kept in published_at; this one sorts.
                "published_utc": iso(article.published_at.astimezone(timezone.utc)) if article.published_at else None,
                "updated_at": iso(article.updated_at),
                "section": article.section, "tags": _json_list(article.tags), "text": article.text,
                "blocks": _json_list([{"type": b.type, "text": b.text} for b in article.blocks]),
                "images": _json_list([{"url": i.url, "caption": i.caption, "credit": i.credit} for i in article.images]),
                "capture_id": capture["id"], "captured_at": captured_at,
                "search_extra": search_extra(article.title, article.text),
            }], pk="id")
            if link_reposts:
                link_article(db, key, article.text)
        _write(db, "article_captures", [{"article_id": key, "capture_id": capture["id"], "page_url": result.url,
                                         "main": int(article.main), "position": position}],
               pk=("article_id", "capture_id"))


def _merge_thread(db, fields: dict, capture_id: str, captured_at: str) -> None:
    """Each thread field keeps the value of the newest capture that shows it.

    Not every page of a thread shows everything (the starter is on page 1 only, an API batch of
    posts has no title): an empty field never overwrites a known one, and an older capture fills
    what is still unknown. The result does not depend on the order of the captures.
    """
    known = {key: value for key, value in fields.items() if value not in (None, "", "[]")}
    if _newer_than_stored(db, "threads", fields["id"], captured_at):
        _write(db, "threads", [{**known, "capture_id": capture_id, "captured_at": captured_at}], pk="id")
        return
    stored = db["threads"].get(fields["id"])
    missing = {key: value for key, value in known.items() if stored.get(key) is None}
    if missing:
        db["threads"].update(fields["id"], missing)


def _replace_reposts(db, post_key: str, post: Post, link: bool = True) -> None:
    forget_reposts(db, post_key)
    for position, embed in enumerate(post.embeds, start=1):
        repost_id = f"{post_key}#r{position}"
        _write(db, "reposts", [{
            "id": repost_id, "post_id": post_key, "position": position, "headline": embed["headline"],
            "outlet": embed["outlet"], "dateline": embed["dateline"], "date_text": embed["date_text"],
            "published_at": embed["published_at"], "byline": embed["byline"], "url": embed["url"],
            "text": embed["text"], "search_extra": search_extra(embed["headline"], embed["text"]),
            "group_id": repost_id,  # its own group until link_repost merges it (saves an update)
        }])
        if link:
            link_repost(db, repost_id, embed["text"])


def _store_authors(db, site_id: str, authors: list[Author]) -> list[str | None]:
    """Upsert the authors; returns each one's key (None for an author with neither name nor id)."""
    keys = [_key(site_id, a.id or f"name:{a.name}") if a.name or a.id else None for a in authors]
    _write(db, "authors", [{"id": key, "site_id": site_id, "native_id": a.id, "name": a.name, "url": a.url}
                           for key, a in zip(keys, authors) if key], pk="id")
    return keys


def _replace_children(db, posts: list[tuple[str, Post]]) -> None:
    """Replace the quotes and reactions of the given (key, post) pairs."""
    for chunk in _chunks([key for key, _ in posts]):
        marks = ",".join("?" * len(chunk))
        db.execute(f"delete from quotes where post_id in ({marks})", chunk)
        db.execute(f"delete from reactions where post_id in ({marks})", chunk)
    rows: list[dict] = []
    for post_key, post in posts:
        _quote_rows(post.quotes, post_key, None, f"{post_key}#q", 1, rows)
    # Parents first, children after: the foreign key on parent_id is checked row by row.
    _write(db, "quotes", rows)
    _write(db, "reactions", [{"post_id": key, "name": name, "count": count}
                             for key, post in posts for name, count in post.reactions.items()])


def _quote_rows(quotes: list[Quote], post_key: str, parent: str | None, prefix: str, depth: int,
                rows: list[dict]) -> None:
    for position, quote in enumerate(quotes, start=1):
        quote_id = f"{prefix}{position}"
        rows.append({
            "id": quote_id, "post_id": post_key, "parent_id": parent, "depth": depth,
            "position": position, "quoted_author": quote.author, "quoted_author_id": quote.author_id,
            "quoted_post_id": quote.post_id, "quoted_thread_id": quote.thread_id,
            "quoted_at": iso(quote.published_at), "citation": quote.citation, "text": quote.text,
            "search_extra": search_extra(quote.text),
        })
        _quote_rows(quote.quotes, post_key, quote_id, f"{quote_id}.", depth + 1, rows)


def _newer_than_stored(db, table: str, key: str, captured_at: str) -> bool:
    """True unless the stored row came from a later capture (so replay order cannot matter)."""
    row = db.execute(f"select captured_at from [{table}] where id = ?", [key]).fetchone()
    return row is None or row[0] is None or row[0] <= captured_at


def _key(site_id: str, native_id: str | None) -> str:
    return f"{site_id}/{native_id}"


def thread_state(db: sqlite_utils.Database, thread_url: str) -> tuple[int, str | None] | None:
    """(posts archived and not deleted, newest post time) of the thread at ``thread_url``, or None
    when it was never archived: what a forum listing's reply count and last post are checked against."""
    row = db.execute(
        """select count(p.id), max(p.published_at) from threads t left join posts p
           on p.thread_id = t.id and p.deleted_at is null where rtrim(t.url, '/') = rtrim(?, '/')
           group by t.id""", [thread_url]).fetchone()
    return (row[0], row[1]) if row else None


def record_crawl_run(db: sqlite_utils.Database, run: dict) -> None:
    """Insert or update one row of crawl-run metadata (not part of the archive proper)."""
    with write_transaction(db):
        db["crawl_runs"].upsert(run, pk="id")


def as_utc_text(value: datetime) -> str:
    """The text form used for capture times in the database (ISO 8601, UTC, microseconds)."""
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")
