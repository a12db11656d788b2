"""What a phpBB post links to, shows and attaches."""

from __future__ import annotations

import re

from ..html_text import element_text, iter_outside
from ..markup import embedded_address
from ..markup import xpath as _X
from ..models import Link
from ..values import words as _words
from .common import clean_url


# The attribute holding each tag's address.
_ADDRESS_ATTRIBUTE = {"a": "href", "img": "src", "blockquote": "cite", "iframe": "src"}


# The tags of a post's body that read_post reads beyond its text: addresses to make real, chrome to
# drop, quotes, links, pictures, embedded media and attachment boxes (see :func:`body_nodes`).
BODY_TAGS = ("a", "img", "blockquote", "dl", "div", "iframe")


def body_nodes(body) -> list:
    """The elements below ``body`` with one of :data:`BODY_TAGS`, in document order: one lxml walk
    of the post's body that the steps of :func:`parsers.phpbb.posts.read_post` share (each asked
    for its own tags, they cost a walk apiece on every post)."""
    return list(body.iterdescendants(*BODY_TAGS))


def outermost_quotes(nodes: list) -> tuple[list, set]:
    """The blockquotes of ``nodes`` (:func:`body_nodes`) that no other one holds, in document order
    (what :func:`parsers.markup.top_level_blockquotes` finds in the body), and the elements of
    :data:`BODY_TAGS` inside them (what :func:`parsers.html_text.iter_outside` leaves out)."""
    found, inside = [], set()
    for node in nodes:
        if node.tag == "blockquote" and node not in inside:
            found.append(node)
            inside.update(node.iterdescendants(*BODY_TAGS))
    return found, inside


def show_real_post_addresses(nodes, page_url: str) -> None:
    """Absolute links and image addresses (and quotes' ``cite``), without phpBB's per-visit ``sid``,
    in ``nodes`` (an element's ``iter()``, or :func:`body_nodes`: its other tags are passed over)."""
    for node in nodes:
        attribute = _ADDRESS_ATTRIBUTE.get(node.tag)
        if attribute is None:
            continue
        value = node.get(attribute)
        if value and not value.startswith(("#", "data:", "mailto:", "javascript:")):
            cleaned = clean_url(page_url, value)
            if cleaned != value:  # an address written absolute and without a sid is left as it is
                node.set(attribute, cleaned)


def read_references(body, attachbox, outside_quotes: list | None = None) -> tuple[list[Link], list[Link], list[Link]]:
    """Links, images and attachments of the poster's own words (quoted ones belong to the quote).

    Attached files (``dl.file`` with a download link) are attachments; attached pictures
    (``dl.file dt.attach-image img``, ``dl.thumbnail`` linking the full size) are images; in
    subsilver2's ``div.attachcontent`` likewise (a file's download link an attachment, a picture or
    a thumbnail's link to the full size an image); smileys
    are left out. Addresses are already absolute (see :func:`show_real_post_addresses`).

    ``outside_quotes``: the body's elements of :data:`BODY_TAGS` outside its quotes, where the
    caller has them (from :func:`body_nodes`); else the body is walked for them here.
    """
    links, images, attachments = [], [], []
    attached = set()
    # One walk of the body for its boxes, links and pictures (each kind in document order).
    own = {"dl": [], "a": [], "img": [], "div": [], "iframe": []}
    for node in iter_outside(body, ("dl", "a", "img", "div", "iframe"), skip="blockquote") if outside_quotes is None \
            else outside_quotes:
        own[node.tag].append(node)
    for box in own["div"]:
        # subsilver2's inline attachment (``div.attachcontent``): the picture, a thumbnail linking
        # the full size, or the file's download link (its icon and size lines were dropped).
        if "attachcontent" not in (box.get("class") or "").split():
            continue
        for anchor in box.iter("a"):
            href = anchor.get("href")
            thumb = anchor.find(".//img")
            if href and thumb is not None:
                images.append(Link(href, thumb.get("alt")))
            elif href:
                attachments.append(Link(href, _words(anchor.itertext()) or None))
        for image in box.iter("img"):
            if image.get("src") and image.getparent().tag != "a":
                images.append(Link(image.get("src"), image.get("alt")))
        attached.update(box.iter("a", "img"))
    for box in [body, attachbox] if attachbox is not None else [body]:
        for dl in own["dl"] if box is body else iter_outside(box, ("dl",), skip="blockquote"):
            classes = (dl.get("class") or "").split()
            if "thumbnail" in classes:
                anchor, image = dl.find(".//a"), dl.find(".//img")
                if anchor is not None and anchor.get("href"):
                    images.append(Link(anchor.get("href"), image.get("alt") if image is not None else None))
                attached.update(dl.iter("a", "img"))
            elif "file" in classes:
                for image in dl.iter("img"):  # the picture itself, not the file type icon
                    parent = image.getparent()
                    if image.get("src") and ("postimage" in (image.get("class") or "")
                                             or "attach-image" in (parent.get("class") or "")):
                        images.append(Link(image.get("src"), image.get("alt")))
                for anchor in dl.iter("a"):
                    if anchor.get("href"):
                        attachments.append(Link(anchor.get("href"), _words(anchor.itertext()) or None))
                attached.update(dl.iter("a", "img"))
    for anchor in own["a"]:
        href = anchor.get("href")
        if href and not href.startswith(("#", "javascript:")) and anchor not in attached:
            links.append(Link(href, element_text(anchor) or None))
    for frame in own["iframe"]:
        # Embedded media (the Media Embed extension's s9e iframes: YouTube, Vimeo, ...): 4 of 10 posts
        # of a forum.ebaumsworld.com page were only a video (see parsers.markup.embedded_address).
        src = embedded_address(frame) or ""
        if src.startswith("//"):
            src = "https:" + src
        if src.startswith(("http://", "https://")):
            links.append(Link(src, None))
    for image in own["img"]:
        src = image.get("src")
        if image in attached or not src or src.startswith("data:") or "smilies" in (image.get("class") or ""):
            continue
        images.append(Link(src, image.get("alt")))
    return links, images, attachments



# The reaction kind of the "Thanks for posts" extension, named after it: phpBB has no likes of its
# own, and what a board calls its thanks ("Thanks", "Likes", "Reps") is its language pack's word.
THANKS = "Thanks for posts"
# A number in the words after the last thanker: "and 3 more users" (FURTHER_THANKS_PL, any pack).
_FURTHER_COUNT = re.compile(r"\d+")
# A thanker's time in brackets after the name, when the board shows them ("(Thu Apr 02, 2026 10:02 am)").
_BRACKETED = re.compile(r"\([^()]*\)")


def thanks_reactions(thanks) -> dict[str, int]:
    """The count of a post's thanks, from the extension's list (``div#list_thanksN div.notice``,
    see :func:`parsers.phpbb.parts.is_thanks_list`): its ``dd`` names each thanker (a member link,
    or a name span), joined by " • ", each perhaps followed by the time of its thanks in brackets,
    then, past the board's limit, "and N more users" or "and one more user" (FURTHER_THANKS, which
    holds no digit: any words left after the brackets are that one more). The ``dt``'s author link
    is not a thanker."""
    if thanks is None:
        return {}
    listing = thanks.find(".//dd")
    if listing is None:
        return {}
    names = [node for node in listing.iter("a", "span")
             if node.tag == "a" or "username" in (node.get("class") or "")]
    count = len(names)
    tail = _BRACKETED.sub(" ", (names[-1].tail or "") if names else element_text(listing)).strip(" ,;:\u2022")
    if tail:
        further = _FURTHER_COUNT.search(tail)
        count += int(further.group()) if further else 1
    return {THANKS: count} if count else {}


# The reaction kind of the "Post Love" extension (anavaro/postlove), named after it, as THANKS is.
POST_LOVE = "Post Love"
# The number its ``span#like_N`` prints: "3" (2.x), "3 x " (1.x); the likers' names are its title.
_LOVE_COUNT = re.compile(r"^\s*(\d+)")
_LIKE_SPAN = _X(".//span[@id=$id]")  # compiled once: the post's id is a variable


def post_love_reactions(div, post_id: str) -> dict[str, int]:
    """The count of a post's likes from the "Post Love" extension's box, printed after the post's
    notices (styles/all/template/event/viewtopic_body_postrow_post_notices_after.html): the number
    in ``span#like_N`` (N the post's id) inside ``div.postlove`` (2.x) or ``div#postlove`` (1.x).
    A prosilver copy leaves the span empty for its script and keeps the count in its title
    (``span.likers_display``). Before, the likes were lost. The caller asks only for a post whose
    walk met the box's or the heart's class (``PostParts.post_love``): this lookup in every post cost
    a page of many posts 4%, and a walk of the whole page for such ids 2 to 3%."""
    spans = _LIKE_SPAN(div, id=f"like_{post_id}")
    if not spans:
        return {}
    span = spans[0]
    box = span.getparent()
    if box is None or not ("postlove" in (box.get("class") or "").replace("_", " ").split()
                           or box.get("id") == "postlove"):
        return {}
    match = _LOVE_COUNT.match(element_text(span)) or _LOVE_COUNT.match(span.get("title") or "")
    count = int(match.group(1)) if match else 0
    return {POST_LOVE: count} if count else {}
