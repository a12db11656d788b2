"""What one pass over a XenForo page finds (:class:`_PageParts`), and one pass over each post (:class:`_PostParts`)."""

from __future__ import annotations

from .common import _POST_ID


# Class tokens of the parts of a post the walk in _PostParts records (and does not walk into).
_POST_ROLES = {
    "bbWrapper": "body", "messageText": "body",
    "message-signature": "signature", "signature": "signature",
    "message-user": "user", "messageUserInfo": "user",
    "message-attribution": "attribution",
    "message-lastEdit": "edit", "editDate": "edit",
    "reactionsBar": "reactions", "likesBar": "likes", "LikeText": "likes",
    "message-attachments": "attachments", "attachedFiles": "attachments",
    "datePermalink": "permalink", "postNumber": "number", "DateTime": "time",
}
_SKIP_POST_PARTS = frozenset({"message-fields", "messageNotices"})  # custom fields, moderator notes
_ROLE_TOKENS = frozenset((*_POST_ROLES, *_SKIP_POST_PARTS))


def _is_post(node) -> bool:
    if node.get("data-author") is None:
        return False
    if node.tag == "article":
        return (node.get("data-content") or "").startswith("post-")
    return bool(_POST_ID.match(node.get("id") or "")) and "message" in (node.get("class") or "").split()


class _PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.posts, self.titles, self.breadcrumbs, self.old_breadcrumbs, self.tag_lists = [], [], [], [], []
        self.page_nav = self.description = None
        self.json_ld, self.scripts = [], []
        self.template = root.get("data-template")
        for node in root.iter("article", "li", "h1", "ul", "div", "fieldset", "p", "dl", "script"):
            tag = node.tag
            if tag == "script":
                text = node.text or ""
                if node.get("type") == "application/ld+json":
                    self.json_ld.append(text)
                elif "serverTimeInfo" in text:
                    self.scripts.append(text)
                continue
            classes = node.get("class")
            if tag in ("article", "li") and node.get("data-author") is not None:
                if _is_post(node) and "deleted" not in (classes or "").split():
                    self.posts.append(node)
                continue
            if tag == "div" and node.get("id") == "content" and self.template is None:
                self.template = " ".join((classes or "").split())  # XenForo 1: the template's name
            if tag == "p" and node.get("id") == "pageDescription":
                self.description = node
                continue
            if tag == "h1":
                parent = node.getparent()
                if "p-title-value" in (classes or "").split() or (
                        parent is not None and "titleBar" in (parent.get("class") or "").split()):
                    self.titles.append(node)
                continue
            if not classes:
                continue
            tokens = classes.split()
            if "p-breadcrumbs" in tokens:
                self.breadcrumbs.append(node)
            elif "breadcrumb" in tokens:  # XenForo 1's fieldset; XF2 themes wrap ul.p-breadcrumbs in one
                self.old_breadcrumbs.append(node)
            elif self.page_nav is None and ("pageNav" in tokens or "PageNav" in tokens):
                self.page_nav = node
            elif self.description is None and "p-description" in tokens:
                self.description = node
            elif "tagList" in tokens:
                self.tag_lists.append(node)


class _PostParts:
    """The parts of one post, from a walk that never enters the post body or the parts it records."""

    def __init__(self, post) -> None:
        self.body = None
        self.user = self.attribution = self.edit = self.reactions = self.likes = None
        self.permalink = self.number = None
        self.attachments, self.times = [], []
        self._walk(post)

    def _walk(self, post) -> None:
        # Its own stack, not recursion: a post nested thousands of elements deep must not exhaust
        # Python's recursion limit.
        stack = [iter(post)]
        while stack:
            for child in stack[-1]:
                classes = child.get("class")
                tokens = classes.split() if classes else ()
                # One set test (in C) rules out almost every element before any token is looked up.
                if _ROLE_TOKENS.isdisjoint(tokens):
                    if len(child):
                        stack.append(iter(child))
                        break
                    continue
                role = None
                for token in tokens:
                    if token in _SKIP_POST_PARTS or _POST_ROLES.get(token) == "signature":
                        role = "skip"
                        break
                    role = role or _POST_ROLES.get(token)
                if role is None:
                    if len(child):
                        stack.append(iter(child))
                        break
                elif role == "body":
                    if self.body is None:
                        self.body = child
                elif role == "attachments":
                    self.attachments.append(child)
                elif role == "time":
                    self.times.append(child)
                elif role != "skip" and getattr(self, role) is None:
                    # user pane, attribution, edit notice, reaction and like bars, permalink, post number:
                    # read later within their own element, never walked here
                    setattr(self, role, child)
            else:
                stack.pop()
