"""Content clauses the parser files under another label: a speech verb's clause made an adverbial
one when a phrase stands between them (`Ortiz said after the hearing she would appeal`), and a
speech verb tagged a plural noun after a name (`Ortiz claims that the tunnel leaks`). Both are
the verb's claim; these rules give it back to `indirect.CONTENT_RULES`."""

from __future__ import annotations

from .attribution import is_cue
from .wordlists import words as wordlist

CLAUSE_SUBJECTS = ("nsubj", "nsubjpass", "expl")
# what opens an adverbial clause that is one (`said when he arrived ...`, `said if asked ...`)
ADVERBIAL_OPENERS = wordlist("adverbial_openers")


def _has_own_subject(clause) -> bool:
    return any(c.dep_ in CLAUSE_SUBJECTS for c in clause.children)


def _opens_adverbially(clause) -> bool:
    """`because the board ...`, `when the ferry ...`: a mark (but `that`, `whether`) or an adverb
    of time or place before the clause's verb makes it adverbial, not what was said."""
    return any(c.i < clause.i and (c.dep_ == "mark" and c.lower_ not in ("that", "whether") or c.lower_ in ADVERBIAL_OPENERS)
               for c in clause.children)


def misfiled_clause(tok, lay):
    """`Ortiz said after the hearing she would appeal the ruling`: a finite clause with a
    subject of its own after a speech or thought verb that has no content clause, filed as an
    adverbial clause because a phrase stands between them; nothing opens it (`because`, `when`,
    `if` would make it adverbial)."""
    if not is_cue(tok, cognition=True) or any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children):
        return None
    for c in tok.children:
        if c.dep_ == "advcl" and c.i > tok.i + 1 and c.pos_ in ("VERB", "AUX") and c.tag_ not in ("VBG", "VBN") \
                and _has_own_subject(c) and not _opens_adverbially(c) \
                and tok.doc[c.left_edge.i - 1].text != ",":
            para = lay.para(tok.idx)
            start = min(s.left_edge.i for s in c.children if s.dep_ in CLAUSE_SUBJECTS)
            return [t for t in c.subtree if t.i >= start and lay.para(t.idx) == para], False  # not `after the hearing`
    return None


# third-person forms of speech verbs the tagger reads as plural nouns after a name
NOUN_TAGGED_FORMS = wordlist("noun_tagged_speech_forms")


def noun_tagged_verb(tok, lay):
    """`But Ortiz claims that the tunnel leaks`, `the former director maintains`: a speech verb's
    -s form the tagger makes a noun (a compound of the name before it) heading a clause with a
    subject of its own; its source is that name (see `noun_tagged_source`)."""
    if noun_tagged_source(tok) is None:
        return None
    comps = [c for c in tok.children if c.dep_ in ("ccomp", "acl", "relcl") and c.i > tok.i and _has_own_subject(c)]
    if not comps:
        return None
    para = lay.para(tok.idx)
    return [t for t in comps[0].subtree if lay.para(t.idx) == para], False


def noun_tagged_source(tok):
    """The name before a speech verb tagged a noun (`Ortiz claims ...`): the compound or subject
    child just before it, the sentence's root."""
    if tok.pos_ != "NOUN" or tok.lower_ not in NOUN_TAGGED_FORMS or tok.dep_ != "ROOT":
        return None
    before = [c for c in tok.children if c.dep_ in ("compound", "nsubj") and c.i == tok.i - 1]
    if not before or before[0].pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return before[0]
