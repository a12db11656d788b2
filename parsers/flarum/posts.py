"""One Flarum post resource of the JSON:API (``type: "posts"``) as a contract :class:`Post`.

Attribute names changed at 1.0 (2021): ``createdAt``/``editedAt``/``hiddenAt`` and the
``editedUser``/``hiddenUser`` relationships were ``time``/``editTime``/``hideTime`` and
``editUser``/``hideUser`` in the betas; both are read. Only comments are posts: events such as
``discussionRenamed`` or ``discussionTagged`` (``contentType`` other than ``comment``) are
notices in the stream. flarum/likes gives ``likesCount`` (1.8 and later, with a ``likes``
relationship cut to a few users) or only the ``likes`` relationship listing every user;
fof/reactions gives ``reactionCounts`` (reaction id to count, names from the forum's
``reactions`` resources).

A hidden post (``isHidden``, soft-deleted by a moderator) reaches only readers allowed to see it;
it is kept as served, and the page's errors say who hid it and when.
"""

from __future__ import annotations

from datetime import datetime

from ..dates import parse_iso
from ..models import Author, Post
from ..quote_depth import depth_errors
from .addresses import DiscussionAddress
from .body import read_body
from .common import as_dict, as_id, as_int, as_text
from .documents import ApiDocument, attributes
from .view_bodies import ViewBodies


def is_comment(resource: dict) -> bool:
    """A post that shows words (not an event notice, not a bare id the answer did not load)."""
    attrs = attributes(resource)
    return attrs.get("contentType", "comment") == "comment" and isinstance(attrs.get("contentHtml"), str)


def read_post(resource: dict, document: ApiDocument, address: DiscussionAddress, thread_url: str | None,
              fallback_position: int, errors: list[str], views: ViewBodies | None = None) -> Post:
    post_id = as_id(resource.get("id"))
    attrs = attributes(resource)
    number = as_int(attrs.get("number"))
    published = _time(attrs, "createdAt", "time")
    if published is None:
        errors.append(f"post {post_id}: no publication time")
    author = _post_author(resource, document, address, post_id, errors)
    editor = document.related(resource, "editedUser") or document.related(resource, "editUser")
    body = read_body(attrs.get("contentHtml") or "", address.base, views)
    errors.extend(f"post {post_id}: {problem}" for problem in body.problems)
    if attrs.get("isHidden"):
        hider = user_author(document.related(resource, "hiddenUser") or document.related(resource, "hideUser"), address)
        hidden_at = _time(attrs, "hiddenAt", "hideTime")
        errors.append(f"post {post_id}: hidden by {hider.name or 'a moderator'}"
                      f"{' at ' + hidden_at.isoformat() if hidden_at else ''}; kept as served")
    post = Post(
        post_id=post_id, url=f"{thread_url}/{number}" if thread_url and number else None,
        position=number or fallback_position, author=author, published_at=published,
        edited_at=_time(attrs, "editedAt", "editTime"),
        edited_by=user_author(editor, address).name if editor else None,
        text=body.text, html=body.html, reactions=reactions(resource, document), quotes=body.quotes,
        links=body.links, images=body.images,
    )
    errors.extend(depth_errors(post_id, post.quotes))
    return post


def _post_author(resource: dict, document: ApiDocument, address: DiscussionAddress, post_id: str | None,
                 errors: list[str]) -> Author:
    """The post's user, and what the answer says when it names none. Only ``"user": {"data": null}``
    is a deleted account; a post without the ``user`` relationship comes from an answer that was not
    asked for it (``include=posts``, not ``posts.user``), and a user linked but not included keeps
    its id. Why: calling those deleted accounts misreported live members."""
    relation = as_dict(resource.get("relationships")).get("user")
    if not isinstance(relation, dict) or "data" not in relation:
        errors.append(f"post {post_id}: no author in the answer (it has no user relationship:"
                      " the API was not asked to include the posts' users)")
        return Author(name=None)
    link = relation.get("data")
    if link is None:
        errors.append(f"post {post_id}: no author (a deleted account)")
        return Author(name=None)
    author = user_author(document.related(resource, "user"), address)
    if not author.name:
        user_id = as_id(as_dict(link).get("id"))
        errors.append(f"post {post_id}: the author's name is not in the answer (user {user_id} is linked"
                      " but not included)" if user_id else f"post {post_id}: no author name in the answer")
        author = Author(name=None, id=author.id or user_id)
    return author


def user_author(user: dict, address: DiscussionAddress) -> Author:
    """``{name: username, id, url: /u/{slug}}``; the display name when the answer gives no username."""
    attrs = attributes(user)
    username = as_text(attrs.get("username"))
    return Author(name=username or as_text(attrs.get("displayName")), id=as_id(user.get("id")),
                  url=address.profile(as_text(attrs.get("slug")) or username))


def reactions(resource: dict, document: ApiDocument) -> dict[str, int]:
    attrs = attributes(resource)
    found: dict[str, int] = {}
    likes = as_int(attrs.get("likesCount"))
    if likes is None:
        liked_by = document.related_ids(resource, "likes")
        likes = len(liked_by) if liked_by is not None else None
    if likes:
        found["Like"] = likes
    for reaction_id, count in as_dict(attrs.get("reactionCounts")).items():
        count = as_int(count)
        if count:
            named = attributes(document.find("reactions", reaction_id))
            found[as_text(named.get("identifier")) or f"reaction {reaction_id}"] = count
    return found


def _time(attrs: dict, name: str, beta_name: str) -> datetime | None:
    return parse_iso(attrs.get(name)) or parse_iso(attrs.get(beta_name))
