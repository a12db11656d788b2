"""Thread pages of engines with no parser of their own (WoltLab Burning Board 5, UBB.threads 7,
Drupal 7's forum, XOOPS NewBB 4, a vBulletin 4 skin stripped of its vBulletin markers), read by
the generic fallback (``parsers/generic``) or refused by it. Each page is a small hand-written
fixture in tests/data/field_generic/ (invented names and words; each file's header names the
engine, version and template it imitates). Every expected value was written by hand from the
fixture.

Why: the archive meets boards on these engines with no one having seen them first. Each page here
was read wrong before the fix its test pins: Burning Board's posts were all dropped (its <body> is a
schema.org WebPage item), UBB.threads gave a reply the name of the member it answers and kept the
quoted words as the poster's, Drupal's forum topic came back as a news article, XOOPS's quote came
back empty with a "Quote:" left in the words, a board at GMT -4 whose microdata times carry no
offset had every post four hours early with nothing to say so, and a board at GMT +2 whose JSON-LD
times carry no offset had them two hours late, silently.
"""

from __future__ import annotations

from datetime import datetime, timezone

from conftest import DATA
from lxml import etree

from parsers.breadcrumbs import data_vocabulary_crumbs
from parsers.registry import parse_page

CAPTURED = datetime(2024, 1, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(relative: str, url: str, **kwargs):
    return parse_page((DATA / relative).read_bytes(), url, CAPTURED, **kwargs)


# --- WoltLab Burning Board 5 -----------------------------------------------------------------

WBB5_URL = "https://forum.bastelkeller.example/thread/4411-heizk%C3%B6rper-gluckert-nach-dem-entl%C3%BCften/"


def test_wbb5_posts_inside_the_webpage_body_item_are_read():
    """WoltLab Suite's header.tpl makes <body> a schema.org WebPage item; the posts'
    DiscussionForumPosting items inside it are posts, not a publisher page's reader comments.
    Times come from <time datetime> with the board's +01:00."""
    result = parsed("field_generic/wbb5_thread_webpage_body.html", WBB5_URL)
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert result.errors == []
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("90211", "Rohrfuchs", "881", datetime(2023, 11, 14, 18, 2, 11, tzinfo=UTC)),
        ("90230", "Wasserwaage", "145", datetime(2023, 11, 14, 20, 47, 3, tzinfo=UTC)),
        ("90264", "Rohrfuchs", "881", datetime(2023, 11, 16, 6, 15, 40, tzinfo=UTC)),
    ]
    reply = result.posts[1]
    assert [(q.author, q.text) for q in reply.quotes] == [("Rohrfuchs", "Druck an der Anlage steht bei 1,4 bar.")]
    assert reply.text.startswith("Bei 1,4 bar im Altbau")
    assert "Grüße aus dem Keller" not in result.posts[0].text  # the signature
    assert result.thread.id == "4411"
    assert result.thread.title == "Heizkörper gluckert nach dem Entlüften"


# --- UBB.threads 7 ---------------------------------------------------------------------------

UBB_URL = "http://greenporch.example.net/forum/ubbthreads.php/topics/18842/Cracked_bulb_on_the_fern_stand"


def test_ubb7_reply_keeps_its_own_id_and_link_and_the_quote_box_is_a_quote():
    """A reply's subject line links first to the post it answers ("[Re: Mossgarden]"); the post's
    own number is the <a name="PostN"> just before its table. The div.ubbcode-block headed
    "Originally Posted By: X" is a quote, not the poster's words."""
    result = parsed("field_generic/ubb7_showflat_quote_box.html", UBB_URL)
    assert (result.kind, result.engine) == ("thread_page", "generic")
    base = "http://greenporch.example.net/forum/ubbthreads.php/"
    assert [(p.post_id, p.author.name, p.author.id, p.published_at, p.url) for p in result.posts] == [
        ("18842", "Mossgarden", "212", datetime(2010, 3, 14, 19, 21, tzinfo=UTC),
         base + "topics/18842/Cracked_bulb_on_the_fern_stand#Post18842"),
        ("18850", "Peatbog Pete", "57", datetime(2010, 3, 14, 21, 5, tzinfo=UTC),
         base + "topics/18850/Re_Cracked_bulb_on_the_fern_st#Post18850"),
        ("18861", "Mossgarden", "212", datetime(2010, 3, 15, 8, 40, tzinfo=UTC),
         base + "topics/18861/Re_Cracked_bulb_on_the_fern_st#Post18861"),
    ]
    reply = result.posts[1]
    assert [(q.author, q.text) for q in reply.quotes] == [
        ("Mossgarden", "Is it safe to keep running it until the replacement arrives on Friday?")]
    assert reply.text.startswith("No. A cracked envelope")
    assert "Originally Posted By" not in reply.text
    # No zone printed: read as UTC, and the page says so.
    assert any(error.startswith("printed times read as UTC") for error in result.errors)


# --- Drupal 7 forum --------------------------------------------------------------------------


def test_drupal7_forum_topic_saying_og_article_is_a_forum_page_not_an_article():
    """The Metatag module's og:type=article on a Drupal 7 forum topic: the body's node-type-forum
    class marks a forum page. Its replies sit in div#comments (a comment section the generic parser
    never reads as posts), so it is unsupported, with the reason, never an article."""
    result = parsed("field_generic/drupal7_forum_topic_og_article.html",
                    "https://kilnclub.example.org/forum/topic/glaze-crawling-on-second-firing")
    assert result.kind == "unsupported"
    assert "Drupal forum topic" in result.reason
    assert result.posts == []


# --- XOOPS NewBB 4 ---------------------------------------------------------------------------


def test_xoops_newbb_wrapped_quote_label_subject_and_topic_id():
    """XOOPS's text sanitizer writes a quote as "Quote:" + div.xoopsQuote > blockquote: one quote
    (its "X wrote:" line the citation), the label out of the words; div.comText is the body, not
    the td with the div.comTitle subject line; the thread's id is the topic_id parameter."""
    result = parsed("field_generic/xoops_newbb4_wrapped_quote.html",
                    "https://koicorner.example.eu/modules/newbb/viewtopic.php?topic_id=902")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("8120", "shallowend", "340", datetime(2011, 5, 4, 22, 10, tzinfo=UTC)),
        ("8127", "Lilypad Len", "12", datetime(2011, 5, 5, 7, 42, tzinfo=UTC)),
        ("8140", "shallowend", "340", datetime(2011, 5, 6, 19, 5, tzinfo=UTC)),
    ]
    reply = result.posts[1]
    assert [(q.author, q.text) for q in reply.quotes] == [("shallowend", "The impeller turns freely by hand.")]
    assert reply.text.startswith("Turning freely by hand is not the same")
    assert "Quote:" not in reply.text
    assert not any(p.text.startswith(("Re:", "Pond pump")) for p in result.posts)  # div.comTitle
    assert result.thread.id == "902"


def test_xoops_posts_whose_tables_were_left_open_keep_their_own_numbers():
    """The first two posts' tables without their "</table>" (a template that leaves them open;
    fuzz, delete_closing_tags): a browser sets each next post's ``<a id="forumpostN">``, standing
    inside the open table, before that table, so every anchor stands one post early. Before: post
    8127's number was given to shallowend's opening post and 8140's to Lilypad Len's reply, with no
    error. Now an anchor naming none of the posts its block links to is not the block's: each post
    takes the number of its own "#N" permalink."""
    page = (DATA / "field_generic" / "xoops_newbb4_wrapped_quote.html").read_text("utf-8")
    assert page.count("</table>") == 3
    left_open = page.replace("</table>", "", 2)
    url = "https://koicorner.example.eu/modules/newbb/viewtopic.php?topic_id=902"
    result = parse_page(left_open.encode("utf-8"), url, CAPTURED)
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("8120", "shallowend", datetime(2011, 5, 4, 22, 10, tzinfo=UTC)),
        ("8127", "Lilypad Len", datetime(2011, 5, 5, 7, 42, tzinfo=UTC)),
        ("8140", "shallowend", datetime(2011, 5, 6, 19, 5, tzinfo=UTC)),
    ]
    assert result.posts[1].text.startswith("Turning freely by hand is not the same")


# --- vBulletin 4 skin without its markers ----------------------------------------------------


def test_naive_microdata_times_read_in_the_zone_the_footer_states():
    """datePublished "2021-02-10T21:05" has no offset; the footer says "All times are GMT -4", so
    it is 01:05 UTC the next day, and no unstated-zone error. The aside.quote[data-username] box
    names the quoted member, and its "Gunwale Gus:" header is not the poster's words."""
    result = parsed("field_generic/vb4_fork_naive_microdata_gmt_minus4.html",
                    "https://paddlers.example.com/forum/showthread.php?t=8812")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert result.errors == []
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("70121", "Gunwale Gus", datetime(2021, 2, 11, 1, 5, tzinfo=UTC)),
        ("70133", "Thwart Thelma", datetime(2021, 2, 11, 3, 40, tzinfo=UTC)),
        ("70150", "Gunwale Gus", datetime(2021, 2, 11, 11, 15, tzinfo=UTC)),
    ]
    assert result.posts[0].text.startswith("Our cedar strip canoe")
    reply = result.posts[1]
    assert [(q.author, q.text) for q in reply.quotes] == [("Gunwale Gus", "The barn gets damp in March.")]
    assert reply.text.startswith("Straps from the rafters")


# --- JSON-LD posts whose times carry no offset ----------------------------------------------

JSONLD_NAIVE = "field_generic/jsonld_naive_times_gmt_plus2.html"
JSONLD_NAIVE_URL = "https://crumbhollow.example.net/topic/5520-sourdough-starter-smells-of-nail-varnish/"


def test_naive_json_ld_times_read_in_the_zone_the_footer_states():
    """dateCreated "2024-11-29T09:03:00" has no offset; the footer says "All times are GMT +2", so it
    is 07:03 UTC, as the microdata route reads such a time, and no unstated-zone error. The reply's
    "...T12:30:00Z" and "...T08:15:00+02:00" keep their own offsets. Before, the offset-less times
    were taken as UTC (09:03, 10:47), two hours late, with nothing to say so."""
    result = parse_page((DATA / JSONLD_NAIVE).read_bytes(), JSONLD_NAIVE_URL, CAPTURED, engine="generic")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert result.reason.startswith("read by the generic parser from 4 JSON-LD posts")
    assert result.errors == []
    assert [(p.post_id, p.author.name, p.published_at) for p in result.posts] == [
        ("77301", "Brindlewick", datetime(2024, 11, 29, 7, 3, tzinfo=UTC)),
        ("77302", "Oatsworth Pell", datetime(2024, 11, 29, 8, 47, tzinfo=UTC)),
        ("77303", "Quibble Farrow", datetime(2024, 11, 29, 12, 30, tzinfo=UTC)),
        ("77304", "Brindlewick", datetime(2024, 11, 30, 6, 15, tzinfo=UTC)),
    ]
    assert result.thread.started_at == datetime(2024, 11, 29, 7, 3, tzinfo=UTC)


def test_naive_json_ld_times_without_a_stated_zone_are_utc_with_the_error():
    """The same page with its footer's zone line taken out: the two offset-less times are read as
    UTC (09:03, 10:47) and the page says so, as for microdata and printed times; the two with an
    offset are unchanged."""
    page = (DATA / JSONLD_NAIVE).read_bytes()
    assert b"All times are GMT +2. " in page
    result = parse_page(page.replace(b"All times are GMT +2. ", b""), JSONLD_NAIVE_URL, CAPTURED, engine="generic")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert [p.published_at for p in result.posts] == [
        datetime(2024, 11, 29, 9, 3, tzinfo=UTC), datetime(2024, 11, 29, 10, 47, tzinfo=UTC),
        datetime(2024, 11, 29, 12, 30, tzinfo=UTC), datetime(2024, 11, 30, 6, 15, tzinfo=UTC)]
    assert result.errors == [
        "printed times read as UTC: the page does not say which zone it prints them in (2 of 4 posts' times)"]


# --- Khoros (Lithium): a message search page ----------------------------------------------------


def test_khoros_search_results_from_several_threads_are_not_read_as_one_thread():
    """A Khoros community's message search: three results, each a div.lia-quilt with an author,
    a date and words, as a thread's posts are, each linking to its own thread. They were read as
    one thread of three posts (the first result's author its starter), silently. A thread's posts
    link, outside their words and names, to the same pages (digits aside); these do not."""
    result = parsed("field_generic/khoros_search_results.html",
                    "https://help.ferry.example/t5/forums/searchpage/tab/message?q=ferry%20ticket%20refund")
    assert result.kind == "unsupported"
    assert "Khoros/Lithium community" in result.reason
    assert "3 of 3 posts each link to a page no other post links to" in result.reason
    assert result.posts == []


def test_khoros_thread_whose_posts_link_to_their_own_messages_is_still_read():
    """The control: the same markup as one thread, each subject linking to its own message of the
    same topic (/t5/Tickets/<slug>/m-p/<id>#M<n>): the posts share those pages, and are read."""
    result = parsed("field_generic/khoros_thread_same_slug.html",
                    "https://help.ferry.example/t5/Tickets/Refund-for-a-cancelled-crossing/td-p/401122")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert [(p.author.name, p.author.id) for p in result.posts] == [
        ("harbourwren", "770101"), ("deckhand_lou", "770555"), ("harbourwren", "770101")]
    assert [p.published_at for p in result.posts] == [
        datetime(2024, 3, 14, 8, 5, tzinfo=UTC), datetime(2024, 3, 14, 9, 30, tzinfo=UTC),
        datetime(2024, 3, 15, 19, 10, tzinfo=UTC)]
    assert result.posts[1].text.startswith("Refunds for weather take ten working days.")
    assert result.posts[1].url == "https://help.ferry.example/t5/Tickets/Refund-for-a-cancelled-crossing/m-p/401130#M4102"


def test_search_results_linking_to_topics_by_number_are_not_one_thread():
    """The same refusal where the results link to their topics by number only
    (index.php?showtopic=N&view=findpost&p=M, no slug): an IP.Board 3 search page saved without its
    head scripts, which no engine claims. A parameter naming the topic is kept whole when the
    posts' links are compared: each result names its own topic."""
    result = parsed("field_generic/ipb3_search_results_without_scripts.html",
                    "http://boards.lamplight.example/forum/index.php")
    assert result.kind == "unsupported"
    assert "3 of 3 posts each link to a page no other post links to" in result.reason
    assert result.posts == []


# --- The generic parser: the starter only from a post marked first ---------------------------------


def test_generic_first_sibling_block_names_no_starter():
    """Sibling post blocks say nothing of which post is the thread's first: page 1's first block
    was taken as the starter, and a page whose first post is hidden, deleted or sorted away named
    a later poster silently. Only a post the structured data marks first (a Question or a
    DiscussionForumPosting before its answers or comments, the item holding its replies) names it."""
    blocks = parsed("generic/sibling_board.html", "https://board.example/thread/77")
    assert (blocks.kind, blocks.engine) == ("thread_page", "generic")
    assert blocks.posts[0].author.name == "Kalle"
    assert (blocks.thread.starter, blocks.thread.started_at) == (None, None)
    question = parsed("generic/microdata_qa.html",
                      "https://bakers.example.org/questions/5120/why-does-my-sourdough-starter-smell-of-acetone")
    assert (question.thread.starter.name, question.thread.starter.id) == ("Hannah B", "311")
    assert question.thread.started_at == question.posts[0].published_at
    posting = parsed("generic/jsonld_board.html", "https://board.example/t/1")
    assert posting.thread.starter.name == "marta_k"
    assert posting.thread.started_at == datetime(2024, 3, 2, 8, 15, tzinfo=UTC)


# --- Khoros: post ids from the posts' own message links ------------------------------------------


def test_khoros_post_ids_come_from_their_message_links_in_the_same_thread():
    """A Khoros thread opened at a reply's address (/m-p/401130): each post's subject links to its
    own message of the same thread (/td-p/401122, /m-p/401130#M4102), a path that is not the page's.
    Their ids were derived (hashes) though the links carry the message ids; they are now taken
    from the link (never the "#M4102", a board-wide counter). The third post also links to the
    message it answers ("In response to" post 2): of its two messages, the one no earlier post of
    the page has is its own. With the answered post not on the page (an earlier page's), its own is
    unknown: derived, and errors says so. A copy at another address is read by its canonical link."""
    url = "https://help.ferry.example/t5/Tickets/Refund-for-a-cancelled-crossing/m-p/401130"
    result = parsed("field_generic/khoros_thread_message_ids.html", url)
    assert (result.kind, result.engine) == ("thread_page", "generic")
    base = "https://help.ferry.example/t5/Tickets/Refund-for-a-cancelled-crossing"
    assert [(p.post_id, p.url, p.author.name) for p in result.posts] == [
        ("401122", f"{base}/td-p/401122", "harbourwren"),
        ("401130", f"{base}/m-p/401130#M4102", "deckhand_lou"),
        ("401187", f"{base}/m-p/401187#M4103", "harbourwren")]
    assert not any("without an id" in error for error in result.errors)
    # A copy kept at another address: the head's canonical link names the thread.
    copy = parsed("field_generic/khoros_thread_message_ids.html", "https://archive.example/saved/refund.html")
    assert [p.post_id for p in copy.posts] == ["401122", "401130", "401187"]
    markup = (DATA / "field_generic/khoros_thread_message_ids.html").read_text(encoding="utf-8")
    parent_elsewhere = markup.replace('lia-message-parent-link" href="/t5/Tickets/Refund-for-a-cancelled-crossing/m-p/401130#M4102"',
                                      'lia-message-parent-link" href="/t5/Tickets/Refund-for-a-cancelled-crossing/m-p/400999#M4050"')
    assert parent_elsewhere != markup
    result = parse_page(parent_elsewhere.encode("utf-8"), url, CAPTURED, content_type="text/html; charset=utf-8")
    assert [p.post_id for p in result.posts][:2] == ["401122", "401130"]
    assert result.posts[2].post_id.startswith("g") and result.posts[2].author.name == "harbourwren"
    assert result.errors[0] == ("1 of 3 posts without an id in the markup: ids derived from the thread URL,"
                                " author and time (first words where no time)")
    same_slug = parsed("field_generic/khoros_thread_same_slug.html",
                       "https://help.ferry.example/t5/Tickets/Refund-for-a-cancelled-crossing/td-p/401122")
    assert [p.post_id for p in same_slug.posts] == ["401122", "401130", "401187"]


def test_search_results_kept_at_another_address_are_still_not_one_thread():
    """The same IP.Board 3 search page parsed at an address of another host (a saved copy, a
    mirror, "www." or not): its results' links all name the board's host, none the page's. They
    were not compared at all, and the page was read as one thread of 3 posts from 3 topics."""
    result = parsed("field_generic/ipb3_search_results_without_scripts.html",
                    "https://saved-pages.example/copies/search.html")
    assert result.kind == "unsupported"
    assert "3 of 3 posts each link to a page no other post links to" in result.reason
    assert result.posts == []


def test_elkarte_topic_is_read_by_the_elkarte_parser_not_as_smf_or_as_an_article():
    """ElkArte (a fork of SMF 2.0) keeps SMF's ``msg_N`` and "Quote from:" but none of SMF's
    markers: its topic page is read by its own parser (``parsers/elkarte``), never as SMF posts,
    guessed by the generic fallback, or stored as a news article. It was refused as "a forum page
    no parser reads yet (ElkArte page)" before that parser, its posts lost."""
    result = parsed("field_generic/elkarte11_topic.html", "https://bread.example/index.php?topic=77.0")
    assert (result.kind, result.engine) == ("thread_page", "elkarte")
    # ElkArte never names the zone it prints times in (htmlTime()'s datetime is the same wall clock)
    assert result.errors == ["printed times read as UTC: the page does not say which zone it prints them in"
                             " (ElkArte prints them in the viewer's zone, its <time datetime> too)"]
    assert (result.thread.id, result.thread.title) == ("77", "Best sourdough starter flour")
    assert [(p.post_id, p.position, p.author.name, p.author.id, p.published_at, p.reactions) for p in result.posts] == [
        ("901", 1, "Rye Rachel", "12", datetime(2017, 3, 1, 10, 0, tzinfo=UTC), {"Like": 2}),
        ("905", 2, "Spelt Sam", "15", datetime(2017, 3, 1, 12, 30, tzinfo=UTC), {})]
    first, reply = result.posts
    assert first.text == "Whole rye or white? Mine smells of nail varnish."
    assert reply.text == "That is hunger. Feed it twice a day."
    assert (reply.edited_at, reply.edited_by) == (datetime(2017, 3, 1, 12, 45, tzinfo=UTC), "Spelt Sam")
    assert [(q.author, q.post_id, q.text) for q in reply.quotes] == [("Rye Rachel", "901", "Mine smells of nail varnish.")]


def test_generic_threads_take_their_forum_path_from_the_pages_breadcrumbs():
    """A board no engine knows stored its threads with no forum path, silently (PistonHeads'
    ``div.breadcrumbs``, med1's WoltLab microdata ``BreadcrumbList``). The schema.org crumbs
    (JSON-LD, then microdata), else the element classed as breadcrumbs, give it: the linked
    crumbs in order, the thread's own crumb left out."""
    wbb = parsed("field_generic/wbb5_thread_webpage_body.html", WBB5_URL)  # microdata BreadcrumbList
    assert (wbb.engine, wbb.thread.forum) == ("generic", ["Bastelkeller Forum", "Haustechnik"])
    ubb = parsed("field_generic/ubb7_showflat_quote_box.html", UBB_URL)  # td.breadcrumbs, the title unlinked
    assert (ubb.engine, ubb.thread.forum) == ("generic", ["Forums", "Plants"])
    # div.breadcrumbs whose last link is the thread itself, under the title "Pond care FAQ - The Reed Bed Forums"
    fork = parsed("field_generic/vb2_fork_thread.html", "https://forums.reedbed.example/showthread.php?threadid=77001")
    assert (fork.engine, fork.thread.forum) == ("generic", ["The Reed Bed Forums", "Ponds"])


# data-vocabulary.org's Breadcrumb items, as a German board of its own engine printed them (2014 to
# 2019): one item a crumb, its title in span[itemprop=title] inside its link; the thread unlinked.
VOCABULARY_CRUMBS = (
    '<nav class="trail">'
    + "".join(f'<span itemscope itemtype="http://data-vocabulary.org/Breadcrumb"><a href="{href}" itemprop="url">'
              f'<span itemprop="title">{title}</span></a></span> &gt; '
              for href, title in (("/Forum/", "Forum"), ("/Garten/Forum/", "Garten & Balkon Forum"),
                                  ("/Garten/Teich/Forum/", "Teich Forum")))
    + "<span>Reed Bed FAQ</span></nav>")


def test_generic_threads_take_their_forum_path_from_data_vocabulary_crumbs():
    """Google's data-vocabulary.org Breadcrumb items, the schema.org list's predecessor: the
    crumbs' own titles in order (before: no forum path)."""
    page = (DATA / "field_generic/ubb7_showflat_quote_box.html").read_text(encoding="utf-8")
    holder = page[page.index("<td class=\"breadcrumbs\""):]
    holder = holder[:holder.index("</td>") + len("</td>")]
    result = parse_page(page.replace(holder, f"<td>{VOCABULARY_CRUMBS}</td>").encode(), UBB_URL, CAPTURED)
    assert (result.engine, result.thread.forum) == ("generic", ["Forum", "Garten & Balkon Forum", "Teich Forum"])
    nested = ('<div itemscope itemtype="http://data-vocabulary.org/Breadcrumb"><a href="/" itemprop="url">'
              '<span itemprop="title">Home</span></a> &gt; <div itemprop="child" itemscope'
              ' itemtype="http://data-vocabulary.org/Breadcrumb"><a href="/ponds/" itemprop="url">'
              '<span itemprop="title">Ponds</span></a></div></div>')
    assert data_vocabulary_crumbs(etree.HTML(f"<html><body>{nested}</body></html>")) == ["Home", "Ponds"]


def test_wbb5_posters_without_profile_links_take_their_number_from_the_posts_block():
    """A WoltLab Burning Board 5 style that prints each poster's name without a profile link
    (field_generic/wbb5_names_without_links_member_number_on_the_post.html, after www.med1.de)
    names the member's number only in the post article's ``data-user-id`` (0 for a guest).
    Before: every poster had no member number. The quote's ``data-user-id`` (the quoted member)
    is never the poster's."""
    url = "https://forum.wattenmeer.example/forum/schlaf-atmung/schnarchen-trotz-schiene-7100/"
    result = parsed("field_generic/wbb5_names_without_links_member_number_on_the_post.html", url)
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert [(p.post_id, p.author.name, p.author.id, p.published_at) for p in result.posts] == [
        ("7101", "Kiebitz_", "3101", datetime(2019, 12, 18, 20, 12, 23, tzinfo=UTC)),
        ("7102", "Gast Greta", None, datetime(2019, 12, 18, 20, 16, 46, tzinfo=UTC)),
        ("7103", "Uferschnepfe", "2207", datetime(2019, 12, 18, 21, 13, 45, tzinfo=UTC)),
    ]
    reply = result.posts[2]
    assert [q.author for q in reply.quotes] == ["Kiebitz_"]
    assert reply.text.startswith("Ein Nebelhorn über dem Watt")


def test_json_ld_post_texts_given_as_html_are_read_as_words():
    """Apache Answer's QAPage JSON-LD gives each post's "text" as its HTML: the words are the
    HTML's text, never its tags (before: "<p>Which hook do I use ...</p>")."""
    result = parsed("field_generic/answer_qapage_json_ld_html_text.html",
                    "https://meta.answer.example/questions/K7QX2/which-hook-adds-a-signup-field")
    assert (result.kind, result.engine) == ("thread_page", "generic")
    assert [(p.author.name, p.published_at, p.text) for p in result.posts] == [
        ("fernwright", datetime(2024, 2, 23, 5, 54, 12, tzinfo=UTC),
         "Which hook do I use to add a field to the signup form?"),
        ("Tansy Oakes", datetime(2024, 2, 23, 7, 35, 59, tzinfo=UTC),
         "Signup hooks\n\nUse the user-center plugin interface, then register your field."),
        ("fernwright", datetime(2024, 4, 8, 8, 50, 14, tzinfo=UTC),
         "Thanks, that worked: https://answer.example/docs/plugins"),
    ]
    assert all("<" not in p.text for p in result.posts)
    assert "<code>user-center</code>" in result.posts[1].html
