"""Date extraction: finding expressions, resolving them against the publication date with the
tense of their clause, and the frames a text sets. Texts are invented for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsfacts.ingest.extract import dates
from newsfacts.ingest.extract.date_expressions import find_expressions
from newsfacts.ingest.extract.date_resolve import weekday_near
from newsfacts.schema.article import Article

MONDAY = date(2021, 12, 13)
FRIDAY = date(2021, 12, 17)


def found(nlp, text: str, published: date | None = MONDAY) -> list[tuple[str, str]]:
    article = Article(text=text, published=published)
    claims = dates.find_dates(nlp(text), article)
    for c in claims:
        assert article.text[c.start:c.end] == c.text
        assert not c.dateline
    return [(c.text, c.value) for c in claims]


def value_of(nlp, text: str, expr: str, published: date | None = MONDAY) -> str | None:
    values = [v for t, v in found(nlp, text, published) if t == expr]
    assert len(values) <= 1, values
    return values[0] if values else None


# --- weekdays and tense --------------------------------------------------------------------

def test_sunday_in_a_monday_article_is_the_day_before(nlp):
    assert value_of(nlp, "Voters went to the polls on Sunday in a quiet mood.", "Sunday") == "2021-12-12"


def test_the_weekday_of_publication_is_that_day(nlp):
    assert value_of(nlp, "The mayor said in a statement Monday that the count was over.", "Monday") == "2021-12-13"


def test_future_tense_moves_a_weekday_forward(nlp):
    assert value_of(nlp, "The council will vote on Friday on the budget.", "Friday") == "2021-12-17"
    assert value_of(nlp, "The council voted on Friday on the budget.", "Friday") == "2021-12-10"


def test_expected_to_and_scheduled_for_are_the_future(nlp):
    assert value_of(nlp, "The board is expected to decide on Thursday.", "Thursday") == "2021-12-16"
    assert value_of(nlp, "The trial is scheduled to open on Wednesday.", "Wednesday") == "2021-12-15"


def test_next_and_last_weekday_skip_the_day_itself(nlp):
    assert value_of(nlp, "Talks resume next Monday in the capital.", "next Monday") == "2021-12-20"
    assert value_of(nlp, "Talks collapsed last Monday in the capital.", "last Monday") == "2021-12-06"


def test_later_on_the_day_of_publication_is_that_day(nlp):
    text = "The president lands in Nairobi later on Friday and travels on to Addis Ababa on Sunday."
    got = dict(found(nlp, text, FRIDAY))
    assert got["Friday"] == "2021-12-17"
    assert got["Sunday"] == "2021-12-19"


def test_a_weekday_with_a_part_of_day_names_the_day(nlp):
    assert value_of(nlp, "Police arrived Wednesday morning, officials said.", "Wednesday") == "2021-12-08"


def test_possessive_weekday(nlp):
    assert value_of(nlp, "Turnout in Sunday’s referendum was low.", "Sunday") == "2021-12-12"


def test_weekday_arithmetic():
    assert weekday_near(MONDAY, 6, "before") == date(2021, 12, 12)
    assert weekday_near(MONDAY, 0, "before") == MONDAY
    assert weekday_near(MONDAY, 0, "after") == MONDAY
    assert weekday_near(MONDAY, 0, "strictly_after") == date(2021, 12, 20)
    assert weekday_near(MONDAY, 3, "nearest") == date(2021, 12, 16)


# --- days, weeks, months and years relative to publication ----------------------------------

def test_yesterday_today_tomorrow(nlp):
    got = dict(found(nlp, "Yesterday it rained. Today it is dry. Tomorrow it will snow."))
    assert got == {"Yesterday": "2021-12-12", "Today": "2021-12-13", "Tomorrow": "2021-12-14"}


def test_relative_units(nlp):
    text = ("Prices rose last week and fell last month. They will rise again next month. "
            "Exports grew last year and are flat this year. Rents doubled nine months ago "
            "and a year ago they were lower.")
    got = dict(found(nlp, text))
    assert got["last week"] == "2021-12"
    assert got["last month"] == "2021-11"
    assert got["next month"] == "2022-01"
    assert got["last year"] == "2020"
    assert got["this year"] == "2021"
    assert got["nine months ago"] == "2021-03"
    assert got["a year ago"] == "2020"


def test_modifiers_stay_in_the_extent(nlp):
    got = dict(found(nlp, "The plant opened earlier this year and will close at the end of 2023."))
    assert got["earlier this year"] == "2021"
    assert got["the end of 2023"] == "2023"


def test_month_without_year_looks_back_unless_future(nlp):
    assert value_of(nlp, "Infections surged in September across the island.", "September") == "2021-09"
    assert value_of(nlp, "The hearing will take place in February.", "February") == "2022-02"
    assert value_of(nlp, "It remains below the March peak.", "March") == "2021-03"


def test_a_month_on_a_present_tense_verb_is_the_nearer_one(nlp):
    # in a December 2021 article
    assert value_of(nlp, "The new law takes effect in January.", "January") == "2022-01"
    assert value_of(nlp, "Unemployment stands at 5 percent in October.", "October") == "2021-10"


def test_last_month_name(nlp):
    assert value_of(nlp, "The dam burst last April after heavy rain.", "last April") == "2021-04"


def test_a_year_earlier_counts_from_the_date_just_given(nlp):
    text = "Sales reached a record in 2019, up from a year earlier. The previous year they fell."
    got = dict(found(nlp, text))
    assert got["2019"] == "2019"
    assert got["a year earlier"] == "2018"
    assert got["The previous year"] == "2017"


# --- absolute dates ------------------------------------------------------------------------

def test_newsroom_forms(nlp):
    text = ("The vote was held on Dec. 12, 2021. Results were certified on 14 December 2021 and "
            "filed as 2021-12-15. The first poll was in September 2019, and another in 2018.")
    got = dict(found(nlp, text))
    assert got["Dec. 12, 2021"] == "2021-12-12"
    assert got["14 December 2021"] == "2021-12-14"
    assert got["2021-12-15"] == "2021-12-15"
    assert got["September 2019"] == "2019-09"
    assert got["2018"] == "2018"


def test_a_range_of_years_is_two_dates(nlp):
    got = found(nlp, "Output doubled over the 2008–2016 period.")
    assert got == [("2008", "2008"), ("2016", "2016")]


def test_month_and_day_without_year(nlp):
    assert value_of(nlp, "The law was signed on March 6 by the governor.", "March 6") == "2021-03-06"
    assert value_of(nlp, "The dividend is payable Jan. 15 to holders.", "Jan. 15") == "2022-01-15"


def test_a_weekday_with_the_date_picks_the_year(nlp):
    # 1 May 2021 was a Saturday; in a December 2021 article a past-tense `Saturday, May 1` is it,
    # and `Sunday, May 1` can only be 2022
    assert value_of(nlp, "The match was played on Saturday, May 1.", "Saturday, May 1") == "2021-05-01"
    assert value_of(nlp, "The final is on Sunday, May 1.", "Sunday, May 1") == "2022-05-01"


def test_precision(nlp):
    article = Article(text="Turnout fell in 2018, in May 2019 and on June 3, 2020.", published=MONDAY)
    claims = dates.find_dates(nlp(article.text), article)
    assert [c.precision for c in claims] == ["year", "month", "day"]


# --- what is not a date ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "She took out a 30-year mortgage.",
    "The strike lasted for three weeks.",
    "Prices are high now and have risen recently.",
    "May I ask a question, said the reporter.",
    "Theresa May met the ministers.",
    "The plant employs 1500 workers.",
    "The truce took hold at 1800 GMT.",
    "He filed a Section 1983 claim.",
    "He reads USA Today every morning.",
    "The company sold 2,018 cars.",
    "The shop opens every Monday and on Fridays.",
    "Crowds gathered on Good Friday.",
    "Rents have soared since the 1990's.",
    "She appeared on \u201cFox News Sunday,\u201d the network said.",
    "Prices fell the following Monday, analysts said.",
    "The team hosts the 2017/18 awards.",
])
def test_not_dates(nlp, text):
    assert found(nlp, text) == []


def test_a_plan_made_in_the_past_looks_either_way(nlp):
    # the future of a past event: the nearer September, not always the one ahead
    text = "He was due to be released in September, but a judge ruled otherwise."
    assert value_of(nlp, text, "September", published=date(2021, 11, 19)) == "2021-09"
    text = "In June the firm agreed to buy the plant in February."
    assert value_of(nlp, text, "February", published=date(2021, 11, 19)) == "2022-02"


def test_what_is_called_for_a_day_lies_ahead(nlp):
    text = "A general strike has been called for Thursday by the unions."
    assert value_of(nlp, text, "Thursday") == "2021-12-16"


def test_a_weekday_on_a_present_tense_verb_is_a_schedule(nlp):
    text = "The two ministers hold talks Monday in Geneva."
    assert value_of(nlp, text, "Monday", published=FRIDAY) == "2021-12-20"
    wednesday = date(2021, 12, 15)
    assert value_of(nlp, "Voters head to the polls on Sunday.", "Sunday", published=wednesday) == "2021-12-19"
    # `hit` may be past as well: the nearer Friday
    assert value_of(nlp, "Oil prices hit a record on Friday.", "Friday") == "2021-12-10"


def test_anaphoric_days_count_from_the_day_given(nlp):
    text = "The bomb exploded on Dec. 3. The next day, police arrested two men."
    assert value_of(nlp, text, "The next day") == "2021-12-04"
    text = "Turnout on Friday, Dec. 10, was higher than on the previous Friday."
    assert value_of(nlp, text, "the previous Friday") == "2021-12-03"


# --- frames the text sets ----------------------------------------------------------------------

def test_a_year_in_the_same_clause_frames_a_month(nlp):
    text = "The reform was introduced in September 1999, after the minister resigned in May."
    assert value_of(nlp, text, "May") == "1999-05"


def test_the_year_is_the_year_its_sentence_gives(nlp):
    text = "The economy grew 2 percent in 2020, figures showed, though it slowed at the end of the year."
    assert value_of(nlp, text, "the end of the year") == "2020"
    assert value_of(nlp, "Profit for the year rose 5 percent.", "the year") == "2021"


def test_that_year_frames_a_month(nlp):
    text = "A similar law was repealed in 2003; that year, the minister resigned in July."
    got = dict(found(nlp, text))
    assert got["that year"] == "2003"
    assert got["July"] == "2003-07"


def test_a_month_joined_to_a_dated_month_shares_its_year(nlp):
    got = dict(found(nlp, "Prices rose between May and July 2019, then fell."))
    assert got == {"May": "2019-05", "July 2019": "2019-07"}


def test_a_story_about_the_past_frames_its_months(nlp):
    text = ("Newly released papers from 1988 show the cabinet was divided.\n\n"
            "The minister wrote in 1988 that the plan was rushed.\n\n"
            "In April he asked for a delay, the files show.")
    assert value_of(nlp, text, "April", published=date(2018, 12, 30)) == "1988-04"


def test_without_a_publication_date_only_absolute_dates(nlp):
    text = "The treaty was signed on Sunday. It took effect on March 3, 2019, and lapsed in 2021."
    got = dict(found(nlp, text, published=None))
    assert "Sunday" not in got
    assert got["March 3, 2019"] == "2019-03-03"
    assert got["2021"] == "2021"


def test_without_a_publication_date_a_month_takes_the_last_year_given(nlp):
    text = "The mill closed in 2019 after a fire. In May it reopened under new owners."
    assert value_of(nlp, text, "May", published=None) == "2019-05"


def test_news_of_the_day_has_no_narrative_year(nlp):
    text = ("The 1988 files were opened last year.\n\nThe files from 1988 describe a row.\n\n"
            "In April the archive closed.")
    assert value_of(nlp, text, "April", published=date(2018, 12, 30)) == "2018-04"


def test_expressions_are_found_in_text_order():
    exprs = find_expressions("On Friday, Oct. 13, and again in 1999 and last year.")
    assert [e.text for e in exprs] == ["Friday, Oct. 13", "1999", "last year"]


def test_a_day_just_gone_by_in_a_future_sentence(nlp):
    late = date(2019, 12, 30)
    text = "She will leave the council, a decision she announced on Dec. 19, ahead of the deadline on Dec. 20."
    assert value_of(nlp, text, "Dec. 20", published=late) == "2019-12-20"
    assert value_of(nlp, "The new rules will take effect on Jan. 6.", "Jan. 6", published=late) == "2020-01-06"


def test_compound_number_words_before_ago(nlp):
    assert value_of(nlp, "Seventy-four years ago, the bridge was opened.", "Seventy-four years ago") == "1947"
    assert "four years ago" not in dict(found(nlp, "Seventy-four years ago, the bridge was opened."))


def test_weekday_in_apposition_to_a_date_is_that_date(nlp):
    text = "The staff learned of it on Dec. 8, a Wednesday, from a memo."
    assert value_of(nlp, text, "Wednesday", published=date(2021, 12, 30)) == "2021-12-08"


def test_weekday_as_subject_of_a_present_verb_is_the_nearer_one(nlp):
    assert value_of(nlp, "Saturday is the tenth anniversary of the law.", "Saturday",
                    published=FRIDAY) == "2021-12-18"
    assert value_of(nlp, "Saturday was the tenth anniversary of the law.", "Saturday",
                    published=FRIDAY) == "2021-12-11"


def test_an_indefinite_weekday_names_no_day(nlp):
    assert found(nlp, "Drop by the club on a random Tuesday and it is full.") == [] or \
        "Tuesday" not in dict(found(nlp, "Drop by the club on a random Tuesday and it is full."))


def test_a_month_owned_by_a_possessive_is_a_name(nlp):
    assert "March" not in dict(found(nlp, "Thousands joined another Farmers' March."))
    assert value_of(nlp, "The firm's March sales rose.", "March") == "2021-03"


def test_an_auxiliary_from_the_paragraph_before_does_not_set_the_tense(nlp):
    text = ("“He has refused to apologize. He really should.”\n\nDean, a former party chairman, "
            "poked at the senator during the Monday night debate, tweeting a question.")
    assert value_of(nlp, text, "Monday", published=date(2016, 9, 28)) == "2016-09-26"


def _full_scan(text: str):
    """Every pattern over the whole text: what the gated scan must reproduce exactly."""
    from dataclasses import replace

    from newsfacts.ingest.extract import date_expressions as de
    found = []
    for name, pattern, build in de.PATTERNS:
        for m in pattern.finditer(text):
            e = build(m)
            found.extend(de._trim(replace(x, rule=name)) for x in (e if isinstance(e, list) else [e] if e else []))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept = []
    for e in found:
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
    return kept


@pytest.mark.parametrize("text", [
    "“We meet tomorrow,” she said (on Friday). Was it late March 2019? Yes — the end of 1999!",
    "He left “early April” and came back the following day; two years ago it was [Sept. 3, 2001].",
    "The year-end figures (fiscal 1989) beat the third quarter of 1990 — nineteen ninety-six…",
    "Prices rose in the 2008-2016 period, a year earlier than forecast, for the year…\n\nMarch\n2016",
])
def test_gated_scan_equals_a_full_scan(text):
    assert find_expressions(text) == _full_scan(text)


def test_a_month_of_that_year_takes_the_year_the_text_gave(nlp):
    text = "The mill opened in 1987. It shut in early June of that year and reopened in March of the following year."
    got = dict(found(nlp, text))
    assert got["early June of that year"] == "1987-06"
    assert got["March of the following year"] == "1988-03"
    assert "that year" not in got


def test_an_ordinal_weekday_is_a_rule_not_a_date(nlp):
    text = "The fair, held on the second Tuesday in May, opened on Friday."
    got = dict(found(nlp, text))
    assert "Tuesday" not in got and got["Friday"] == "2021-12-10"


def test_the_last_unit_as_a_stretch_of_time_is_no_date(nlp):
    assert found(nlp, "He signed it in the last year of his term.") == []
    assert value_of(nlp, "She moved here last year.", "last year") == "2020"


def test_a_clause_of_comparison_keeps_its_present(nlp):
    text = "The party will win Ohio, as Tuesday's results suggest."
    assert value_of(nlp, text, "Tuesday", published=date(2016, 3, 16)) == "2016-03-15"
    text = "He will become the first leader to speak there when he travels on Sunday."
    assert value_of(nlp, text, "Sunday", published=date(2016, 3, 16)) == "2016-03-20"


def test_do_support_is_no_future(nlp):
    text = "He said the team doesn't want that, in an interview on Sunday."
    assert value_of(nlp, text, "Sunday", published=date(2016, 2, 8)) == "2016-02-07"
    assert value_of(nlp, "The vote is set for Friday.", "Friday", published=date(2016, 2, 8)) == "2016-02-12"


def test_would_under_a_past_speech_verb_may_lie_either_side(nlp):
    wed = date(2016, 6, 15)
    assert value_of(nlp, "Two cities said they would light landmarks in rainbow colors on Monday night.",
                    "Monday", published=wed) == "2016-06-13"
    assert value_of(nlp, "Officials said the bridge would reopen on Friday.", "Friday", published=wed) == "2016-06-17"


def test_a_range_of_days_in_one_month_gives_both_days(nlp):
    got = found(nlp, "The survey ran September 16-19, 2016, online.")
    assert got == [("September 16", "2016-09-16"), ("19, 2016", "2016-09-19")]
    got = dict(found(nlp, "The poll was taken Nov. 6 to 10 by phone."))
    assert got == {"Nov. 6": "2021-11-06", "10": "2021-11-10"}
    assert "20" not in dict(found(nlp, "Prices rose from Jan. 6 to 20 percent."))
