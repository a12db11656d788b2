"""Does a page's markup declare a forum discussion? For the verdict of pages no engine reads.

Why: many forums (Forumotion, inSided, Khoros, proprietary boards) also declare ``og:type=article``,
and the news parser would then report a forum thread as an article. ``forum_evidence`` names the
strong evidence that the page is a forum discussion, so that such a page comes back ``unsupported``
("a forum page no parser reads yet") instead. It keys only on strong evidence: an article with its
reader comments (JSON-LD ``NewsArticle`` with ``comment``, a Disqus box, a comment list under the
article body) stays an article. Boards that print a post as a run of table rows (a header row
with the poster and the date, the message in the next row) are recognised by those rows
(:func:`anchored_post_rows`, :func:`header_rows`): such a board's long opening post would otherwise
pass for an article's running text.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree
from parsel import Selector

from .markup import cached_search, inside, json_ld_documents
from .page_index import PageIndex, page_index
from .text_lengths import measure, text_length_in_tree, tree_text_lengths
from .tree_memo import TreeMemo
from .urls import urlsplit

FORUM_TYPES = ("DiscussionForumPosting", "QAPage")
POST_TYPES = ("Comment", "Answer")
# schema.org types of a publisher's own page: comments nested in one of these are reader comments.
ARTICLE_LIKE = ("Article", "Blog", "NewsArticle", "ReportageNewsArticle", "BlogPosting", "WebPage", "Review",
                "AnalysisNewsArticle", "OpinionNewsArticle", "Report", "TechArticle", "LiveBlogPosting",
                "VideoObject", "Recipe", "Product")
MIN_POST_WORDS = 40  # characters a post holds besides links, its author and its date
MIN_POSTS = 3  # a thread page shows at least this many posts before sibling blocks count as evidence

# Engines without a parser, by a fingerprint their templates always print (checked against the
# engines' public templates). Each entry: (evidence name, test of the page's index and tree). The
# tests ask the page's index (read once for every engine's detection, see parsers.page_index), as
# the XPath in each comment would, and walk the tree only where the index says it may match.
# Compiled once, as the XPaths below: root.xpath(string) compiled them again on every call.
_FLUXBB_FRAME = etree.XPath("//*[@id='punviewtopic' or contains(@class, 'pun ') or @class='pun'"
                            " or contains(@class, 'fluxbb')][.//a[contains(@href, 'viewtopic.php?id=')]]")
_FLUXBB_POST_ID = re.compile(r"^p\d+$")
_PHPBB2_ROW = etree.XPath("//span[@class='postbody']"
                          "[//a[contains(@href, 'viewtopic.php?t=') or contains(@href, 'viewtopic.php?p=')]]"
                          "[//span[@class='postdetails']]")


_PHPBB_FOOTER = etree.XPath("//a[contains(@href, 'phpbb.com')][ancestor-or-self::*[contains(@class, 'copyright')]]")
_PHPBB_LINKS = etree.XPath("//a[contains(@href, 'phpbb.com')]")


def _discuz(index: PageIndex, root) -> bool:  # //script[contains(., 'discuz_uid')]
    return index.script_says("discuz_uid")


def _khoros(index: PageIndex, root) -> bool:
    # //*[contains(@class, 'lia-message-view') or contains(@class, 'lia-component-message')]
    # | //script[contains(., 'LITHIUM.')]
    return index.class_contains("lia-message-view", "lia-component-message") or index.script_says("LITHIUM.")


def _insided(index: PageIndex, root) -> bool:
    # //script[contains(@src, 'insided')] | //script[@id='insided-app']
    # A real inSided community (2020) loads its app from a CDN host without "insided" in it, as
    # <script id="insided-app" src="https://<cdn>/dist/js/app.js">, and says og:type=article: the id
    # is what tells it from a news article.
    return index.script_from("insided") or "insided-app" in index.script_ids


def _proboards(index: PageIndex, root) -> bool:
    # //script[contains(@src, 'proboards.com')][//a[contains(@href, '/thread/')]]
    return index.script_from("proboards.com") and index.links_to("/thread/")


def _fluxbb(index: PageIndex, root) -> bool:  # _FLUXBB_FRAME
    frame = (index.has_id("punviewtopic") or index.class_contains("pun ", "fluxbb") or "pun" in index.class_values)
    if frame and index.links_to("viewtopic.php?id=") and bool(_FLUXBB_FRAME(root)):
        return True
    # Forks that rewrote the markup and the frame (ModernBB, Luna: Bootstrap rows div#pN.row.topic,
    # ModernBB/Luna templates/viewtopic-topic_row.tpl.php) keep FluxBB's post ids and permalinks
    # (viewtopic.php?pid=N#pN): no parser reads them, and a topic must not pass for an article.
    return index.links_to("viewtopic.php?pid=") and index.id_matches(_FLUXBB_POST_ID)


# vBulletin's reply link (newreply.php?action=newreply in 2, ?do=newreply in 3 and 4), the
# session id perhaps first ("newreply.php?s=d6f2...&action=newreply&postid=1029382"), and vBulletin
# 2's profile link (member.php?action=getinfo&userid=N, the session id perhaps first), searched
# by :meth:`parsers.page_index.PageIndex.link_matches` (never across two links).
_VBULLETIN_REPLY = re.compile(r"newreply\.php\?[^\x00]*?\b(?:action|do)=newreply")
_VBULLETIN2_PROFILE = re.compile(r"member\.php\?[^\x00]*?\baction=getinfo&(?:amp;)?userid=\d")


def _vbulletin(index: PageIndex, root) -> bool:  # //meta[@name='generator'][starts-with(@content, 'vBulletin')]
    # Boards on vBulletin 2 or on a fork of it (the Something Awful Forums: SAVB) print no generator
    # meta and no post_message_N: their thread pages are told by the reply links every post carries
    # (_VBULLETIN_REPLY), with links to showthread.php (MyBB's newreply.php?tid= is not one), and
    # any vBulletin 2 page that names a member (an announcement has no reply link) by its profile
    # links. Without this a short thread (fewer posts than the repeated-block tests need) read as a
    # news article by its shape: its first poster the author, a registration date the publication
    # time, its posts the article's paragraphs; a vBulletin 2.3 board whose links carry the session
    # id first (?s=...&action=newreply) was read so, 15 posts and an announcement page.
    if any(content.startswith("vBulletin") for content in index.generators):
        return True
    if not index.links_to("newreply.php", "member.php"):
        return False
    return ((index.link_matches(_VBULLETIN_REPLY) and index.links_to("showthread.php?"))
            or index.link_matches(_VBULLETIN2_PROFILE))


def _phpbb2(index: PageIndex, root) -> bool:  # _PHPBB2_ROW
    values = index.class_values
    return ("postbody" in values and "postdetails" in values
            and index.links_to("viewtopic.php?t=", "viewtopic.php?p=") and bool(_PHPBB2_ROW(root)))


def _phpbb_footer(index: PageIndex, root) -> bool:
    # //a[contains(@href, 'phpbb.com')][ancestor-or-self::*[contains(@class, 'copyright')]]
    # phpBB's "Powered by phpBB" footer on every page of the board (2.0's subSilver overall_footer.tpl:
    # <a href="http://www.phpbb.com/" class="copyright">phpBB</a>; subsilver2: span.copyright): a
    # board index or member page that says og:type=article is a forum page, not a news article.
    # A theme may drop the class and keep the line the licence asks for: "Powered by phpBB: 2.1.0
    # [20020430] &copy; 2001 <a href=http://www.phpbb.com/ class=smalllink>phpBB Group</a>" (a 2002
    # board's own theme; its posting page, a topic review in an iframe, was read as a news article).
    if not index.links_to("phpbb.com"):
        return False
    if index.class_contains("copyright") and _PHPBB_FOOTER(root):
        return True
    return any(_says_powered_by_phpbb(link) for link in _PHPBB_LINKS(root))


def _says_powered_by_phpbb(link) -> bool:
    """The words just before the link, in its line, are phpBB's footer: "Powered by <a>phpBB</a>" or
    "Powered by phpBB 2.0.4 &copy; 2001 <a>phpBB Group</a>" (capitalised, as a footer prints it)."""
    before = link.getprevious()
    text = (before.tail if before is not None else (link.getparent().text if link.getparent() is not None else ""))
    words = " ".join((text or "").split())
    return words.endswith("Powered by") or words.startswith("Powered by phpBB")


def _ipb3(index: PageIndex, root) -> bool:
    # //script[contains(., 'ipb.vars')][//*[contains(@class, 'post_block')]]
    return index.script_says("ipb.vars") and index.class_contains("post_block")


def _ipb3_page(index: PageIndex, root) -> bool:
    # //script[contains(., 'ipb.vars')] | //body[@id='ipboard_body']
    # IP.Board 3's globalTemplate prints both on every page it serves, not only on topics, and a real
    # 3.4.6 board (2014) says og:type=article on its board index: without this the index's forum
    # table was read as a news article. The parser reads topics only (parsers.ipb3), so another
    # IP.Board 3 page is a forum page no parser reads.
    return index.script_says("ipb.vars") or index.has_id("ipboard_body")


def _ipb2(index: PageIndex, root) -> bool:
    # //script[contains(., 'ipb_var_base_url')]
    # IP.Board 2.0-2.3 prints its page variables ("var ipb_var_base_url = ...", ipb_md5_check) in a
    # script of its global template on every page it serves (topic, forum, profile, index). No
    # parser reads IP.Board 2: without this a real 2.1.1 board's pages (2005 Wayback captures)
    # came back "no parser recognises this page", never saying they were forum pages.
    return index.script_says("ipb_var_base_url")


_INVISION_LINKS = etree.XPath("//a[contains(@href, 'invisionboard.com') or contains(@href, 'invisionpower.com')]")


def _invision_footer(index: PageIndex, root) -> bool:
    # _INVISION_LINKS[contains(., 'Invision Power Board')]
    # Invision Power Board 1.x prints no page variables of its own (2.x's ipb_var_base_url) but every
    # page's footer says "Powered by <a href="http://www.invisionboard.com">Invision Power Board</a>(U)
    # v1.3 Final": without this a 1.3 board's topic (a Russian board's, 2014) was read as a news article.
    if not index.links_to("invisionboard.com", "invisionpower.com"):
        return False
    return any("Invision Power Board" in "".join(link.itertext()) for link in _INVISION_LINKS(root))


def _bbpress(index: PageIndex, root) -> bool:
    # //*[@id='bbpress-forums'] | //*[contains(@class, 'bbp-reply-content') or contains(@class, 'bbp-topic-content')]
    # bbPress (WordPress forums) wraps every forum view in #bbpress-forums and its posts in
    # .bbp-reply-content/.bbp-topic-content; SEO plugins give its topics og:type=article, so without
    # this a topic would be read as a news article (replies in a #comments box, the topic as its text).
    return index.has_id("bbpress-forums") or index.class_contains("bbp-reply-content", "bbp-topic-content")


def _drupal_forum(index: PageIndex, root) -> bool:
    # //*[contains(concat(' ', @class, ' '), ' node-type-forum ') or ... ' node--type-forum ']
    # Drupal's forum module: a topic is a node of type "forum", which Drupal 7 names in the body's
    # classes (node-type-forum) and the node's (node-forum), Drupal 8+ as page-node-type-forum and
    # node--type-forum. With the Metatag module's og:type=article a Drupal 7 topic was read as a news
    # article: the topic its text, the replies (div#comments) its reader comments.
    return index.has_class("node-type-forum", "page-node-type-forum", "node-forum", "node--type-forum")


def _xmb(index: PageIndex, root) -> bool:
    # //a[contains(@href, 'member.php?action=viewpro')] and //a[contains(@href, 'u2u.php')]
    # XMB (miqrogroove/xmb templates): a member's profile is member.php?action=viewpro&member=NAME
    # and its private messages u2u.php, on every post; its posts are table rows with no class that
    # says author or date, so no other evidence finds its topics.
    return index.links_to("member.php?action=viewpro") and index.links_to("u2u.php")


def _elkarte(index: PageIndex, root) -> bool:
    # //script[contains(., 'elk_scripturl')]
    # ElkArte, the fork of SMF 2.0, prints its page variables (elk_scripturl, elk_session_id) in a
    # script on every page it serves, where SMF says smf_scripturl. parsers/elkarte claims such pages
    # first; this still names one as a forum page wherever that parser is not asked.
    return index.script_says("elk_scripturl")


def _mesdiscussions(index: PageIndex, root) -> bool:
    # //*[@id='mesdiscussions'] | //td[contains(@class, 'messCase1')]
    # MesDiscussions.Net (forum.hardware.fr and other French boards) wraps every view in
    # div#mesdiscussions and each post in table.messagetable, its poster in td.messCase1 and its
    # words in td.messCase2. A post's date is words ("Posté le 16-03-2016 à 15:11:21") in an
    # unclassed div and its poster a <b> without a profile link, so no other evidence finds its
    # topics: one was read as a news article.
    return index.has_id("mesdiscussions") or index.has_class("messCase1", "messCase2")


def _news_arc(index: PageIndex, root) -> bool:
    # //a[contains(@href, 'user?id=')] and //a[contains(@href, 'item?id=')] and
    # //*[contains(@class, 'comhead') or ...]
    # Hacker News and the other boards on Arc's news.arc: a story's comments are table rows, each
    # headed by span.comhead (the member's user?id= link, the age, the comment's item?id= link);
    # the list pages head each story with td.subtext. No date element (the 2011 markup prints the
    # age alone) and no comment block a news reader knows: a 12-comment thread (2026 markup) and a
    # 49-comment one (2011) were news articles of the page's menus and the comments' words.
    return (index.links_to("user?id=") and index.links_to("item?id=")
            and index.has_class("comhead", "hnuser", "subtext"))


def _kunena(index: PageIndex, root) -> bool:
    # //*[@id='kunena'] | //*[contains(@class, 'kmsgdate')]
    # Kunena, the Joomla forum: every view of it (3.x to 6.x, its Blue Eagle, Crypsis and Aurelia
    # templates) stands in div#kunena, and its posts' dates in span.kmsgdate. Joomla's SEO
    # plugins give its topics og:type=article: a Kunena 5 topic of 5 posts, whose hidden reply
    # forms and category menu held more text than its posts, was read as a news article.
    return index.has_id("kunena") or index.class_contains("kmsgdate")


def _healthunlocked(index: PageIndex, root) -> bool:
    # //*[contains(@class, 'post-responses-list')] | //*[starts-with(@id, 'post-resp-')]
    # | //script[@id='__NEXT_DATA__'][contains(., 'singlePost')][//*[contains(@class, 'post-container')]]
    # HealthUnlocked, the host of hundreds of patient communities: a post's page (its own front
    # end, 2020) shows the opening post in div.post-container and the replies in
    # div.post-responses-list, each div#post-resp-N, the answers to a reply nested in its block;
    # the page says og:type=article, and no run of sibling post blocks stands on it. A post of 4
    # with 3 replies was read as a news article of the opening post's words. A post without
    # replies still carries its data as "singlePost" in the page's __NEXT_DATA__.
    return (index.class_contains("post-responses-list") or index.has_id_prefix("post-resp-")
            or ("__NEXT_DATA__" in index.script_ids and index.script_says("singlePost")
                and index.class_contains("post-container")))


def _phorum(index: PageIndex, root) -> bool:
    # (//*[@id='phorum'] | //a[contains(@href, 'phorum.org')]) and //a[contains(@href, 'read.php?')]
    # Phorum 5: every page of its templates (emerald, lightweight) stands in div#phorum, its footer
    # says "powered by Phorum" with a link to phorum.org, and its messages are read.php?F,T,M. A
    # message's date is bare text ("25-February-2012 23:07") and its poster a profile link in a
    # div classed by an icon: a thread of 25 messages was read as a news article of their
    # headers, not one message's words in it.
    return (index.has_id("phorum") or index.links_to("phorum.org")) and index.links_to("read.php?")


def _wordpress_forum_plugin(index: PageIndex, root) -> bool:
    # //*[@id='af-wrapper' or @id='wpforo'] | //*[contains(@class, 'ctdb-') or contains(@class, 'wpforo-')]
    # | //body[contains(concat(' ', @class, ' '), ' asgaros-forum ')] | //script[contains(., 'fe_globals')]
    # | //script[contains(@src, '/themes/forumengine/')] | //link[contains(@href, '/themes/forumengine/')]
    # The forum plugins of WordPress other than bbPress (which has its own parser): Asgaros Forum
    # (div#af-wrapper; its body classed asgaros-forum), WP Discussion Board (its "ctdb-" classes) and
    # wpForo (div#wpforo, "wpforo-" classes). Their topics are posts of the theme's single view, an
    # <article> with a title, so the news parser took them: an Asgaros topic of two posts came back
    # an article of its navigation and signatures, both posts' words lost; a WP Discussion Board
    # topic an article of its opening post, its reply lost.
    # ForumEngine, a WordPress theme that is a forum: its page script's "fe_globals" and its files
    # under /themes/forumengine/; its threads are schema.org Article items, and a thread of two
    # posts came back a news article of the first, its reply lost.
    return (index.has_id("af-wrapper", "wpforo") or index.has_class("asgaros-forum")
            or index.class_contains("ctdb-", "wpforo-") or index.script_says("fe_globals")
            or index.script_from("/themes/forumengine/") or index.link_tag_to("/themes/forumengine/"))


_READ_CGI_THREAD = re.compile(r"/read\.cgi/(?:[\w-]+/)+\d{9,}")


def _read_cgi(index: PageIndex, url: str) -> bool:
    # the URL, or //a[contains(@href, '/read.cgi/')] and //*[contains(@class, 'uid')]
    # 2ch-style boards (5ch, bbspink, open2ch, shitaraba) serve a thread from read.cgi, its address
    # the board and the thread's key, a Unix time (/test/read.cgi/news4vip/1570005180/). Their posts
    # are anonymous (no profile link) and dated in words, so a 5ch thread of 20 posts was read as a
    # news article. Saved under another address, the page still links to read.cgi and prints each
    # poster's daily id in a "uid" element (2019 and 2023 layouts) or the old <dl class="thread">.
    if _READ_CGI_THREAD.search(urlsplit(url).path or ""):
        return True
    return index.links_to("/read.cgi/") and index.has_class("uid", "thread")


ENGINE_FINGERPRINTS = (
    ("Discuz! board", _discuz),
    ("bbPress topic", _bbpress),
    ("Drupal forum topic", _drupal_forum),
    ("Khoros/Lithium community", _khoros),
    ("inSided community", _insided),
    ("ProBoards forum", _proboards),
    ("FluxBB/PunBB topic", _fluxbb),
    ("vBulletin page", _vbulletin),
    ("phpBB 2 topic", _phpbb2),
    ("Invision Power Board 3 topic", _ipb3),
    ("Invision Power Board 3 page", _ipb3_page),
    ("Invision Power Board 2 page", _ipb2),
    ("Invision Power Board footer", _invision_footer),
    ("phpBB footer", _phpbb_footer),
    ("XMB topic", _xmb),
    ("ElkArte page", _elkarte),
    ("MesDiscussions.Net topic", _mesdiscussions),
    ("Hacker News (news.arc) page", _news_arc),
    ("Kunena topic", _kunena),
    ("WordPress forum page (Asgaros Forum, WP Discussion Board, wpForo, ForumEngine)", _wordpress_forum_plugin),
    ("HealthUnlocked post", _healthunlocked),
    ("Phorum page", _phorum),
)
GENERATORS = ("vbulletin", "xenforo", "phpbb", "discourse", "nodebb", "vanilla", "mybb", "simple machines",
              "invision", "discuz", "fluxbb", "punbb", "flarum", "forumotion", "proboards", "khoros", "lithium")
# A reader-comment box under an article (WordPress, Disqus and most news templates name it so).
IN_COMMENT_SECTION = ("ancestor::*[@id='comments' or @id='disqus_thread' or contains(@class, 'comment-list')"
                      " or contains(@class, 'commentlist') or contains(@class, 'comments-area')]")
# Compiled once: element.xpath(string) compiled the expression again on every call.
_IN_A_COMMENT_SECTION = etree.XPath(f"boolean({IN_COMMENT_SECTION})")
TOPIC_PATH = re.compile(r"/t\d+-")
# Each pattern is its words, in any case: the words serve the quick reading of ASCII values
# (matching_values), the pattern every value.
PROFILE_WORDS = ("member", "user", "profile", "/u/", "benutzer", "mitglied", "memberlist", "showuser")
PROFILE_HREF = re.compile(f"({'|'.join(PROFILE_WORDS)})", re.I)
# "nick"/"nickname": boards that print the poster as a bare name with no profile link (Mumsnet Talk).
# "who"/"when": static copies of a board that print each post's poster and time as div.who and
# div.when, with no link and no <time> (a Discourse backup published as plain pages); unread, such a
# page with a long opening post passed for a news article.
AUTHOR_WORDS = ("author", "user", "poster", "account", "member", "username", "profile", "nick", "who")
AUTHOR_CLASS = re.compile(f"({'|'.join(AUTHOR_WORDS)})", re.I)
DATE_WORDS = ("date", "time", "posted", "when")
DATE_CLASS = re.compile(f"({'|'.join(DATE_WORDS)})", re.I)
# The three patterns as remembered tests of one attribute value (see parsers.markup.cached_search).
names_profile = cached_search(PROFILE_HREF)
says_author = cached_search(AUTHOR_CLASS)
says_date = cached_search(DATE_CLASS)


def forum_evidence(doc: Selector, url: str = "") -> str | None:
    """A short description of the evidence that the page is a forum discussion, or None."""
    root = doc.root
    return (structured_data_evidence(root) or engine_fingerprint(root, url) or repeated_post_blocks(root)
            or anchored_post_rows(root) or header_rows(root) or printed_date_post_blocks(root))


# libxml2 evaluates a predicate on ``//*`` as a sub-expression per element of the page (0.8 ms on a
# 3,000-element news page); the attribute axis collects the few attributes first (0.25 ms). These
# XPaths are written so, each giving the nodes, in the order, of the plain form in its comment.
# //*[@itemscope]/@itemtype
ITEM_TYPES = etree.XPath("//@itemtype[../@itemscope]", smart_strings=False)
_SEPARATOR = "\x00"  # joins values for substring tests: no attribute value holds a NUL (parsers.page_index)


def structured_data_evidence(root) -> str | None:
    """JSON-LD or microdata that declares a discussion: DiscussionForumPosting, QAPage, or a list of
    authored Comment/Answer items standing on their own (not the comments of an article)."""
    standalone_posts = 0
    for item, in_article in json_ld_items(root):
        types = schema_types(item)
        if types & set(FORUM_TYPES) and not in_article:
            return f"JSON-LD {sorted(types & set(FORUM_TYPES))[0]}"
        if types & set(POST_TYPES) and not in_article and item.get("author"):
            standalone_posts += 1
    if standalone_posts >= MIN_POSTS - 1:
        return f"JSON-LD list of {standalone_posts} authored comments"
    # One walk for the item types (most pages declare none), then the tests they may pass:
    # //*[@itemscope][contains(@itemtype, 'schema.org/<name>')] is a test of these strings.
    item_types = _SEPARATOR.join(ITEM_TYPES(root))
    for name in FORUM_TYPES:
        if f"schema.org/{name}" in item_types:
            return f"microdata {name}"
    if "schema.org/Comment" not in item_types and "schema.org/Answer" not in item_types:
        return None
    microdata_posts = microdata_post_items(root)
    if len(microdata_posts) >= MIN_POSTS - 1:
        return f"microdata list of {len(microdata_posts)} authored comments"
    return None


def microdata_post_items(root) -> list:
    """Microdata Comment/Answer items with an author that stand on their own: not inside an
    article-like item, not in a reader-comment section (shared with :mod:`parsers.generic`)."""
    return _MICRODATA_POSTS(root)


# Compiled once: root.xpath(string) compiled it on every call (0.04 ms, most of the call's time).
_NOT_IN_ARTICLE = " and ".join(f"not(ancestor::*[@itemscope][contains(@itemtype, 'schema.org/{t}')])"
                               for t in ARTICLE_LIKE)
_MICRODATA_POSTS = etree.XPath(
    "//*[@itemscope][contains(@itemtype, 'schema.org/Comment') or contains(@itemtype, 'schema.org/Answer')]"
    f"[.//*[@itemprop='author']][{_NOT_IN_ARTICLE}][not({IN_COMMENT_SECTION})]")


def json_ld_items(root, containers: tuple[str, ...] = ARTICLE_LIKE):
    """Every JSON-LD object of the page, each with whether it sits inside one of ``containers``
    (article-like objects)."""
    if "application/ld+json" not in page_index(root).script_types:  # the index the engines' detection read
        return
    for data in json_ld_documents(json_ld_texts(root), ""):
        stack = [(data, False)]
        while stack:
            item, in_article = stack.pop()
            if isinstance(item, list):  # children pushed last first: objects come in page order
                stack.extend((child, in_article) for child in reversed(item))
            elif isinstance(item, dict):
                yield item, in_article
                inner = in_article or bool(schema_types(item) & set(containers))
                stack.extend((value, inner) for key, value in reversed(item.items())
                             if isinstance(value, (dict, list)) and key != "@context")


_TEXTS = etree.XPath("text()", smart_strings=False)


def json_ld_texts(root) -> list[str]:
    """``//script[@type='application/ld+json']/text()``, by lxml's tag filter: the compiled-per-call
    XPath tested every node of the page (a quarter of a millisecond on a news page), where the
    page's few scripts are all it needs; each JSON-LD script's text nodes as the XPath gives them."""
    return [text for script in root.getroottree().getroot().iter("script")
            if script.get("type") == "application/ld+json" for text in _TEXTS(script)]


def schema_types(item: dict) -> set[str]:
    types = item.get("@type")
    return {t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}


def engine_fingerprint(root, url: str) -> str | None:
    """The name of a forum engine without a parser whose template fingerprint the page carries."""
    index = page_index(root)
    if _is_forumotion(index, url):
        return "Forumotion topic"
    if _read_cgi(index, url):
        return "2ch-style read.cgi thread"
    for name, test in ENGINE_FINGERPRINTS:
        if test(index, root):
            return name
    generator = " ".join(index.generators).lower()  # //meta[@name='generator']/@content
    for engine in GENERATORS:
        if engine in generator:
            return f"generator {engine}"
    return None


def _is_forumotion(index: PageIndex, url: str) -> bool:
    """Forumotion (Forumactif, Forumieren): its scripts or links, and its /t123-title topic URLs.

    As ``//script[contains(., 'forumotion') or contains(., 'Forumotion') or contains(., 'forumactif')
    or contains(@src, 'forumotion') or contains(@src, 'forumactif') or contains(@src, 'illiweb.com')]``,
    and the URL's path, ``//link[@rel='canonical'][contains(@href, '/t')]`` or
    ``//*[contains(@class, 'postprofile')]``.
    """
    hosted = (index.script_says("forumotion", "Forumotion", "forumactif")
              or index.script_from("forumotion", "forumactif", "illiweb.com"))
    if not hosted:
        return False
    return bool(TOPIC_PATH.search(urlsplit(url).path or "")
                or any(rel == "canonical" and href is not None and "/t" in href for rel, href in index.link_tags)
                or index.class_contains("postprofile"))


def repeated_post_blocks(root) -> str | None:
    """The evidence :func:`post_block_groups` finds, named: "45 sibling post blocks .MtnComment with
    author and date"."""
    groups = post_block_groups(root)
    if not groups:
        return None
    classes, blocks = groups[0]
    return f"{len(blocks)} sibling post blocks .{classes.split()[0]} with author and date"


def post_block_groups(root) -> list[tuple[str, list]]:
    """Every group of sibling blocks that reads as a thread's posts, as (class, blocks), the one
    holding the most text first. One function for the verdict (:func:`repeated_post_blocks`) and
    for the generic parser (:mod:`parsers.generic`), so that the pages the verdict calls forum
    pages are the pages the generic parser segments, by the same test.

    Found once per tree, as it stands when first asked (callers do not edit the list); see
    :func:`_find_post_block_groups` for the test.
    """
    return _groups(root)


# The groups of the tree last asked about: the verdict finds them, then the generic parser reads the
# same page's posts from them, and the search (a test of every block with a class) runs once.
_groups: TreeMemo[list[tuple[str, list]]] = TreeMemo("post_block_groups", lambda root: _find_post_block_groups(root))


def _find_post_block_groups(root) -> list[tuple[str, list]]:
    """The groups :func:`post_block_groups` names, searched for.

    Sibling blocks of one class, at least MIN_POSTS of them, each naming an author (a profile link
    or an author element) and a date, that together hold at least half the page's text, mostly not
    link text: a thread's posts. A comment list under an article holds less text than the article
    around it, or sits in a comment section; teasers of related articles are mostly link text.

    Only the groups of the elements that hold an author and a date (:func:`author_and_date_holders`)
    can pass, so only those are gathered: a walk of every element with a class, grouped by parent,
    cost more than the rest of the forum checks on a news page (which has none)."""
    if _too_few_markers(root):
        return []
    holders = author_and_date_holders(root)
    candidates = _candidate_groups(holders)
    page_text = None  # the body's text, measured only once a group needs it (most pages have none)
    found = []
    for blocks in candidates:
        if _IN_A_COMMENT_SECTION(blocks[0]):
            continue
        block_text = sum(text_length_in_tree(b) for b in blocks)
        if page_text is None:
            page_text = body_text_length(root)
        if page_text and block_text * 2 < page_text:  # a long post a theme wraps on its own counts too
            block_text += sum(text_length_in_tree(b) for b in wrapped_blocks(blocks))
        if page_text and block_text * 2 >= page_text and all(
                own_words(b) >= MIN_POST_WORDS and not holds_a_list(b, holders) for b in blocks[:MIN_POSTS]):
            found.append((block_text, _steady_classes(blocks[0].get("class")), blocks))
    found.sort(key=lambda group: -group[0])
    return [(classes, blocks) for _, classes, blocks in found]


def _candidate_groups(holders: set) -> list[list]:
    """The sibling groups (:func:`_sibling_groups`) of at least MIN_POSTS blocks, each of them one
    of ``holders``, in page order (ties below keep it)."""
    candidates = [blocks for blocks in _sibling_groups(holders).values()
                  if len(blocks) >= MIN_POSTS and all(block in holders for block in blocks)]
    candidates.sort(key=lambda blocks: document_position(blocks[0]))
    return candidates


def _too_few_markers(root) -> bool:
    """Whether the page holds too few author or date markers for a group of post blocks (see
    :func:`_count_too_few_markers`), answered once per tree: the verdict's groups and
    :func:`nested_post_blocks` both ask."""
    return _few(root)


def _count_too_few_markers(root) -> bool:
    """Whether the page holds fewer than MIN_POSTS author markers or fewer than MIN_POSTS date
    markers (those :func:`author_and_date_holders` looks for), counted on the page index: the
    class attributes and links of the whole page as the parser built it, read by the engines'
    detection just before (:mod:`parsers.page_index`), and the page's ``<time>`` elements.

    Why: each block of a group holds an author and a date below it, and sibling blocks share no
    element, so such a page has no group; most news pages are such pages, and the walk of every
    element of the page that finds the holders cost a millisecond. The counts are of the whole
    page (an element counted twice, as a class and a link, too), never fewer than the body's."""
    if _few_authors(root):
        return True
    index = page_index(root)
    classes, values = index.class_list, list(index.class_values)
    dates = matching_values(values, DATE_CLASS, DATE_WORDS)
    times = sum(1 for _ in root.getroottree().getroot().iter("time"))
    return sum(value in dates for value in classes) + times < MIN_POSTS


def _count_too_few_author_markers(root) -> bool:
    """Whether the page holds fewer than MIN_POSTS author markers, counted on the page index as
    :func:`_count_too_few_markers` counts them: the first half of its test, and the whole of
    :func:`printed_date_post_blocks`' (whose dates are text, not markers)."""
    index = page_index(root)
    classes, hrefs = index.class_list, index.hrefs
    authors = matching_values(list(index.class_values), AUTHOR_CLASS, AUTHOR_WORDS)
    profiles = matching_values(list(set(hrefs)), PROFILE_HREF, PROFILE_WORDS)
    return sum(value in authors for value in classes) + sum(href in profiles for href in hrefs) < MIN_POSTS


def _sibling_groups(holders: set) -> dict:
    """For each element of ``holders`` below a ``<body>`` with steady classes, its group as
    ``//body//*[@class]`` grouped by (parent, steady classes) gives it: every child of its parent
    with the same steady classes, in page order.

    Only the holders that have MIN_POSTS holder siblings or more (themselves counted) are
    grouped: a group of fewer holders is no candidate (its blocks must all be holders), and most
    holders are a chain of single children from a post up to ``<body>`` (one group each, built
    from every sibling, cost most of this step on a page of 45 posts)."""
    parents: dict = {}
    for element in holders:
        parent = element.getparent()
        parents[parent] = parents.get(parent, 0) + 1
    groups: dict = {}
    steady: dict[str, str] = {}  # class attribute -> its steady classes (pages repeat a few values)
    for element in holders:
        parent = element.getparent()
        if parent is None or parents[parent] < MIN_POSTS:
            continue
        value = element.get("class")
        if value is None:
            continue
        classes = steady.get(value)
        if classes is None:
            classes = steady[value] = _steady_classes(value)
        if not classes or (parent, classes) in groups or next(element.iterancestors("body"), None) is None:
            continue
        blocks = []
        for child in parent.iterchildren(etree.Element):
            child_value = child.get("class")
            if child_value is None:
                continue
            child_classes = steady.get(child_value)
            if child_classes is None:
                child_classes = steady[child_value] = _steady_classes(child_value)
            if child_classes == classes:
                blocks.append(child)
        groups[(parent, classes)] = blocks
    return groups


def wrapped_blocks(blocks: list) -> list:
    """Blocks of the group's classes that name an author and a date below the group's parent but
    not as its children, none inside another: a post a theme wraps on its own (a "first post"
    box, a highlighted answer) among its siblings; and a sibling of the blocks that is a post left
    unwrapped where the blocks are wrappers each holding one post (see :func:`_kinds_each_holds_once`).
    Why: the group is its parent's children, and such a post, a block like the others, was left out
    of the thread with no word."""
    parent = blocks[0].getparent() if blocks else None
    if parent is None:
        return []
    classes = _steady_classes(blocks[0].get("class"))
    tokens = set(classes.split())
    members = set(blocks)
    found = []
    held_once = None  # the kinds each block holds once (see _kinds_each_holds_once), found when first needed
    for child in parent.iterchildren(etree.Element):
        if child in members:
            continue
        for element in child.iterdescendants(etree.Element):
            if (element.get("class") is not None and _steady_classes(element.get("class")) == classes
                    and not any(inside(element, other) for other in found) and names_author_and_date(element)):
                found.append(element)
        if child in found or any(inside(block, child) for block in found) or not names_author_and_date(child):
            continue  # (a post below the child names its author and date in the child too)
        if tokens and tokens <= set(_steady_classes(child.get("class")).split()):
            # The group's classes and more ("post first-post" beside "post"): a post the theme marks
            # apart, itself, never the first element below it of a kind each block holds once (its
            # header, div.bar: Mumsnet Talk's opening post was read as its header's words).
            found.append(child)
            continue
        if held_once is None:
            held_once = _kinds_each_holds_once(blocks) - _PLAIN_KINDS
        # The child itself, or the outermost element below it, of a kind each block holds once.
        post = next((element for element in child.iter(etree.Element)
                     if (element.tag, _steady_classes(element.get("class"))) in held_once), None) if held_once else None
        if post is not None and names_author_and_date(post):
            found.append(post)
    return found


# Elements of no kind of their own: a plain div or span is in every block, once or not, and a
# wrapper around a post (one found inside it above) is no post.
_PLAIN_KINDS = frozenset({("div", ""), ("span", "")})


def _kinds_each_holds_once(blocks: list) -> set[tuple[str, str]]:
    """The (tag, steady classes) that each of ``blocks`` gives to exactly one element below it.
    Why: blocks that each hold one element of a kind are wrappers around posts of that kind, and a
    sibling of the wrappers that is, or holds, one of that kind is a post a theme wrapped otherwise
    or left unwrapped (every post in a ``div.theme-x`` of its own but the last): it was left out
    of the thread with no word (fuzz seed 214, and its theme drifts). The tag counts with the
    classes: an ``article`` without a class is still the one post each wrapper holds."""
    common: set[tuple[str, str]] | None = None
    for block in blocks:
        counts: dict[tuple[str, str], int] = {}
        for element in block.iterdescendants(etree.Element):
            kind = (element.tag, _steady_classes(element.get("class")))
            counts[kind] = counts.get(kind, 0) + 1
        once = {kind for kind, count in counts.items() if count == 1}
        common = once if common is None else common & once
        if not common:
            return set()
    return common or set()


def document_position(element) -> tuple[int, ...]:
    """The element's place in the page as the child numbers from the root down: tuples in page
    order sort as the elements come in the document (an ancestor before its descendants)."""
    path = []
    node = element
    for parent in element.iterancestors():
        path.append(parent.index(node))
        node = parent
    return tuple(reversed(path))


def bodies(root) -> list:
    """``//body``: the tree's ``<body>`` elements, by lxml's tag filter (libxml2's ``//body`` tests
    every node's name through its XPath machinery, several times slower)."""
    return list(root.getroottree().getroot().iter("body"))


def author_and_date_holders(root) -> set:
    """Every element of the page that :func:`names_author_and_date` accepts (below a ``<body>``):
    the ancestors of an author marker (a profile link, an element whose class says author) that
    are also ancestors of a date marker (a ``<time>``, an element whose class says date).

    Why: asking :func:`names_author_and_date` of each candidate block walks the block each time,
    and grouping every element with a class to find the candidates cost more than the rest of the
    forum checks on a news page. Here one walk reads the class attributes, the patterns are tried
    on the page's distinct class values and link addresses at once (:func:`matching_values`), and
    each marker's ancestors are marked, up to the first already marked. Found once per tree (see
    :func:`author_and_date_markers`)."""
    return _holders(root)


def _find_author_and_date_holders(root) -> set:
    authors, dates = author_and_date_markers(root)
    if not authors or not dates:
        return set()
    return _ancestors_of(authors) & _ancestors_of(dates)


def author_and_date_markers(root) -> tuple[list, list]:
    """(author markers, date markers) below the page's ``<body>``, as :func:`author_and_date_holders`
    finds them; the date markers are not looked for on a page without an author marker. Found once
    per tree, as it stands when first asked: the verdict's groups and :func:`nested_post_blocks`
    both ask."""
    return _markers(root)


def _find_author_and_date_markers(root) -> tuple[list, list]:
    classed, links, times = [], [], []
    for body in bodies(root):
        # Comments and processing instructions answer None to get(): elements alone are kept.
        classed += [(element, value) for element in body.iterdescendants()
                    if (value := element.get("class")) is not None]
        links += [(link, link.get("href") or "") for link in body.iterdescendants("a")]
        times += body.iterdescendants("time")
    values = list({value for _, value in classed})
    author_values = matching_values(values, AUTHOR_CLASS, AUTHOR_WORDS)
    profile_hrefs = matching_values(list({href for _, href in links}), PROFILE_HREF, PROFILE_WORDS)
    authors = [e for e, value in classed if value in author_values] + [e for e, href in links if href in profile_hrefs]
    if not authors:
        return [], []
    date_values = matching_values(values, DATE_CLASS, DATE_WORDS)
    return authors, [e for e, value in classed if value in date_values] + times


_few: TreeMemo[bool] = TreeMemo("too_few_markers", _count_too_few_markers)
_few_authors: TreeMemo[bool] = TreeMemo("too_few_author_markers", _count_too_few_author_markers)
_markers: TreeMemo[tuple[list, list]] = TreeMemo("author_and_date_markers", _find_author_and_date_markers)
_holders: TreeMemo[set] = TreeMemo("author_and_date_holders", _find_author_and_date_holders)


def nested_post_blocks(root) -> int:
    """The longest run of blocks of one class, each naming its own author and date (outside the
    next one), each standing inside the one before, outside a comment section: 0 below MIN_POSTS.

    Why: a post template that leaves an element open (Forem's ``div.threeThirdsColumn``, closed by
    no ``</div>`` before the post's ``</section>``) makes libxml2 put each post's block inside the
    one before, where a browser closes the open element at the block's end tag and shows the
    posts one after another. No run of sibling blocks is then found, and the thread was read as a
    news article (its ``og:type=article``) with no word. Such a page is read again as a browser
    builds it (:mod:`parsers.browser_tree`). A block's own author and date are the markers whose
    nearest block of the class it is: a theme's nested wrappers around one post (``div.row`` in
    ``div.row``) hold the same markers, and only the innermost has them as its own."""
    if _too_few_markers(root):
        return 0
    authors, dates = author_and_date_markers(root)
    by_class: dict[str, list] = defaultdict(list)
    for element in author_and_date_holders(root):
        classes = _steady_classes(element.get("class"))
        if classes:
            by_class[classes].append(element)
    longest = 0
    for elements in by_class.values():
        if len(elements) < MIN_POSTS:
            continue
        members = set(elements)
        owners = _nearest_members(authors, members) & _nearest_members(dates, members)
        elements.sort(key=document_position)  # (the holders are a set: page order, and the first block, fixed)
        run, deepest, previous = 0, 0, None
        for element in elements:
            if element in owners:
                run = run + 1 if previous is not None and inside(element, previous) else 1
                previous = element
            else:
                run, previous = 0, None
            deepest = max(deepest, run)
        if deepest >= MIN_POSTS and not _IN_A_COMMENT_SECTION(elements[0]):
            longest = max(longest, deepest)
    return longest


def _nearest_members(markers: list, members: set) -> set:
    """The ``members`` that are some marker's nearest ancestor among them."""
    found = set()
    for marker in markers:
        for ancestor in marker.iterancestors():
            if ancestor in members:
                found.add(ancestor)
                break
    return found


def matching_values(values: list[str], pattern: re.Pattern, words: tuple[str, ...]) -> set[str]:
    """The ``values`` in which ``pattern.search`` finds a match, where ``pattern`` is ``words`` in
    any case (``(a|b|c)`` with ``re.I``, as :data:`AUTHOR_CLASS`).

    Why: a regular expression in any case costs about a microsecond a value, and a page has
    hundreds of class values and links. The ASCII values (nearly all) are joined by NULs (no word
    holds one, so no find spans two values), lowercased once, and each word found with
    ``str.find``: in ASCII text that is what the pattern matches. Other values are left to the
    pattern (``re.I`` matches "ſ" as "s" and the Kelvin sign as "k"; lowercasing does not)."""
    ascii_values, found = [], set()
    for value in values:
        if value.isascii():
            ascii_values.append(value)
        elif pattern.search(value):
            found.add(value)
    if not ascii_values:
        return found
    # A hit's value is cut out between the NULs around it: no table of where each value begins
    # (building one cost more than the finds on a page with hundreds of values).
    joined = _SEPARATOR.join(ascii_values)
    lowered = joined.lower()  # as long as joined: the values are ASCII
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            end = lowered.find(_SEPARATOR, at)
            end = len(lowered) if end < 0 else end
            found.add(joined[lowered.rfind(_SEPARATOR, 0, at) + 1:end])
            # Go on from the next value: this one is found.
            at = lowered.find(word, end + 1)
    return found


def _ancestors_of(markers: list) -> set:
    """Every element that has one of ``markers`` below it (the markers themselves only as such)."""
    found: set = set()
    for marker in markers:
        for ancestor in marker.iterancestors():
            if ancestor in found:
                break  # its ancestors were marked with it
            found.add(ancestor)
    return found


# Class words that alternate from one post to the next ("topic-reply odd", "topic-reply even";
# "post post--odd", "post post--even"; "post bg1", "post bg2"; "row1"/"row2"; "alt"/"alt2"): the
# posts are still one group of siblings.
_ALTERNATING = re.compile(r"^(?:[\w-]+--)?(?:odd|even|alt\d?|bg\d|row\d|windowbg\d?)$", re.I)


def _steady_classes(classes: str | None) -> str:
    """The element's classes without the words that alternate between sibling posts."""
    return " ".join(word for word in (classes or "").split() if not _ALTERNATING.match(word))


_HREFS = etree.XPath(".//a/@href", smart_strings=False)
_CLASS_VALUES = etree.XPath(".//*/@class", smart_strings=False)
_TIMES = etree.XPath(".//time")


def names_author_and_date(block) -> bool:
    """The block names an author (a profile link, or an element whose class says author) and a
    date (a ``<time>``, or an element whose class says date)."""
    return _names_author_and_a_date(block, marked=True, printed=False)


def _names_author_and_a_date(block, marked: bool, printed: bool) -> bool:
    """The block names an author (a profile link, or an element whose class says author) and a
    date: ``marked``, a ``<time>`` or an element whose class says date; ``printed``, a date or a
    time of day printed in its text (:data:`PRINTED_DATE`, :data:`PRINTED_TIME`). The author is
    asked once, and the class values below the block read once for both."""
    classes = None
    if not any(names_profile(href) for href in _HREFS(block)):
        classes = _CLASS_VALUES(block)
        if not any(says_author(c) for c in classes):
            return False
    if marked and (_TIMES(block) or any(says_date(c) for c in (_CLASS_VALUES(block) if classes is None else classes))):
        return True
    if not printed:
        return False
    text = " ".join(block.itertext())
    return bool(PRINTED_DATE.search(text) or PRINTED_TIME.search(text))


def holds_a_list(block, holders: set) -> bool:
    """The block is a list of items that each have their own author and date (a column of article
    teasers), not one post: an element of it, the block itself too, has two children that each
    hold an author and a date below them (as :func:`names_author_and_date` sees it).

    Read from ``holders`` (:func:`author_and_date_holders`, the page's elements that hold both):
    an element holding both is a holder, and so is every element around it, so the holders inside
    the block are a tree growing down from the block. Followed from the block, each element has
    one holder child or none until one has two: a walk of the block's chain of holders, not of its
    elements (a walk of every element, each with its class tests, was a tenth of the forum checks)."""
    node = block
    while True:
        below = [child for child in node if child in holders]
        if len(below) != 1:
            return len(below) >= 2
        node = below[0]


def own_words(block) -> int:
    """Characters of the block that are neither links nor short author/date labels: a post's words.
    Teasers of related articles carry an author and a date too, but no words of their own.

    Every count is looked up in the lengths of the page's elements (:mod:`parsers.text_lengths`,
    measured once a page): the link text is the length of each outermost link (as
    :func:`text_length` with ``links_only`` counts it: the text inside links, script and style left
    out), where a walk of the block's text nodes cost as much as the rest of the test."""
    lengths = tree_text_lengths(block)
    if block not in lengths:  # not in the tree whose lengths are kept: measured on its own
        lengths = measure(block)
    try:
        return _own_words(block, lengths)
    except KeyError:  # an element added since the tree was measured: the block measured as it stands
        return _own_words(block, measure(block))


def _own_words(block, lengths: dict) -> int:
    """:func:`own_words` with ``lengths`` holding every element of the block. A label inside a
    label counted already (``div.username`` in ``div.user``), or inside a link (a ``<time>`` in the
    post's permalink: the link's text is taken out below), is not taken out again: counted twice,
    a short post's words fell below MIN_POST_WORDS (a Forem thread's first post, 65 characters,
    counted 34) and its thread was read as a news article."""
    label_text = 0
    counted: set = set()
    for element in block.iterdescendants():  # .//*[@class] | .//time, tested as read
        tag = element.tag
        if tag == "time" or tag.__class__ is str and (value := element.get("class")) and (
                says_author(value) or says_date(value)):
            length = lengths[element]
            if length < 80 and not _inside_label_or_link(element, block, counted):
                label_text += length
                counted.add(element)
    link_text = 0
    nested: set = set()  # links inside a link counted: their text is the outer link's
    for link in block.iter("a"):
        if link not in nested:
            link_text += lengths[link]
            nested.update(link.iterdescendants("a"))
    return lengths[block] - link_text - label_text


def _inside_label_or_link(element, block, labels: set) -> bool:
    """Does ``element`` stand inside one of ``labels`` or inside a link, below ``block``?"""
    for ancestor in element.iterancestors():
        if ancestor is block:
            return False
        if ancestor in labels or ancestor.tag == "a":
            return True
    return False


def text_length(element, links_only: bool = False) -> int:
    """Characters (blanks left out) of the text inside ``element`` (inside its links only, with
    ``links_only``), script and style left out. One walk with its own stack: linear in the tree's
    size however deep it nests (an XPath ``ancestor::`` test per text node was not)."""
    total = 0
    stack = [(element, element.tag == "a")]
    while stack:
        node, in_link = stack.pop()
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        if node.text and (in_link or not links_only):
            total += len(node.text.strip())
        for child in node:
            if child.tail and (in_link or not links_only):
                total += len(child.tail.strip())
            stack.append((child, in_link or child.tag == "a"))
    return total


# A post's own anchor: an id of a word prefix and a number ("m221431", "post-9165689", "msg_77").
_POST_ANCHOR_ID = re.compile(r"^([A-Za-z][A-Za-z_-]{0,11}?)[-_]?\d{3,}$")
# //body//*[@id], with the <body> itself when it has an id: no page has three <body>s under one
# parent, so it never makes a group of anchors (see ITEM_TYPES for why the attribute axis).
ANCHORED = etree.XPath("//body//@id/..")
_MONTHS = ("jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|f[eé]v|avr|juin|juil|ao[uû]|d[eé]c"
           "|ene|abr|ago|dic|gen|mag|giu|lug|set|ott")
# A printed date with its year, as boards print a post's date: 11.06.2020, 2020-06-11, 11/06/2020,
# "14. Juni 2020", "25-February-2012", "May 08, 2009"; or a recent post's age, counted from the
# time the page was served: "3 hours ago", "5 小时 7 分钟前" (V2EX, whose topics say og:type=article).
PRINTED_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:\.|st|nd|rd|th)?[\s-]+(?:{_MONTHS})[a-zäéû]*\.?[\s,-]+\d{{4}}"
    rf"|(?:{_MONTHS})[a-zäéû]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,3}\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b)"
    r"|\d{1,3}\s*(?:秒|分钟|分鐘|小时|小時|天)前", re.I)


def anchored_post_rows(root) -> str | None:
    """Posts that boards print as runs of rows rather than one block each (a table row naming the
    poster and the date, the message in the rows after it, up to the next post's row): at least
    MIN_POSTS sibling elements whose ids share a prefix and end in a number (the post's anchor,
    ``<tr id="m221431">``, ``<tr id="post-9165689">``), each naming a profile link and a printed
    date with its year, each run (the anchored element and the siblings before the next one)
    holding words of its own, and the runs' parent holding at least half the page's text. A news
    article with reader comments keeps its text outside the comments, and its comment list sits
    in a comment section: it stays an article.

    Evidence for the verdict only (a forum page, not an article): the generic parser still reads
    posts from blocks alone, and declines these pages with its reason."""
    if not _shares_an_anchor_prefix(root):
        return None
    groups = defaultdict(list)
    for element in ANCHORED(root):
        match = _POST_ANCHOR_ID.match(element.get("id") or "")
        parent = element.getparent()
        if match and parent is not None:
            groups[(parent, element.tag, match.group(1).lower())].append(element)
    candidates = [(parent, anchors) for (parent, _tag, _prefix), anchors in groups.items()
                  if len(anchors) >= MIN_POSTS and len({a.get("id") for a in anchors}) == len(anchors)
                  and all(_names_profile_and_printed_date(a) for a in anchors)]
    anchors = _rows_holding_the_page(root, candidates)
    if anchors is None:
        return None
    return f"{len(anchors)} post rows {anchors[0].tag}#{anchors[0].get('id')}... with author and date"


def _shares_an_anchor_prefix(root) -> bool:
    """Whether MIN_POSTS distinct ids of the page read as post anchors with one prefix, as every
    group :func:`anchored_post_rows` weighs must (its anchors' ids are distinct): a test of the
    id strings alone, which most pages fail (a news page's ids are its widgets' names).

    The ids are the page index's (:mod:`parsers.page_index`, read by the engines' detection just
    before): every id of the page as the parser built it, those outside ``<body>`` too, so the
    test never fails a page whose body passes; no element is touched."""
    prefixes: dict[str, int] = defaultdict(int)
    for value in page_index(root).ids:
        match = _POST_ANCHOR_ID.match(value)
        if match:
            prefix = match.group(1).lower()
            prefixes[prefix] += 1
            if prefixes[prefix] >= MIN_POSTS:
                return True
    return False


# //body//tr[td] (see ITEM_TYPES): the rows holding a cell, found from their cells.
ROWS = etree.XPath("//body//td/parent::tr")


def header_rows(root) -> str | None:
    """Posts printed as table rows without ids: a header row naming the poster (an element whose
    class says author/profile, or a profile link) and the date (a ``<time>``, an element whose
    class says date/time, or a date printed in its text: :func:`names_author_and_printed_date`),
    the message in the row after it or in the row itself. At least MIN_POSTS sibling rows of one
    table do so, each run (the header row and the rows up to the next one) holds words of its own,
    and the table holds at least half the page's text. Evidence for the verdict only, as
    :func:`anchored_post_rows`."""
    groups = defaultdict(list)
    for row in ROWS(root):
        parent = row.getparent()
        if parent is not None and _names_author_and_a_date(row, marked=True, printed=True):
            groups[parent].append(row)
    heads = _rows_holding_the_page(root, [(parent, heads) for parent, heads in groups.items()
                                          if len(heads) >= MIN_POSTS])
    return f"{len(heads)} post header rows with author and date" if heads is not None else None


def _rows_holding_the_page(root, candidates: list[tuple]) -> list | None:
    """The first (parent, rows) of ``candidates`` whose rows read as posts: not in a comment
    section, each of the first MIN_POSTS runs (a row and its siblings up to the next row) with
    words of its own, and the parent holding at least half the page's text; None when none does."""
    page_text = None  # measured only once a group needs it
    for parent, rows in candidates:
        if _IN_A_COMMENT_SECTION(rows[0]):
            continue
        if not all(_run_words(row, rows) >= MIN_POST_WORDS for row in rows[:MIN_POSTS]):
            continue
        if page_text is None:
            page_text = body_text_length(root)
        if page_text and text_length_in_tree(parent) * 2 >= page_text:
            return rows
    return None


def body_text_length(root) -> int:
    """:func:`text_length` of the page's ``<body>`` (0 without one): what a group of posts must
    hold half of."""
    found = bodies(root)
    return text_length_in_tree(found[0]) if found else 0


def _names_profile_and_printed_date(element) -> bool:
    if not any(names_profile(href) for href in _HREFS(element)):
        return False
    text = " ".join(element.itertext())
    return bool(PRINTED_DATE.search(text))


# A time of day with its half of the day, as a board prints the time of a post beside a day
# without its year ("9:00am On Apr 24", Nairaland) or a date in a form of its own ("Nov 20, 2019
# 11:26 PM" has its year): a clock time without "am"/"pm" is too common in other text (scores,
# durations) to stand for a post's time.
PRINTED_TIME = re.compile(r"\b(?:0?[1-9]|1[0-2]):[0-5]\d\s?[ap]\.?m\b", re.I)


def names_author_and_printed_date(element) -> bool:
    """The element names an author (a profile link, or an element whose class says author) and
    prints a date (:data:`PRINTED_DATE`) or a time of day (:data:`PRINTED_TIME`) in its text.

    Why: boards of their own engines print a post's date as bare text, with no ``<time>`` and no
    class that says so (Nairaland's ``<span class=s><b>9:00am</b> On <b>Apr 24</b></span>``, MS
    Connection's "Nov 20, 2019 11:26 PM" after a ``<br>``, ROBLOX's "20 Nov 2010 11:02 PM"); their
    threads, declaring ``og:type=article`` or not, were read as news articles of every post's
    words run together, no post kept apart."""
    return _names_author_and_a_date(element, marked=False, printed=True)


def printed_date_post_blocks(root) -> str | None:
    """Sibling blocks of one class, at least MIN_POSTS, each naming an author and printing a date
    in its text (:func:`names_author_and_printed_date`), the first MIN_POSTS each with words of
    its own and none a list of such items (:func:`_lists_printed_dates`), outside a comment
    section, together holding at least half the page's text: a thread's posts on a board that
    marks no post's date (see :func:`repeated_post_blocks` for the test with marked dates).
    Evidence for the verdict only, as :func:`anchored_post_rows`: the generic parser reads no
    printed date alone, and declines these pages with its reason."""
    if _few_authors(root) or declares_an_article(root):
        return None
    authors, _ = author_and_date_markers(root)
    holders = _ancestors_of(authors)
    candidates = _candidate_groups(holders)
    page_text = None
    for blocks in candidates:
        if _IN_A_COMMENT_SECTION(blocks[0]) or not all(names_author_and_printed_date(b) for b in blocks):
            continue
        if not all(own_words(b) >= MIN_POST_WORDS and not _lists_printed_dates(b) for b in blocks[:MIN_POSTS]):
            continue
        if page_text is None:
            page_text = body_text_length(root)
        if page_text and sum(text_length_in_tree(b) for b in blocks) * 2 >= page_text:
            first_class = blocks[0].get("class").split()[0]
            return f"{len(blocks)} sibling post blocks .{first_class} with author and printed date"
    return None


# A schema.org article type named in a JSON-LD text or a microdata item type: "NewsArticle",
# "Article", "ReportageNewsArticle", "BlogPosting", "LiveBlogPosting" (not "articleBody", a property).
_ARTICLE_TYPE = re.compile(r"\b\w*(?:Article|BlogPosting)\b")


def declares_an_article(root) -> bool:
    """Does the page declare a schema.org article (JSON-LD or microdata)? Such a page is not asked
    :func:`printed_date_post_blocks`, the weakest evidence there is. Why: a publisher's page that
    declares an article and prints bylined, timed items holding most of its text (a live blog's
    entries, "10:32 am" under each reporter's name) is the page that test must never take for a
    forum's; and most news pages declare one (142 of the 186 shared news pages), so they skip its
    walk of every element with a class."""
    texts = json_ld_texts(root) if "application/ld+json" in page_index(root).script_types else []
    if any(_ARTICLE_TYPE.search(text) for text in texts):
        return True
    return _ARTICLE_TYPE.search(_SEPARATOR.join(ITEM_TYPES(root))) is not None


def _lists_printed_dates(block) -> bool:
    """The block is a list of items that each name an author and print a date (a column of
    article teasers, each with its byline and day), not one post: followed down from the block
    while one child does so, an element has two children that do.

    Why not :func:`holds_a_list`: it counts every author marker, and markers found by class
    alone (an ``i.icon-user`` beside a post's "report" link, MS Connection) made every post a list."""
    node = block
    while True:
        below = [child for child in node.iterchildren(etree.Element) if names_author_and_printed_date(child)]
        if len(below) != 1:
            return len(below) >= 2
        node = below[0]


_UNLINKED_TEXT = etree.XPath("descendant-or-self::text()[not(ancestor::a)]", smart_strings=False)
# Chinese, Japanese and Korean characters, each about a word: a reply of 24 of them ("中国人的钱...",
# V2EX) says as much as a line of 40 Latin letters.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _run_words(anchor, anchors) -> int:
    """The words of a post's run: the anchored element and its following siblings up to the next
    anchor, less their link text; a CJK character counts twice (see :data:`_CJK`)."""
    total = 0
    node = anchor
    others = {id(a) for a in anchors if a is not anchor}
    while node is not None and (node is anchor or id(node) not in others):
        if isinstance(node.tag, str):
            total += text_length(node) - text_length(node, links_only=True)
            total += sum(len(_CJK.findall(text)) for text in _UNLINKED_TEXT(node))
        node = node.getnext()
    return total
