"""The shapes of a source's noun phrase that point at another word: who issued a document (`many
issued statements praising`, `The Trust sent a memo ... the memo said`), and the name in an
apposition (`a spokesman, John Smith,`); the person or people noun a pronoun stands for where
the article names no one."""

from __future__ import annotations

from .attribution import PERSON_NOUNS, is_human


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


def earlier_issuer(doc_head, para_of, paragraphs: int = 1):
    """`The Fenwick Trust sent a memo to members. “...,” the memo said.`: a document named as a
    subject with no owner of its own is the one the text said someone issued just before (the
    same noun as the object of a verb, in this paragraph or the one before): its issuer."""
    para = para_of(doc_head.idx)
    lemma = doc_head.lemma_.lower()
    for i in range(doc_head.i - 1, -1, -1):
        t = doc_head.doc[i]
        if para - para_of(t.idx) > paragraphs:
            return None
        if t.lemma_.lower() == lemma and t.pos_ == "NOUN":
            return issuer_of(t)
    return None


def someone_before(head, want: str, reach: int = 80):
    """In an article that names no one: the nearest person noun before he or she (`a woman`)."""
    other = {"m": ("woman", "girl", "mother", "wife", "daughter", "sister"),
             "f": ("man", "boy", "father", "husband", "son", "brother")}[want]
    for i in range(head.i - 1, max(-1, head.i - reach), -1):
        t = head.doc[i]
        if t.tag_ == "NN" and (t.lemma_.lower() in PERSON_NOUNS or t.lemma_.lower() in ("girl", "boy", "mother", "father")) \
                and t.lower_ not in other and t.dep_ not in ("compound", "poss"):
            return t
    return None


def people_before(head, para_of, reach: int = 60):
    """`... left some energy experts bewildered. They said ...`: the nearest plural people
    noun before `they` in its paragraph."""
    para = para_of(head.idx)
    for i in range(head.i - 1, max(-1, head.i - reach), -1):
        t = head.doc[i]
        if para_of(t.idx) != para:
            break
        if t.tag_ in ("NNS", "NNPS") and is_human(t) and t.dep_ not in ("compound", "poss"):
            return t
    return None
