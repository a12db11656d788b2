"""``parsers.xenforo.parts.PostParts``: its walk steps through the post with one lxml iteration and
passes over the parts it does not enter up to the first element after them, with each class
attribute's part remembered (``_class_part``), where lxml's iterwalk and its ``skip_subtree()``,
with each class split anew, did before. Every part it records must be the one that walk recorded:
checked on every post of the hand-written XenForo fixtures against that walk, kept here."""

from __future__ import annotations

from conftest import DATA
from lxml import etree

from parsers.xenforo.parts import ROLE_TOKENS, WALKED_ROLES, PageParts, PostParts, next_outside, role_of

SINGLE = ("body", "user", "attribution", "edit", "reactions", "likes", "permalink", "number", "username",
          "published_meta", "modified", "position_meta")
LISTS = ("attachments", "times", "times_after_body", "member_links", "user_times", "number_links")


def _reference(post) -> dict:
    """What the iterwalk walk (the code this replaced) recorded."""
    got = {name: None for name in SINGLE} | {name: [] for name in LISTS}
    walker = etree.iterwalk(post, events=("start",))
    next(walker)
    in_user, user_after = False, None
    for _event, child in walker:
        if in_user and child is user_after:
            in_user = False
        tag = child.tag
        if tag == "time":
            if child.get("itemprop") == "dateModified":
                got["modified"] = got["modified"] if got["modified"] is not None else child
            elif not in_user:
                got["times" if got["body"] is None else "times_after_body"].append(child)
            else:
                got["user_times"].append(child)
            walker.skip_subtree()
            continue
        if tag == "meta":
            prop = child.get("itemprop")
            if got["published_meta"] is None and prop == "datePublished":
                got["published_meta"] = child
            elif prop == "position" and got["position_meta"] is None and not in_user:
                got["position_meta"] = child
            walker.skip_subtree()
            continue
        if tag == "a":
            href = child.get("href") or ""
            if "/members/" in href:
                got["member_links"].append(child)
            elif "post-" in href and (child.text or "").lstrip().startswith("#"):
                got["number_links"].append(child)
        classes = child.get("class")
        if not classes:
            continue
        tokens = classes.split()
        if ROLE_TOKENS.isdisjoint(tokens):
            if got["username"] is None and "username" in tokens:
                got["username"] = child
            continue
        role = role_of(tokens)
        if role == "body":
            got["body"] = got["body"] if got["body"] is not None else child
        elif role == "attachments":
            got["attachments"].append(child)
        elif role == "time":
            if not in_user:
                got["times" if got["body"] is None else "times_after_body"].append(child)
        elif role != "skip":
            if got[role] is None:
                got[role] = child
            if role in WALKED_ROLES and len(child):
                if role == "user" and not in_user:
                    in_user, user_after = True, next_outside(child, post)
                continue
        walker.skip_subtree()
    return got


def test_post_parts_are_those_the_iterwalk_walk_recorded():
    posts = [post for path in sorted(DATA.glob("*xenforo*/**/*.html"))
             for post in PageParts(etree.parse(str(path), etree.HTMLParser()).getroot()).posts]
    assert len(posts) > 50
    for post in posts:
        parts, expected = PostParts(post), _reference(post)
        for name in SINGLE:
            assert getattr(parts, name) is expected[name], name
        for name in LISTS:
            assert [id(node) for node in getattr(parts, name)] == [id(node) for node in expected[name]], name
