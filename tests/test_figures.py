"""Figure extraction on invented sentences: values, units, hedges, and what is not a figure."""

from __future__ import annotations

import pytest

from newsfacts.ingest.extract import numbers as nb
from newsfacts.ingest.extract.figures import find_figures
from newsfacts.schema.article import Article


@pytest.fixture(scope="module")
def figs(parse):
    return lambda text: find_figures(parse(text), Article(text=text))


def one(figures, value):
    hits = [f for f in figures if abs(f.value - value) <= 0.005 * max(1, abs(value))]
    assert hits, f"no figure valued {value} in {[(f.text, f.value) for f in figures]}"
    return hits[0]


# --------------------------------------------------------------------- number reading

def test_words_value():
    assert nb.words_value(["twenty", "-", "five"]) == 25
    assert nb.words_value(["one", "hundred", "and", "six"]) == 106
    assert nb.words_value(["a", "million"]) == 1_000_000
    assert nb.words_value(["one", "five", "thousand"]) is None


def test_parse_digits():
    assert nb.parse_digits("2,000") == (2000.0, "")
    assert nb.parse_digits("3bn") == (3.0, "bn")
    assert nb.parse_digits("12.5%") == (12.5, "%")
    assert nb.parse_digits("abc") is None


# ------------------------------------------------------------------------ values

@pytest.mark.parametrize("text, value, unit", [
    ("The town hired 2,000 teachers last spring.", 2000, "teachers"),
    ("The index closed at 1.786 points.", 1.786, "points"),
    ("The region counts 816 000 residents.", 816000, "residents"),
    ("The plan will cost 1.2 billion over a decade.", 1.2e9, None),
    ("The firm paid $3bn for the mine.", 3e9, "USD"),
    ("The club spent £1.2m on the striker.", 1.2e6, "GBP"),
    ("The ticket cost €45 in the end.", 45, "EUR"),
    ("Sales reached US$58.24 per share.", 58.24, "USD"),
    ("A fine of 10.5 million Australian dollars was imposed.", 10.5e6, "AUD"),
    ("Twenty-five volunteers joined the search.", 25, "volunteers"),
    ("The fund raised a million pounds.", 1e6, "GBP"),
    ("The storm left tens of thousands without power.", 10000, None),
    ("The museum drew half a million visitors.", 500000, None),
    ("The car reaches 140 mph on the track.", 140, "mph"),
    ("The phone ships with 256GB of storage.", 256, "GB"),
    ("The bridge is 25k short of its budget.", 25000, None),
    ("They waited two and a half years for a verdict.", 2.5, "years"),
    ("Some 1m people watched the final.", 1e6, "people"),
    ("She won the 100m sprint easily.", 100, "m"),
    ("The 6ft 2in forward signed on Monday.", 2, "inches"),
    ("The bank cut rates by 25bps in June.", 25, "basis points"),
    ("He built a $400-million-a-year business.", 4e8, "USD"),
    ("The night fell to minus 5C in the hills.", -5, "degrees Celsius"),
    ("The deal is worth EUR 4.5m to the club.", 4.5e6, "EUR"),
    ("The bridge cost HK$3.5 billion to build.", 3.5e9, "HKD"),
    ("Some 63000 units were sold.", 63000, "units"),
    ("The town has 1.786 inhabitants.", 1786, "inhabitants"),
    ("The grant was 2.500.000 euros.", 2.5e6, "EUR"),
])
def test_values(figs, text, value, unit):
    f = one(figs(text), value)
    if unit is not None:
        assert f.unit == unit


@pytest.mark.parametrize("text, value", [
    ("Nearly two-thirds of the members voted yes.", 66.67),
    ("Half of the shops were closed.", 50),
    ("A quarter of the staff left.", 25),
    ("Three-quarters of the land is forest.", 75),
    ("Roughly 1/3 of the budget goes to schools.", 33.33),
])
def test_fractions_in_percent(figs, text, value):
    f = one(figs(text), value)
    assert f.unit == "percent"


@pytest.mark.parametrize("text, value, unit", [
    ("Turnout was 43.5% on the day.", 43.5, "percent"),
    ("Prices rose 3 percent in the quarter.", 3, "percent"),
    ("Unemployment fell to 4 per cent.", 4, "percent"),
    ("The rate climbed 0.4 percentage points.", 0.4, "percentage points"),
    ("Growth slowed to 1.2pc in the spring.", 1.2, "percent"),
])
def test_percent_spellings(figs, text, value, unit):
    assert one(figs(text), value).unit == unit


def test_range_ends_share_the_unit(figs):
    fs = figs("Rents rose 10-20% in the capital.")
    assert one(fs, 10).unit == "percent" and one(fs, 20).unit == "percent"
    fs = figs("The jobless rate went from 4.9 to 5 percent.")
    assert one(fs, 4.9).unit == "percent"
    fs = figs("Tickets cost between $62 and $68 each.")
    assert one(fs, 62).unit == "USD" and one(fs, 68).unit == "USD"
    fs = figs("The project will cost 2 to 3 billion euros.")
    assert one(fs, 2e9).unit == "EUR"


def test_change_keeps_its_number(figs):
    f = one(figs("Retail sales were down 0.4 percent in May."), 0.4)
    assert f.text == "0.4 percent"


@pytest.mark.parametrize("text, value", [
    ("Its revenue is twice that of its rival.", 2),
    ("The risk is nine times higher for smokers.", 9),
    ("Exports more than tripled over the period.", 3),
])
def test_ratios(figs, text, value):
    assert one(figs(text), value).unit == "times"


# ------------------------------------------------------------------------- hedges

@pytest.mark.parametrize("text, value, approx, span", [
    ("Police deployed around 2,000 officers downtown.", 2000, "around", "around 2,000 officers"),
    ("The fire destroyed more than 300 homes.", 300, "more than", "more than 300 homes"),
    ("At least 12 people were hurt.", 12, "at least", "At least 12 people"),
    ("The company may cut up to 500 jobs.", 500, "up to", "up to 500 jobs"),
    ("Some 40 ships waited outside the port.", 40, "some", "Some 40 ships"),
    ("It took roughly 18 months to build.", 18, "roughly", "roughly 18 months"),
    ("The bill is less than $5 for most users.", 5, "less than", "less than $5"),
    ("Nearly 9 percent of voters stayed home.", 9, "nearly", "Nearly 9 percent"),
])
def test_hedges(figs, text, value, approx, span):
    f = one(figs(text), value)
    assert f.approx == approx
    assert f.text == span
    assert text[f.start:f.end] == f.text


def test_measure_in_words_is_a_figure(figs):
    f = one(figs("He waited almost three hours at the border."), 3)
    assert f.unit == "hours" and f.approx == "almost"


def test_age_compound(figs):
    f = one(figs("The 48-year-old driver was arrested."), 48)
    assert f.text == "48-year-old"


# --------------------------------------------------------------------- not figures

@pytest.mark.parametrize("text", [
    "The law was passed in 2018 and amended in 2019.",
    "The 2018-19 season was a disaster for the club.",
    "The meeting starts at 9 a.m. on Tuesday.",
    "The talks ended on March 12 without a deal.",
    "She finished second in the 3rd round.",
    "The COVID-19 pandemic closed schools.",
    "Leaders of the G20 met in Osaka.",
    "He lives at 10 Downing Street.",
    "Call the hotline on 555-0134 for help.",
    "The rule is set out on page 5 of the report.",
    "The S&P 500 fell sharply on Friday.",
    "The new iPhone 11 has a better camera.",
    "The match ended 2-2 after extra time.",
    "He was doubling down on his claims.",
    "The court made a 5-4 decision on Monday.",
    "Prices were lower in the 90's than now.",
    "The Model 3 sedans sold well.",
    "Operators are rolling out 5G networks.",
    "The vote was held on 2021-12-13 in the capital.",
    "The letter is dated 12/13/2021 and signed.",
    "The law takes effect in 2020 rather than 2018.",
])
def test_not_figures(figs, text):
    assert figs(text) == []


def test_small_count_in_words_is_left_out(figs):
    assert figs("Three judges heard the case.") == []


def test_about_names_what_is_counted(figs):
    f = one(figs("The airline cancelled 56 flights because of the storm."), 56)
    assert f.about and "flights" in f.about


def test_no_break_space_keeps_the_unit(figs):
    text = "They were 100\u00a0percent sure and counted 816\u202f000 ballots."
    fs = figs(text)
    assert one(fs, 100).unit == "percent"
    f = one(fs, 816000)
    assert text[f.start:f.end] == f.text


def test_bare_number_closing_a_list_of_percentages(figs):
    fs = figs("Of the voters, 40 percent were young, 35 percent middle-aged and 25 older.")
    assert one(fs, 25).unit == "percent"


@pytest.mark.parametrize("text, value, span", [
    ("About one in five adults smoke.", 20, "About one in five"),
    ("Eight out of 10 doctors agree.", 80, "Eight out of 10"),
])
def test_proportions_in_percent(figs, text, value, span):
    fs = figs(text)
    f = one(fs, value)
    assert f.unit == "percent" and f.text == span
    assert len(fs) == 1


@pytest.mark.parametrize("text, value, span", [
    ("The siege lasted four-and-a-half years.", 4.5, "four-and-a-half years"),
    ("She raised two and a half million dollars.", 2_500_000, "two and a half million dollars"),
])
def test_and_a_half_spaced_or_hyphenated(figs, text, value, span):
    f = one(figs(text), value)
    assert f.text == span and f.unit != "percent"


def test_a_fraction_of_a_scale_is_an_amount(figs):
    f = one(figs("The fund needs a quarter of a million dollars."), 250_000)
    assert f.text == "a quarter of a million dollars" and f.unit == "USD"
    assert not [g for g in figs("The fund needs a quarter of a million dollars.") if g.unit == "percent"]


def test_about_after_more_is_a_preposition(figs):
    f = one(figs("Parents can learn more about 529 plans online."), 529)
    assert f.approx is None and f.text == "529 plans"
    assert one(figs("The ticket costs about 40 dollars."), 40).approx == "about"


def test_a_share_after_a_name_is_no_model_number(figs):
    got = figs("The poll shows Ortiz leading Brandt 47.3 percent to 44.4 percent.")
    assert one(got, 47.3).unit == "percent" and one(got, 44.4).unit == "percent"


def test_m_before_years_is_a_million(figs):
    assert one(figs("The fossils were laid down 220m years ago."), 220_000_000).unit == "years"
    assert one(figs("The tower stands 30m tall."), 30).unit == "m"


def test_list_and_rank_labels_are_not_figures(figs):
    text = "The ranking:\n\n1. Ann Lee (Last week: 3.)\n\n2. Bo Chan (1.)\n\nShe won 3 races."
    got = figs(text)
    assert [f.text for f in got] == ["3 races"]


def test_a_capital_article_before_a_dollar_is_no_currency_prefix(figs):
    assert one(figs("Senator Backs A $15 Minimum Wage."), 15).unit == "USD"
    assert one(figs("The ticket cost A$15 in Sydney."), 15).unit == "AUD"


def test_a_label_noun_opening_a_sentence_still_labels(figs):
    assert figs("Article 12 affirms: “Everyone may leave any country.”") == []
    assert one(figs("Article 12 gives 30 days to appeal."), 30).unit == "days"


def test_x_of_ten_is_a_share(figs):
    f = one(figs("Nearly eight of 10 shoppers pay by card."), 80)
    assert f.unit == "percent" and f.text == "Nearly eight of 10"
    assert one(figs("Three of 20 judges dissented."), 20).unit != "percent"


def test_plus_or_minus_is_a_margin_not_a_negative(figs):
    f = one(figs("The survey carries a margin of error of plus or minus 4 percentage points."), 4)
    assert f.text == "plus or minus 4 percentage points"
    assert one(figs("It fell to minus 5 degrees."), -5).text == "minus 5 degrees"


@pytest.mark.parametrize("text, value, span", [
    ("The bank raised its rate a quarter point.", 0.25, "a quarter point"),
    ("Yields fell half a point on Friday.", 0.5, "half a point"),
    ("The bank cut rates by three quarters of a percentage point.", 0.75,
     "three quarters of a percentage point"),
])
def test_a_fraction_of_a_point_is_in_percentage_points(figs, text, value, span):
    f = one(figs(text), value)
    assert f.text == span and f.unit == "percentage points"


def test_a_number_naming_a_mission_before_its_verb_is_no_figure(figs):
    assert figs("Voyager 2 reached Neptune.") == []
    assert one(figs("Jane Roe 44 has spent 200 days in orbit."), 44)


def test_a_clock_time_with_a_stray_space_is_no_figure(figs):
    assert figs("11: 06 a.m. The polls open.") == []


def test_a_counted_noun_is_not_sought_past_a_break(figs):
    f = one(figs("The blast left more than 20 wounded.--Ann Lee."), 20)
    assert f.text == "more than 20" and f.unit is None
    assert one(figs("It sent 20 U.S. troops."), 20).unit == "troops"


def test_two_shares_glued_by_a_dash(figs):
    text = "Voters backed the plan by about 58%-33%, the poll found."
    got = figs(text)
    assert [(f.text, f.value, f.unit) for f in got] == [("about 58%", 58, "percent"), ("33%", 33, "percent")]
    assert all(text[f.start:f.end] == f.text for f in got)
