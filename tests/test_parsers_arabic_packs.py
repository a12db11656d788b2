"""Arabic boards on vBulletin 3, 4, 5, XenForo 2 and Invision Community 4, as their Arabic language
packs print them: hand-written pages in tests/data/arabic_packs/ (invented names and words; each
file's header names the templates and the pack phrases it imitates). Every expected value was
written by hand from the fixture; the pages are captured at 09:00 UTC on 20 May 2024, 12:00 on
the boards' clock (GMT +3, Baghdad).

Why: the project's readers follow Iraqi and Middle-East news on such boards, and an Arabic pack
changes the words around everything the parsers read: "آخر تعديل بواسطة X" for "Last edited by X",
"اقتباس:" for "Quote:", "X قال:" for "X said:", "تم التعديل <time> بواسطة X" for "Edited <time> by
X", "اليوم"/"أمس", "ص"/"م", Syriac month names ("أيار", "تشرين الثاني"). Fields that were already
right are asserted too: they document that Arabic packs work.
"""

from __future__ import annotations

from datetime import datetime, timezone

from lxml import html as lxml_html

from conftest import DATA

from parsers.registry import parse_page
from parsers.xenforo.quotes import read_quote as read_xenforo_quote

CAPTURED = datetime(2024, 5, 20, 9, 0, tzinfo=timezone.utc)
UTC = timezone.utc


def parsed(name: str, url: str):
    return parse_page((DATA / "arabic_packs" / name).read_bytes(), url, CAPTURED)


def quote_tree(quote) -> list:
    """(author, post id, text, nested) of each quote, as nested lists."""
    return [quote.author, quote.post_id, quote.text, [quote_tree(inner) for inner in quote.quotes]]


# --- vBulletin 3 -----------------------------------------------------------------------------------


def vb3():
    return parsed("vb3_arabic.html", "https://rafidain.example/vb/showthread.php?t=512&page=2")


def test_vb3_arabic_page_posts_dates_zone_and_pagination():
    result = vb3()
    assert result.errors == ["the page shows posts 11 to 20 (10) and 3 were read: 7 may be missing"]
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "512", "سعر صرف الدينار اليوم", 2, 3)
    assert result.thread.forum == ["منتديات الرافدين", "الأخبار العراقية"]
    assert result.next_page_url == "https://rafidain.example/vb/showthread.php?t=512&page=3"
    posts = result.posts
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in posts] == [
        ("7101", 11, "أبو زينب البصري", "31"), ("7102", 12, "سلوان الكرخي", "58"), ("7103", 13, "حيدر الموصلي", "77")]
    # "14 تشرين الثاني 2023, 09:05 ص" (Syriac month, a.m.), "أمس, 11:40 م", "اليوم, 08:15 ص", all at GMT +3
    # as the Arabic footer "جميع الأوقات بتوقيت GMT +3" states.
    assert [p.published_at for p in posts] == [
        datetime(2023, 11, 14, 6, 5, tzinfo=UTC), datetime(2024, 5, 19, 20, 40, tzinfo=UTC),
        datetime(2024, 5, 20, 5, 15, tzinfo=UTC)]
    assert posts[0].text == "نقلت لكم خبر البنك المركزي: المزاد اليوم باع أكثر من المعتاد."


def test_vb3_arabic_edit_note_names_the_editor():
    # "آخر تعديل بواسطة أم حيدر ; 15 أيار 2024 الساعة 10:15 م." Before: the time only ("بواسطة" unknown).
    post = vb3().posts[0]
    assert post.edited_at == datetime(2024, 5, 15, 19, 15, tzinfo=UTC)
    assert post.edited_by == "أم حيدر"


def test_vb3_arabic_nested_quote_in_tables():
    post = vb3().posts[1]
    assert [quote_tree(q) for q in post.quotes] == [
        ["أبو زينب البصري", "7101", "المزاد باع أكثر من المعتاد.",
         [["نور الهدى", "7050", "الدولار نزل في سوق الكفاح.", []]]]]
    assert post.text == "والله الأسعار ما تثبت على حال."


def test_vb3_arabic_quote_drawn_as_a_panel_under_its_arabic_label():
    # A quote box drawn as div.panel under "اقتباس:" (a table needs no label). Before: not a quote at
    # all, its words in the post's own text.
    post = vb3().posts[2]
    assert [quote_tree(q) for q in post.quotes] == [["سلوان الكرخي", "7102", "الأسعار ما تثبت على حال.", []]]
    assert post.text == "صحيح، وننتظر قرار الموازنة."


def test_vb3_thanks_box_counts_its_one_thanker_not_the_day_of_the_thanks():
    # "الأعضاء الذين قالوا شكراً لـ …:" then "سلوان الكرخي (19-05-2024)": no number in the heading.
    # Before: 19 thanks, the day of the thanks.
    posts = vb3().posts
    assert posts[0].reactions == {"Thanks": 1}
    assert posts[1].reactions == {} and posts[2].reactions == {}


def test_vb3_arabic_board_keeps_vbulletins_month_first_dates():
    # "05-04-2016, 02:48 PM" and "05-06-2016, 09:10 AM": no day above 12 on the page, and Arabic packs
    # keep vBulletin's "m-d-Y". Before: read day first (5 April, 5 June) as the language's custom.
    result = parsed("vb3_arabic_month_first.html", "https://majlis.example/vb/showthread.php?t=88")
    assert result.errors == []
    assert [(p.post_id, p.position, p.author.name, p.published_at) for p in result.posts] == [
        ("601", 1, "عبد الرحمن السامرائي", datetime(2016, 5, 4, 11, 48, tzinfo=UTC)),
        ("602", 2, "فاطمة الأنصاري", datetime(2016, 5, 6, 6, 10, tzinfo=UTC))]


# --- vBulletin 4 -----------------------------------------------------------------------------------


def vb4():
    return parsed("vb4_arabic.html", "https://shatt.example/vb/showthread.php?t=930&page=2")


def test_vb4_arabic_page_posts_dates_quotes_and_pagination():
    result = vb4()
    assert result.errors == ["the page shows posts 11 to 20 (10) and 3 were read: 7 may be missing"]
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "930", "أخبار الموازنة الاتحادية", 2, 3)
    assert result.next_page_url == "https://shatt.example/vb/showthread.php?t=930&page=3"
    posts = result.posts
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in posts] == [
        ("8811", 11, "ضياء الناصري", "14"), ("8812", 12, "رنا العبيدي", "90"), ("8813", 13, "علي الربيعي", "33")]
    # "14-11-2023, 09:05 م", "أمس, 11:40 م", "اليوم, ٠٨:١٥ ص" (Arabic-Indic digits), at GMT +3.
    assert [p.published_at for p in posts] == [
        datetime(2023, 11, 14, 18, 5, tzinfo=UTC), datetime(2024, 5, 19, 20, 40, tzinfo=UTC),
        datetime(2024, 5, 20, 5, 15, tzinfo=UTC)]
    assert [quote_tree(q) for q in posts[0].quotes] == [
        ["رنا العبيدي", "8790", "التأجيل صار عادة.",
         [["كرار الساعدي", "8702", "البرلمان أجل التصويت مرة ثانية.", []]]]]
    assert posts[0].text == "المهم الرواتب تنصرف بوقتها."


def test_vb4_arabic_edit_note_with_reason_names_the_editor():
    # "آخر تعديل بواسطة مشرف الأخبار ; 20-05-2024 الساعة 02:10 ص. السبب: تصحيح المصدر".
    post = vb4().posts[1]
    assert post.edited_at == datetime(2024, 5, 19, 23, 10, tzinfo=UTC)
    assert post.edited_by == "مشرف الأخبار"
    assert post.text == "نقلاً عن وكالة الأنباء: الموازنة تصل البرلمان الأسبوع القادم."


def test_vb4_thanks_box_after_the_post_li_is_counted():
    # The thanks hack's li#post_thanks_box_8812 follows li#post_8812: "2 أعضاء قالوا شكراً …".
    # Before: no thanks at all (the box is outside the post's li).
    posts = vb4().posts
    assert [p.reactions for p in posts] == [{}, {"Thanks": 2}, {}]


# --- vBulletin 5 -----------------------------------------------------------------------------------


def test_vb5_arabic_page_and_edit_note_with_a_syriac_month():
    result = parsed("vb5_arabic.html", "https://dijla.example/forum/economy/4400-oil-report/page2")
    assert result.errors == []
    assert (result.thread.id, result.thread.page, result.thread.page_count) == ("4400", 2, 3)
    assert result.next_page_url == "https://dijla.example/forum/economy/4400-oil-report/page3"
    posts = result.posts
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in posts] == [
        ("4461", 11, "أبو مصطفى", "21"), ("4462", 12, "سمر الجبوري", "35"), ("4463", 13, "حسن التميمي", "48")]
    assert [p.published_at for p in posts] == [
        datetime(2024, 5, 15, 19, 15, tzinfo=UTC), datetime(2024, 5, 19, 20, 40, tzinfo=UTC),
        datetime(2024, 5, 20, 5, 15, tzinfo=UTC)]
    # "آخر تعديل بواسطة أبو مصطفى ; 16 أيار 2024, 07:30 ص." at GMT+3. Before: neither time nor editor
    # (vBulletin 5's note has no span.time to fall back on).
    assert (posts[0].edited_at, posts[0].edited_by) == (datetime(2024, 5, 16, 4, 30, tzinfo=UTC), "أبو مصطفى")
    assert posts[0].reactions == {"Like": 4}
    assert [quote_tree(q) for q in posts[1].quotes] == [
        ["أبو مصطفى", "4461", "برنت فوق الثمانين.", [["ليلى الدليمي", "4420", "أوبك تجتمع الشهر القادم.", []]]]]
    assert posts[1].text == "يعني الموازنة مرتاحة هالسنة."


# --- XenForo 2 -------------------------------------------------------------------------------------


def xf2():
    return parsed("xf2_arabic.html", "https://baghdad.example/threads/provincial-elections.321/page-2")


def test_xf2_arabic_page_posts_quotes_and_reactions():
    result = xf2()
    assert result.errors == []
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "321", "انتخابات مجالس المحافظات", 2, 3)
    assert result.next_page_url == "https://baghdad.example/threads/provincial-elections.321/page-3"
    posts = result.posts
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in posts] == [
        ("6011", 11, "مهند الخفاجي", "41"), ("6012", 12, "زهراء الحلي", "52"), ("6013", 13, "عمار الشمري", "70")]
    assert [p.published_at for p in posts] == [
        datetime(2024, 5, 15, 19, 15, tzinfo=UTC), datetime(2024, 5, 19, 20, 40, tzinfo=UTC),
        datetime(2024, 5, 20, 5, 15, tzinfo=UTC)]
    # "<bdi>زهراء الحلي</bdi>، <bdi>عمار الشمري</bdi> و 3 آخرين" under one reaction, "أعجبني".
    assert [p.reactions for p in posts] == [{"أعجبني": 5}, {}, {}]
    quote = posts[1].quotes[0]
    assert quote_tree(quote) == ["مهند الخفاجي", "6011", "نسبة المشاركة أعلى من المتوقع.",
                                 [["أيمن الكعبي", "5990", "الفرز اليدوي يتأخر.", []]]]
    assert quote.author_id == "41" and quote.published_at == datetime(2024, 5, 15, 19, 15, tzinfo=UTC)
    assert posts[1].text == "الأرقام الرسمية تطلع الأسبوع الجاي."


def test_xf2_arabic_own_edit_names_the_poster_and_a_moderators_edit_no_one():
    # "آخر تعديل:" is the pack's last_edited (the poster's own edit); "آخر تعديل بواسطة مشرف:" names
    # no member. Before: no editor for the first either.
    posts = xf2().posts
    assert (posts[0].edited_at, posts[0].edited_by) == (datetime(2024, 5, 16, 4, 30, tzinfo=UTC), "مهند الخفاجي")
    assert (posts[1].edited_at, posts[1].edited_by) == (datetime(2024, 5, 19, 23, 10, tzinfo=UTC), None)


def test_xf2_arabic_quote_without_data_attributes_takes_the_name_from_the_said_phrase():
    # "زهراء الحلي قال:" with no data-quote. Before: "زهراء الحلي قال" (the verb kept in the name).
    post = xf2().posts[2]
    assert quote_tree(post.quotes[0]) == ["زهراء الحلي", None,
                                          "الأرقام الرسمية تطلع الأسبوع الجاي.", []]
    assert post.text == "ننتظر ونشوف."


def test_xf_said_phrase_with_the_verb_first():
    # Packs that put the verb first: "قال أيمن الكعبي:".
    node = lxml_html.fragment_fromstring(
        '<blockquote class="bbCodeBlock bbCodeBlock--quote"><div class="bbCodeBlock-title">قال أيمن الكعبي:</div>'
        '<div class="bbCodeBlock-content"><div class="bbCodeBlock-expandContent">نص</div></div></blockquote>')
    assert read_xenforo_quote(node).author == "أيمن الكعبي"


# --- Invision Community 4 --------------------------------------------------------------------------


def test_ips4_arabic_page_posts_quotes_reactions_and_edit():
    result = parsed("ips4_arabic.html", "https://furat.example/topic/555-electricity-crisis/page/2/")
    assert result.errors == ["page 2 of 3 holds 3 posts where the board shows 10 a page: 7 may be missing"]
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "555", "أزمة الكهرباء في الصيف", 2, 3)
    assert result.next_page_url == "https://furat.example/topic/555-electricity-crisis/page/3/"
    posts = result.posts
    assert [(p.post_id, p.author.name, p.author.id) for p in posts] == [
        ("3301", "مصطفى العامري", "12"), ("3302", "هدى الزبيدي", "20"), ("3303", "ياسر المالكي", "44")]
    assert [p.published_at for p in posts] == [
        datetime(2024, 5, 15, 19, 15, tzinfo=UTC), datetime(2024, 5, 19, 20, 40, tzinfo=UTC),
        datetime(2024, 5, 20, 5, 15, tzinfo=UTC)]
    assert posts[0].reactions == {"أعجبني": 3, "شكراً": 1}
    # "تم التعديل <time> بواسطة مصطفى العامري". Before: the time only.
    assert (posts[0].edited_at, posts[0].edited_by) == (datetime(2024, 5, 16, 4, 30, tzinfo=UTC), "مصطفى العامري")
    assert posts[0].text == "وزارة الكهرباء تقول الإنتاج وصل 26 ألف ميغاواط."
    outer = posts[1].quotes[0]
    assert quote_tree(outer) == ["مصطفى العامري", "3301", "الإنتاج وصل 26 ألف ميغاواط.",
                                 [["باسم الحسيني", "3250", "القطع في البصرة ثماني ساعات.", []]]]
    assert outer.published_at == datetime(2024, 5, 15, 19, 15, tzinfo=UTC)
    assert outer.quotes[0].published_at == datetime(2024, 5, 12, 7, 46, 40, tzinfo=UTC)
    assert posts[1].text == "والمولدة الأهلية تحسب الأمبير بسعر جديد."
    assert quote_tree(posts[2].quotes[0]) == [None, None, "الصيف هذه السنة أحر من كل سنة.", []]
    assert posts[2].text == "الله يعين الناس."


# --- phpBB 3.2 (prosilver, hubaishan/phpbb-Arabic) ---------------------------------------------------
# The board's clock is Baghdad's (UTC+3), 12:00 at the capture; the footer names it as the Arabic
# pack prints it: "جميع الأوقات تستخدم <span title="آسيا/بغداد">التوقيت العالمي+03:00</span>".


def phpbb32():
    return parsed("phpbb32_arabic.html", "https://furat.example/forum/viewtopic.php?t=2210&start=10")


def test_phpbb_arabic_page_posts_and_pagination():
    result = phpbb32()
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "2210", "أسعار النفط والموازنة", 2, 3)
    assert result.thread.forum == ["الفهرس", "الأخبار الاقتصادية"]
    assert result.next_page_url == "https://furat.example/forum/viewtopic.php?f=7&t=2210&start=20"
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in result.posts] == [
        ("50311", 11, "أبو علي الكاظمي", "62"), ("50312", 12, "نادية الحسني", "75"),
        ("50313", 13, "كرار العامري", "93"), ("50314", 14, "أبو علي الكاظمي", "62")]


def test_phpbb_arabic_footer_zone_is_read_from_the_packs_word_for_utc():
    # "التوقيت العالمي+03:00" is the pack's UTC_OFFSET. Before: no zone found ("printed times read
    # as UTC" in the errors) and every time three hours late.
    result = phpbb32()
    assert result.errors == ["page 2 of 3 holds 4 posts where the board shows 10 a page: 6 may be missing"]
    # "14 تشرين الثاني 2023, 21:05", "الأمس, 23:40", "اليوم, 10:15", "منذ 12 دقيقة" at UTC+3.
    assert [p.published_at for p in result.posts] == [
        datetime(2023, 11, 14, 18, 5, tzinfo=UTC), datetime(2024, 5, 19, 20, 40, tzinfo=UTC),
        datetime(2024, 5, 20, 7, 15, tzinfo=UTC), datetime(2024, 5, 20, 8, 48, tzinfo=UTC)]
    post = result.posts[1]
    assert [quote_tree(q) for q in post.quotes] == [
        ["أبو علي الكاظمي", "50311", "خام البصرة ارتفع دولارين.",
         [["سيف الدراجي", "50290", "أوبك قررت تخفيض الإنتاج.", []]]]]
    assert [(q.author_id, q.published_at) for q in (post.quotes[0], post.quotes[0].quotes[0])] == [
        ("62", datetime(2023, 11, 14, 18, 5, tzinfo=UTC)), ("41", datetime(2023, 11, 10, 15, 30, tzinfo=UTC))]
    assert post.text == "يعني الرواتب مضمونة هالشهر."


def test_phpbb_arabic_edit_notice_keeps_the_time_before_the_arabic_comma():
    # "آخر تعديل بواسطة X في 15 أيار 2024, 22:15، تم التعديل مرتين في المجمل.": the count is spelt
    # out after an Arabic comma. Before: the date was cut at the Latin comma (15 May, 00:00).
    posts = phpbb32().posts
    assert [(p.edited_at, p.edited_by) for p in posts] == [
        (datetime(2024, 5, 15, 19, 15, tzinfo=UTC), "مشرف الاقتصاد"), (None, None),
        (datetime(2024, 5, 20, 8, 50, tzinfo=UTC), "كرار العامري"), (None, None)]
    assert posts[0].text == "خام البصرة ارتفع اليوم دولارين، والموازنة مبنية على سعر أقل."


# --- SMF 2.0 (the Arabic pack's index.arabic-utf8.php) ------------------------------------------------
# SMF 2.0 states no zone: its times are read as UTC, with the error that says so.


def smf20():
    return parsed("smf20_arabic.html", "https://karkh.example/index.php?topic=740.10")


def test_smf20_arabic_page_posts_and_pagination():
    result = smf20()
    assert result.errors == [
        "page 2 of 3 holds 3 posts where the board shows 10 a page: 7 may be missing",
        "printed times read as UTC: the page does not say which zone it prints them in",
    ]
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "740", "سعر الدولار في بغداد", 2, 3)
    assert result.thread.forum == ["منتديات الكرخ", "الاقتصاد العراقي"]
    assert result.next_page_url == "https://karkh.example/index.php?topic=740.20"
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in result.posts] == [
        ("9011", 11, "مصطفى البغدادي", "17"), ("9012", 12, "زينب الأعظمي", "29"), ("9013", 13, "حسين الجبوري", "44")]


def test_smf20_arabic_dates_with_the_packs_day_halves_and_syriac_months():
    # "14 تشرين الثاني 2023, 09:05:00 مسائاً" (time_pm 'مسائاً'), "<strong>الأمس</strong> في 11:40:00
    # مسائاً", "<strong>اليوم</strong> في 08:15:00 صباحاً". Before: no time for the first two (the
    # pack's day-half words unknown), and "15 أيار 2024" refused as a month of no named language.
    posts = smf20().posts
    assert [p.published_at for p in posts] == [
        datetime(2023, 11, 14, 21, 5, tzinfo=UTC), datetime(2024, 5, 19, 23, 40, tzinfo=UTC),
        datetime(2024, 5, 20, 8, 15, tzinfo=UTC)]


def test_smf20_arabic_edit_names_the_editor_after_bwasita():
    # "« آخر تحرير: 15 أيار 2024, 10:15:00 مسائاً بواسطة أم حيدر »". Before: no editor, no time.
    posts = smf20().posts
    assert [(p.edited_at, p.edited_by) for p in posts] == [
        (datetime(2024, 5, 15, 22, 15, tzinfo=UTC), "أم حيدر"), (None, None),
        (datetime(2024, 5, 20, 8, 20, tzinfo=UTC), "حسين الجبوري")]


def test_smf20_arabic_quotes_split_the_author_from_the_date_at_fi():
    # "مقتبس من: X في <date>" (quote_from, search_on 'في'). Before: "X في <date>" as the author, no time.
    posts = smf20().posts
    assert [quote_tree(q) for q in posts[1].quotes] == [
        ["مصطفى البغدادي", "9011", "سكرت على 1550.", [["علي الشمري", "8990", "المركزي رفع المبيعات.", []]]]]
    assert [q.published_at for q in (posts[1].quotes[0], posts[1].quotes[0].quotes[0])] == [
        datetime(2023, 11, 14, 21, 5, tzinfo=UTC), datetime(2023, 11, 10, 18, 30, tzinfo=UTC)]
    assert posts[1].quotes[0].thread_id == "740"
    assert posts[1].text == "يعني نزل عن الأسبوع الماضي."
    assert [quote_tree(q) for q in posts[2].quotes] == [[None, None, "نزل عن الأسبوع الماضي", []]]
    assert posts[2].text == "والله الأسواق نايمة."


# --- SMF 2.1 ------------------------------------------------------------------------------------------


def smf21():
    return parsed("smf21_arabic.html", "https://nahrain.example/index.php?topic=415.15")


def test_smf21_arabic_page_offset_edit_quote_and_starter():
    result = smf21()
    assert result.errors == ["page 2 of 3 holds 2 posts where the board shows 15 a page: 13 may be missing"]
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "415", "حذف الأصفار من الدينار", 2, 3)
    assert result.thread.forum == ["منتديات النهرين", "القسم العام", "أخبار العملة"]
    assert result.next_page_url == "https://nahrain.example/index.php?topic=415.30"
    posts = result.posts
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in posts] == [
        ("4151", 16, "رسل الحلي", "57"), ("4152", 17, "زائر من الموصل", None)]
    # The header's "<time datetime="…09:00:00Z">20 أيار 2024, 12:00:00 مسائاً</time>" gives UTC+3.
    assert [p.published_at for p in posts] == [
        datetime(2024, 5, 15, 12, 29, 46, tzinfo=UTC), datetime(2024, 5, 20, 6, 15, tzinfo=UTC)]
    assert (posts[0].edited_at, posts[0].edited_by) == (datetime(2024, 5, 16, 4, 30, tzinfo=UTC), "مشرف العملة")
    assert posts[0].reactions == {"Like": 3}
    assert [quote_tree(q) for q in posts[0].quotes] == [
        ["جعفر الحيدري", "4101", "الخبر من وكالة رسمية.", [[None, None, "البنك المركزي نفى الخبر.", []]]]]
    assert posts[0].quotes[0].published_at == datetime(2024, 5, 12, 7, 0, tzinfo=UTC)
    assert posts[0].text == "بس النفي صدر بعدين، شوف النشرة"
    # "بدء بواسطة جعفر الحيدري, 12 أيار 2024, 09:00:00 صباحاً" (started_by). Before: no starter.
    assert (result.thread.starter.name, result.thread.started_at) == (
        "جعفر الحيدري", datetime(2024, 5, 12, 6, 0, tzinfo=UTC))


# --- MyBB 1.8 -----------------------------------------------------------------------------------------


def mybb18():
    return parsed("mybb18_arabic.html", "https://basra-forum.example/showthread.php?tid=88&page=2")


def test_mybb18_arabic_page_posts_dates_edits_and_pagination():
    result = mybb18()
    assert result.errors == []
    assert (result.thread.id, result.thread.title, result.thread.page, result.thread.page_count) == (
        "88", "تعيينات وزارة النفط", 2, 3)
    assert result.thread.forum == ["منتدى البصرة", "أخبار التعيينات"]
    assert result.next_page_url == "https://basra-forum.example/showthread.php?tid=88&page=3"
    posts = result.posts
    assert [(p.post_id, p.position, p.author.name, p.author.id) for p in posts] == [
        ("7701", 11, "سجاد الموسوي", "12"), ("7702", 12, "هدى الربيعي", "25"),
        ("7703", 13, "عباس الخزرجي", "31"), ("7704", 14, "هدى الربيعي", "25")]
    # The footer's "الوقت الآن: 20-05-2024, 12:00 PM" gives UTC+3; "14-11-2023, 09:05 PM", "الأمس,
    # 11:40 PM", "اليوم, 10:15 AM", "منذ 12 دقيقة" (its span's title "20-05-2024, 11:48 AM").
    assert [p.published_at for p in posts] == [
        datetime(2023, 11, 14, 18, 5, tzinfo=UTC), datetime(2024, 5, 19, 20, 40, tzinfo=UTC),
        datetime(2024, 5, 20, 7, 15, tzinfo=UTC), datetime(2024, 5, 20, 8, 48, tzinfo=UTC)]
    # "(آخر تعديل لهذه المشاركة: 15-05-2024, 10:15 PM بواسطة <a>أم حيدر</a>.)", and "منذ 5 دقائق".
    assert [(p.edited_at, p.edited_by) for p in posts] == [
        (datetime(2024, 5, 15, 19, 15, tzinfo=UTC), "أم حيدر"), (None, None),
        (datetime(2024, 5, 20, 8, 55, tzinfo=UTC), "عباس الخزرجي"), (None, None)]


def test_mybb18_arabic_quotes_name_the_author_before_katab():
    # "<cite><span> (14-11-2023, 09:05 PM)</span>X كتب: <a class="quick_jump">". Before: no author.
    posts = mybb18().posts
    assert [quote_tree(q) for q in posts[1].quotes] == [
        ["سجاد الموسوي", "7701", "الأسماء على الموقع.",
         [["ليث العبيدي", "7650", "التعيينات على الخريجين الأوائل.", []]]]]
    assert [q.published_at for q in (posts[1].quotes[0], posts[1].quotes[0].quotes[0])] == [
        datetime(2023, 11, 14, 18, 5, tzinfo=UTC), datetime(2023, 11, 10, 15, 30, tzinfo=UTC)]
    assert posts[1].text == "الموقع واقف من الصبح."
    assert [quote_tree(q) for q in posts[2].quotes] == [[None, None, "الموقع واقف", []]]
    assert posts[2].text == "اشتغل هسه."
