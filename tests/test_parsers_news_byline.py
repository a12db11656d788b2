"""parsers.news.byline: bylines split into people and outlets, with hand-written answers."""

from __future__ import annotations

import pytest

from parsers.news.byline import host_name, is_outlet, is_site, read_byline, starts_as_byline


@pytest.mark.parametrize("text, people, organisations", [
    ("By Jane Doe", ["Jane Doe"], []),
    ("By: Jane Doe", ["Jane Doe"], []),
    ("Jane Doe and John Roe", ["Jane Doe", "John Roe"], []),
    ("Ann Lee, Bo Chen, Cy Diaz and Di Eze", ["Ann Lee", "Bo Chen", "Cy Diaz", "Di Eze"], []),
    ("Jane Doe & John Roe", ["Jane Doe", "John Roe"], []),
    ("Von Anna Schmidt und Peter Müller", ["Anna Schmidt", "Peter Müller"], []),
    ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"], []),
    ("Por Juan Pérez y Ana Gómez", ["Juan Pérez", "Ana Gómez"], []),
    ("بقلم محمد علي و أحمد حسن", ["محمد علي", "أحمد حسن"], []),
    ("Jane Doe, Staff Writer", ["Jane Doe"], []),
    ("Jane Doe | Senior Reporter", ["Jane Doe"], []),
    ("Jane Doe, Washington Correspondent", ["Jane Doe"], []),
    ("Senior Reporter Jane Doe", ["Jane Doe"], []),
    ("Jane Doe Staff Writer", ["Jane Doe"], []),
    ("By Jane Doe and John Roe, USA TODAY", ["Jane Doe", "John Roe"], ["USA TODAY"]),
    ("Jane Doe, The Commercial Appeal", ["Jane Doe"], ["The Commercial Appeal"]),
    ("Jane Doe for The Guardian", ["Jane Doe"], ["The Guardian"]),
    ("Reuters", [], ["Reuters"]),
    ("The Associated Press", [], ["The Associated Press"]),
    ("BBC", [], ["BBC"]),
    ("«Jane Doe»", ["Jane Doe"], []),
])
def test_byline_splits_into_people_and_organisations(text, people, organisations):
    byline = read_byline(text)
    assert (byline.people, byline.organisations) == (people, organisations)


@pytest.mark.parametrize("text", [
    "By", "by ", "", "   ", "2019-11-19T10:32:00-05:00", "Nov 19, 2019", "Tuesday, November 19",
    "https://example.com/author/jane", "jane.doe@example.com", "Staff Writer", "Updated",
    "This is a sentence that is much too long to be anybody's name at all",
])
def test_what_is_no_name_gives_nobody(text):
    byline = read_byline(text)
    assert (byline.people, byline.organisations) == ([], [])


@pytest.mark.parametrize("value", [None, 5, 1.5, True, ["Jane Doe"], {"name": "Jane Doe"}])
def test_a_value_that_is_not_text_gives_nobody(value):
    assert read_byline(value).people == []


def test_a_tail_close_to_the_site_name_is_the_outlet():
    byline = read_byline("Jane Doe, Asharq Al-Awsat", outlets=["Asharq AL-awsat"])
    assert (byline.people, byline.organisations) == (["Jane Doe"], ["Asharq Al-Awsat"])
    assert read_byline("Jane Doe - Knoxville News Sentinel").organisations == ["Knoxville News Sentinel"]


def test_a_declared_person_keeps_a_name_that_ends_like_an_outlet():
    assert read_byline("John Herald").organisations == ["John Herald"]
    assert read_byline("John Herald", declared_person=True).people == ["John Herald"]


@pytest.mark.parametrize("host, name", [
    ("www.usatoday.com", "usatoday"), ("english.aawsat.com", "aawsat"), ("www.bbc.co.uk", "bbc"),
    ("localhost:8000", "localhost"), ("", None), (None, None),
])
def test_host_name(host, name):
    assert host_name(host) == name


def test_is_outlet():
    assert is_outlet("Help Net Security", ["helpnetsecurity"])
    assert is_outlet("AFP")
    assert not is_outlet("Jane Doe", ["TechCrunch"])


@pytest.mark.parametrize("text, people, organisations", [
    # Strings seen on real pages (news-bench): CNN, Cosmopolitan Russia, AutoIndustriya, Beachbody, AP.
    ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"], []),
    ("Текст: Венера Ерофеева", ["Венера Ерофеева"], []),
    ("Jose AltoverosView More Articles", ["Jose Altoveros"], []),
    ("By STEVE PEOPLES, AP National Political Writer", ["STEVE PEOPLES"], []),
    ("Jill Disis, CNN Business", ["Jill Disis"], ["CNN Business"]),
    ("Ilana Muhlstein, MS, RDN", ["Ilana Muhlstein"], []),
    # therepublic.com prints "By Staff Reports": an organisation's byline, kept as printed.
    ("Staff Reports", [], ["Staff Reports"]),
])
def test_real_bylines(text, people, organisations):
    byline = read_byline(text)
    assert (byline.people, byline.organisations) == (people, organisations)


@pytest.mark.parametrize("text, people", [
    # The date a byline line prints after its names is no name (politifact, healthline, comwrap).
    ("By Matthew Digby, Minh Do on Monday, November 18th, 2019 at 11:08 a.m.", ["Matthew Digby", "Minh Do"]),
    ("Written by Rachael Link, MS, RD on November 14, 2019", ["Rachael Link"]),
    ("Von Moritz Bachmann publiziert am 30. Juli 2018", ["Moritz Bachmann"]),
    ("By Jane Doe | Published 3 June 2024", ["Jane Doe"]),
    ("By Jane Doe, 14 May 2024", ["Jane Doe"]),
    ("April Ryan and Ann Monday", ["April Ryan", "Ann Monday"]),  # month and day words inside names stay
])
def test_a_printed_date_after_the_names_goes(text, people):
    assert read_byline(text).people == people


def test_a_wire_byline_is_kept_whole():
    assert read_byline("By Wire Reports").organisations == ["Wire Reports"]


def test_the_site_itself():
    assert is_site("BBC News", ["BBC News", "bbc"])
    assert is_site("Al Jazeera", ["aljazeera"])
    assert is_site("gto", ["gto-normativy"])  # a login named after the host
    assert not is_site("Reuters", ["BBC News", "bbc"])  # an agency is another outlet
    assert not is_site("Gto", ["gto-normativy"]) and not is_site("Jane Doe", ["TechCrunch", "techcrunch"])


@pytest.mark.parametrize("text, marked", [
    ("By Jane Doe", True), ("Written by Jane Doe", True), ("Von Jane Doe", True), ("بقلم فلان", True),
    ("By", False), ("Bypass surgery is rising", False), ("Jane Doe", False),
])
def test_starts_as_byline(text, marked):
    assert starts_as_byline(text) is marked


def test_a_declared_persons_surname_is_no_role():
    assert read_byline("Ann Writer", declared_person=True).people == ["Ann Writer"]
    assert read_byline("Jane Doe Staff Writer", declared_person=True).people == ["Jane Doe"]
    assert read_byline("Ann Writer").people == ["Ann"]  # a byline's text: "Writer" reads as the role


@pytest.mark.parametrize("text, people", [
    ("質問者：しずかなかえる", ["しずかなかえる"]),
    ("著者：山野 はるか", ["山野 はるか"]),
    ("文：川辺一郎", ["川辺一郎"]),
    ("记者：王小明", ["王小明"]),
    ("Autor：Jana Nowak", ["Jana Nowak"]),
    ("Autor: Rechtsanwalt Tilman Kornblum", ["Tilman Kornblum"]),
    ("Tilman Kornblum, Fachanwalt", ["Tilman Kornblum"]),
])
def test_a_label_and_its_colon_go_as_by_does(text, people):
    assert read_byline(text).people == people


@pytest.mark.parametrize("text", ["回答者：", "質問者：", "Autor:", "回答者： "])
def test_a_label_with_no_name_after_it_names_nobody(text):
    byline = read_byline(text)
    assert (byline.people, byline.organisations) == ([], [])


@pytest.mark.parametrize("text, people", [
    # an author box's link, its label and the name on two lines (verfassungsblog.de, 2019, by hand)
    ("SHOW ALL ARTICLES OF\nMaximilian Steinbeis", ["Maximilian Steinbeis"]),
    ("All articles by Jane Roe\nJane Roe", ["Jane Roe"]),
    ("Alle Artikel von\nIlse Brandt", ["Ilse Brandt"]),
    ("Voir tous les articles de\nLéa Martin", ["Léa Martin"]),
    # names that end in such words stay whole
    ("Mike Wall", ["Mike Wall"]), ("By Thomas More", ["Thomas More"]), ("Jan Halle", ["Jan Halle"]),
])
def test_a_button_label_on_a_line_of_its_own_is_no_name(text, people):
    """Before: "SHOW ALL ARTICLES OF" was a second author of the article."""
    assert read_byline(text).people == people
