"""parsers.pack_dates.unchanged_in_english: True only where the pack steps would give the date back as printed."""

from __future__ import annotations

import itertools

import pytest

from parsers.pack_dates import in_english, months_in_english, unchanged_in_english, unknown_month, without_connectors


def _steps(text: str) -> str | None:
    return months_in_english(in_english(without_connectors(text)))


@pytest.mark.parametrize("text", [
    "March 06, 2016, 05:45:12 AM",
    "Sun March 06, 2016 5:45 am",
    "06 December 2016, 17:04",
    "on 10:15:00 AM",
    "Monday, May 06, 2019",
])
def test_english_dates_take_the_short_way(text):
    assert unchanged_in_english(text)
    assert _steps(text) == text and not unknown_month(text)


@pytest.mark.parametrize("text", [
    None, "",
    "Mar 06, 2016, 05:45:12 AM",  # an abbreviation the steps write out
    "MARCH 06, 2016",  # written "March" by the steps
    "25 de Octubre de 2013, 12:12:00 pm",
    "16 Mart 2018, 11:45",
    "27 Ago 2026 17:04",
    "Today at 10:15:00 AM",  # a word no table knows: the steps decide
    "06 Reply 2016",
])
def test_anything_else_takes_the_steps(text):
    assert not unchanged_in_english(text)


def test_true_means_the_steps_change_nothing():
    words = ["March", "MARCH", "march", "Mar", "Sept", "Ago", "Mart", "Today", "at", "on", "AM", "pm", "de",
             "Monday", "mon", "Octubre", "Ağu", "janvier", "May", "may", "Reply", "16", "06,", "2016", "05:45", "«"]
    for size in (1, 2, 3, 4):
        for combination in itertools.product(words, repeat=size):
            text = " ".join(combination)
            if unchanged_in_english(text):
                assert _steps(text) == text, text
                assert not unknown_month(text), text
