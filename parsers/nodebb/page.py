"""What every NodeBB page carries whatever its theme: the signature scripts, the embedded topic
object, and the head's canonical and next-page links.

Every page NodeBB renders ends its content with the render data as JSON,
``<script id="ajaxify-data" type="application/json">{"tid": 53324, ..., "posts": [...]}</script>``
(``</`` written ``<\\/``), and loads ``/assets/nodebb.min.js`` (``config.relative_path`` in front
on subfolder installs) with its settings in the head, ``var config = JSON.parse('{"relative_path":
"",...}')``. Themes keep the ``component="..."`` attributes the client code finds elements by
(``component="topic"`` with ``data-tid``, ``component="post"`` with ``data-pid``).
"""

from __future__ import annotations

import re

from ..markup import xpath
from ..page_head import page_head
from ..page_index import page_index
from ..post_blocks import separate_nested
from ..values import first
from ..xml_chars import loads_xml_safe

# "/descendant::x[...]" rather than "//x[...]": the same elements (no predicate here counts
# positions), without libxml2's step from every node of the page, text nodes too, to its children.
# "/descendant::*/@data-pid/parent::*[...]": the elements that have the attribute, read by its name,
# before the predicate compares another (which costs libxml2 a node-set for each element it asks).
_AJAXIFY = xpath("/descendant::script[@id='ajaxify-data'][1]")  # only the first is read: libxml2 stops there
# The head's inline settings: "var config = JSON.parse('{\"relative_path\":\"\",...')".
_CONFIG_SCRIPT = xpath("/html/head/script[contains(., 'config = JSON.parse(') and contains(., 'relative_path')]")
_TOPIC_LIST = xpath("/descendant::*/@data-tid/parent::*[@component='topic']")
_TOPIC_IDS = xpath("//@data-tid")  # a walk for one attribute costs less than for _TOPIC_LIST's two
_POST = xpath("/descendant::*/@data-pid/parent::*[@component='post']")
_CANONICAL = xpath("/html/head/link[@rel='canonical']/@href")
# How the topic's replies are ordered: the address's "?sort=" (a reader's choice), else the
# board's default for guests in the head's settings ("topicPostSort":"newest_to_oldest").
_SORT_IN_ADDRESS = re.compile(r"[?&]sort=([a-z_]+)")
_SORT_IN_CONFIG = re.compile(r'"topicPostSort"\s*:\s*"([a-z_]+)"')
# The orders whose data-index is a reply's rank in that order, not its place in the topic.
_REORDERED = {"newest_to_oldest": "newest first", "most_votes": "by votes"}
_NEXT = xpath("/html/head/link[@rel='next']/@href")
_TITLE = xpath("/html/head/title/text()")


def has_nodebb_head(root) -> bool:
    """The page's head loads NodeBB's client script or holds its settings: one of the signatures
    :func:`is_nodebb_page` takes, read from the head alone."""
    # /html/head/script[contains(@src, 'nodebb.min.js') or (contains(., 'config = JSON.parse(') and
    # contains(., 'relative_path'))], of the head read once for every engine (parsers.page_head)
    return any("nodebb.min.js" in src or ("config = JSON.parse(" in text and "relative_path" in text)
               for text, src in page_head(root).scripts)


def is_nodebb_page(root) -> bool:
    """A page rendered by NodeBB: its embedded render data, its client script, or its topic markup.
    The scripts are asked of the page's index (read once for every engine's detection); only the
    topic markup needs a walk of its own."""
    index = page_index(root)
    return bool("ajaxify-data" in index.script_ids or index.script_from("nodebb.min.js") or _CONFIG_SCRIPT(root)
                or (_TOPIC_IDS(root) and _TOPIC_LIST(root) and _POST(root)))


def embedded_data(root) -> dict:
    """The page's ajaxify-data object ({} when missing or not JSON)."""
    script = first(_AJAXIFY(root))
    raw = (script.text or "") if script is not None else ""
    if not raw.strip():
        return {}
    try:
        data = loads_xml_safe(raw)
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def canonical(root) -> str | None:
    return first(_CANONICAL(root))


def next_link(root) -> str | None:
    return first(_NEXT(root))


def title(root) -> str:
    return " ".join(" ".join(_TITLE(root)).split())


def post_blocks(root) -> list:
    """The posts' own elements (``component="post"`` with ``data-pid``), in page order; one that
    a lost closing tag put inside another is moved out to follow it first, so that nothing of one
    post is read as the other's (see :mod:`parsers.post_blocks`)."""
    blocks = _POST(root)
    separate_nested(blocks)
    return blocks


def reordered_replies(root, url: str) -> str | None:
    """The replies' order when it is not the topic's own ("newest first", "by votes"), else None.

    NodeBB numbers the replies it shows by their rank in the order they are shown
    (``Topics.calculatePostIndices``): on a board whose guests see the newest reply first, or on
    ``?sort=newest_to_oldest``, ``data-index`` 1 is the topic's last reply, not its second post.
    The opening post keeps index 0 whatever the order."""
    match = _SORT_IN_ADDRESS.search(url or "")
    if match is None and root is not None:
        script = first(_CONFIG_SCRIPT(root))
        match = _SORT_IN_CONFIG.search(script.text or "") if script is not None else None
    return _REORDERED.get(match.group(1)) if match else None
