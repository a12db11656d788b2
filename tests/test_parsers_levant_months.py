"""parsers.levant_months: the Syriac month names Iraqi and Levantine pages print, put as the names
dateparser reads. Expected texts written by hand."""

from __future__ import annotations

import pytest

from parsers.levant_months import holds_arabic_letters, levant_months_as_read


@pytest.mark.parametrize(("text", "want"), [
    ("14 تموز 2023", "14 يوليو 2023"),
    ("3 تشرين الثاني 2023", "3 نوفمبر 2023"),
    ("3 تشرين ثاني 2023", "3 نوفمبر 2023"),  # written without the article
    ("1 كانون الأول 2024", "1 ديسمبر 2024"),
    ("9 آذار 2022", "9 مارس 2022"),
    ("9 أيار 2022", "9 مايو 2022"),
    ("15 اب 2024", "15 اغسطس 2024"),  # bare-alef "اب" beside a number is August
    ("15 آب/أغسطس 2024", "15 اغسطس 2024"),  # the pair some outlets print is one month
    ("15 تموز (يوليو) 2024", "15 يوليو 2024"),
])
def test_syriac_names_become_the_names_dateparser_reads(text, want):
    assert levant_months_as_read(text) == want


def test_words_that_only_look_like_months_stay():
    assert levant_months_as_read("قال اب العائلة") == "قال اب العائلة"  # "اب" alone is "father"
    assert levant_months_as_read("Posted 14 July 2023") == "Posted 14 July 2023"


def test_pages_in_another_declared_language_are_left_alone():
    assert levant_months_as_read("14 تموز 2023", ["fa"]) == "14 تموز 2023"
    assert levant_months_as_read("14 تموز 2023", ["ar", "en"]) == "14 يوليو 2023"


def test_arabic_letters():
    assert holds_arabic_letters("Today, 10:15 م") and not holds_arabic_letters("Today, 10:15 PM")
