"""What one pass over a XenForo page finds (:class:`PageParts`), and one pass over each post (:class:`PostParts`).

Posts are recognised by what every XenForo style keeps, because XenForo's own JavaScript needs it
(quoting, inline moderation, jump-to-post): an element carrying ``data-author`` and the post's
number as ``data-content="post-N"`` or ``id="js-post-N"`` (XF2), or ``id="post-N"`` with class
``message`` (XF1: other engines use ``post-N`` ids too). Styles
rename or drop the default classes around it (``message``, ``message-user``, ``message-attribution``),
so those only help; the words are found by ``bbWrapper``/``messageText``, which XenForo's BB code
renderer writes whatever the style, and by ``message-body``/``itemprop="text"`` after that.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

from lxml import etree

from .common import POST_ID


# Class tokens of the parts of a post the walk in PostParts records.
POST_ROLES = {
    "bbWrapper": "body", "messageText": "body",
    "message-signature": "signature", "signature": "signature",
    "message-user": "user", "messageUserInfo": "user",
    "message-attribution": "attribution",
    "message-lastEdit": "edit", "editDate": "edit",
    "reactionsBar": "reactions", "likesBar": "likes", "LikeText": "likes",
    # XenForo 1's "Post Ratings" add-on (dark_postrating) in place of the likes box: "Funny x <strong>2</strong>".
    "dark_postrating_outputlist": "ratings",
    "message-attachments": "attachments", "attachedFiles": "attachments",
    "datePermalink": "permalink", "postNumber": "number", "DateTime": "time",
}
# Parts the walk records and still walks into: a style may leave a tag open in them, and then the
# parser puts the rest of the post (its words too) inside the header or the user pane.
WALKED_ROLES = frozenset({"user", "attribution"})
_SKIP_POST_PARTS = frozenset({"message-fields", "messageNotices"})  # custom fields, moderator notes
ROLE_TOKENS = frozenset((*POST_ROLES, *_SKIP_POST_PARTS))
# Where the words are when no BB code wrapper is found (a style that wraps them itself).
_BODY_FALLBACK_TOKENS = frozenset({"message-body", "message-content", "messageContent"})
_POST_TAGS = ("article", "li", "div", "section")
_DELETED = frozenset({"deleted", "message--deleted"})


def post_number(node) -> str | None:
    """The post's number: XF2's ``data-content="post-N"`` or ``id="js-post-N"`` (names no other
    engine uses), else XF1's ``id="post-N"`` on an element of class ``message``."""
    content = node.get("data-content") or ""
    if content.startswith("post-") and content[5:].isdigit():
        return content[5:]
    match = POST_ID.match(node.get("id") or "")
    if match is None:
        return None
    if match.group(0).startswith("js-") or "message" in (node.get("class") or "").split():
        return match.group(1)
    return None


def is_post(node) -> bool:
    """A post's own block: ``data-author`` beside the post's number (the anchor ``span#post-N`` and
    the embed ``div[data-content=post-N]`` a post body may hold have no ``data-author``)."""
    if node.get("data-author") is None or node.tag not in _POST_TAGS:
        return False
    return post_number(node) is not None


class PageParts:
    """The page-level elements the parser reads, from one pass over a few tag names."""

    def __init__(self, root) -> None:
        self.posts, self.titles, self.breadcrumbs, self.old_breadcrumbs, self.tag_lists = [], [], [], [], []
        self.page_nav = self.description = None
        self.json_ld, self.scripts = [], []
        self.template = root.get("data-template")
        numbers = set()
        self.deleted: list[str] = []  # the numbers of deleted posts' placeholders, not read as posts
        for node in root.iter("article", "li", "h1", "ul", "div", "section", "fieldset", "p", "dl", "script"):
            tag = node.tag
            if tag == "script":
                text = node.text or ""
                if node.get("type") == "application/ld+json":
                    self.json_ld.append(text)
                elif "serverTimeInfo" in text:
                    self.scripts.append(text)
                continue
            classes = node.get("class")
            # Tests without an attribute first: each attribute asked for costs as much as the test.
            if tag in _POST_TAGS and node.get("data-author") is not None:
                number = post_number(node)
                # A style that wraps the post in a second element with the same number: the outer one.
                if number is not None and number not in numbers:
                    numbers.add(number)
                    # A deleted post's placeholder (XF1 ``.deleted``, XF2 ``.message--deleted``) has no words.
                    if _DELETED.isdisjoint((classes or "").split()):
                        self.posts.append(node)
                    else:
                        self.deleted.append(number)
                    continue
            if tag == "div" and self.template is None and node.get("id") == "content":
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
            # Each class below holds one of these words: most elements are ruled out without splitting.
            if not classes or not ("breadcrumb" in classes or "ageNav" in classes or "p-description" in classes
                                   or "tagList" in classes):
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


class PostParts:
    """The parts of one post, from a walk that never enters the post body or the parts it records
    (the header and the user pane excepted: see ``WALKED_ROLES``).

    Beside the parts named by class, it keeps what a restyled post still has: the ``<time>``
    elements outside the body (``times``, document order; ``times_after_body`` those after it),
    ``meta[itemprop=datePublished]`` (``published_meta``), the lightbox caption XenForo writes on
    the post's content ("name · Jul 5, 2024 at 5:39 PM", ``caption``), the first ``.username``
    outside the user pane (``username``), the ``/members/`` links (``member_links``) and XF 2.3's
    ``<time itemprop="dateModified">`` of the edit notice (``modified``). For the post's printed
    number when a style drops XenForo's header classes (VerticalScope's "California" prints it as
    ``a.MessageCard__post-position``), it keeps the links to a post (``post-N`` in the address) whose
    words begin with "#" (``number_links``) and a schema.org ``meta[itemprop=position]`` outside the
    user pane (``position_meta``). The ``<time>`` elements of the user pane are kept apart
    (``user_times``): they are the member's (joined, last seen) unless a link to the post holds
    one, as in a style that prints the post's date link under the member's name (tattle.life's
    ``h5.message-userTitle``).

    ``caption`` and ``fallback_body`` are what a post is read by only when the rest fails (a style
    without ``<time>``, without ``bbWrapper``): they are found on first use, by a second walk over
    the same elements (:func:`_walked`), so that the walk here asks each element for one attribute
    (its class) instead of three. Read them before the post is edited.
    """

    def __init__(self, post) -> None:
        self.post = post
        self.body = None
        self.user = self.attribution = self.edit = self.reactions = self.likes = self.ratings = None
        self.permalink = self.number = None
        self.username = self.published_meta = self.modified = self.position_meta = None
        self.attachments, self.times, self.times_after_body, self.member_links = [], [], [], []
        self.user_times = []
        self.number_links = []
        self._walk(post)

    @cached_property
    def caption(self) -> str | None:
        """The ``data-lb-caption-desc`` of the first walked element that has one."""
        for child, _tokens in _walked(self.post):
            caption = child.get("data-lb-caption-desc")
            if caption:
                return caption
        return None

    @cached_property
    def fallback_body(self):
        """The first walked element without a part's class that is ``itemprop="text"`` or of a
        class of ``_BODY_FALLBACK_TOKENS``: a style's own body element."""
        for child, tokens in _walked(self.post):
            if ROLE_TOKENS.isdisjoint(tokens) and (child.get("itemprop") == "text"
                                                    or not _BODY_FALLBACK_TOKENS.isdisjoint(tokens)):
                return child
        return None

    def _walk(self, post) -> None:
        # One lxml iteration over the post's elements (in C, no recursion: a post nested thousands
        # of elements deep cannot exhaust Python's recursion limit). A part the walk does not enter
        # is passed over up to the first element after it (``resume``): the elements iterwalk's
        # skip_subtree() kept out, at a third of iterwalk's cost an element (iterwalk made a tuple
        # for each). What it enters is what _walked enters (see role_of).
        in_user = False  # inside the user pane; left at user_after, the first element after it
        user_after = resume = None
        member_links, number_links, part_of = self.member_links, self.number_links, _class_part
        for child in post.iterdescendants(etree.Element):
            if resume is not None:
                if child is not resume:
                    continue
                resume = None
            if in_user and child is user_after:
                in_user = False
            tag = child.tag
            if tag == "time":
                if child.get("itemprop") == "dateModified":  # XF 2.3 marks the edit notice's time
                    self.modified = self.modified if self.modified is not None else child
                # The user pane's times are the member's (joined, last seen), not the post's:
                # kept apart, for a style that puts the post's permalink there (see user_times).
                elif not in_user:
                    (self.times if self.body is None else self.times_after_body).append(child)
                else:
                    self.user_times.append(child)
            elif tag == "meta":
                prop = child.get("itemprop")
                if self.published_meta is None and prop == "datePublished":
                    self.published_meta = child
                elif prop == "position" and self.position_meta is None and not in_user:
                    self.position_meta = child
            else:
                if tag == "a":
                    href = child.get("href") or ""
                    if "/members/" in href:
                        member_links.append(child)
                    elif "post-" in href and (child.text or "").lstrip().startswith("#"):
                        number_links.append(child)
                classes = child.get("class")
                if not classes:
                    continue
                role = part_of(classes)
                if role is None:
                    continue
                if role == "username":
                    if self.username is None:
                        self.username = child
                    continue
                if role == "body":
                    if self.body is None:
                        self.body = child
                elif role == "attachments":
                    self.attachments.append(child)
                elif role == "time":
                    if not in_user:
                        (self.times if self.body is None else self.times_after_body).append(child)
                elif role != "skip":
                    # user pane, attribution, edit notice, reaction and like bars, permalink, post number:
                    # read later within their own element
                    if getattr(self, role) is None:
                        setattr(self, role, child)
                    if role in WALKED_ROLES and len(child):
                        if role == "user" and not in_user:
                            in_user, user_after = True, next_outside(child, post)
                        continue  # walked into
            if len(child):  # a part not entered: the walk goes on after it, or ends with it
                resume = next_outside(child, post)
                if resume is None:
                    return


@lru_cache(maxsize=4096)
def _class_part(classes: str) -> str | None:
    """What a class attribute makes an element for :meth:`PostParts._walk`: the part it names
    (:func:`role_of`), "username", or None. Remembered: a page's posts repeat the same few class
    attributes, which were split and looked up anew for every element of every post."""
    tokens = classes.split()
    if ROLE_TOKENS.isdisjoint(tokens):
        return "username" if "username" in tokens else None
    return role_of(tokens)


def next_outside(node, post):
    """The first element after ``node`` and all it holds, in document order, within ``post`` (None
    when ``node``'s subtree runs to the post's end): where a walk leaves ``node``."""
    while node is not post:
        following = next(node.itersiblings(tag=etree.Element), None)
        if following is not None:
            return following
        node = node.getparent()
    return None


def role_of(tokens) -> str:
    """The part a class list names, for tokens that hold one of ``ROLE_TOKENS``: "skip" for a
    part left out (a signature, custom fields, moderator notes), else the first token's role."""
    role = None
    for token in tokens:
        if token in _SKIP_POST_PARTS or POST_ROLES.get(token) == "signature":
            return "skip"
        role = role or POST_ROLES.get(token)
    return role


def _walked(post):
    """(element, its class tokens) for each element :meth:`PostParts._walk` looks at beyond its
    tag (``<time>`` and ``<meta>`` left out), in the same order: it enters the same elements."""
    stack = [iter(post)]
    while stack:
        for child in stack[-1]:
            tag = child.tag
            if tag == "time" or tag == "meta":
                continue
            classes = child.get("class")
            tokens = classes.split() if classes else ()
            yield child, tokens
            if len(child) and (ROLE_TOKENS.isdisjoint(tokens) or role_of(tokens) in WALKED_ROLES):
                stack.append(iter(child))
                break
        else:
            stack.pop()
