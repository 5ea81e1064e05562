"""The quote and speaker extractor on short invented texts, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from newsfacts.ingest.extract.quote_marks import find_spans
from newsfacts.schema.article import Article


@pytest.fixture(scope="module")
def extract(parse):
    from newsfacts.ingest.extract.quotes import find_quotes

    return lambda text: find_quotes(parse(text), Article(text=text))


def direct(quotes):
    return [q for q in quotes if q.kind != "indirect"]


def by_text(quotes, start: str):
    hits = [q for q in quotes if q.text.startswith(start)]
    assert hits, f"no quote starting {start!r} in {[q.text for q in quotes]}"
    return hits[0]


# -- quotation marks -------------------------------------------------------------------------

def spans(text):
    return [text[s.start:s.end] for s in find_spans(text)]


def test_marks_of_every_kind():
    text = "“Curly,” she said. \"Straight,\" he said. «Guillemets» too, and ''doubled apostrophes''."
    assert spans(text) == ["Curly,", "Straight,", "Guillemets", "doubled apostrophes"]


def test_nested_quote_is_part_of_the_outer_one():
    text = "“They voted ‘No’ twice, and ‘no’ means no,” the mayor said."
    assert spans(text) == ["They voted ‘No’ twice, and ‘no’ means no,"]


def test_apostrophes_inside_words_are_not_marks():
    text = "The mayor’s aide said it didn’t matter. ‘We won’t budge,’ she said."
    assert spans(text) == ["We won’t budge,"]


def test_missing_or_mismatched_closing_mark():
    assert spans("“We will return next spring\" the captain said.") == ["We will return next spring"]
    assert spans("He shouted “never again and walked off.") == ["never again and walked off."]


def test_quote_over_several_paragraphs_is_one_per_paragraph():
    text = "The chief said:\n\n“The first part of the plan is ready.\n\n“The second part is not,” she added."
    got = find_spans(text)
    assert [text[s.start:s.end] for s in got] == ["The first part of the plan is ready.", "The second part is not,"]
    assert got[0].continues and not got[0].closed and got[1].closed


def test_markup_attributes_are_not_quotes():
    assert spans('<tweet author="someone" id="12">Nice day</tweet> and “real words here,” he said.') == ["real words here,"]


# -- attribution ----------------------------------------------------------------------------

def test_speaker_after_before_and_inside(extract):
    text = ("“We are ready for the storm,” said Harriet Vance, the harbour master.\n\n"
            "Vance said: “Nobody should sail tomorrow.”\n\n"
            "“The boats are tied up,” Vance added, “and the crews have gone home.”")
    quotes, speakers = extract(text)
    qs = direct(quotes)
    assert [q.text for q in qs] == ["We are ready for the storm,", "Nobody should sail tomorrow.",
                                    "The boats are tied up,", "and the crews have gone home."]
    assert all(q.speaker and q.speaker.name == "Harriet Vance" for q in qs)
    assert by_text(qs, "The boats").cue == "added"
    vance = [s for s in speakers if s.name == "Harriet Vance"]
    assert vance and vance[0].kind == "person"
    assert any("harbour master" in r for r in vance[0].roles)


def test_other_cue_verbs_and_according_to(extract):
    text = ("The agency warned that “roads will be icy tonight.”\n\n"
            "“Stay home if you can,” Dr. Omar Quist told reporters.\n\n"
            "Road deaths rose by a third last winter, according to the Ministry of Transport.")
    quotes, _ = extract(text)
    assert by_text(quotes, "Stay home").speaker.name == "Omar Quist"
    assert by_text(quotes, "Stay home").cue.startswith("told")
    acc = by_text(quotes, "Road deaths")
    assert acc.kind == "indirect" and acc.cue == "according to"
    assert "Ministry of Transport" in acc.speaker.name


def test_pronoun_resolves_to_the_earlier_speaker(extract):
    text = ("Councillor Mira Okafor criticised the budget on Monday.\n\n"
            "“This plan leaves the libraries without any money at all,” she said.")
    quotes, _ = extract(text)
    q = by_text(quotes, "This plan")
    assert q.speaker.name == "Mira Okafor"
    assert q.speaker.mention == "she"
    assert q.attribution == "pronoun"


def test_short_name_becomes_the_fullest_name(extract):
    text = ("President Alma Ruiz opened the summit in the capital.\n\n"
            "“We have waited long enough for this agreement,” Ruiz said.")
    quotes, speakers = extract(text)
    assert by_text(quotes, "We have waited").speaker.name == "Alma Ruiz"
    assert [s.name for s in speakers] == ["Alma Ruiz"]


def test_statement_resolves_to_its_issuer(extract):
    text = ("A coalition of farmers’ unions said in a statement on Friday that it would keep protesting.\n\n"
            "“The new tax ignores the cost of fuel and feed for every farm in the region,” the statement added.")
    quotes, _ = extract(text)
    q = by_text(quotes, "The new tax")
    assert "coalition" in q.speaker.name.lower()
    assert q.attribution == "description" or q.attribution == "document"


def test_unattributed_paragraph_carries_the_previous_speaker(extract):
    text = ("“The bridge will reopen in May,” said engineer Tomas Berg.\n\n"
            "“After that we will repaint the whole structure and replace the lights along the deck.”")
    quotes, _ = extract(text)
    q = by_text(quotes, "After that")
    assert q.speaker.name == "Tomas Berg"
    assert q.attribution == "previous_paragraph"


def test_anonymous_source(extract):
    text = "“The talks are close to collapse and nobody wants to admit it,” a government spokesperson said."
    quotes, _ = extract(text)
    q = by_text(quotes, "The talks")
    assert q.speaker.anonymous
    assert q.speaker.name == "a government spokesperson"


def test_partial_quote_and_kind(extract):
    text = "Senator Lena Hart called the proposal “a gift to polluters” during the debate."
    quotes, _ = extract(text)
    q = by_text(direct(quotes), "a gift")
    assert q.kind == "partial"
    assert q.speaker.name == "Lena Hart"


def test_titles_and_scare_quotes_are_not_quotes(extract):
    text = "She watched “Night Train” again; the sequel is a “masterpiece” of sorts."
    quotes, speakers = extract(text)
    assert direct(quotes) == []
    assert speakers == []


def test_indirect_quote_from_content_clause(extract):
    text = ("The minister for fisheries, Karl Janssen, defended the quota on Tuesday, "
            "saying it had the support of every coastal town.")
    quotes, speakers = extract(text)
    ind = [q for q in quotes if q.kind == "indirect"]
    assert ind and ind[0].text == "it had the support of every coastal town"
    assert ind[0].speaker.name == "Karl Janssen"
    assert [s.name for s in speakers] == ["Karl Janssen"]


def test_offsets_point_into_the_text(extract):
    text = "Before lunch, “the river is rising fast,” the warden told the village."
    quotes, _ = extract(text)
    for q in quotes:
        assert text[q.start:q.end] == q.text


def test_unbalanced_marks_do_not_crash(extract):
    text = "“One. \"Two,” he said. ‘Three\n\n” Four” ’ ‘ \" « »"
    quotes, _ = extract(text)
    for q in quotes:
        assert text[q.start:q.end] == q.text


def test_multi_paragraph_quote_keeps_its_speaker(extract):
    text = ("Inspector Dana Whitlock described the night of the flood:\n\n"
            "“The water came up through the floorboards before anyone could move the cars.\n\n"
            "“By midnight the whole street was a river and we were carrying people out on our backs.”")
    quotes, _ = extract(text)
    qs = direct(quotes)
    assert [q.text[:20] for q in qs] == ["The water came up th", "By midnight the whol"]
    assert all(q.speaker.name == "Dana Whitlock" for q in qs)


def test_pronoun_follows_gender_given_by_titles(extract):
    text = ("Mrs Ingrid Olafsen met Mr Pavel Novak at the harbour office.\n\n"
            "Mr Novak said the new quay would take years to finish.\n\n"
            "“We cannot wait that long for the ferries to come back,” she said.")
    quotes, _ = extract(text)
    assert by_text(quotes, "We cannot wait").speaker.name == "Ingrid Olafsen"


def test_headline_with_a_source_and_a_colon(extract):
    text = "Mayor Tran: ‘The budget will balance without new taxes’\n\nThe city council meets on Monday."
    quotes, _ = extract(text)
    q = by_text(direct(quotes), "The budget will balance")
    assert "Tran" in q.speaker.name


def test_mixed_curly_and_straight_marks_pair_up():
    text = '“The harvest is late," the farmer said. "The rain never stopped.”'
    assert spans(text) == ["The harvest is late,", "The rain never stopped."]


def test_a_quote_inside_reported_speech_goes_to_the_outer_speaker(extract):
    text = ("Senator Ruth Abara said the governor was “plainly wrong” when he claimed "
            "“the roads are safer than ever.”")
    quotes, _ = extract(text)
    for q in direct(quotes):
        assert q.speaker.name == "Ruth Abara"


def test_points_listed_after_a_colon_are_indirect_quotes(extract):
    text = ("In the interview, the governor, Lucia Ferrante, also said:\n\n"
            "The bridge tolls will stay frozen until next year\n\n"
            "She is confident the rail link will open on time\n\n"
            "The new port deal with the shipping companies was “historic” for the region\n\n"
            "Traffic on the coast road has doubled since 2019. Officials blame the new ferry terminal.")
    quotes, _ = extract(text)
    ind = [q for q in quotes if q.kind == "indirect"]
    assert [q.text[:20] for q in ind][:3] == ["The bridge tolls wil", "She is confident the", "The new port deal wi"]
    assert all(q.speaker.name == "Lucia Ferrante" for q in ind[:3])
    assert by_text(direct(quotes), "historic").speaker.name == "Lucia Ferrante"
    assert not any(q.text.startswith("Traffic") for q in quotes)


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test extra
    given = None

if given is not None:
    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="ab .,\n\"'“”‘’«»`", max_size=80))
    def test_spans_are_ordered_and_inside_the_text(text):
        spans_ = find_spans(text)
        last = -1
        for s in spans_:
            assert 0 <= s.open < s.start < s.end <= s.close <= len(text)
            assert s.start > last
            assert text[s.start:s.end].strip() == text[s.start:s.end]
            last = s.end


def test_the_company_stands_for_the_company_just_quoted(extract):
    text = ("Northwind Shipping said on Monday that it would close two depots.\n\n"
            "“We regret the effect on our staff and their families,” the company said.")
    quotes, speakers = extract(text)
    assert by_text(quotes, "We regret").speaker.name == "Northwind Shipping"
    assert [s.name for s in speakers] == ["Northwind Shipping"]


def test_stances_and_plans_are_no_indirect_quotes(extract):
    text = "Senator Ada Brook criticized the new parking rules. Officials plan to review the rules."
    quotes, speakers = extract(text)
    assert [q for q in quotes if q.kind == "indirect"] == []  # no content clause: optional at most
    assert speakers == []  # a stance is not speech: nobody joins the speaker list


def test_stance_verb_leaves_the_time_and_the_saying_clause_out(extract):
    text = "The union rejected the offer on Friday, saying it was far too low."
    quotes, _ = extract(text)
    assert [q.text for q in quotes if q.kind == "indirect"] == ["it was far too low"]


def test_tag_right_after_the_quote_wins(extract):
    text = ("Maria Vance, 40, a nurse from Ohio, said she wanted change but found the debate tiring. "
            "“He is not the answer,” said Ms. Vance, who works nights.")
    quotes, _ = extract(text)
    q = by_text(direct(quotes), "He is not")
    assert q.speaker.mention == "Ms. Vance"


def test_opening_phrase_is_not_the_content_clause(extract):
    text = "In a letter released on Monday, the governor said the bridge would reopen in May."
    quotes, _ = extract(text)
    assert [q.text for q in quotes if q.kind == "indirect"] == ["the bridge would reopen in May"]


def test_according_to_keeps_to_its_paragraph(extract):
    text = "The ferry is running again, according to the port authority.\n\nTickets cost more than last year."
    quotes, _ = extract(text)
    ind = [q for q in quotes if q.kind == "indirect"]
    assert [q.text for q in ind] == ["The ferry is running again"]


def test_editorial_label_is_not_a_source(extract):
    text = "Editor’s note: This story was corrected to fix the mayor’s title.\n\nThe mayor spoke on Sunday."
    quotes, _ = extract(text)
    assert [q for q in quotes if q.kind == "indirect"] == []


def test_transcript_turn_in_quotes_takes_its_label(extract):
    text = ("The interview went as follows.\n\n“HOST: Will you run again next year?”\n\n"
            "“MORALES: I have not decided, and I will tell my family first.”")
    quotes, _ = extract(text)
    q = by_text(direct(quotes), "I have not decided")
    assert q.speaker.name == "MORALES"
    assert by_text(direct(quotes), "Will you run").speaker.name == "HOST"


def test_signed_pull_quote(extract):
    text = ("Readers wrote in after the vote.\n\n"
            "“The new library is the best thing this town has done in years.” ― Jonas Whitfield\n\n"
            "“We waited far too long for it.” — Amira Castell")
    quotes, _ = extract(text)
    assert by_text(direct(quotes), "The new library").speaker.name == "Jonas Whitfield"
    assert by_text(direct(quotes), "We waited").speaker.name == "Amira Castell"


def test_scare_quote_inside_a_stance_goes_to_its_holder(extract):
    text = "Senator Ada Brook accused the council of being “asleep at the wheel” on housing."
    quotes, _ = extract(text)
    assert by_text(direct(quotes), "asleep at the wheel").speaker.name == "Ada Brook"


def test_according_to_source_keeps_its_modifiers(extract):
    text = "Turnout rose sharply this year, according to early figures released by the county."
    quotes, _ = extract(text)
    ind = [q for q in quotes if q.kind == "indirect"]
    assert ind[0].speaker.mention == "early figures released by the county"


def test_attitude_adjective_holds_a_view(extract):
    text = "The manager was confident that the team would reach the final."
    quotes, _ = extract(text)
    ind = [q for q in quotes if q.kind == "indirect"]
    assert [q.text for q in ind] == ["the team would reach the final"]
    assert ind[0].speaker.mention == "The manager"


def test_reported_speech_with_partial_quotes_is_also_indirect(extract):
    text = "The minister said the plan was “a disaster from the start” and would be withdrawn next month."
    quotes, _ = extract(text)
    ind = [q for q in quotes if q.kind == "indirect"]
    assert ind and ind[0].text.startswith("the plan was “a disaster")
    assert by_text(direct(quotes), "a disaster").kind == "partial"


def test_name_calling_with_a_quote_is_not_also_indirect(extract):
    text = "Senator Ada Brook called the new budget “a gift to the rich” on Tuesday."
    quotes, _ = extract(text)
    assert [q for q in quotes if q.kind == "indirect"] == []
    assert by_text(direct(quotes), "a gift").speaker.name == "Ada Brook"


def test_headline_label_that_cannot_speak_is_not_a_source(extract):
    text = "Analysis: The mayor faces a hard winter.\n\nAnother problem for the mayor: the roads are in poor shape."
    quotes, _ = extract(text)
    assert [q for q in quotes if q.kind == "indirect"] == []


def test_a_stance_is_no_claim_but_its_source_is_the_next_pronoun(extract):
    text = ("Councillor Ravi Mehta mocked the mayor’s new slogan at the meeting. "
            "He said the slogan would cost the party votes in the spring.")
    quotes, _ = extract(text)
    ind = [(q.text, q.speaker.name) for q in quotes if q.kind == "indirect"]
    assert ind == [("the slogan would cost the party votes in the spring", "Ravi Mehta")]


def test_relative_clause_without_its_subject_is_not_content(extract):
    text = "The memo that the senator said was leaked last week caused a stir in the capital."
    quotes, _ = extract(text)
    assert [q.text for q in quotes if q.kind == "indirect"] == []


def test_closing_aside_is_cut_from_the_content(extract):
    text = "The mayor said she supports the new budget, which includes funds for three libraries."
    quotes, _ = extract(text)
    assert [q.text for q in quotes if q.kind == "indirect"] == ["she supports the new budget"]


def test_object_of_the_main_verb_speaks_through_its_infinitive(extract):
    text = "The vote prompted the governor to say that the dam operators had failed the town."
    quotes, _ = extract(text)
    ind = [q for q in quotes if q.kind == "indirect"]
    assert ind and ind[0].text == "the dam operators had failed the town"
    assert ind[0].speaker.mention == "the governor"


def test_a_poll_shows_its_finding(extract):
    text = "A new county poll shows that the mayor holds a twelve-point lead."
    quotes, _ = extract(text)
    ind = [q for q in quotes if q.kind == "indirect"]
    assert [q.text for q in ind] == ["the mayor holds a twelve-point lead"]


def test_findings_of_results_and_records_are_not_speech(extract):
    text = ("The official results show that turnout fell to a record low. "
            "Court records revealed the firm had paid no tax for a decade. "
            "The mayor revealed that she would not run again.")
    quotes, speakers = extract(text)
    ind = [q.text for q in quotes if q.kind == "indirect"]
    assert ind == ["she would not run again"]
    assert not any(w in s.name.lower() for s in speakers for w in ("results", "records"))


def test_a_stance_needs_a_subject_that_can_hold_one(extract):
    text = "Violent crime declined sharply in the port city. Rents floated above the national average."
    quotes, _ = extract(text)
    assert [q for q in quotes if q.kind == "indirect"] == []


def test_office_description_names_the_story_subject(extract):
    text = ("Lena Vogt, who ran the port city for ten years, entered the race in March.\n"
            "Vogt has spent heavily on advertising. Vogt also hired a large staff.\n"
            "Rivals say the spending is excessive.\n"
            "In a speech last year, the former mayor argued that the harbour tax had saved the city.")
    quotes, speakers = extract(text)
    ind = by_text(quotes, "the harbour tax")
    assert ind.speaker.name == "Lena Vogt"


def test_indefinite_source_with_a_proper_modifier_is_anonymous(extract):
    text = "“The vote was rigged from the start,” said one Labour organiser in the county."
    quotes, _ = extract(text)
    assert by_text(direct(quotes), "The vote was rigged").speaker.anonymous


def test_label_inside_the_speakers_own_phrase_is_not_a_quote(extract):
    text = "Later, our “law and order” governor declared that “the streets are safe again.”"
    quotes, _ = extract(text)
    assert [q.text for q in direct(quotes)] == ["the streets are safe again."]


def test_content_run_over_a_full_stop_keeps_the_cue_sentence(nlp):
    from newsfacts.ingest.extract.content_edges import _one_sentence

    doc = nlp("Ann said the mill is worth a lot. Bob disagrees with her.")
    after = _one_sentence(list(doc[2:]), doc[1], lambda t: False)
    assert after[-1].text == "." and after[0].text == "the" and "Bob" not in [t.text for t in after]
    doc = nlp("The mill opened in May. The mill is worth a lot, Ann said.")
    before = _one_sentence(list(doc[:12]), doc[13], lambda t: False)
    assert before[0].text == "The" and before[0].i == 6


def test_a_source_name_stops_at_a_line_break(extract):
    text = "Rival lawmakers showed open contempt\nMarta Quill says the tax plan will pass before summer."
    quotes, speakers = extract(text)
    ind = [q for q in quotes if q.kind == "indirect"]
    assert ind and ind[-1].speaker.name == "Marta Quill"
    assert all("\n" not in s.name for s in speakers)


def test_a_surname_tagged_as_a_noun_is_the_person_named_elsewhere(extract):
    text = "Quill says the plan will pass\nSenator Marta Quill told reporters the plan would pass by June."
    quotes, speakers = extract(text)
    assert [s.name for s in speakers] == ["Marta Quill"]


def test_a_ticker_colon_is_not_a_headline_label(extract):
    text = "Acme Corp (NASDAQ:ACME) director Jo Lin sold 500 shares of the stock on Friday."
    quotes, speakers = extract(text)
    assert quotes == [] and speakers == []


def test_bulleted_points_lose_their_bullets_and_end_with_them(extract):
    text = ("In a long interview, the mayor also said:\n"
            "- The bridge will reopen in May\n"
            "- Taxes will not rise this year\n"
            "The council meets again on Friday to discuss the budget.\n")
    quotes, _ = extract(text)
    assert [q.text for q in quotes if q.kind == "indirect"] == [
        "The bridge will reopen in May", "Taxes will not rise this year"]


def test_they_names_the_people_just_mentioned(extract):
    text = "The outage left several grid engineers puzzled. They said the network had plenty of spare power."
    quotes, _ = extract(text)
    ind = by_text(quotes, "the network had")
    assert "engineers" in ind.speaker.name and ind.speaker.anonymous


def test_it_names_the_organization_and_not_a_group(extract):
    text = ("Several engineers said the network was fine. "
            "The Western Grid Authority said it acted quickly. It also said gas supplies had run short.")
    quotes, speakers = extract(text)
    assert by_text(quotes, "gas supplies").speaker.name == "Western Grid Authority"
    assert {s.name: s.kind for s in speakers}["Western Grid Authority"] == "organization"


def test_a_surname_that_is_also_a_title_is_kept(extract):
    text = "Ruth King, an aide to the senator, filed on Friday.\n“We start today,” said King."
    quotes, _ = extract(text)
    assert by_text(direct(quotes), "We start today").speaker.name == "Ruth King"


def test_a_bare_surname_far_from_a_relative_is_the_story_subject(extract):
    filler = "The district has voted for the same party for decades, and turnout is usually low. " * 6
    text = ("Rep. Tom Ashby announced his retirement on Monday.\n"
            "His wife, Clara Ashby, runs a political group in the district.\n"
            + filler + "\nAshby said he had planned to leave for years.")
    quotes, _ = extract(text)
    assert by_text(quotes, "he had planned").speaker.name == "Tom Ashby"


def test_a_participle_opening_a_dash_aside_is_not_a_speech_verb(extract):
    text = "The senator's sudden exit — revealed only hours before the deadline — has angered local party members."
    quotes, _ = extract(text)
    assert [q for q in quotes if q.kind == "indirect"] == []


def test_he_is_the_person_this_paragraph_is_about(extract):
    text = ("“The budget is a disgrace,” said Nora Palmer, the council leader.\n"
            "The plans were kept so quiet that Victor Hale, the deputy treasurer, heard of them late. "
            "He said he was asked to announce the cuts on Friday.")
    quotes, _ = extract(text)
    assert by_text(quotes, "he was asked").speaker.name == "Victor Hale"


def test_a_definite_office_with_a_place_modifier_names_the_subject(extract):
    text = ("Senator Ida Marsh, who represents Vermont, has led the race for months.\n"
            "Marsh won two debates. Marsh also raised the most money.\n"
            "The Vermont senator said the campaign would not change course.")
    quotes, _ = extract(text)
    assert by_text(quotes, "the campaign would").speaker.name == "Ida Marsh"


def test_an_according_to_source_stops_at_a_line_break(extract):
    text = "Rules of the agency\nMost people who own small planes never fly them, according to the agency."
    quotes, _ = extract(text)
    ind = [q for q in quotes if q.kind == "indirect"]
    assert ind and "\n" not in (ind[0].speaker.mention or "")


def test_a_name_glued_to_its_owner_loses_the_owner(nlp):
    from newsfacts.ingest.extract.names import person_name

    doc = nlp("the Policy Center’s Ward said so")
    assert [t.text for t in person_name(doc[:5])] == ["Ward"]


def test_a_nickname_is_not_a_quote(extract):
    text = "Rivals have mocked the governor for months, and the senator he calls “Little Tom” answered back."
    quotes, _ = extract(text)
    assert [q.text for q in direct(quotes)] == []


def test_a_capitalised_quote_before_a_noun_names_the_thing(extract):
    text = "The grid operator ordered its “Phase Two” cuts on Friday, the utility said."
    quotes, _ = extract(text)
    assert [q.text for q in direct(quotes)] == []


def test_mumbling_is_speech(extract):
    text = "A woman sat alone in the hallway. “I hate this place,” she mumbles."
    quotes, _ = extract(text)
    assert by_text(direct(quotes), "I hate this place").speaker is not None


def test_she_in_an_article_naming_no_one_is_the_woman_described(extract):
    text = ("Ten minutes into the film, a woman is seen sitting in a dark hotel room.\n"
            "“I hate this place,” she mumbles as the lights go out.")
    quotes, _ = extract(text)
    sp = by_text(direct(quotes), "I hate this place").speaker
    assert sp.name == "a woman" and sp.anonymous


def test_a_first_name_the_tagger_left_out_joins_the_name(nlp):
    from spacy.tokens import Span

    from newsfacts.ingest.extract.names import with_given_names

    doc = nlp("Professor Hany Farid said so.")
    names = with_given_names(Span(doc, 2, 3, label="PERSON"), list(doc[0:3]))
    assert [t.text for t in names] == ["Hany", "Farid"]


def test_a_description_in_apposition_stands_for_the_name(extract):
    text = "The grant went to Green Future Fund, a charity that says the river must be cleaned by 2030."
    quotes, _ = extract(text)
    assert by_text(quotes, "the river must").speaker.name == "Green Future Fund"


def test_a_document_issued_by_someone_speaks_for_them(extract):
    text = ("“We will appeal,” said Dana Kemp, the union leader.\n"
            "The Harbour Trust released a statement saying the ruling was unfair to workers.")
    quotes, _ = extract(text)
    assert by_text(quotes, "the ruling was unfair").speaker.name == "Harbour Trust"


def test_a_clause_before_a_semicolon_is_not_the_next_verbs_content(extract):
    text = "Some critics focused on the cost of the stadium; others pointed out the lack of parking."
    quotes, _ = extract(text)
    assert not any(q.text.startswith("Some critics") for q in quotes)


def test_bulleted_quotes_after_a_colon_keep_their_speaker(extract):
    text = ("Mayor Ana Ruiz made two promises on Monday:\n"
            "• “The bridge will reopen in May.”\n"
            "• “Taxes will not rise this year.”\n")
    quotes, _ = extract(text)
    assert [(q.text, q.speaker.name) for q in direct(quotes)] == [
        ("The bridge will reopen in May.", "Ana Ruiz"), ("Taxes will not rise this year.", "Ana Ruiz")]


def test_a_poll_bears_out_a_finding_but_is_no_speaker(extract):
    text = "A county poll from May showed that the mayor had a twelve-point lead over her rival."
    quotes, speakers = extract(text)
    assert [q for q in quotes if q.kind == "indirect"]
    assert speakers == []


def test_the_writers_own_i_think_is_not_reported_speech(extract):
    text = "I think the new stadium will be a success. The mayor said the stadium would open in May."
    quotes, _ = extract(text)
    assert [q.text for q in quotes if q.kind == "indirect"] == ["the stadium would open in May"]


def test_declining_to_comment_says_nothing(extract):
    text = "Through a spokesperson, the senator's office declined to comment for this story."
    quotes, _ = extract(text)
    assert [q for q in quotes if q.kind == "indirect"] == []


def test_a_place_noun_is_not_the_holder_of_a_title_it_modifies(extract):
    text = ("The only lawmaker running is state Sen. Omar Vail.\n"
            "The news has angered voters in the state who suspect the seat was promised to a friend.")
    quotes, speakers = extract(text)
    assert "Omar Vail" not in [s.name for s in speakers]
