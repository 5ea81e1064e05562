"""The shapes of a source's noun phrase that point at another word: who issued a document (`many
issued statements praising`), and the name in an apposition (`a spokesman, John Smith,`)."""

from __future__ import annotations


def issuer_of(doc_head):
    """Who issued a document that is the object of a verb: `many issued statements praising`."""
    verb = doc_head.head
    if doc_head.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < doc_head.i]
    if not subjects:
        return None
    who = subjects[0]
    return who if who.pos_ in ("PROPN", "PRON", "NOUN") or who.lower_ in ("many", "some", "most", "several", "others") else None


def appos_person(head):
    """`a spokesman, John Smith,`: the name in the apposition. Also where the parser hangs the
    apposition on the place the title serves (`The mayor of Vestby, Karin Holm, said`): the
    name is the person's, and `of Vestby` no name at all."""
    for c in head.children:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON":
            return c
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i < head.i:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.ent_type_ != "PERSON":
                hit = next((c for c in obj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
                if hit is not None:
                    return hit
    return None
