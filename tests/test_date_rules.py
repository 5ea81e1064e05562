"""Date classes from issue 12, on sentences of our own: plans reported in the past name days
ahead of the report, offsets count from the date or the event they are anchored on, and the
rule tables name each rule once. Published on a Wednesday (2024-03-13) unless said otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from newsfacts.ingest.extract import dates
from newsfacts.ingest.extract.date_leans import LEAN_RULES
from newsfacts.ingest.extract.date_report import REPORT_RULES
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


# --- the reporting time a sentence gives itself (date_report) --------------------------------

@pytest.mark.parametrize("text, published, expr, value, rule", [
    # a plan reported on Monday for Tuesday, in Saturday's paper: the Tuesday after the report,
    # not the one ahead of publication (nor the nearer one)
    ("The unions said on Monday they would strike on Tuesday.", date(2024, 3, 16), "Tuesday",
     "2024-03-12", "weekday_after_report"),
    ("The unions said on Monday that they planned to strike on Thursday.", date(2024, 3, 15), "Thursday",
     "2024-03-14", "weekday_after_report"),
    ("The council announced on Monday a plan to vote on Thursday.", date(2024, 3, 15), "Thursday",
     "2024-03-14", "weekday_after_report"),
    ("They would meet again on Thursday, the envoys said Monday.", date(2024, 3, 15), "Thursday",
     "2024-03-14", "weekday_after_report"),
    # a past act reported on a day: on or before that day
    ("The police said on Tuesday that the raid took place on Wednesday.", date(2024, 3, 15), "Wednesday",
     "2024-03-06", "weekday_before_report"),
    # a month without a year, planned at a dated report: the first such month after it
    ("The ministry said on Jan. 5 it would close the mine in December.", date(2024, 3, 17), "December",
     "2024-12", "month_after_report"),
])
def test_a_plan_lies_after_its_report(nlp, text, published, expr, value, rule):
    assert [(v, r) for t, v, r in found(nlp, text, published) if t == expr] == [(value, rule)]


def test_the_date_between_a_report_and_its_clause_dates_the_report(nlp):
    """The parser hangs `on Monday` on `strike`: word order gives it to `said`."""
    got = found(nlp, "The unions said on Monday they would strike on Saturday.")
    assert ("Monday", "2024-03-11", "weekday") in got


def test_conjoined_past_days_are_not_placed_from_each_other(nlp):
    got = found(nlp, "Shares fell on Monday and rose on Tuesday.", date(2024, 3, 15))
    assert [v for _, v, _ in got] == ["2024-03-11", "2024-03-12"]


def test_report_rules_are_named_once():
    names = [n for n, _ in REPORT_RULES]
    assert len(names) == len(set(names)) == 3


def test_a_past_verb_tagged_as_an_adjective_keeps_its_date_in_the_past(nlp):
    """`brushed` tagged JJ, the sentence hung on the `that` clause's `could hurt`, as the tagger
    does on some news sentences: the date on `brushed` is still in the past (built as that parse)."""
    from spacy.tokens import Doc

    from newsfacts.ingest.extract.tense import tense_at

    words = ["Ames", "brushed", "past", "complaints", "on", "Thursday", "that", "fees", "could", "hurt", "trade", "."]
    heads = [9, 9, 1, 2, 1, 4, 9, 9, 9, 9, 9, 9]
    deps = ["nsubj", "advmod", "prep", "pobj", "prep", "pobj", "mark", "nsubj", "aux", "ROOT", "dobj", "punct"]
    tags = ["NNP", "JJ", "IN", "NNS", "IN", "NNP", "IN", "NNS", "MD", "VB", "NN", "."]
    pos = ["PROPN", "ADJ", "ADP", "NOUN", "ADP", "PROPN", "SCONJ", "NOUN", "AUX", "VERB", "NOUN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos,
              lemmas=[w.lower() for w in words])
    assert tense_at(doc[5:6]) == ("past", False)
    doc2 = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos,
               lemmas=[w.lower() for w in words])
    assert tense_at(doc2[10:11])[0] == "future"  # the `could` clause itself still looks ahead


# --- references the text gives ------------------------------------------------------------

def test_the_following_month_counts_from_the_last_date_paragraphs_back(nlp):
    text = ("In May, the bakery chain got a bid from a rival. Talks dragged on. Its owners were split.\n\n"
            "The following month, the chain hired bankers to run an auction.")
    assert ("The following month", "2023-06", "anaphora") in found(nlp, text, date(2023, 11, 2))


def test_the_previous_friday_counts_from_the_day_the_text_gave(nlp):
    text = ("Wheat futures slipped on Friday. Corn held steady. Traders waited for rain.\n\n"
            "Prices stood 3% under their level of the previous Friday.")
    got = found(nlp, text, date(2024, 3, 18))
    assert ("the previous Friday", "2024-03-08", "weekday") in got


def test_a_year_earlier_than_a_day_written_in_the_sentence_is_that_day(nlp):
    text = "In the nine months to June 30, the brewer made $4 million, down from $9 million a year earlier."
    assert ("a year earlier", "2022-06-30", "ago") in found(nlp, text, date(2024, 3, 13))
    assert ("a year earlier", "2023", "ago") in found(nlp, "Profit rose to $6 million from $4 million a year earlier.")


def test_the_end_of_a_period_a_year_back_is_in_that_year(nlp):
    text = "Against the year-earlier period, which ended Sept. 30, the bakery chain lost $2 million."
    assert ("Sept. 30", "2023-09-30", "mdy") in found(nlp, text, date(2024, 11, 20))
    text = "The chain paid more than in the year-ago quarter, and it paid a dividend on Oct. 31."
    assert ("Oct. 31", "2024-10-31", "mdy") in found(nlp, text, date(2024, 11, 20))


def test_todays_things_of_the_present_age_are_no_date(nlp):
    assert found(nlp, "Today's computers are far faster than the old ones.") == []
    assert [t for t, _, _ in found(nlp, "Today's meeting was cut short.")] == ["Today"]


def test_a_plan_placed_from_its_report_reaches_the_archive(tmp_path):
    """Through ingest and Datasette's own client: the plan's day and the rule that placed it."""
    import asyncio

    import yaml
    from datasette.app import Datasette

    from .conftest import ROOT, run_cli, write

    write(tmp_path / "in", "dock.txt", "date 2024-03-16\n\nThe dockers said on Monday they would strike on Tuesday.\n")
    db = tmp_path / "archive.db"
    assert run_cli("ingest", tmp_path / "in", "--db", db, "-q", "--workers", "1").exit_code == 0
    ds = Datasette([str(db)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8")))
    rows = asyncio.run(ds.client.get("/archive/dates.json?_shape=array&text=Tuesday")).json()
    assert [(r["value"], r["rule"]) for r in rows] == [("2024-03-12", "weekday_after_report")]


def test_the_following_day_three_paragraphs_after_the_last_date_is_not_placed(nlp):
    text = ("The fair opened on Saturday.\n\nCrowds came.\n\nStalls sold out.\n\n"
            "You will feel terrible the following day if you eat it all.")
    assert [t for t, _, _ in found(nlp, text)] == ["Saturday"]
