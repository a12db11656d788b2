"""What a page shows a reader next to its headline: the byline and the printed date.

Why: many pages name their authors only in the visible byline, or name only the outlet in their
metadata ("author": {"@type": "Organization"}) while the byline names the reporter; and some
print their date with no machine-readable copy. Class names are a weak signal (a sidebar lists
other articles' authors and dates, a masthead prints today's date), so only the main article's
region is read, and the candidates nearest its headline come first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from ..dates import parse_iso_keep_offset, parse_news_date
from ..html_text import element_text, without
from .byline import is_ui_text, starts_as_byline
from .classed import classed, page_has_class_part, with_attribute
from .date_lines import is_printed_date, without_date_label

_ITEMPROP_NAME = etree.XPath(".//*[@itemprop='name']")
# Parts a date element's class holds: also capitalised, for camelCase classes ("articleDate",
# "NewsDate", "publishTime"), and the consonant-only "tmstmp" ("cnn_strytmstmp").
_DATE_CLASS_PARTS = ("date", "time", "publish", "posted", "Date", "Time", "Publish", "tmstmp")
_AUTHOR_CLASSES = frozenset({"author", "authors", "byline", "bylines", "byl", "creator"})
_NOT_AUTHOR_CLASSES = frozenset({"avatar", "bio", "image", "img", "photo", "picture", "description",
                                 "social", "follow", "comment", "comments", "more", "twitter", "email"})
_DATE_CLASSES = frozenset({"date", "dates", "time", "timestamp", "published", "publish", "pubdate",
                           "posted", "publication", "datetime", "dateline-date"})
_NOT_DATE_CLASSES = frozenset({"updated", "update", "modified", "dateline", "timeline", "timezone"})
_OUTSIDE = frozenset({"nav", "footer", "aside", "form", "script", "style", "noscript", "template"})
_CLASS_WORD = re.compile(r"[\s_-]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# A class word run together from a date word and others ("storytimestamp", "strytmstmp").
_RUN_TOGETHER_DATE = ("timestamp", "tmstmp")
_YEAR = re.compile(r"(?<![0-9٠-٩۰-۹])(?:1[89]|20|١٩|٢٠|۱۹|۲۰)[0-9٠-٩۰-۹]{2}(?![0-9٠-٩۰-۹])")
_CLOCK = re.compile(r"[0-9٠-٩۰-۹]{1,2}[:h][0-9٠-٩۰-۹]{2}")
_AGO = re.compile(r"[0-9٠-٩۰-۹].*\b(?:ago|vor|hace|há|fa|назад)\b|\b(?:il y a|vor|hace|há|منذ)\b.*[0-9٠-٩۰-۹]", re.I)
_READING_TIME = re.compile(r"\b(?:min|mins|minutes?)\s+(?:read|de lecture|Lesezeit|lectura)\b", re.I)
# Links to a site's sections, categories, tags or topics, as URL paths name them.
_SECTION_LINK = re.compile(r"/(?:category|categories|section|sections|tag|tags|topic|topics|rubrique|kategorie)/", re.I)
_LONGEST_BYLINE = 150
_LONGEST_DATE = 80
_LONGEST_BYLINE_LINE = 200


def main_region(root, headline):
    """Where the main article's byline and date are: the ``<article>`` around its headline, else the page."""
    if headline is not None:
        article = next(headline.iterancestors("article"), None)
        if article is not None:
            return article
    return root


# Text only screen readers read: WordPress's themes label a byline "<span class="screen-reader-text">
# Autor </span>" (Twenty Fifteen on; "sr-only" in Bootstrap's, "visually-hidden" in others).
_ASSISTIVE_ONLY = frozenset({"screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden"})
_ASSISTIVE_XPATH = ".//*[" + " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
                                        for name in sorted(_ASSISTIVE_ONLY)) + "]"


def seen_text(node) -> str:
    """The element's text without the parts only screen readers read (a byline gave "Autor john");
    the copy without them is made only where the element holds one."""
    if all(_ASSISTIVE_ONLY.isdisjoint((child.get("class") or "").split())
           for child in node.iterdescendants(etree.Element)):
        return element_text(node)
    return element_text(without(node, _ASSISTIVE_XPATH))


def byline_texts(root, headline=None) -> list[str]:
    """Texts of the visible bylines of the main article: microdata authors first, then
    ``rel=author`` links, then elements classed as an author, then as a byline. An element
    that holds another candidate of its kind gives way to it (the name inside the box). With
    none of these, the line under the headline that starts with "By" (:func:`marked_byline`), else
    the name link after an avatar in that line (:func:`avatar_byline`)."""
    region = main_region(root, headline)
    reading = CandidateReading(region, headline)
    for group, nodes in enumerate(author_groups(region)):
        found = [node for node in nodes if reading.usable(node) and _author_class_ok(node, group)]
        innermost = [node for node in found if not any(other is not node and _contains(node, other) for other in found)]
        texts = []
        for node in innermost:
            name = _ITEMPROP_NAME(node)
            text = seen_text(name[0] if name else node)
            # (a box's button, "Follow @name", is no byline: the Washington Post's author box
            # gave its Twitter button as the author, where its byline says "By Steven Mufson")
            if text and len(text) <= _LONGEST_BYLINE and not _only_section_links(node, text) and not is_ui_text(text):
                texts.append(text)
        if texts:
            return list(dict.fromkeys(texts))
    marked = marked_byline(headline) or avatar_byline(headline)
    if marked:
        return [element_text(node) for node in marked]
    dated = dated_byline(headline)
    return [dated.group("name").strip()] if dated else []


# A line that prints the date and then the byline ("11.09.2011, 16:20 von jovelstefan", "Posted on
# March 3, 2019 by Jane Roe"): the date, a byline's marker, a name of words without digits.
_DATED_BYLINE = re.compile(r"(?P<date>.{6,80}?)\s+(?:by|von|par|por|door|di)\s+(?P<name>[^\W\d_][^\d|,;:()]{1,59})",
                           re.I)


def dated_byline(headline) -> re.Match | None:
    """The match (:func:`dated_byline_line`: "date" and "name") of the line under the headline that
    prints a date with its year and then who wrote it, for pages whose byline has no class, microdata or
    leading "By" (an old blog theme's ``<small>11.09.2011, 16:20 von jovelstefan</small>``): one
    of the three elements after the ``<h1>``, at most 120 characters. Before, neither its date nor
    its author was read, and the line stood as the body's first paragraph."""
    if headline is None:
        return None
    for sibling in list(headline.itersiblings())[:3]:
        if not isinstance(sibling.tag, str):
            continue
        match = dated_byline_line(" ".join(element_text(sibling).split()))
        if match:
            return match
    return None


def dated_byline_line(text: str) -> re.Match | None:
    """The match of a line that prints a date with its year and then who wrote it ("date" and
    "name" groups), or None."""
    match = _DATED_BYLINE.fullmatch(text) if 0 < len(text) <= _LONGEST_DATED_BYLINE else None
    if match and _YEAR.search(match.group("date")) and is_printed_date(match.group("date")):
        return match
    return None


_LONGEST_DATED_BYLINE = 120


def dated_byline_dates(scope) -> list[str]:
    """The date of :func:`dated_byline`'s line under the scope's first ``<h1>``: a callable for
    :class:`~.profile.Profile` fields, after every finder of marked dates."""
    dated = dated_byline(next(scope.iter("h1"), None))
    return [dated.group("date")] if dated else []


def headline_date_lines(scope) -> list[str]:
    """The date printed on a line of its own beside the scope's first ``<h1>``, for pages that mark
    it with no class or microdata a finder knows: the element just before the headline (a CMS's
    ``<div class="...__metadata">30.07.2019</div>`` above it), the three after it (Contao's
    ``<p class="info">10.06.2018 22:00</p>``), and, where the headline stands in a header box of
    its own, the two after that box (a SPIP theme's ``<p class="fecha-articulo">jeudi 13 juin
    2019</p>``). A line is such a date when it holds nothing but a date with its year and its
    time (after a label, if any: :func:`.date_lines.is_printed_date`), in at most 70 characters,
    and is no update's ("Mis à jour le ..."). A callable for :class:`~.profile.Profile` fields,
    last of the finders. The headline is the first ``<h1>`` with words (a site's logo may be an
    ``<h1>`` holding a picture alone). Before, these pages' articles had no date."""
    headline = worded_headline(scope)
    if headline is None:
        return []
    lines = [headline.getprevious(), *list(headline.itersiblings())[:3]]
    box = headline.getparent()
    if box is not None and box is not scope and len(box) <= 4:
        lines += list(box.itersiblings())[:2]
    for line in lines:
        if line is None or not isinstance(line.tag, str) or line.tag in ("script", "style"):
            continue
        text = " ".join(element_text(line).split())
        if (0 < len(text) <= _LONGEST_DATE_LINE and _YEAR.search(text) and is_printed_date(text)
                and not is_update_stamp(text)):
            return [text]
    return []


_LONGEST_DATE_LINE = 70


def avatar_byline(headline) -> list:
    """The name link printed right after an avatar picture in the line under the headline, for
    pages whose byline has no class, microdata or "By": WordPress themes print the author's
    ``get_avatar()`` picture (``<img class="avatar avatar-19">``) and then the author's link
    (dealdoktor.de: avatar, "MikeNils", "18.10.2019, 15:07 Uhr"). The picture is the author's, so
    the first link after it with a short text names the author. One of the three elements after
    the ``<h1>``, at most 200 characters long, as :func:`marked_byline` reads."""
    if headline is None:
        return []
    for sibling in list(headline.itersiblings())[:3]:
        if not isinstance(sibling.tag, str) or len(" ".join(element_text(sibling).split())) > _LONGEST_BYLINE_LINE:
            continue
        after_avatar = False
        for node in sibling.iter("img", "a"):
            if node.tag == "img":
                after_avatar = after_avatar or "avatar" in _CLASS_WORD.split((node.get("class") or "").lower())
            elif after_avatar:
                name = " ".join(element_text(node).split())
                return [node] if name and len(name) <= 60 else []
    return []


# The label of a byline a body ends with ("Autor: Jane Doe"): the "author" labels :mod:`.byline` strips.
_CLOSING_LABEL = re.compile(r"(?:author|autor|auteur|автор)\s*[:：]\s*\S", re.I)
_LONGEST_CLOSING_BYLINE = 80


def closing_byline(region) -> list[str]:
    """The byline the article's body ends with, labelled ("Autor: Rechtsanwalt Jane Doe",
    juraforum.de's news, whose microdata author is the site's own desk): the last line of the
    region's ``itemprop=articleBody`` element, at most 80 characters, starting with an author's
    label and its colon. Only the last line: a label inside the body may name another work's
    author (a book review's "Autor: ..." among its "Verlag:" and "Seiten:")."""
    for body in with_attribute(region, "itemprop", "articleBody"):
        lines = [line.strip() for line in element_text(body).splitlines() if line.strip()]
        if lines and len(lines[-1]) <= _LONGEST_CLOSING_BYLINE and _CLOSING_LABEL.match(lines[-1]):
            return [lines[-1]]
    return []


def marked_byline(headline) -> list:
    """The line under the headline that starts as a byline does ("By Jane Doe, John Roe on
    Monday ...", "Von Jane Doe"), for pages whose byline has no class or microdata: one of the
    three elements after the ``<h1>``, at most 200 characters long."""
    if headline is None:
        return []
    for sibling in list(headline.itersiblings())[:3]:
        if not isinstance(sibling.tag, str):
            continue
        text = " ".join(element_text(sibling).split())
        if text and len(text) <= _LONGEST_BYLINE_LINE and starts_as_byline(text):
            return [sibling]
    return []


def printed_date_nodes(scope) -> list:
    """Elements that print the article's date, nearest the headline first: ``<time>`` elements
    and elements classed date / time / published / posted (not updated / modified), whose text
    (at most 80 characters, not a reading time) has a year, a clock time or an "ago", in ``scope`` outside navigation, footers and asides. Those
    after the first ``<h1>`` come first (the byline line sits under the headline), then those
    before it, nearest first. A callable for :class:`~.profile.Profile` fields."""
    return [_with_its_day(node) for node in _nearest_headline_first(_date_candidates_or_h1(scope), scope)
            if not is_update_stamp(element_text(node))]


# An update's label inside a date line, after its day ("الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)":
# Sunday, 04 August 2013, last updated 02:21), where no publication's label stands before it.
_UPDATE_INSIDE = re.compile(r"\blast\s+updated|\bupdated\b|\baktualisiert\b|mis à jour|actualizado|atualizado"
                            r"|aggiornato|bijgewerkt|güncelle|zaktualizowano|обновлено|cập nhật|更新"
                            r"|آخر تحديث|تم التحديث|به‌روز|بروز", re.I)
_PUBLISHED_INSIDE = re.compile(r"\bpublished\b|\bposted\b|veröffentlicht|publiziert|publié|publicado|pubblicato"
                               r"|yayınlan|yayın tarihi|oluşturulma|opublikowano|опубликовано|发布|發布|公開|投稿"
                               r"|نشر|منتشر", re.I)


def is_update_stamp(text: str) -> bool:
    """Does the line say when the article was changed, not when it was published: an update's
    label in it with no publication's label before that? Why: CNN Arabic (2013) prints only
    "Sunday, 04 August 2013, last updated 02:21 (GMT+0400)" under the headline; read as the
    publication, it gave the update's day at midnight UTC, a day after the article was published,
    silently. ("Published June 3, updated June 5" is the publication's line.)"""
    update = _UPDATE_INSIDE.search(text)
    return update is not None and not _PUBLISHED_INSIDE.search(text[:update.start()])


_CLOCK_ALONE = re.compile(r"\s*[0-9٠-٩۰-۹]{1,2}[:h][0-9٠-٩۰-۹]{2}(?:\s*[ap]\.?m\.?)?\s*", re.I)


def _with_its_day(node):
    """The node's parent where the node prints a clock time alone and the parent the day beside it
    (RIA Novosti: ``<div class="data"><span class="time">17:08 </span>10/04/2011</div>``), in at
    most 80 characters; else the node. Why: the clock alone was read as that time on the capture's
    day (two days late there, and later for a later capture), silently."""
    if node.tag == "time" and node.get("datetime"):
        return node
    parent = node.getparent()
    if parent is None or not _CLOCK_ALONE.fullmatch(element_text(node)):
        return node
    around = " ".join(element_text(parent).split())
    return parent if len(around) <= 80 and _YEAR.search(around) else node


def article_times(scope) -> list[str]:
    """The ``datetime`` of the ``<time>`` elements of ``scope`` not classed as an update's, in
    document order, but those a reader sees apart from the article (:class:`CandidateReading`:
    navigation, footers, asides, comments, widgets, related stories that do not hold the
    headline). A callable for :class:`~.profile.Profile` fields.

    Why: a church weekly's article printed its own day in a box of its own, and the first ``<time>``
    on its page was a sidebar widget's coming concert (``div.widget_events``): the article was
    dated by the concert, silently."""
    reading = CandidateReading(scope, anchor=worded_headline(scope))
    return [_stated_or_printed(node) for node in scope.iterdescendants("time")
            if node.get("datetime") is not None and "updated" not in (node.get("class") or "")
            and reading.usable(node)]


def _stated_or_printed(time) -> str:
    """A ``<time>``'s ``datetime``, or its printed words where they name a whole date more than a
    day from it (a day's difference is the zones'): what the reader is shown is the article's.
    Why: a SPIP theme printed "Publié le 29 juin 2019" in ``<time datetime="2019-07-03T10:18:46Z">``
    (the day it was last changed), and the article was dated four days late, silently."""
    stated = time.get("datetime")
    text = " ".join(element_text(time).split())
    if not _YEAR.search(text) or len(text) > _LONGEST_DATE:
        return stated
    when = parse_iso_keep_offset(stated.strip())
    if when is None:
        return stated
    # Read in the page's languages and English; a whole date needs no base (the stated time is given).
    printed = parse_news_date(without_date_label(text), when, page_languages(time) or ["en"])
    if printed is None:
        return stated
    return text if abs((printed.date() - when.date()).days) > 1 else stated


def worded_headline(scope):
    """The scope's first ``<h1>`` with words (a site's logo may be an ``<h1>`` holding a picture
    alone), or None."""
    return next((h1 for h1 in scope.iter("h1") if element_text(h1).strip()), None)


def page_languages(node) -> list[str] | None:
    """The languages the page of ``node`` declares (``<html lang>``, Content-Language, og:locale),
    then English; None where it declares none: a German blog may keep its theme's ``lang="en"``
    and print "30. Juli 2018"."""
    root = node.getroottree().getroot()
    declared = [root.get("lang") or ""] + _DECLARED_LANGUAGES(root)
    codes = [v.replace("_", "-").split("-")[0].strip().lower() for v in declared]
    codes = [c for c in codes if c.isalpha() and len(c) in (2, 3)]
    return list(dict.fromkeys(codes + ["en"])) if codes else None


_DECLARED_LANGUAGES = etree.XPath(
    "/html/head/meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"
    " | /html/head/meta[@property='og:locale']/@content", smart_strings=False)


def printed_time_nodes(scope) -> list:
    """The ``<time>`` elements of :func:`printed_date_nodes`, in its order, found by lxml's tag
    filter alone.

    Why: the metadata reads the ``datetime`` of the first of them on every page, and the other
    candidates only on pages whose sources disagree on the time (3 of the 5 pages of issue 19's
    goal, 42 of the 181 benchmark pages); finding the classed ones walks the scope, 1.4 to 3 ms on
    the large pages that never needed them. The order is :func:`printed_date_nodes`' with the
    other candidates left out, so its first ``<time>`` is the same."""
    nodes = _nearest_headline_first(list(scope.iterdescendants("time", "h1")), scope)
    return [node for node in nodes if node.tag == "time"]


def _nearest_headline_first(nodes: list, scope) -> list:
    """The date candidates among ``nodes`` (candidates and ``<h1>``s in document order), those
    after the first ``<h1>`` first, then those before it, nearest first."""
    # One walk gives the candidates and the <h1>s in document order, so the first <h1> splits
    # them into before and after it without numbering every element of the page.
    at = next((index for index, node in enumerate(nodes) if node.tag == "h1"), None)
    # A related story's printed date is not the article's (Deutsche Welle: "Related content" after
    # the body, each teaser with <span class="date">, the article's own day in an unclassed list).
    reading = CandidateReading(scope, anchor=nodes[at] if at is not None else None)
    candidates = [(index, node) for index, node in enumerate(nodes)
                  if index != at and (node.tag != "h1" or _date_candidate(node))
                  and _is_date_node(node) and reading.usable(node)]
    if at is None:
        return [node for _, node in candidates]
    headline = nodes[at]
    after = [n for index, n in candidates if index > at]
    before = [n for index, n in candidates if index < at and not _contains(n, headline)]
    return after + before[::-1]


def byline_date_nodes(scope) -> list:
    """The byline's line when it prints a date ("By Jane Doe on Monday, November 18th, 2019",
    "Von Jane Doe publiziert am 30. Juli 2018"): the nearest element (up to three levels up) around
    an author element of ``scope`` whose text is short (at most 200 characters) and has a year.
    A callable for :class:`~.profile.Profile` fields, after :func:`printed_date_nodes`."""
    found, reading = [], CandidateReading(scope, anchor=next(scope.iter("h1"), None))
    for group, nodes in enumerate(author_groups(scope)):
        for node in nodes:
            if not (reading.usable(node) and _author_class_ok(node, group)):
                continue
            for ancestor in [node, *list(node.iterancestors())[:3]]:
                text = " ".join("".join(ancestor.itertext()).split())
                if len(text) > _LONGEST_BYLINE_LINE:
                    break
                if _YEAR.search(text):
                    found.append(ancestor)
                    break
        if found:
            return list(dict.fromkeys(found))
    return [node for node in marked_byline(next(scope.iter("h1"), None)) if _YEAR.search(element_text(node))]


# Labels a page prints before the article's day in a list of facts ("Date 19.01.2020",
# "Published: 3 June 2024", "تاريخ النشر: ..."), in the languages the project meets.
_PUBLISHED_LABEL = re.compile(
    r"(?P<label>date|published|posted|first published|publication date|date published|publié(?: le)?"
    r"|date de publication|datum|veröffentlicht(?: am)?|fecha|publicado(?: el)?|data"
    r"|التاريخ|تاريخ النشر|نشر في|نشر بتاريخ)(?![^\W\d_])\s*[:：]?\s*(?P<rest>.+)", re.I)
_LABEL_HOLDERS = ("strong", "b", "span", "em", "label", "th", "dt")


def labelled_date_texts(scope) -> list[str]:
    """The day a list of facts prints after a label, when the page has no other date: Deutsche
    Welle's "<li><strong>Date</strong> 19.01.2020</li>" beside "<li><strong>Author</strong> ...".
    At most 60 characters with a year after the label; not in navigation, footers, asides,
    comments, galleries or related-content boxes. A callable for :class:`~.profile.Profile`
    fields, after every other finder: the walk of the page's list items and paragraphs is made
    only on pages where nothing else printed a date."""
    reading = CandidateReading(scope, anchor=next(scope.iter("h1"), None))
    for node in scope.iter("li", "p", "div", "dd", "td"):
        lead = (node.text or "").strip()
        if not lead and len(node) and node[0].tag in _LABEL_HOLDERS:
            lead = (node[0].text or "").strip()
        if not lead or len(lead) > 40 or not _PUBLISHED_LABEL.match(lead + " 0"):
            continue
        text = " ".join(element_text(node).split())
        found = _PUBLISHED_LABEL.fullmatch(text) if len(text) <= 60 else None
        if found and _YEAR.search(found["rest"]) and reading.usable(node):
            return [found["rest"]]
    return []


def source_line_dates(scope) -> list[str]:
    """The date on the line Chinese news sites print beside the headline with the article's source,
    author or editor: "2019-09-26 12:11 来源：证券时报网 作者：李在山", "发布日期：2019-03-06 责任编辑：龙慧",
    "2019年9月26日 15:10 来源：天天基金网". The line is the element holding such a label, or the one
    around it where the date stands in a sibling; at most 120 characters, not in navigation,
    footers, asides, comments or related-content boxes. A callable for :class:`~.profile.Profile`
    fields, after every other finder: the labels are found by one XPath over the page's text, only
    on pages where nothing else printed a date. Before, these pages' articles had no date."""
    reading = CandidateReading(scope, anchor=next(scope.iter("h1"), None))
    for text in _SOURCE_LABEL_TEXTS(scope):
        if not _SOURCE_LABEL.search(text):
            continue
        holder = text.getparent()
        if text.is_tail:
            holder = holder.getparent()
        for line in (holder, holder.getparent() if holder is not None else None):
            if line is None or not isinstance(line.tag, str):
                break
            words = " ".join(element_text(line).split())
            if len(words) > _LONGEST_SOURCE_LINE:
                break
            found = _NUMERIC_DATE.search(words)
            if found is not None:
                if reading.usable(line):
                    return [found.group(0)]
                break
    return []


_LONGEST_SOURCE_LINE = 120
# The labels of a Chinese news article's source line (simplified and traditional characters).
_SOURCE_LABEL = re.compile(r"(?:来源|來源|作者|责任编辑|責任編輯|编辑|編輯|发布时间|发布日期|發布時間|發布日期|发表时间|發表時間"
                           r"|发表于|發表於|所属分类|所屬分類)\s*[:：]")
_SOURCE_LABEL_TEXTS = etree.XPath("descendant::text()[contains(., '：') or contains(., ':')]"
                                  "[contains(., '来源') or contains(., '來源') or contains(., '作者')"
                                  " or contains(., '编辑') or contains(., '編輯') or contains(., '发') or contains(., '發')"
                                  " or contains(., '所属') or contains(., '所屬')]", smart_strings=True)
# A date in digits, with its day, month and year in that order ("2019-09-26", "2019年9月26日"),
# and its time if one follows.
_NUMERIC_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|([-/.])\d{1,2}\1\d{1,2}(?!\d))"
                           r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")


def _only_section_links(node, text: str) -> bool:
    """True when all ``node`` says is links to section, category or tag pages: an author box
    that holds the article's section ("منوعات", "Politics") names no author."""
    links = [link for link in node.iter("a") if _SECTION_LINK.search(link.get("href") or "")]
    shown = " ".join(" ".join("".join(link.itertext()).split()) for link in links)
    return bool(links) and " ".join(shown.split()) == " ".join(text.split())


# author_groups' groups, in order of trust: microdata, rel=author, a class with "author", with "byl".
_ITEMPROP_AUTHOR, _REL_AUTHOR, _CLASSED_AUTHOR, _CLASSED_BYLINE = range(4)


def author_groups(scope):
    """The elements below ``scope`` that name an author, in four groups in document order, as
    ``.//*[@itemprop='author']``, ``.//*[@rel='author']``, ``.//*[contains(@class, 'author')]`` and
    ``.//*[contains(@class, 'byl')]`` (bylines) find them; each group is found
    when the caller asks for it (an iterator of the four).

    Why: the readers stop at the first group that gives a byline, and a page with no author
    markup at all names none of these. Each group is found by :mod:`.classed` (from the
    attributes, or not at all when no class of the page holds the part) instead of one Python
    walk of every element for the four: 1.7 ms on a large page that asked (LBCI)."""
    yield with_attribute(scope, "itemprop", "author")
    yield with_attribute(scope, "rel", "author")
    yield classed(scope, "author")
    yield classed(scope, "byl")


def _date_candidates_or_h1(scope) -> list:
    """``.//time | .//h1 | .//*[contains(@class, 'date') or contains(@class, 'time') or ...]`` over
    :data:`_DATE_CLASS_PARTS`, in document order, by one walk that tests each distinct class value
    once: libxml2 tested the four ``contains`` on every element (3 to 4 ms on a large page, a
    fifth of the metadata's time, against about 1.3 ms). A page none of whose classes holds one of
    the parts (:func:`.classed.page_has_class_part`) is not walked: its ``<time>``s and ``<h1>``s
    are all."""
    if not page_has_class_part(scope, *_DATE_CLASS_PARTS):
        return list(scope.iterdescendants("time", "h1"))
    found = []
    dated: dict[str, bool] = {}  # class attribute -> names a date part
    for node in scope.iterdescendants():
        tag = node.tag
        if tag == "time" or tag == "h1":
            found.append(node)
            continue
        value = node.get("class")  # None for a comment or processing instruction
        if value:
            hit = dated.get(value)
            if hit is None:
                hit = dated[value] = any(part in value for part in _DATE_CLASS_PARTS)
            if hit:
                found.append(node)
    return found


def _date_candidate(node) -> bool:
    """What the date candidates' XPath asks of an element: a ``<time>``, or a class naming a date part."""
    return node.tag == "time" or any(part in (node.get("class") or "") for part in _DATE_CLASS_PARTS)


def _is_date_node(node) -> bool:
    if not _dated_by_class(node.get("class") or "", node.tag == "time"):
        return False
    # (each text apart: "Mai<span>06</span>2018" holds its year, "Mai062018" none)
    text = " ".join(" ".join(node.itertext()).split())
    if not text or len(text) > _LONGEST_DATE or _READING_TIME.search(text):
        return False
    # A whole date has a year, a clock time or says how long ago; "13" or "13 Aug" alone (a
    # calendar widget's day) would be read as this month's or this year's.
    return bool(_YEAR.search(text) or _CLOCK.search(text) or _AGO.search(text))


@lru_cache(maxsize=4096)
def _dated_by_class(value: str, is_time: bool) -> bool:
    """Whether an element of class attribute ``value`` may print a date: not classed as an update
    or a timeline, and classed as a date unless it is a ``<time>``. Kept per value: a page's date
    candidates share a few class values (LBCI: 195 candidates)."""
    # camelCase is words too: "articleDate" and "NewsDate" name a date as "article-date" does.
    words = set(_CLASS_WORD.split(_CAMEL.sub(" ", value).lower()))
    if words & _NOT_DATE_CLASSES:
        return False
    return is_time or bool(words & _DATE_CLASSES) or any(part in word for word in words for part in _RUN_TOGETHER_DATE)


def _author_class_ok(node, group: int) -> bool:
    """Whether a candidate of ``group`` (its number in :func:`author_groups`) may be a byline:
    one found by its class must be classed as an author or a byline, not as a picture or a bio."""
    if group not in (_CLASSED_AUTHOR, _CLASSED_BYLINE):
        return True
    words = set(_CLASS_WORD.split((node.get("class") or "").lower()))
    return bool(words & _AUTHOR_CLASSES) and not words & _NOT_AUTHOR_CLASSES


class CandidateReading:
    """One reading of a region's date or byline candidates: which of them are usable, remembered
    per ancestor.

    Why: every candidate's ancestors up to the region are checked, and candidates share most of
    them; on a deep page with many candidates (LBCI: about 120 date candidates, 25 levels deep in
    an ASP.NET form) that was most of the printed dates' cost. Each ancestor is judged once per
    reading (the tree does not change during one), with the same answer as walking it again."""

    def __init__(self, region, headline=None, anchor=None) -> None:
        # ``headline`` rules out other <article>s (bylines); ``anchor`` (the headline, given for
        # dates too) rules out galleries and related-content boxes that do not hold it.
        self.region, self.headline = region, headline
        self.anchor = anchor if anchor is not None else headline
        self.forms: dict = {}  # <form> -> whether it is the page's own (:func:`_page_form`)
        self.clear: dict = {}  # element -> nothing from it up to the region rules out what is below it

    def usable(self, node) -> bool:
        """Not in navigation, a footer, an aside, a form (not one around the headline), comments, or
        another article than the headline's."""
        return node.tag not in _OUTSIDE and self._clear_above(node)

    def _clear_above(self, node) -> bool:
        """No ancestor of ``node`` below the region rules it out: the ancestors are walked up to
        the first one already judged, and each walked one keeps the answer."""
        walked, verdict = [], True
        for ancestor in node.iterancestors():
            if ancestor is self.region:
                break
            known = self.clear.get(ancestor)
            if known is not None:
                verdict = known
                break
            walked.append(ancestor)
            if self._rules_out(ancestor):
                verdict = False
                break
        for ancestor in walked:
            self.clear[ancestor] = verdict
        return verdict

    def _rules_out(self, ancestor) -> bool:
        """Whether ``ancestor`` puts what is below it out of the article: navigation, a footer, an
        aside, a form that is not the page's own, comments, another article than the headline's,
        a picture gallery or a related-content box that does not hold the headline."""
        classes = ancestor.get("class") or ""
        if ancestor.tag == "footer" and self._articles_own_footer(ancestor):
            return False
        if (ancestor.tag in _OUTSIDE and not _page_form(ancestor, self.forms)) or "comment" in classes.lower():
            return True
        if ancestor.tag == "article" and self.headline is not None:
            return not _contains(ancestor, self.headline)
        if ancestor.tag == "a" and next(ancestor.iter("h2", "h3", "h4", "h5", "h6"), None) is not None:
            # A link around a heading is another article's teaser (taz: "<a><h4>Flattr auf der
            # Re:publica</h4><h3>...</h3><p>... <span class="author">von MATTHIAS URBACH</span></p></a>"):
            # its byline and date are that article's.
            return self.headline is None or not _contains(ancestor, self.headline)
        if ancestor.tag not in ("body", "html") and (_is_widget(classes) or _is_navigation(classes)):
            # a widget or a menu never holds the article's date or byline, whether a headline was found or not
            return self.anchor is None or not _contains(ancestor, self.anchor)
        return self.anchor is not None and _elsewhere(classes) and not _contains(ancestor, self.anchor)

    def _articles_own_footer(self, footer) -> bool:
        """Is ``footer`` the footer of the ``<article>`` that holds the headline (HTML's footer of
        a section: its author, its date, its category), not the page's? A WordPress theme's
        ``article > footer.entry-footer`` prints "发布日期：2019-09-23 14:34:05 所属分类：..." where
        the article's date is printed nowhere else."""
        if self.anchor is None:
            return False
        article = next(footer.iterancestors("article"), None)
        return article is not None and _contains(article, self.anchor) and "comment" not in (
            footer.get("class") or "").lower()


# Class words of a box that carries other pieces' credits and dates: a picture gallery inside the
# body (Deutsche Welle's slideshow ends with "Author: <the gallery's author>"), related stories.
_ELSEWHERE_WORDS = frozenset({"gallery", "slideshow", "slides", "carousel", "related", "relatedcontent",
                              "recommended", "recommendations"})


def _is_widget(classes: str) -> bool:
    """Whether a class attribute names a site's widget or sidebar, as WordPress and Drupal themes
    class them ("widget widget_recent_entries", "widget_events", "widget-area", "sidebar_widget"):
    a list of other posts, coming events or comments, each with its own date. A page builder's own
    "elementor-widget-post-info" (which may print the article's date) is no such token, nor a
    layout's word on ``<body>`` ("one-sidebar sidebar-first", Drupal's)."""
    for token in classes.lower().split():
        if token in _WIDGET_TOKENS or token.startswith(("widget_", "widget-")):
            return True
    return False


_WIDGET_TOKENS = frozenset({"widget", "sidebar", "sidebar_widget", "widgettitle"})


def _is_navigation(classes: str) -> bool:
    """Whether a class attribute names a menu or a navigation bar ("menu block-menu",
    "topnavigation", "navbar"): where a site prints the day it serves the page ("Montag,
    09.12.2019" in a church weekly's top menu was the article's date, silently)."""
    if not classes or not _NAVIGATION_PARTS.search(classes):
        return False
    words = _CLASS_WORD.split(_CAMEL.sub(" ", classes).lower())
    return any(word in _NAVIGATION_WORDS for word in words)


_NAVIGATION_PARTS = re.compile("(?i)menu|nav")
_NAVIGATION_WORDS = frozenset({"menu", "navigation", "topnavigation", "navbar", "nav", "topnav", "mainmenu", "topmenu"})


def _elsewhere(classes: str) -> bool:
    """Whether a class attribute names a gallery or a related-content box (words split at spaces,
    dashes, underscores and camelCase: "relatedContent", "photo-gallery")."""
    if not classes:
        return False
    words = _CLASS_WORD.split(_CAMEL.sub(" ", classes).lower())
    return any(word in _ELSEWHERE_WORDS for word in words)


def _page_form(element, forms: dict) -> bool:
    """ASP.NET WebForms pages wrap the whole body, headline included, in one <form>: not a form.

    Asked once per form and reading (``forms``): on such a page every date and byline candidate
    sits in that form, and looking for the ``<h1>`` through the page each time was a sixth of
    the metadata's time (LBCI, issue 19)."""
    if element.tag != "form":
        return False
    if element not in forms:
        forms[element] = next(element.iter("h1"), None) is not None
    return forms[element]


def _contains(ancestor, node) -> bool:
    return any(a is ancestor for a in node.iterancestors())
