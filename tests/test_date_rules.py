"""Date classes from issue 12, on sentences of our own: plans reported in the past name days
ahead of the report, offsets count from the date or the event they are anchored on, and the
rule tables name each rule once. Published on a Wednesday (2024-03-13) unless said otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from newsfacts.ingest.extract import dates
from newsfacts.ingest.extract.date_leans import LEAN_RULES
from newsfacts.ingest.extract.date_resolve import RESOLVERS, add_months
from newsfacts.schema.article import Article

WEDNESDAY = date(2024, 3, 13)


def found(nlp, text: str, published: date = WEDNESDAY) -> list[tuple[str, str, str]]:
    article = Article(text=text, published=published)
    claims = dates.find_dates(nlp(text), article)
    for c in claims:
        assert article.text[c.start:c.end] == c.text
    return [(c.text, c.value, c.rule) for c in claims]


@pytest.mark.parametrize("text, expr, value", [
    # a day named in a past sentence about a future act lies after the report
    ("The two sides planned to meet on Saturday, an aide said.", "Saturday", "2024-03-16"),
    ("The council postponed the vote until Tuesday.", "Tuesday", "2024-03-19"),
    ("The hearing was moved to Monday at the request of the defence.", "Monday", "2024-03-18"),
    ("Aides said the bill was ready for a vote as early as Friday.", "Friday", "2024-03-15"),
    ("The aides said the leaders planned to sign the pact when they met on Saturday.", "Saturday", "2024-03-16"),
    # ... but not a plan in the past perfect, overtaken before the report, nor a plain past
    ("The offer had been due to expire Friday.", "Friday", "2024-03-08"),
    ("The two sides met on Saturday, an aide said.", "Saturday", "2024-03-09"),
    ("The shares rallied as recently as Monday.", "Monday", "2024-03-11"),
    # offsets anchored on another date
    ("The talks broke down the day before last Tuesday.", "the day before last Tuesday", "2024-03-11"),
    ("The bridge reopened two weeks after March 1.", "two weeks after March 1", "2024-03-15"),
    ("The vote is on Sunday, March 24. Ten days before the vote, the rivals met in the capital.",
     "Ten days before the vote", "2024-03-14"),
])
def test_date_classes(nlp, text, expr, value):
    values = [v for t, v, _ in found(nlp, text) if t == expr]
    assert values == [value], found(nlp, text)


def test_an_offset_from_an_event_the_text_never_dated_is_no_date(nlp):
    assert found(nlp, "The rebels left three days before the ceasefire.") == []


def test_an_offset_apposed_to_a_date_names_that_date(nlp):
    text = "Trading was calm on March 4, the day before the crash, a dealer said."
    assert ("the day before the crash", "2024-03-04", "apposed_day") in found(nlp, text)


def test_each_claim_names_its_rule(nlp):
    rules = {t: r for t, _, r in found(nlp, "The talks broke down the day before last Tuesday and resume in April.")}
    assert rules == {"the day before last Tuesday": "anchored", "April": "month"}


def test_the_year_ended_a_date_is_a_span_not_a_date(nlp):
    assert [t for t, _, _ in found(nlp, "For the year ended March 31, the firm earned more.")] == ["March 31"]
    assert [t for t, _, _ in found(nlp, "Revenue for the year rose by a third.")] == ["the year"]


def test_the_month_after_publication_in_a_past_sentence_is_the_one_ahead(nlp):
    text = "The supplier told its clients of a cut in deliveries in September."
    assert found(nlp, text, date(2024, 8, 16)) == [("September", "2024-09", "month")]
    assert found(nlp, "Deliveries fell in July.", date(2024, 8, 16)) == [("July", "2024-07", "month")]


def test_the_year_period_is_kept_whole(nlp):
    assert found(nlp, "Net fell from $3 million in the 2022 period.") == [("the 2022 period", "2022", "year_period")]


def test_calendar_steps_cross_years():
    assert add_months(2023, 11, 3) == (2024, 2)
    assert add_months(2024, 1, -1) == (2023, 12)


def test_rule_tables_name_each_rule_once():
    names = [n for n, _ in LEAN_RULES]
    assert len(names) == len(set(names))
    assert {"anchored", "event_offset", "weekday", "calendar"} <= set(RESOLVERS)
