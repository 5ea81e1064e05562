"""Figure classes from issue 12, each on a sentence of our own: currency codes and letters
glued before the digits, unit symbols and abbreviations, scales glued to numbers, negatives,
poll points, and the numbers that are names, list labels or years rather than figures."""

from __future__ import annotations

import pytest

from newsfacts.ingest.extract.figure_names import NAME_RULES
from newsfacts.ingest.extract.figures import NOT_FIGURES, find_figures
from newsfacts.schema.article import Article


@pytest.fixture(scope="module")
def figs(parse):
    return lambda text: find_figures(parse(text), Article(text=text))


@pytest.mark.parametrize("text, figure, value, unit", [
    # currency codes and letters before the digits
    ("The utility raised USD25m from the bond sale.", "USD25m", 25e6, "USD"),
    ("The club agreed a EUR40m fee for the striker.", "EUR40m", 40e6, "EUR"),
    ("The miner lost AUD2.5m in the quarter.", "AUD2.5m", 2.5e6, "AUD"),
    ("The state set aside INR2 trillion for roads.", "INR2 trillion", 2e12, "INR"),
    ("The farm was sold for A$3.2 million.", "A$3.2 million", 3.2e6, "AUD"),
    ("The tower cost S$400 million.", "S$400 million", 4e8, "SGD"),
    ("Tickets cost HK$500 each.", "HK$500", 500, "HKD"),
    ("The loan was C$75 million.", "C$75 million", 75e6, "CAD"),
    ("The grant was NZ$12 million.", "NZ$12 million", 12e6, "NZD"),
    # unit symbols and abbreviations; a number in parentheses after a unit
    ("The grid in the valley hums at 50 Hz.", "50 Hz", 50, "Hz"),
    ("The new panel delivers 400 kW at peak.", "400 kW", 400, "kW"),
    ("It was 95°F in the shade by noon.", "95°F", 95, "degrees Fahrenheit"),
    ("The gauge read 35 degF before dawn.", "35 degF", 35, "degrees Fahrenheit"),
    ("The flat measures 85 m2 in all.", "85 m2", 85, "square metres"),
    ("The garden covers 40 sq ft behind the house.", "40 sq ft", 40, "square feet"),
    ("The garden wall is 12 ft high.", "12 ft", 12, "feet"),
    ("The old screen is 65″ across.", "65″", 65, "inches"),
    ("The boat is 12 metres (40ft) long.", "40ft", 40, "feet"),
    # scales glued to numbers
    ("The ship carried 3.5m tons of grain.", "3.5m tons", 3.5e6, "tons"),
    ("The start-up earned 4M in profit last year.", "4M", 4e6, None),
    ("The insurer lost 2B dollars in the storm.", "2B dollars", 2e9, "USD"),
    ("The fund lost 3 mil over the summer.", "3 mil", 3e6, None),
    # negatives
    ("Temperatures fell to minus 40 degrees overnight.", "minus 40 degrees", -40, "degrees"),
    ("Output shrank -0.3% in the spring.", "-0.3%", -0.3, "percent"),
    ("The budget showed $-12.5bn for the period.", "$-12.5bn", -12.5e9, "USD"),
    # poll points are percentage points; index and game points are not; minor units as written
    ("The senator holds a 6-point lead in the latest poll.", "6-point", 6, "percentage points"),
    ("The survey has a margin of error of 3.5 points.", "3.5 points", 3.5, "percentage points"),
    ("The index fell 150 points on the news.", "150 points", 150, "points"),
    ("The guard scored 30 points in the game.", "30 points", 30, "points"),
    ("Earnings came to 35 cents a share.", "35 cents", 35, "cents"),
    ("A first-class stamp costs 85p at the counter.", "85p", 85, "pence"),
])
def test_figure_classes(figs, text, figure, value, unit):
    found = [(f.text, f.value, f.unit) for f in figs(text)]
    hits = [f for f in found if f[0] == figure]
    assert hits, found
    assert hits[0][1] == pytest.approx(value)
    assert hits[0][2] == unit


@pytest.mark.parametrize("text, left_out", [
    ("The firm sold the X200 model and the 737 Max to the airline.", ["200", "737"]),
    ("The Nasdaq 100 rose while the FTSE 250 fell.", ["100", "250"]),
    ("Officers from the 75th precinct patrol Route 66 and Precinct 9.", ["75", "66", "9"]),
    ("Call 911 or 999, or dial 112 in Europe.", ["911", "999", "112"]),
    ("Neighbours made several 911 calls that night.", ["911"]),
    ("The plant will run until at least 2030, its owner said.", ["2030"]),
    ("1. The first point is the cost.\n\n2. The second point is the delay.", ["1", "2"]),
    ("1) The race is close.\n2) The count is slow.", ["1", "2"]),
])
def test_numbers_that_are_no_figures(figs, text, left_out):
    found = [f.text for f in figs(text)]
    assert not any(any(n in t for n in left_out) for t in found), found


def test_a_count_after_a_dial_verb_stays(figs):
    f = figs("She called 40 people before noon.")
    assert [(x.text, x.value) for x in f] == [("40 people", 40)]


def test_a_count_after_a_hedge_is_no_year(figs):
    f = figs("The firm hired about 2000 workers in the town.")
    assert [(x.text, x.value) for x in f] == [("about 2000 workers", 2000)]


def test_the_rule_tables_name_each_rule_once():
    for table in (NAME_RULES, NOT_FIGURES):
        names = [name for name, _ in table]
        assert len(names) == len(set(names)) and all(names)


@pytest.mark.parametrize("text, left_out", [
    # stock indexes and ranked lists named with a number, in any case
    ("The sp 500 lost 1.2% and the ftse 100 gained 0.3%.", ["500", "100"]),
    ("The study found that 41 Fortune 500 companies paid no tax.", ["500"]),
    # a mark after a name opening a paragraph (player ratings)
    ("Rui Costa: 7 Ran the midfield all night.\n\nTomas Varga: 5\nStruggled early.", ["7", "5"]),
])
def test_more_numbers_that_are_names_or_marks(figs, text, left_out):
    found = [f.text for f in figs(text)]
    assert not any(any(n == t.split()[0] for n in left_out) for t in found), found


def test_counts_next_to_names_stay(figs):
    assert [f.text for f in figs("He made a fortune 20 years ago.")] == ["20 years"]
    assert [f.text for f in figs("The study found that 41 Fortune 500 companies paid no tax.")] == [
        "41 Fortune 500 companies"]
    assert [(f.text, f.value) for f in figs("Lena Ruiz: 4 of the 11 starters were hurt.")][:1] == [("4", 4)]


def test_a_count_of_labelled_models_is_a_figure(figs):
    found = [(f.text, f.value) for f in figs("Dealers sold 8400 Model X cars in May, and 3100 Model S cars.")]
    assert [v for _, v in found] == [8400, 3100], found


def test_the_second_of_two_changes_told_alike_shares_the_percent(figs):
    found = [(f.text, f.unit) for f in figs("Milan's index rose by 3 percent but the Ibex fell by 2.")]
    assert found == [("3 percent", "percent"), ("2", "percent")]
    # not a count after a different preposition
    found = [(f.text, f.unit) for f in figs("Turnout rose by 3 percent but 2 of the polling stations shut.")]
    assert found[1][1] != "percent", found


@pytest.mark.parametrize("text, left_out", [
    # labels and references, not counts
    ("The list opens here.\n\n6\n\nMara asked why the vote was late.", "6"),
    ("Polls gave her a lead of 3 to 7 points. [12]", "12"),
    ("The pastor read Romans 8:3-9 to the crowd.", "9"),
])
def test_labels_and_references_are_no_figures(figs, text, left_out):
    assert left_out not in [f.text for f in figs(text)]


def test_numbers_listed_before_a_percentage_share_it(figs):
    found = [(f.text, f.unit) for f in figs("Turnout was 61, 64 and 70 percent in the three towns.")]
    assert found == [("61", "percent"), ("64", "percent"), ("70 percent", "percent")]
    found = [(f.text, f.unit) for f in figs("She keeps 3 dogs, 2 cats and 40 percent of the shares.")]
    assert found == [("3 dogs", "dogs"), ("2 cats", "cats"), ("40 percent", "percent")]


def test_a_bare_margin_of_error_is_in_percentage_points(figs):
    found = [(f.text, f.unit) for f in figs("Its margin of error ranges between +/- 2.2 and 3.6, the firm said.")]
    assert found == [("2.2", "percentage points"), ("3.6", "percentage points")]
    found = [(f.text, f.unit) for f in figs("The margin of error is plus or minus 2.7 for the full sample.")]
    assert found == [("plus or minus 2.7", "percentage points")]
    found = [(f.text, f.unit) for f in figs("The margin of error was wide, and 12 people refused to answer.")]
    assert found == [("12 people", "people")]
