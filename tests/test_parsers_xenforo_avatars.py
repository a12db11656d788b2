"""XenForo 2 member ids read from the avatar's class when nothing else on the post gives them.

Why: on a real XenForo 2 guest view (a large board's public pages) the style prints the poster's
name as a bare ``span.username``, without ``data-user-id`` or a profile link, and every author came
back without an id; the avatar XenForo 2 renders still carries it (``avatar-u12345``,
``avatar-u12345-m``). The fixture (tests/data/xenforo_avatars/) is written by hand after that
markup; its expected values were read off it by hand.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA

from parsers.registry import parse_page

UTC = timezone.utc
PAGE = DATA / "xenforo_avatars" / "xf2_guest_avatar_ids.html"
URL = "https://phone.example/threads/akku-entlaedt-sich-ueber-nacht.910/"


def parse():
    return parse_page(PAGE.read_bytes(), URL, datetime(2024, 7, 10, tzinfo=UTC))


def test_the_fixture_says_it_is_hand_written():
    assert "Hand-written, not a capture" in PAGE.read_text(encoding="utf-8")[:1500]


def test_member_ids_come_from_the_avatar_class_in_the_user_pane():
    result = parse()
    assert (result.kind, result.engine, result.errors) == ("thread_page", "xenforo", [])
    assert [(p.post_id, p.author.name, p.author.id, p.author.url) for p in result.posts] == [
        ("9101", "Lena Berg", "4101", None),  # <span class="avatar avatar--m avatar-u4101-m">
        ("9102", "Timo", "4102", None),  # <a class="avatar avatar--s avatar-u4102">
        ("9103", "Gast Ulla", None, None),  # a guest's "avatar-u0-m": no member
        # no avatar in the pane; the member card in the words ("avatar-u4102-xxs") is Timo's, not Jonas's
        ("9104", "Jonas", None, None),
    ]


def test_times_are_the_posts_own():
    # <time datetime="2024-07-05T17:39:00+0200" data-time="1720193940">: 15:39 UTC
    assert [p.published_at for p in parse().posts] == [
        datetime(2024, 7, 5, 15, 39, tzinfo=UTC), datetime(2024, 7, 5, 17, 2, tzinfo=UTC),
        datetime(2024, 7, 6, 6, 15, tzinfo=UTC), datetime(2024, 7, 6, 7, 30, tzinfo=UTC)]
