"""Mention resolution (`mentions`) and the article's speaker list (`speaker_list`) as two steps:
frozen sources in, new sources and one Speaker per source out."""

from __future__ import annotations

import dataclasses

import pytest

from newsfacts.ingest.extract.mentions import MentionResolver, Source
from newsfacts.ingest.extract.names import NameIndex
from newsfacts.ingest.extract.speaker_list import settle, speaker_list, unify


def test_a_source_cannot_be_changed_once_built():
    src = Source(mention="the minister", name="Ada Quillfeather", kind="person")
    with pytest.raises(dataclasses.FrozenInstanceError):
        src.name = "someone else"
    with pytest.raises(TypeError):
        Source("the minister", "Ada Quillfeather")  # built by keyword only


def test_a_surname_and_the_full_name_are_one_speaker_with_the_surname_as_alias():
    used = [Source(mention="Ada Quillfeather", name="Ada Quillfeather", kind="person", pos=0),
            Source(mention="Quillfeather", name="Quillfeather", kind="person", pos=80, para=1)]
    settled = unify(used)
    assert [s.name for s in settled] == ["Ada Quillfeather", "Ada Quillfeather"]
    assert used[1].name == "Quillfeather"  # the input is left as it was
    [one] = speaker_list(settled)
    assert one.name == "Ada Quillfeather" and one.aliases == ["Quillfeather"]


def test_an_unresolved_pronoun_or_document_is_no_speaker():
    used = [Source(mention="it", name=None, kind="group", anonymous=True, attribution="pronoun"),
            Source(mention="the memo", name="the memo", kind="organization", anonymous=True, attribution="document")]
    assert speaker_list(used) == []


def test_he_resolves_through_the_resolver_to_the_person_named_before(parse):
    text = "Mark Delaney, the harbour master, spoke on Monday. He said the port would reopen."
    doc = parse(text)
    names = NameIndex(doc)
    book = MentionResolver(doc, names, lambda char: 0)
    first = book.add(book.resolve(doc[1], 0))
    he = next(t for t in doc if t.lower_ == "he")
    second = book.add(book.resolve(he, he.idx))
    assert first.name == "Mark Delaney" and first.attribution == "named"
    assert second.name == "Mark Delaney" and second.attribution == "pronoun"
    [one] = speaker_list(settle([first, second], names, lambda char: 0))
    assert one.name == "Mark Delaney" and one.kind == "person"


def test_a_surname_alone_takes_the_full_name_the_article_gives(parse):
    from newsfacts.ingest.extract.quotes import find_quotes
    from newsfacts.schema.article import Article

    text = ("The harbour office is run by its deputy director, Ilse-Marie Vantongeren.\n\n"
            "“We will reopen the quay in spring,” Ms Vantongeren said.")
    quotes, speakers = find_quotes(parse(text), Article(text=text))
    assert [q.speaker.name for q in quotes if q.kind == "direct"] == ["Ilse-Marie Vantongeren"]
    assert [s.name for s in speakers] == ["Ilse-Marie Vantongeren"]


def test_a_surname_two_people_share_stays_as_written(parse):
    from newsfacts.ingest.extract.speaker_list import _full_name

    doc = parse("Anna Berg and Tomas Berg run the yard. Berg said it would stay open.")
    assert _full_name("Berg", NameIndex(doc)) is None


def test_a_source_and_the_source_are_one_speaker():
    from newsfacts.ingest.extract.speaker_list import same_descriptions

    used = [Source(mention="a source", name="a source", kind="person", anonymous=True, attribution="description"),
            Source(mention="the source", name="the source", kind="person", anonymous=True, attribution="description",
                   pos=90, para=1)]
    [one] = speaker_list(same_descriptions(used))
    assert one.name == "a source" and one.aliases == ["the source"]
    other = Source(mention="another source", name="another source", kind="person", anonymous=True,
                   attribution="description", pos=200, para=2)
    assert [s.name for s in speaker_list(same_descriptions(used + [other]))] == ["a source", "another source"]


def test_bare_officials_are_the_only_officials_the_article_describes():
    from newsfacts.ingest.extract.speaker_list import same_descriptions

    def group(name, pos):
        return Source(mention=name, name=name, kind="group", anonymous=True, attribution="description", pos=pos)
    one_kind = same_descriptions([group("Harbour officials", 0), group("Officials", 50)])
    assert [s.name for s in one_kind] == ["Harbour officials", "Harbour officials"]
    two_kinds = same_descriptions([group("Harbour officials", 0), group("city officials", 20), group("Officials", 50)])
    assert [s.name for s in two_kinds] == ["Harbour officials", "city officials", "Officials"]
    some = same_descriptions([group("several officials", 0), group("Officials", 50)])
    assert [s.name for s in some] == ["several officials", "Officials"]


def _direct_speakers(parse, text):
    from newsfacts.ingest.extract.quotes import find_quotes
    from newsfacts.schema.article import Article

    quotes, speakers = find_quotes(parse(text), Article(text=text))
    return {q.text: q.speaker.name if q.speaker else None for q in quotes if q.kind == "direct"}, speakers


def test_a_description_never_names_a_person_the_article_gives_fewer_of_its_words(parse):
    text = ("Businessman Tobias Wendt toured the harbour with Florida Sen. Mara Quill on Monday. "
            "Wendt praised the docks. Wendt promised new cranes. Wendt left at noon.\n\n"
            "“The port needs federal money,” the Florida senator said.")
    said, speakers = _direct_speakers(parse, text)
    assert said.get("The port needs federal money") != "Tobias Wendt", said
    assert not any("Florida senator" in " ".join(s.roles) for s in speakers if s.name == "Tobias Wendt")


def test_a_name_read_off_the_headline_line_is_the_name_the_text_writes():
    from newsfacts.ingest.extract.speaker_list import from_headlines

    text = ("Mara Quill Slams Budget Plan\n\n"
            "The council met on Monday. Mara Quill, the treasurer, spoke first.")
    used = [Source(mention="Mara Quill Slams", name="Mara Quill Slams", kind="person"),
            Source(mention="Certainly Mara Quill", name="Certainly Mara Quill", kind="person"),
            Source(mention="Ansel Brook", name="Ansel Brook", kind="person")]
    text += "\n\nCertainly Mara Quill Wins The Vote\n\nAnsel Brook said nothing."
    assert [s.name for s in from_headlines(used, text)] == ["Mara Quill", "Mara Quill", "Ansel Brook"]


def _body(name, pos, kind="group"):
    return Source(mention=name, name=name, kind=kind, pos=pos)


def test_one_body_under_the_names_that_differ_by_article_or_word_order():
    from newsfacts.ingest.extract.speaker_list import same_bodies

    navy = same_bodies([_body("The navy", 0, "organization"), _body("navy", 60, "organization")])
    assert [s.name for s in speaker_list(navy)] == ["The navy"]
    prosecutors = same_bodies([_body("Prosecutors in Vestland", 0), _body("Vestland prosecutors", 40), _body("Prosecutors", 90)])
    assert [s.name for s in prosecutors] == ["Prosecutors in Vestland"] * 3


def test_a_bare_plural_joins_no_pair_of_bodies_and_no_share_of_them():
    from newsfacts.ingest.extract.speaker_list import same_bodies

    pair = same_bodies([_body("protesters and civic leaders", 0), _body("Protesters", 50)])
    assert [s.name for s in pair] == ["protesters and civic leaders", "Protesters"]
    some = same_bodies([_body("several prosecutors", 0), _body("Prosecutors", 50)])
    assert [s.name for s in some] == ["several prosecutors", "Prosecutors"]


def test_people_named_by_their_office_are_the_organisation_for_that_office(parse):
    from newsfacts.ingest.extract.quotes import find_quotes
    from newsfacts.schema.article import Article

    text = ("The Vestland Prosecution Authority said on Monday it would close the case.\n\n"
            "Prosecutors told reporters the decision followed interviews with seven witnesses.")
    quotes, speakers = find_quotes(parse(text), Article(text=text))
    assert {q.speaker.name for q in quotes} == {"Vestland Prosecution Authority"}
    assert [s.name for s in speakers] == ["Vestland Prosecution Authority"]
