"""Where a Discourse topic lives: its URLs, profiles, and the post ids behind post numbers."""

from __future__ import annotations

from urllib.parse import quote as url_quote

from ..urls import urlsplit
from .common import int_value


# --- Addresses -------------------------------------------------------------------------------


class TopicAddress:
    """The parts of a topic URL: site base (with a subfolder install's path), slug, id, post number.

    ``/t/{slug}/{id}``, ``/t/{id}``, ``/t/{slug}/{id}/{n}``, ``/t/{id}/{n}``, each maybe ``.json``,
    and ``/t/{id}/posts.json``.
    """

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        path = parts.path
        at = path.find("/t/")
        self.base = self.origin + (path[:at] if at >= 0 else "")
        self.slug = self.topic_id = self.post_number = None
        if at < 0:
            return
        segments = [s for s in path[at + 3:].split("/") if s]
        if segments and segments[-1].endswith(".json"):
            segments[-1] = segments[-1][: -len(".json")]
        if segments and segments[0].isdigit():
            self.topic_id = segments[0]
            rest = segments[1:]
        elif len(segments) > 1 and segments[1].isdigit():
            self.slug, self.topic_id = segments[0], segments[1]
            rest = segments[2:]
        else:
            return
        if rest and rest[0].isdigit():
            self.post_number = int(rest[0])

    def topic_url(self, slug: str | None, topic_id: str | None) -> str | None:
        if not topic_id:
            return None
        return f"{self.base}/t/{slug}/{topic_id}" if slug else f"{self.base}/t/{topic_id}"

    def profile(self, username: str | None) -> str | None:
        return f"{self.base}/u/{url_quote(username)}" if username else None


class PostIds:
    """Post number to post id, for the posts this page holds; ``{topic}/{number}`` for any other."""

    def __init__(self, topic_id: str | None, numbers: dict[int, str]) -> None:
        self.topic_id, self.numbers = topic_id, numbers

    def post_id(self, topic_id: str | None, number) -> str | None:
        number = int_value(number)
        if number is None or not topic_id:
            return None
        if topic_id == self.topic_id and number in self.numbers:
            return self.numbers[number]
        return f"{topic_id}/{number}"
