"""A Flarum JSON:API document: the resources it holds and the links between them.

Flarum answers ``{"data": ..., "included": [...]}``: ``data`` is the discussion
(``/api/discussions/7``) or a list of posts (``/api/posts?...``); ``included`` holds the posts,
users, tags and the like the answer refers to as ``{"type": "users", "id": "11"}``. The same
document is embedded in every forum page as the ``apiDocument`` of its ``flarum-json-payload``.
"""

from __future__ import annotations

from .common import as_dict, as_id, as_list, as_text


class ApiDocument:
    """Resources by (type, id), and the readers the parsers need on top of them."""

    def __init__(self, data: dict, extra: list | None = None) -> None:
        self.data = data.get("data")
        self.links = as_dict(data.get("links"))
        self.resources: dict[tuple[str, str], dict] = {}
        primary = self.data if isinstance(self.data, list) else [self.data]
        # ``extra``: the payload's forum ``resources`` (reaction names live there, not in the discussion).
        for resource in [*as_list(extra), *as_list(data.get("included")), *primary]:
            if isinstance(resource, dict) and as_text(resource.get("type")) and as_id(resource.get("id")):
                self.resources[(resource["type"], str(resource["id"]))] = resource

    @property
    def discussion(self) -> dict:
        """The discussion resource the answer is about (``{}`` for none)."""
        if isinstance(self.data, dict) and self.data.get("type") == "discussions":
            return self.data
        for post in self.posts():
            found = self.related(post, "discussion")
            if found:
                return found
        return {}

    def find(self, kind: str, resource_id) -> dict:
        return self.resources.get((kind, as_id(resource_id) or ""), {})

    def posts(self) -> list[dict]:
        """Every post resource, in the discussion's order (by ``number``)."""
        posts = [r for (kind, _), r in self.resources.items() if kind == "posts"]
        return sorted(posts, key=lambda p: (attributes(p).get("number") if isinstance(attributes(p).get("number"), int)
                                            else 1 << 62, str(p.get("id"))))

    def related(self, resource: dict, name: str) -> dict:
        """The one resource ``resource`` links to as ``name`` ({} when it links none or the answer lacks it)."""
        link = as_dict(as_dict(as_dict(resource.get("relationships")).get(name)).get("data"))
        return self.find(link.get("type", ""), link.get("id")) if link else {}

    def related_ids(self, resource: dict, name: str) -> list[str] | None:
        """The ids a to-many relationship lists, or None when the resource has no such relationship."""
        relation = as_dict(resource.get("relationships")).get(name)
        if not isinstance(relation, dict) or not isinstance(relation.get("data"), list):
            return None
        return [i for link in relation["data"] if isinstance(link, dict) and (i := as_id(link.get("id")))]


def attributes(resource: dict) -> dict:
    return as_dict(resource.get("attributes"))
