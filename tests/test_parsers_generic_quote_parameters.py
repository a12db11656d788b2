"""SMF quote heads printed as the tag's parameters (parsers.generic.quote_parameters)."""

from __future__ import annotations

from datetime import datetime, timezone

from parsers.generic.quote_parameters import QuoteParameters, quote_parameters


def test_parameters_in_either_order_give_author_post_topic_and_time():
    when = datetime(2011, 3, 4, 9, 20, 41, tzinfo=timezone.utc)  # 1299230441
    assert quote_parameters("author=Mira_Holt link=topic=2044.msg9102#msg9102 date=1299230441 wrote:") == \
        QuoteParameters("Mira_Holt", "9102", "2044", when)
    assert quote_parameters("link=topic=2044.msg9102#msg9102 author=Ansel & Tove date=1299230441") == \
        QuoteParameters("Ansel & Tove", "9102", "2044", when)


def test_a_date_of_zero_gives_no_time_and_a_topic_link_no_post():
    assert quote_parameters("author=Oda link=topic=17 date=0 wrote:") == QuoteParameters("Oda", None, "17", None)


def test_heads_that_are_not_the_parameters_give_none():
    assert quote_parameters("Mira_Holt wrote:") is None
    assert quote_parameters("author=Mira_Holt wrote:") is None  # no link= or date= beside it
    assert quote_parameters(None) is None
