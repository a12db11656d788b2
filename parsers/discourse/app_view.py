"""A topic as Discourse's browser app drew it: a page saved from a browser after its scripts ran.

Such a page has no crawler view (or only an empty ``#main-outlet``): the posts are the app's
post stream, whose classes and attributes a theme restyles but keeps (seen on a Discourse 3.0 board
in English and a 2.9 board in German, the latter showing full names):

- ``div.topic-post > article#post_N[data-post-id][data-topic-id][data-user-id]``: N is the post's
  number in the topic, ``data-post-id`` its id (the JSON API's), ``data-user-id`` the poster's id;
- the poster: ``.topic-meta-data .names a[data-user-card]`` (the username; the link's words are
  the full name when the site shows names);
- the time: ``.post-date .relative-date[data-time]`` (milliseconds since 1970, UTC): its ``title``
  and words are the reader's local time, never read;
- the words: the first ``div.cooked`` (a solved topic's first post draws a second ``div.cooked``
  with the accepted answer's excerpt, which the poster did not write);
- posts the reader unfolded inside a post (``section.embedded-posts``: the post it replies to above
  its header, its replies below its words) carry their own header and words: never this post's;
- its likes and reactions, under its words (see :mod:`.app_reactions`);
- an edited post: ``.post-info.edits`` whose title gives the last edit's time in the reader's
  local time only, so the edit is said, its time not guessed.

The app shows the posts it had loaded (a window of the topic around the post the reader opened,
more as they scrolled): not a page of the topic's crawler view. Posts keep their numbers as
positions; the page says what it is, and gives no next page.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from ..budget import check_budget
from ..html_text import element_text
from ..markup import class_test
from ..markup import xpath as _X
from ..models import Author, PageResult, Post, Thread
from ..post_blocks import shared_error
from ..quote_depth import depth_errors
from ..quote_times import date_quotes
from ..urls import joined, urljoin
from ..values import first as _first
from ..values import words as _words
from .addresses import PostIds, TopicAddress
from .app_reactions import app_reactions
from .body import post_from_body
from .common import ENGINE, int_value
from .placeholders import clear, deleted_by_author, placeholder_words

# Small-action notices ("closed the topic", "pinned") are not posts, as in the topic JSON.
ARTICLES = _X("//article[@data-post-id][starts-with(@id, 'post_')]"
              f"[not({class_test('small-action')}) and not(ancestor::*[{class_test('embedded-posts')}])]")
_CANONICAL = _X("/html/head/link[@rel='canonical']/@href")
_TOPIC_SECTION_ID = _X("//section[@id='topic']/@data-topic-id")
_TITLE = _X("//div[@id='topic-title']//h1")
_CATEGORIES = _X(f"//div[@id='topic-title']//*[{class_test('category-name')} or {class_test('badge-category__name')}]")
_TAGS = _X(f"//div[@id='topic-title']//a[{class_test('discourse-tag')}]")
# Inside one article, never inside the posts the reader unfolded around it ("in reply to" above,
# the replies below: ``section.embedded-posts``, each with its own names, time and cooked words).
_OWN = f"[not(ancestor::*[{class_test('embedded-posts')}])]"
# Never a card in the post's words (a solved topic's "Solved by NAME" excerpt), in the topic's map
# under the first post (its creator, its frequent posters) or in an unfolded post's own header
# (div.topic-meta-data.embedded-reply): a header whose end tag a torn page lost runs over them.
_USER_CARD = _X(f".//div[{class_test('topic-meta-data')} and not({class_test('embedded-reply')})]{_OWN}"
                f"//a[@data-user-card][not(ancestor::div[{class_test('cooked')} or {class_test('topic-map')}"
                f" or {class_test('embedded-reply')}])]")
_TIME = _X(f".//*[{class_test('post-date')}]{_OWN}//*[@data-time]")
# A solved topic's first post draws the accepted answer's excerpt in a div.cooked of its own, after
# the post's words, holding the plugin's aside.accepted-answer alone: never the post's words, even
# when a torn page lost the start tag of the post's own div.cooked (its excerpt was read as them).
_COOKED = _X(f".//div[{class_test('cooked')}]{_OWN}[not(./aside[{class_test('accepted-answer')}])]")
_EDITS = _X(f".//div[{class_test('topic-meta-data')}]{_OWN}//*[{class_test('edits')}]")

_NUMBER = re.compile(r"^post_(\d+)$")
# The poster's username at the end of the article's aria-label ("post #2 by @kiln_bo", in the
# reader's language): the page's own word on whose post the article is.
_LABELLED_POSTER = re.compile(r"@([\w.\-]+)\s*$")


def _before(nodes: list, article, body) -> list:
    """The ``nodes`` that come before ``body`` in ``article``: the app prints a post's header, then
    its words; a header after them is a later post's, whose article start a torn page lost."""
    wanted = set(nodes)
    found = []
    for node in article.iter():
        if node is body:
            break
        if node in wanted:
            found.append(node)
    return found


def _own(nodes: list, article) -> list:
    """The ``nodes`` of ``article`` itself, none of another post's ``article#post_N`` inside it (a
    torn page that lost an article's end tag holds the next post's article, header and all; that
    article is another post's even when its data-post-id is torn too)."""
    return [node for node in nodes
            if next((a for a in node.iterancestors("article") if _NUMBER.match(a.get("id") or "")), None) is article]

APP_VIEW_ERROR = ("the page is Discourse's browser app view (saved after its scripts ran): it holds the posts"
                  " the app had loaded, not a page of the topic; their positions are their numbers in the topic")


def parse_app_view(root, articles: list, url: str, captured_at: datetime) -> PageResult:
    """The posts of the app's post stream (see the module docstring)."""
    canonical = _first(_CANONICAL(root))
    address = TopicAddress(urljoin(url, canonical) if canonical else url)
    if address.topic_id is None:
        address = TopicAddress(url)
    topic_id = address.topic_id or _first(_TOPIC_SECTION_ID(root)) or articles[0].get("data-topic-id")
    thread_url = address.topic_url(address.slug, topic_id)
    numbers = {}
    for article in articles:
        match = _NUMBER.match(article.get("id") or "")
        if match and article.get("data-post-id"):
            numbers[int(match.group(1))] = article.get("data-post-id")
    ids = PostIds(topic_id, numbers)
    result = PageResult(kind="thread_page", url=url, engine=ENGINE, canonical_url=joined(url, canonical))
    for index, article in enumerate(articles, start=1):
        check_budget()
        post = _post(article, address, thread_url, ids, captured_at, result.errors)
        if post is None:
            continue
        post.position_on_page = index
        result.posts.append(post)
    date_quotes(result.posts)
    result.errors.append(APP_VIEW_ERROR)
    heading = _first(_TITLE(root))
    title = _words([element_text(heading)]) if heading is not None else None
    forum = [n for n in dict.fromkeys(_words([element_text(node)]) for node in _CATEGORIES(root)) if n and n != title]
    first = next((p for p in result.posts if p.position == 1), None)
    result.thread = Thread(
        id=topic_id, title=title, url=thread_url, forum=forum,
        starter=first.author if first else None, started_at=first.published_at if first else None,
        tags=list(dict.fromkeys(t for t in (_words([element_text(n)]) for n in _TAGS(root)) if t)),
    )
    return result


def _post(article, address: TopicAddress, thread_url: str | None, ids: PostIds, captured_at: datetime,
          errors: list[str]) -> Post | None:
    match = _NUMBER.match(article.get("id") or "")
    post_id = article.get("data-post-id")
    if match is None:
        errors.append(f"post {post_id}: no post number in its id ({article.get('id')!r}); not read")
        return None
    number = int(match.group(1))
    body = _first(_own(_COOKED(article), article))
    if body is None:
        errors.append(f"post {post_id}: no post body drawn (the app had not loaded it); not read")
        return None
    card = _first(_before(_own(_USER_CARD(article), article), article, body))
    name = (card.get("data-user-card") or _words([element_text(card)])) if card is not None else None
    labelled = _LABELLED_POSTER.search(article.get("aria-label") or "")
    if name and labelled and name.lower() != labelled.group(1).lower():
        # The first name before the words is not the one the article's label names: another post's
        # header stands in this article (its own article's tags lost), and its words may too.
        errors.append(shared_error(post_id))
        name = None
    if not name:
        errors.append(f"post {post_id}: no author name found")
    user_id = article.get("data-user-id")
    author = Author(name=name or None, id=user_id if name and user_id and user_id.lstrip("-").isdigit() else None,
                    url=address.profile(name) if name else None)
    stamp = _first(_before(_own(_TIME(article), article), article, body))
    millis = int_value(stamp.get("data-time")) if stamp is not None else None
    published = datetime.fromtimestamp(millis / 1000, tz=timezone.utc) if millis else None
    if published is None:
        errors.append(f"post {post_id}: no publication time found")
    if _EDITS(article):
        errors.append(f"post {post_id}: edited; the app prints the edit's time in the reader's local time only,"
                      " so it is not read")
    url = f"{thread_url}/{number}" if thread_url else None
    shown = placeholder_words(body)
    if shown is not None and deleted_by_author(shown):
        clear(body)  # the notice its author's deletion left (see .placeholders): no one's words
    reactions = app_reactions(article, post_id, lambda nodes: _own(nodes, article), errors)
    post = post_from_body(body, post_id, url, number, author, published, None, reactions, address, ids, captured_at)
    errors.extend(depth_errors(post_id, post.quotes))
    return post
