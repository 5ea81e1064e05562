"""Indirect quotes, rule by rule (`indirect.CONTENT_RULES`), on invented sentences."""

from __future__ import annotations

import pytest

from newsfacts.schema.article import Article


@pytest.fixture(scope="module")
def quotes_of(parse):
    """Every quote the extractor finds in a text, direct, partial and indirect."""
    from newsfacts.ingest.extract.quotes import find_quotes

    return lambda text: find_quotes(parse(text), Article(text=text))[0]


@pytest.fixture(scope="module")
def indirect(quotes_of):
    def run(text):
        return [(q.text, q.rule, q.speaker.name if q.speaker else None) for q in quotes_of(text) if q.kind == "indirect"]
    return run


def test_a_participle_speech_verb_after_a_comma_is_an_attribution_of_its_own(indirect):
    got = indirect("Mark Delaney said the ferry would keep running, arguing that the islands depend on it.")
    texts = [t for t, _, _ in got]
    assert "the ferry would keep running" in texts
    assert not any("arguing" in t for t in texts)


def test_a_semicolon_closes_the_claim(indirect):
    got = indirect("Mark Delaney said the dues were never meant to rise; the board changed its mind later.")
    assert [t for t, _, _ in got] == ["the dues were never meant to rise"]


def test_a_tag_set_off_by_commas_takes_the_sentence_on_both_sides(indirect):
    got = indirect("The old quay was a busy place, Mark Delaney said, until the storm of last winter closed it.")
    assert [(t, rule) for t, rule, _ in got] == [
        ("The old quay was a busy place, Mark Delaney said, until the storm of last winter closed it",
         "parenthetical_tag")]


def test_an_opening_phrase_before_the_tag_is_no_claim(indirect):
    got = indirect("In a long statement, Mark Delaney said the ferry would keep running.")
    assert [(t, rule) for t, rule, _ in got] == [("the ferry would keep running", "content_clause")]


def test_a_direct_quote_is_not_reported_again_as_an_indirect_one(indirect):
    text = "As for the dues, Mark Delaney said, “Nobody likes paying them, and nobody ever will.”"
    assert indirect(text) == []


def test_a_tag_set_off_by_commas_keeps_a_partial_quote_after_it(indirect):
    text = "The board had not, Mark Delaney added, been moved “by the long speeches” at the hearing."
    assert [(t, rule) for t, rule, _ in indirect(text)] == [
        ("The board had not, Mark Delaney added, been moved “by the long speeches” at the hearing",
         "parenthetical_tag")]


# sentences that report nothing, each with why: (id, sentence)
NOTHING_REPORTED = [
    ("an attack is no speech", "Mark Delaney attacked the harbour board in a late-night post."),
    ("a place after a speech verb", "Mark Delaney called into the harbour radio show on Tuesday morning."),
    # reported speech without a content clause (optional at most by the guidelines)
    ("called for", "Mark Delaney called for a ban on night fishing in the bay."),
    ("vowed to", "Mark Delaney vowed to keep the ferry running through the winter."),
    ("urged to", "Mark Delaney urged the harbour board to delay the vote until spring."),
    ("accused of", "Mark Delaney accused the harbour board of hiding the cost of the new quay."),
    ("announced a plan", "Mark Delaney announced a plan to rebuild the old quay."),
    ("we and you are the writer", "We assume the ferry will keep running. You think the board must be wrong."),
    # speech refused or denied
    ("declined to say", "Mark Delaney declined to say whether the ferry would run."),
    ("refused to tell", "Mark Delaney refused to tell reporters if the quay would close."),
    ("did not say", "Mark Delaney did not say whether the ferry would run in winter."),
    # asides opened by `as` that report nothing
    ("as: a time", "As she told the story of the storm, the lights in the hall went out."),
    ("as: says something of its own", "The new quay opened in May, just as the harbour board said it would."),
    ("as: no one speaks", "So far the board has not answered or, as might be expected from Mark Delaney, made an offer."),
    ("as: talking without content", "As Mark Delaney spoke, the crowd on the quay cheered."),
    # claim nouns
    ("answering a claim nobody here made", "Lina Ortiz rejected the claim that she had misled the council."),
    ("a relative clause, no content", "The report that Mark Delaney wrote last winter was long."),
]


@pytest.mark.parametrize("text", [t for _, t in NOTHING_REPORTED], ids=[i for i, _ in NOTHING_REPORTED])
def test_a_sentence_that_reports_nothing_gives_no_indirect_quote(indirect, text):
    assert indirect(text) == []


def test_a_content_clause_after_an_intent_is_still_reported(indirect):
    got = indirect("Mark Delaney vowed to fight on and said the ferry would keep running all winter.")
    assert [(t, rule) for t, rule, _ in got] == [("the ferry would keep running all winter", "content_clause")]


def test_a_quote_inside_an_intent_is_its_sources(quotes_of):
    quotes = quotes_of("Mark Delaney accused the harbour board of being “reckless with public money” at the hearing.")
    assert [(q.text, q.kind, q.speaker.name) for q in quotes] == [("reckless with public money", "partial", "Mark Delaney")]


def test_the_speakers_own_description_is_no_claim(indirect):
    got = indirect("“We will keep the ferry running,” said Mark Delaney, the harbour master, half smiling.")
    assert not any(t.startswith("Mark Delaney") for t, _, _ in got)


def test_a_view_denied_is_still_the_sources_view(indirect):
    got = indirect("Mark Delaney does not think the ferry will survive another winter.")
    assert [(t, s) for t, _, s in got] == [("the ferry will survive another winter", "Mark Delaney")]


@pytest.mark.parametrize("text, claim, speaker", [
    ("As several harbour engineers have pointed out, the old pier cannot carry the new cranes.",
     "the old pier cannot carry the new cranes", "several harbour engineers"),
    ("The new quay will open in May, as the harbour board said last week.", "The new quay will open in May", "harbour board"),
    ("As Mark Delaney told reporters, the ferry will keep running.", "the ferry will keep running", "Mark Delaney"),
])
def test_an_aside_opened_by_as_reports_the_clause_it_is_set_into(indirect, text, claim, speaker):
    assert indirect(text) == [(claim, "as_aside", speaker)]


@pytest.mark.parametrize("text, claim, speaker", [
    ("The dockers' union voiced fears that the plant would close by spring.", "the plant would close by spring", "The dockers' union"),
    ("Residents of Vestby have expressed concern that the old dam could fail.", "the old dam could fail", "Residents of Vestby"),
    ("The board ignored warnings from the auditor that the fund was empty.", "the fund was empty", "the auditor"),
    ("Lina Ortiz's insistence that the budget is balanced puzzled the council.", "the budget is balanced", "Lina Ortiz"),
    ("The Harbour Trust repeated its warning that the quay would close.", "the quay would close", "Harbour Trust"),
])
def test_a_nouns_content_clause_is_its_holders_claim(indirect, text, claim, speaker):
    assert indirect(text) == [(claim, "claim_noun", speaker)]


def test_a_quote_inside_a_nouns_content_clause_is_the_holders(quotes_of):
    quotes = quotes_of("Lina Ortiz repeated her claim that the harbour fund had been “bled dry by the old board” in March.")
    assert [(q.text, q.kind, q.speaker.name) for q in quotes if q.kind == "partial"] == [
        ("bled dry by the old board", "partial", "Lina Ortiz")]


def test_the_new_rules_name_themselves_in_the_archive(tmp_path):
    """Through ingest and Datasette's own client: each indirect quote with the rule that found it."""
    import asyncio

    import yaml
    from datasette.app import Datasette

    from .conftest import ROOT, run_cli, write

    write(tmp_path / "in", "quay.txt", "date 2024-03-16\n\nAs the harbour engineers have pointed out, the old pier "
          "cannot carry the new cranes.\n\nThe dockers' union voiced fears that the plant would close by spring.\n")
    db = tmp_path / "archive.db"
    assert run_cli("ingest", tmp_path / "in", "--db", db, "-q", "--workers", "1").exit_code == 0
    ds = Datasette([str(db)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8")))
    rows = asyncio.run(ds.client.get("/archive/quotes.json?_shape=array&kind=indirect&_sort=start")).json()
    assert [(r["text"], r["rule"], r["mention"]) for r in rows] == [
        ("the old pier cannot carry the new cranes", "as_aside", "the harbour engineers"),
        ("the plant would close by spring", "claim_noun", "The dockers' union")]


@pytest.mark.parametrize("text, claims", [
    # the clause after the tag hangs on the tag's verb: still the source's
    ("The old rope works ran day and night, Tom Ledger said, until the river flooded it in 1998.",
     [("The old rope works ran day and night, Tom Ledger said, until the river flooded it in 1998", "parenthetical_tag")]),
    # a colon sets a second clause of what was said after the first
    ("Ana Rusk said the harbour is at a turning point: rents are rising and the ferries are full.",
     [("the harbour is at a turning point: rents are rising and the ferries are full", "content_clause")]),
])
def test_a_claim_runs_on_past_a_tag_or_a_colon(indirect, text, claims):
    assert [(t, rule) for t, rule, _ in indirect(text)] == claims


def test_a_relative_clause_after_a_comma_closes_the_claim_however_deep_its_pronoun(indirect):
    got = indirect("Ana Rusk said the photos do not show whether the boat had lights, which she said were broken.")
    assert [t for t, _, _ in got] == ["the photos do not show whether the boat had lights"]


@pytest.mark.parametrize("text, claims", [
    # `and said` without a subject of its own: a second attribution, by the subject it shares
    ("Ana Rusk says Tom Ledger promised to keep the ferry running and said he would fight the board.",
     [("Tom Ledger promised to keep the ferry running", "Ana Rusk"), ("he would fight the board", "Tom Ledger")]),
    # `would close ... and suggested`: a finite verb shares no `would`, so it is `said`'s conjunct
    ("Lina Ortiz said on Monday that the harbour board would close the quay by May and suggested that it "
     "would sell the old pier.",
     [("the harbour board would close the quay by May", "Lina Ortiz"), ("it would sell the old pier", "Lina Ortiz")]),
])
def test_a_conjoined_speech_verb_starts_a_claim_of_its_own(indirect, text, claims):
    assert [(t, s) for t, _, s in indirect(text)] == claims


@pytest.mark.parametrize("text, claim", [
    ("Tarin Holloway hoped the ferry would run again by June.", "the ferry would run again by June"),
    ("Tarin Holloway hopes that the quay will reopen.", "the quay will reopen"),
])
def test_a_hope_is_reported_however_the_lemmatizer_reads_hoped(indirect, text, claim):
    """spaCy's rule lemmatizer reads `hoped` and `hopes` as forms of `hop` (words/verb_lemmas.txt)."""
    assert [(t, s) for t, _, s in indirect(text)] == [(claim, "Tarin Holloway")]


@pytest.mark.parametrize("text, claim, speaker", [
    ("Several of the tenants said the heating had failed again.", "the heating had failed again", "Several of the tenants"),
    ("Most of the members believe the lodge will close.", "the lodge will close", "Most of the members"),
    ("Many say the ferry is too slow for the island.", "the ferry is too slow for the island", "Many"),
    ("Locals were angry at the council, many of whom say the ferry is too slow.", "the ferry is too slow", "many of whom"),
])
def test_a_quantifier_the_tagger_makes_an_adjective_is_a_source(indirect, text, claim, speaker):
    """`Many`, `Several of ...`, `Most of ...` as a speech verb's subject: a share of people speaks."""
    assert indirect(text) == [(claim, "content_clause", speaker)]


def test_a_clause_filed_as_adverbial_after_a_speech_verb_is_what_was_said(indirect):
    got = indirect("Lina Ortiz said after the hearing she would appeal the ruling.")
    assert got == [("she would appeal the ruling", "misfiled_clause", "Lina Ortiz")]


@pytest.mark.parametrize("text", [
    "Lina Ortiz said because the ferry was late, the crowd left the quay.",
    "Lina Ortiz spoke at the hall while the crowd waited outside in the rain.",
])
def test_a_true_adverbial_clause_after_a_speech_verb_is_no_claim(indirect, text):
    assert not any(rule == "misfiled_clause" for _, rule, _ in indirect(text))


def test_a_speech_verb_the_tagger_makes_a_noun_still_reports_its_clause(indirect, parse):
    text = ("Secrecy is not a stranger when it comes to the port's accounts, "
            "the harbour board's former auditor maintains.")
    assert [t.pos_ for t in parse(text) if t.lower_ == "maintains"] == ["NOUN"]  # the slip this rule is for
    got = indirect(text)
    assert [(t, rule) for t, rule, _ in got] == [("Secrecy is not a stranger when it comes to the port's accounts",
                                                  "content_clause")]
    assert "auditor" in got[0][2]
