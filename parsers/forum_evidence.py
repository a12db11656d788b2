"""Does a page's markup declare a forum discussion? For the verdict of pages no engine reads.

Why: many forums (Forumotion, inSided, Khoros, proprietary boards) also declare ``og:type=article``,
and the news parser would then report a forum thread as an article. ``forum_evidence`` names the
strong evidence that the page is a forum discussion, so that such a page comes back ``unsupported``
("a forum page no parser reads yet") instead. It keys only on strong evidence: an article with its
reader comments (JSON-LD ``NewsArticle`` with ``comment``, a Disqus box, a comment list under the
article body) stays an article.
"""

from __future__ import annotations

import re
from collections import defaultdict

from parsel import Selector

from .urls import urlsplit
from .xml_chars import loads_xml_safe

FORUM_TYPES = ("DiscussionForumPosting", "QAPage")
POST_TYPES = ("Comment", "Answer")
# schema.org types of a publisher's own page: comments nested in one of these are reader comments.
ARTICLE_LIKE = ("Article", "Blog", "NewsArticle", "ReportageNewsArticle", "BlogPosting", "WebPage", "Review",
                "AnalysisNewsArticle", "OpinionNewsArticle", "Report", "TechArticle", "LiveBlogPosting",
                "VideoObject", "Recipe", "Product")
MIN_POST_WORDS = 40  # characters a post holds besides links, its author and its date
MIN_POSTS = 3  # a thread page shows at least this many posts before sibling blocks count as evidence

# Engines without a parser, by a fingerprint their templates always print (checked against the
# engines' public templates). Each entry: (evidence name, XPath that must match, or None).
ENGINE_FINGERPRINTS = (
    ("Discuz! board", "//script[contains(., 'discuz_uid')]"),
    ("Khoros/Lithium community", "//*[contains(@class, 'lia-message-view') or contains(@class, 'lia-component-message')]"
                                 " | //script[contains(., 'LITHIUM.')]"),
    ("inSided community", "//script[contains(@src, 'insided')]"),  # not yet checked against a real page
    ("ProBoards forum", "//script[contains(@src, 'proboards.com')][//a[contains(@href, '/thread/')]]"),
    ("FluxBB/PunBB topic", "//*[@id='punviewtopic' or contains(@class, 'pun ') or @class='pun'"
                           " or contains(@class, 'fluxbb')][.//a[contains(@href, 'viewtopic.php?id=')]]"),
    ("vBulletin page", "//meta[@name='generator'][starts-with(@content, 'vBulletin')]"),
    ("phpBB 2 topic", "//span[@class='postbody'][//a[contains(@href, 'viewtopic.php?t=')"
                      " or contains(@href, 'viewtopic.php?p=')]][//span[@class='postdetails']]"),
    ("Invision Power Board 3 topic", "//script[contains(., 'ipb.vars')][//*[contains(@class, 'post_block')]]"),
)
GENERATORS = ("vbulletin", "xenforo", "phpbb", "discourse", "nodebb", "vanilla", "mybb", "simple machines",
              "invision", "discuz", "fluxbb", "punbb", "flarum", "forumotion", "proboards", "khoros", "lithium")
# A reader-comment box under an article (WordPress, Disqus and most news templates name it so).
IN_COMMENT_SECTION = ("ancestor::*[@id='comments' or @id='disqus_thread' or contains(@class, 'comment-list')"
                      " or contains(@class, 'commentlist') or contains(@class, 'comments-area')]")
TOPIC_PATH = re.compile(r"/t\d+-")
PROFILE_HREF = re.compile(r"(member|user|profile|/u/|benutzer|mitglied|memberlist|showuser)", re.I)
AUTHOR_CLASS = re.compile(r"(author|user|poster|account|member|username|profile)", re.I)
DATE_CLASS = re.compile(r"(date|time|posted)", re.I)


def forum_evidence(doc: Selector, url: str = "") -> str | None:
    """A short description of the evidence that the page is a forum discussion, or None."""
    root = doc.root
    return (structured_data_evidence(root) or engine_fingerprint(root, url) or repeated_post_blocks(root))


def structured_data_evidence(root) -> str | None:
    """JSON-LD or microdata that declares a discussion: DiscussionForumPosting, QAPage, or a list of
    authored Comment/Answer items standing on their own (not the comments of an article)."""
    standalone_posts = 0
    for item, in_article in _json_ld_items(root):
        types = _types(item)
        if types & set(FORUM_TYPES) and not in_article:
            return f"JSON-LD {sorted(types & set(FORUM_TYPES))[0]}"
        if types & set(POST_TYPES) and not in_article and item.get("author"):
            standalone_posts += 1
    if standalone_posts >= MIN_POSTS - 1:
        return f"JSON-LD list of {standalone_posts} authored comments"
    for name in FORUM_TYPES:
        if root.xpath(f"//*[@itemscope][contains(@itemtype, 'schema.org/{name}')]"):
            return f"microdata {name}"
    not_in_article = " and ".join(f"not(ancestor::*[@itemscope][contains(@itemtype, 'schema.org/{t}')])"
                                  for t in ARTICLE_LIKE)
    microdata_posts = root.xpath(
        "//*[@itemscope][contains(@itemtype, 'schema.org/Comment') or contains(@itemtype, 'schema.org/Answer')]"
        f"[.//*[@itemprop='author']][{not_in_article}][not({IN_COMMENT_SECTION})]")
    if len(microdata_posts) >= MIN_POSTS - 1:
        return f"microdata list of {len(microdata_posts)} authored comments"
    return None


def _json_ld_items(root):
    """Every JSON-LD object of the page, each with whether it sits inside an article-like object."""
    for raw in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = loads_xml_safe(raw)
        except (ValueError, RecursionError):
            continue
        stack = [(data, False)]
        while stack:
            item, in_article = stack.pop()
            if isinstance(item, list):
                stack.extend((child, in_article) for child in item)
            elif isinstance(item, dict):
                yield item, in_article
                inner = in_article or bool(_types(item) & set(ARTICLE_LIKE))
                stack.extend((value, inner) for key, value in item.items()
                             if isinstance(value, (dict, list)) and key != "@context")


def _types(item: dict) -> set[str]:
    types = item.get("@type")
    return {t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}


def engine_fingerprint(root, url: str) -> str | None:
    """The name of a forum engine without a parser whose template fingerprint the page carries."""
    if _is_forumotion(root, url):
        return "Forumotion topic"
    for name, test in ENGINE_FINGERPRINTS:
        if root.xpath(test):
            return name
    generator = " ".join(root.xpath("//meta[@name='generator']/@content")).lower()
    for engine in GENERATORS:
        if engine in generator:
            return f"generator {engine}"
    return None


def _is_forumotion(root, url: str) -> bool:
    """Forumotion (Forumactif, Forumieren): its scripts or links, and its /t123-title topic URLs."""
    hosted = root.xpath("//script[contains(., 'forumotion') or contains(., 'Forumotion') or contains(., 'forumactif')"
                        " or contains(@src, 'forumotion') or contains(@src, 'forumactif') or contains(@src, 'illiweb.com')]")
    topic = TOPIC_PATH.search(urlsplit(url).path or "") or root.xpath("//link[@rel='canonical'][contains(@href, '/t')]")
    return bool(hosted) and bool(topic or root.xpath("//*[contains(@class, 'postprofile')]"))


def repeated_post_blocks(root) -> str | None:
    """Sibling blocks of one class, at least MIN_POSTS of them, each naming an author (a profile link
    or an author element) and a date, that together hold at least half the page's text, mostly not
    link text: a thread's posts. A comment list under an article holds less text than the article
    around it, or sits in a comment section; teasers of related articles are mostly link text."""
    groups = defaultdict(list)
    for element in root.xpath("//body//*[@class]"):
        parent = element.getparent()
        if parent is not None:
            groups[(parent, element.get("class"))].append(element)
    page_text = _text_length(root.xpath("//body")[0]) if root.xpath("//body") else 0
    for (parent, classes), blocks in groups.items():
        if len(blocks) < MIN_POSTS or not all(_has_author(b) and _has_date(b) for b in blocks):
            continue
        if any(element.xpath(f"boolean({IN_COMMENT_SECTION})") for element in blocks[:1]):
            continue
        block_text = sum(_text_length(b) for b in blocks)
        if page_text and block_text * 2 >= page_text and all(
                _own_words(b) >= MIN_POST_WORDS and not _holds_a_list(b) for b in blocks[:MIN_POSTS]):
            return f"{len(blocks)} sibling post blocks .{classes.split()[0]} with author and date"
    return None


def _has_author(block) -> bool:
    return bool([href for href in block.xpath(".//a/@href") if PROFILE_HREF.search(href)]
                or [c for c in block.xpath(".//*/@class") if AUTHOR_CLASS.search(c)])


def _has_date(block) -> bool:
    return bool(block.xpath(".//time") or [c for c in block.xpath(".//*/@class") if DATE_CLASS.search(c)])


def _holds_a_list(block) -> bool:
    """The block is a list of items that each have their own author and date (a column of article
    teasers), not one post."""
    for element in block.iter():
        dated = [child for child in element if isinstance(child.tag, str) and _has_author(child) and _has_date(child)]
        if len(dated) >= 2:
            return True
    return False


def _own_words(block) -> int:
    """Characters of the block that are neither links nor short author/date labels: a post's words.
    Teasers of related articles carry an author and a date too, but no words of their own."""
    labels = [e for e in block.xpath(".//*[@class] | .//time")
              if e.tag == "time" or AUTHOR_CLASS.search(e.get("class", "")) or DATE_CLASS.search(e.get("class", ""))]
    label_text = sum(n for n in (_text_length(e) for e in labels) if n < 80)
    return _text_length(block) - _text_length(block, ".//a//text()") - label_text


def _text_length(element, texts: str = ".//text()") -> int:
    return sum(len(t.strip()) for t in element.xpath(f"{texts}[not(ancestor::script) and not(ancestor::style)]"))
