"""parsers.page_index: the lookups engines detect pages by, on a small hand-written page.

Every expected value below was read off PAGE by hand.
"""

from __future__ import annotations

import re

from parsers.browser_tree import browser_tree
from parsers.page_index import PageIndex, page_index, parsed_tree_has_id, parsed_tree_tag_has_id
from parsers.registry import build_tree

PAGE = """<!DOCTYPE html>
<html>
<head>
  <title>A topic</title>
  <meta name="generator" content="Example Board 2.1">
  <meta name="Generator" content="not read: the name differs in case">
  <link rel="canonical" href="https://forum.example/t12-a-topic">
  <link rel="stylesheet" href="/applications/vanilla/design/style.css">
  <script src="/assets/forum_fn.js"></script>
  <script>var smf_scripturl = "https://forum.example/index.php";</script>
  <script type="application/ld+json" id="ld">{"@type": "WebPage"}</script>
  <script src="/js/app.js">window.boot = true;</script>
</head>
<body id="board">
  <div id="p12" class="post  bg2">
    <div class="postbody">Hello <a href="viewtopic.php?p=12#p12" title="Permalink">#12</a></div>
  </div>
  <div id="wrapcentre" class="pun x-post--7">
    <a name="p13"></a>
    <span class="name">Ann</span>
  </div>
  <form action="/posting.php?mode=reply"><a href="">empty</a></form>
</body>
</html>
"""


def index_of(markup: str = PAGE) -> PageIndex:
    return PageIndex(build_tree(markup))


def test_ids_and_id_lookups():
    index = index_of()
    assert index.ids == frozenset({"ld", "board", "p12", "wrapcentre"})
    assert index.has_id("nothing", "p12")
    assert not index.has_id("p1", "p13")  # p13 is an <a name>, not an id
    assert index.has_id_prefix("wrap") and not index.has_id_prefix("post")
    assert index.id_matches(re.compile(r"^p(\d+)$"))
    assert not index.id_matches(re.compile(r"^post_(\d+)$"))


def test_classes_as_tokens_and_as_substrings():
    index = index_of()
    assert index.class_values == frozenset({"post  bg2", "postbody", "pun x-post--7", "name"})
    assert index.classes == frozenset({"post", "bg2", "postbody", "pun", "x-post--7", "name"})
    assert index.has_class("post") and index.has_class("nothing", "bg2")
    assert not index.has_class("post--7")  # a token, not a substring
    assert not index.has_class("bg")
    assert index.class_contains("post--")  # contains(@class, ...): a substring of one attribute
    assert index.class_contains("post  bg")
    assert not index.class_contains("bg2 postbody")  # never across two attributes


def test_scripts():
    index = index_of()
    assert index.script_texts == ("", 'var smf_scripturl = "https://forum.example/index.php";',
                                  '{"@type": "WebPage"}', "window.boot = true;")
    assert index.script_sources == ("/assets/forum_fn.js", "/js/app.js")
    assert index.script_ids == frozenset({"ld"})
    assert index.script_types == frozenset({"application/ld+json"})
    assert index.script_says("smf_scripturl")
    assert index.script_says("window.boot")  # a script with a src and text too, as contains(., ...) reads it
    assert not index.script_says("forum_fn")  # an address is not a script's text
    assert not index.script_says('index.php";{"@type"')  # never across two scripts
    assert index.script_from("forum_fn.js") and not index.script_from("smf_scripturl")


def test_links_forms_and_metas():
    index = index_of()
    assert index.hrefs == ("viewtopic.php?p=12#p12", "")
    assert index.link_titles == frozenset({"Permalink"})
    assert index.anchor_names == ("p13",)
    assert index.links_to("viewtopic.php?p=") and not index.links_to("posting.php")
    assert index.link_tags == (("canonical", "https://forum.example/t12-a-topic"),
                               ("stylesheet", "/applications/vanilla/design/style.css"))
    assert index.link_tag_to("/applications/vanilla/") and not index.link_tag_to("forum_fn.js")
    # Per element: its href, else its action, else its src (an empty href falls through); the
    # scripts' come from their own walk, so the order is not the page's.
    assert sorted(index.addresses) == sorted(("https://forum.example/t12-a-topic",
                                              "/applications/vanilla/design/style.css", "/assets/forum_fn.js",
                                              "", "", "/js/app.js", "viewtopic.php?p=12#p12", "",
                                              "/posting.php?mode=reply", ""))
    assert index.generators == ("Example Board 2.1",)


def test_a_page_without_any_of_them():
    index = index_of("<html><body><p>Just words.</p></body></html>")
    assert index.ids == frozenset() and index.classes == frozenset()
    assert not index.has_class("post") and not index.class_contains("post")
    assert index.script_texts == () and not index.script_says("x") and not index.script_from("x")
    assert index.hrefs == () and index.addresses == () and index.generators == ()


def test_one_index_per_tree():
    root = build_tree(PAGE)
    index = page_index(root)
    assert page_index(root) is index  # the engines asked about one tree share its index
    other = build_tree(PAGE)
    assert page_index(other) is not index and page_index(other).root is other


def test_id_lookup_by_the_parsers_own_table_agrees_with_the_index():
    # libxml2's table of ids answers for trees its HTML parser built; an <a name> in the table, a
    # later duplicate and html5lib's tree (no table) go to the index, with the same answers.
    for markup, expected in [('<div id="challenge-form">', True), ('<div id="other">', False),
                             ('<a name="challenge-form"></a>', False),
                             ('<a name="challenge-form"></a><div id="challenge-form">', True)]:
        for root in (build_tree(markup), browser_tree(markup)):
            assert parsed_tree_has_id(root, "challenge-form", "challenge-running") is expected, markup
            assert PageIndex(root).has_id("challenge-form", "challenge-running") is expected, markup


def test_a_tag_by_the_parsers_table_of_ids():
    # Only a yes is certain: a tag the table files first for another element says no.
    assert parsed_tree_tag_has_id(build_tree('<div><script id="ajaxify-data">{}</script></div>'), "script",
                                  "ajaxify-data")
    assert not parsed_tree_tag_has_id(build_tree('<div id="ajaxify-data"></div>'), "script", "ajaxify-data")
    assert not parsed_tree_tag_has_id(build_tree('<p>nothing</p>'), "script", "ajaxify-data")
    assert not parsed_tree_tag_has_id(browser_tree('<script id="ajaxify-data">{}</script>'), "script",
                                      "ajaxify-data")  # html5lib's tree: no table
