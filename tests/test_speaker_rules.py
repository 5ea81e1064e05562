"""Who speaks, class by class (issue 12): gender agreement of pronouns, bodies named by a common
noun, appositions and titles that are no names. Invented sentences and people."""

from __future__ import annotations

import pytest

from .conftest import speaker_of as _speaker_of


@pytest.fixture(scope="module")
def extract(who_speaks):
    return who_speaks


def test_she_agrees_with_a_womans_given_name_over_the_man_in_the_same_paragraph(extract):
    text = ("Senator Rosalind Okafor questioned Peter Haldane, the bank's chief, who said he regretted the losses. "
            "“This is not enough,” Okafor said. “You knew for years” that the accounts were false, she said.")
    quotes, _ = extract(text)
    assert _speaker_of(quotes, "You knew for years") == "Rosalind Okafor"


def test_the_given_name_tells_he_from_she():
    from newsfacts.ingest.extract.names import NameIndex

    class _Doc(list):
        ents = ()

    names = NameIndex(_Doc())
    assert names.gender("Rosalind Okafor") == "f"
    assert names.gender("Sen. Peter Haldane") == "m"
    assert names.gender("Okafor") is None


def test_the_campaign_is_the_organisation_its_spokesman_serves(extract):
    text = ("Brenner campaign spokesman Tobias Wendt said the candidate would release the plan on Monday.\n\n"
            "The campaign also said the plan would cut fees for small farms.")
    quotes, speakers = extract(text)
    assert _speaker_of(quotes, "cut fees") == "Brenner campaign"
    assert {s.name: s.kind for s in speakers}["Brenner campaign"] == "organization"


def test_a_body_named_by_a_common_noun_is_listed_as_an_organisation(extract):
    text = "The navy said the frigate had returned to port after the storm."
    quotes, speakers = extract(text)
    assert [(s.name.lower().removeprefix("the "), s.kind) for s in speakers] == [("navy", "organization")]


def test_a_name_set_off_before_its_apposition_is_the_speaker(extract):
    text = "Ilona Marsh, the secretary general of the Northern Fisheries Council, said the quotas would stay."
    quotes, speakers = extract(text)
    assert _speaker_of(quotes, "quotas would stay") == "Ilona Marsh"
    assert [s.name for s in speakers] == ["Ilona Marsh"]


def test_a_title_and_the_place_it_serves_are_no_name(extract):
    text = "The Senator from Vermillion said she would vote against the dam."
    quotes, speakers = extract(text)
    assert not any(s.name.lower().startswith(("from ", "of ")) for s in speakers)
    assert not any(name.lower().startswith(("from ", "of ")) for _, _, name in quotes)


def test_they_is_the_body_that_is_the_subject_just_before(extract):
    text = ("The union thanked the mayor on Monday.\n\n"
            "Brindle Dairy's board is trying to set its offer apart from what they call a “race to the bottom.”")
    quotes, _ = extract(text)
    assert _speaker_of(quotes, "race to the bottom") == "Brindle Dairy's board"


def test_a_finding_speaks_no_quoted_words(extract):
    text = ("Decrying the “rigged count,” Tomas Berg left the hall, though a review of the ledgers indicates "
            "he had approved it.")
    quotes, _ = extract(text)
    assert all(name != "the ledgers" and "review" not in (name or "") for _, _, name in quotes)


def test_a_surname_label_tagged_as_a_noun_opens_a_headline(extract):
    text = ("Sanders: Ortega needs to 'stop the shouting' before the vote\n\n"
            "Paula Sanders, a council member, spoke at the hall on Monday.")
    quotes, _ = extract(text)
    assert _speaker_of(quotes, "stop the shouting") == "Paula Sanders"


def test_a_title_or_stage_direction_continues_no_speaker(extract):
    text = ("“We will reopen the quay in spring,” Mark Delaney said.\n\n"
            "“Harbour Lights Are Back.”\n\n"
            "“We will run the ferries every hour,” Mark Delaney said. “(APPLAUSE.)”")
    quotes, _ = extract(text)
    assert [(t, name) for t, kind, name in quotes if kind != "indirect"] == [
        ("We will reopen the quay in spring,", "Mark Delaney"), ("We will run the ferries every hour,", "Mark Delaney")]


def test_the_next_sentence_names_whose_words_they_were(extract):
    text = ("“The quay must reopen before the summer season begins.” Those were the words of Tomas Berg, "
            "the harbour master.\n\n"
            "“Nobody will pay the new fees.” That is the view voiced by Anna Roe, who runs the ferry.")
    quotes, _ = extract(text)
    assert _speaker_of(quotes, "The quay must reopen") == "Tomas Berg"
    assert _speaker_of(quotes, "Nobody will pay") == "Anna Roe"


def test_a_fragment_ending_its_sentence_takes_no_speaker_from_the_next_sentence(extract):
    text = ("The dockers' union accused the port board of “reckless greed.” "
            "Mayor Lena Ortiz said the talks would go on.")
    quotes, _ = extract(text)
    assert _speaker_of(quotes, "reckless greed") != "Lena Ortiz"


@pytest.mark.parametrize("text", [
    "“We will not back down.” Mayor Lena Ortiz said it twice at the rally.",
    "“Who pays for this?” Mayor Lena Ortiz asked the board.",
])
def test_a_quoted_sentence_takes_the_speech_verb_after_it(extract, text):
    quotes, _ = extract(text)
    assert [name for _, _, name in quotes] == ["Lena Ortiz"]


def test_he_is_the_man_named_after_a_subject_whose_gender_the_text_does_not_tell(extract):
    text = "Tarin Holloway met Mark Delaney at the quay on Monday. “We will open the ferry in spring,” he said."
    quotes, _ = extract(text)
    assert _speaker_of(quotes, "open the ferry") == "Mark Delaney"


def test_it_is_the_organisation_just_named(extract):
    text = "Harbor Lines will stop the evening ferry in March. “The route loses money every week,” it said in a statement."
    quotes, speakers = extract(text)
    assert _speaker_of(quotes, "loses money") == "Harbor Lines"
    assert {s.name: s.kind for s in speakers}["Harbor Lines"] == "organization"


def test_the_memo_is_its_senders(extract):
    text = "The Fenwick Trust sent a memo to its members on Friday. “The fund will not pay out this year,” the memo said."
    quotes, _ = extract(text)
    assert _speaker_of(quotes, "pay out") in ("Fenwick Trust", "The Fenwick Trust")


def test_a_tag_after_a_question_mark_names_the_asker(extract):
    text = ("“Every time you say that, the fees go up,” Tomas Berg said.\n\n"
            "“Why is the quay still closed?” Lina Ortiz demanded.")
    quotes, _ = extract(text)
    assert _speaker_of(quotes, "quay still closed") == "Lina Ortiz"


def test_a_speech_verb_whose_particle_makes_it_no_speech_lends_no_speaker(extract):
    """`the walkouts were called off`: no one speaks through `called off`, so a quote's speaker is
    not the subject of the clause it hangs from (`many in the hall`)."""
    text = ("Mayor Lena Voss denounced the dock strike and pledged to end the “long winter of idle cranes,” "
            "many in the hall appeared to cheer her, and the walkouts were called off.")
    quotes, _ = extract(text)
    assert _speaker_of(quotes, "idle cranes") == "Lena Voss"
