"""parsers.page_head: each answer is the one the engines' claims XPath gave, on heads written to
tell them apart (a class token split by other white space than XPath's, a script holding a comment,
a meta without content, a generator meta in the body, a second head, a tree whose root is no html)."""

from __future__ import annotations

import pytest
from lxml import etree

from parsers.markup import class_test, xpath
from parsers.page_head import PageHead, page_head
from parsers.page_tree import page_tree
from parsers.tree_memo import TreeMemo

PAGES = {
    "ips html class": "<html class='js ipsApp focus'><head></head><body></body></html>",
    "ips body token": "<html><head></head><body class='ipsApp ipsApp_front'></body></html>",
    # U+00A0 is no white space to XPath's normalize-space (str.split() splits on it): not a token
    "ips body nbsp": "<html><head></head><body class='ipsApp\u00a0x'></body></html>",
    "ips body tab": "<html><head></head><body class='x\tipsApp'></body></html>",
    "phpbb body id": "<html><head></head><body id='phpbb' class='section-viewtopic'></body></html>",
    "scripts": ("<html><head><script src='https://cdn.example/nodebb.min.js?v=1'></script>"
                "<script>var ipb = {}; ipb.vars = {}; var discuz_uid = '0';</script>"
                "<script>var smf_scripturl = 'x'; my_post_key = 'k'; proboards.data('route')</script>"
                "<link rel='stylesheet' href='https://illiweb.com/x.css'></head><body></body></html>"),
    "config": ("<html><head><script>var config = JSON.parse('{\"relative_path\":\"\"}');</script>"
               "<script>_userdata[\"session_logged_in\"] = 0;</script></head><body></body></html>"),
    "metas": ("<html><head><meta name='generator' content='Discourse 3.2'><meta name='generator'>"
              "<meta name='discourse_theme_id' content='2'><meta name='Generator' content='vBulletin 4'>"
              "</head><body id='vanilla_discussion_index'><meta name='generator' content='vBulletin 3.8'>"
              "</body></html>"),
    "no head": "<p>only a paragraph</p>",
    "body script": "<html><body><script>ipb.vars = {}</script><meta name='generator' content='Vanilla 2'></body></html>",
}

OLD = {
    "ips": xpath(f"/html[contains(@class, 'ipsApp')] | /html/body[{class_test('ipsApp')}]"),
    "ipb3": xpath("/html/head/script[contains(., 'ipb.vars')]"),
    "phpbb": xpath("/html/body[@id='phpbb']"),
    "smf": xpath("/html/head/script[contains(., 'smf_scripturl') or contains(., 'smf_theme_url')"
                 " or contains(., 'smf_images_url')]"),
    "mybb": xpath("/html/head/script[contains(., 'my_post_key') or contains(., 'MyBBEditor')]"),
    "generators": xpath("/html/head/meta[@name='generator']/@content"),
    "discourse meta": xpath("/html/head/meta[@name='discourse_theme_id' or @name='discourse_current_homepage']"),
    "body ids": xpath("/html/body/@id"),
    "body generators": xpath("/html/body/meta[@name='generator']/@content"),
    "discuz": xpath("/html/head/script[contains(., 'discuz_uid')]"),
    "proboards": xpath("/html/head/script[contains(., 'proboards.data(') or contains(@src, '.proboards.com/')]"),
    "forumotion": xpath("/html/head/script[contains(@src, 'illiweb.com') or contains(., '_userdata[\"session_logged_in\"]')]"
                        " | /html/head/link[contains(@href, 'illiweb.com')]"),
    "nodebb": xpath("/html/head/script[contains(@src, 'nodebb.min.js')"
                    " or (contains(., 'config = JSON.parse(') and contains(., 'relative_path'))]"),
}


def new_answers(head: PageHead) -> dict:
    return {
        "ips": "ipsApp" in head.html_class or head.body_has_class("ipsApp"),
        "ipb3": head.script_says("ipb.vars"),
        "phpbb": "phpbb" in head.body_ids,
        "smf": head.script_says("smf_scripturl", "smf_theme_url", "smf_images_url"),
        "mybb": head.script_says("my_post_key", "MyBBEditor"),
        "generators": head.generators,
        "discourse meta": head.has_meta("discourse_theme_id", "discourse_current_homepage"),
        "body ids": list(head.body_ids),
        "body generators": list(head.body_generators),
        "discuz": head.script_says("discuz_uid"),
        "proboards": head.script_says("proboards.data(") or head.script_from(".proboards.com/"),
        "forumotion": (head.script_from("illiweb.com") or head.script_says('_userdata["session_logged_in"]')
                       or head.links_to("illiweb.com")),
        "nodebb": any("nodebb.min.js" in src or ("config = JSON.parse(" in text and "relative_path" in text)
                      for text, src in head.scripts),
    }


def old_answers(root) -> dict:
    answers = {name: test(root) for name, test in OLD.items()}
    return {name: value if name in ("generators", "body ids", "body generators") else bool(value)
            for name, value in answers.items()}


@pytest.mark.parametrize("name", PAGES)
def test_answers_are_the_xpaths(name):
    root = page_tree(PAGES[name])[0]
    assert new_answers(PageHead(root)) == old_answers(root)


def test_the_pages_tell_the_answers_apart():
    """Each answer is True (or not empty) on some page and False on another: the comparison above
    is not between two empty answers."""
    seen = {name: set() for name in OLD}
    for text in PAGES.values():
        for name, value in old_answers(page_tree(text)[0]).items():
            seen[name].add(bool(value))
    assert all(values == {True, False} for values in seen.values()), seen


def test_a_script_holding_a_comment_reads_its_string_value():
    root = etree.fromstring("<html><head><script>var ipb<!-- x -->.vars = {}</script></head></html>")
    assert PageHead(root).script_says("ipb.vars") == bool(OLD["ipb3"](root)) is True


def test_a_namespaced_tree_has_no_html_element():
    root = etree.fromstring("<html xmlns='http://www.w3.org/1999/xhtml' class='ipsApp'><head>"
                            "<script>ipb.vars</script></head><body id='phpbb'/></html>")
    assert new_answers(PageHead(root)) == old_answers(root)
    assert not PageHead(root).scripts


def test_read_once_a_tree():
    root = page_tree(PAGES["scripts"])[0]
    try:
        assert page_head(root) is page_head(root)
    finally:
        TreeMemo.forget_trees()
