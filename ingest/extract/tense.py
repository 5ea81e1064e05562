"""The tense of the clause a date expression sits in, read off spaCy's dependency parse.

Only what date resolution needs: does the clause look back (past), ahead (future), sit in
the present, or look ahead from a past event (prospective: `was due to be released in
September`, or reported `would`: `said they would vote on Monday`; either may lie on either
side of publication, so the nearer day wins); and is its verb a speech verb
(`says Wednesday` reports, it does not schedule).
"""

from __future__ import annotations

from . import wordlists as wl

FUTURE_AUX = wl.words("numbers/future_auxiliaries")
MODALS = wl.words("numbers/modals")
# verbs and adjectives that put their infinitive in the future: `is expected to vote Friday`
FUTURE_HEADS = wl.words("numbers/future_heads")
SPEECH = wl.words("numbers/reporting_verbs")
VERBAL = {"VERB", "AUX"}
PAST_TAGS = {"VBD"}
PRESENT_TAGS = {"VBZ", "VBP"}


def _reported_would(verb, words: list[str]) -> bool:
    """`would` in a clause reported by a past verb: the future seen from that past moment."""
    head = verb.head
    return ("would" in words or "'d" in words) and verb.dep_ == "ccomp" and head != verb \
        and head.tag_ == "VBD"


def governing_verb(token):
    """The verb whose clause the token belongs to (the token itself if it is one)."""
    t = token
    for _ in range(12):
        if t.pos_ in VERBAL and t.dep_ not in ("aux", "auxpass"):
            return t
        if t.head == t:
            break
        t = t.head
    return t if t.pos_ in VERBAL else None


def _auxiliary_tense(verb, auxes, words: list[str]) -> str | None:
    """What the auxiliaries say: `will`, `going to` (future), a modal (future; `could have` past;
    a reported `would`: prospective), `was`/`had` (past), `has` (present perfect: done by now)."""
    if any(w in FUTURE_AUX for w in words) or ("going" in words and "to" in words):
        return "future"
    if any(w in MODALS for w in words):
        if "have" in words:
            return "past"
        return "prospective" if _reported_would(verb, words) else "future"
    if any(c.tag_ == "VBD" for c in auxes) or "had" in words or any(w in ("has", "have", "'ve") for w in words):
        return "past"
    return None


def _infinitive_tense(verb, depth: int) -> str:
    """An infinitive takes its tense from the verb or noun it completes: `is expected to vote`
    (future), `the talks, set to resume Monday` (future), `agreed to buy it in February`, `a plan
    to close it in May` (prospective: the future of a past event, either side of publication)."""
    head = verb.head
    head_tense = clause_tense(head, depth + 1) if head.pos_ in VERBAL else clause_tense(
        governing_verb(head), depth + 1)
    future_head = head.lemma_.lower() in FUTURE_HEADS
    if future_head and head_tense in ("present", "future"):
        return "future"
    if future_head and head.tag_ == "VBN" and not [c for c in head.children if c.dep_ in ("aux", "auxpass")]:
        return "future"
    if head_tense == "past" and (future_head or head.pos_ in ("NOUN", "PROPN")):
        return "prospective"
    if head.pos_ in ("NOUN", "PROPN") and head_tense == "present":
        return "future"
    return head_tense


def _inherited_tense(verb, depth: int) -> str:
    """A participle, a bare infinitive or a conjunct without tense of its own takes its head's."""
    if verb.tag_ in ("VBG", "VB") and depth < 3 and verb.head != verb and (
            verb.tag_ == "VBG" and verb.dep_ != "ROOT" or verb.dep_ in ("xcomp", "ccomp", "conj", "advcl")):
        head = governing_verb(verb.head)
        if head is not None and head != verb:
            return clause_tense(head, depth + 1)
    if verb.dep_ == "conj" and depth < 3:
        return clause_tense(verb.head, depth + 1)
    return "present"


def clause_tense(verb, depth: int = 0) -> str:
    """'past', 'present', 'future' or 'prospective' (the future seen from a past event:
    `was due to be released in September`, `said they would vote on Monday`) for the clause
    headed by `verb`."""
    if verb is None:
        return "present"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and _same_sentence(c, verb)]
    words = [c.lower_ for c in auxes]
    tense = _auxiliary_tense(verb, auxes, words)
    if tense is not None:
        return tense
    if "to" in words and verb.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl") and depth < 3:
        return _infinitive_tense(verb, depth)
    if verb.tag_ in PAST_TAGS:
        return "past"
    if any(c.tag_ in PRESENT_TAGS for c in auxes):
        # `closing is expected in December`, `the vote is set for Friday` (not `does not want`)
        be = any(c.tag_ in PRESENT_TAGS and c.lemma_.lower() == "be" for c in auxes)
        return "future" if be and verb.lemma_.lower() in FUTURE_HEADS else "present"
    if verb.tag_ == "VBN":
        return "past"  # a participle without its own auxiliary: `the vote, held Sunday`
    if verb.tag_ in PRESENT_TAGS:
        return "present"
    return _inherited_tense(verb, depth)


_BREAKS = {".", "?", "!"}


def _same_sentence(a, b) -> bool:
    """No full stop or paragraph break between two tokens: the parser sometimes hangs the
    last word of one paragraph (`He really should.`) on the verb of the next."""
    lo, hi = sorted((a.i, b.i))
    return not any(t.text in _BREAKS or "\n" in t.text for t in a.doc[lo + 1:hi])


def tense_at(span) -> tuple[str, bool]:
    """The tense of the clause around a span, and whether its verb is a speech verb.

    A present-tense clause with `later` is read as the future (`lands in Kenya later on Friday`).
    """
    if _mistagged_past(span):
        return "past", False
    verb = date_verb(span)
    tense = clause_tense(verb)
    if tense == "present" and later_in_clause(verb):
        tense = "future"
    if tense == "present" and verb is not None and verb.dep_ == "advcl" and verb.head != verb \
            and _temporal_or_bare(verb):
        # `will become ... when he travels on Sunday`: English puts the future of a
        # temporal clause in the present tense
        if clause_tense(governing_verb(verb.head)) == "future":
            tense = "future"
    if tense == "past" and _backshifted(verb):
        tense = "prospective"
    speech = verb is not None and verb.lemma_.lower() in SPEECH
    return tense, speech


def date_verb(span):
    """The verb a date belongs to. The parser hangs the date of a report on the reported clause
    when it stands between them (`The unions said on Monday they would strike`: `on Monday` under
    `strike`); word order says it dates the report: a date after the reporting verb and before the
    reported clause's subject or `that` belongs to the reporting verb."""
    verb = governing_verb(span.root)
    if verb is None or verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return verb
    head = verb.head
    opener = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "mark") and c.i > span.end - 1]
    if head.i < span.start and opener and (governing_verb(head) or verb).i == head.i:
        return head
    return verb


def _mistagged_past(span) -> bool:
    """`Ames brushed past complaints on Thursday that fees could hurt trade`: the
    tagger may take `brushed` for an adjective and hang the sentence on the verb of the `that` clause
    (`could hurt`). A date on a preposition of an `-ed` word tagged an adjective, with no copula or
    auxiliary of its own and not modifying a noun, sits in a past clause."""
    root = span.root
    if root.dep_ != "pobj" or root.head.dep_ != "prep":
        return False
    word = root.head.head
    if word.tag_ != "JJ" or not word.lower_.endswith("ed") or word.dep_ not in ("advmod", "ROOT", "conj"):
        return False
    return not any(c.dep_ in ("cop", "aux", "auxpass") for c in word.children) and word.head.lemma_ != "be"


TEMPORAL_OPENERS = wl.words("numbers/temporal_openers")


def _backshifted(verb) -> bool:
    """`planned to sign the pact when they met on Saturday`, `were likely to buy as soon as
    trading opened Monday`: a clause of time under a plan reported in the past takes the past
    tense of the report, but it speaks of the plan's future."""
    if verb is None or verb.dep_ != "advcl" or verb.tag_ not in ("VBD", "VBN") or verb.head == verb:
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False  # `after they had met`: done before the plan
    opener = any(c.dep_ in ("mark", "advmod") and c.lower_ in TEMPORAL_OPENERS for c in verb.children) or (
        verb.head.lower_ == "soon" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children))
    if not opener:
        return False
    head = governing_verb(verb.head)
    return head is not None and head != verb and clause_tense(head) == "prospective"


# words that open a clause of comparison or cause, whose present tense is a real present:
# `as Tuesday's results show, Florida may be in reach`
NON_TEMPORAL_MARKS = wl.words("numbers/non_temporal_marks")


def _temporal_or_bare(verb) -> bool:
    """An adverbial clause that may carry a future in the present tense: not one opened by
    `as`, `because` or the like."""
    return not any(c.dep_ == "mark" and c.lower_ in NON_TEMPORAL_MARKS for c in verb.children)


def later_in_clause(verb) -> bool:
    """`lands in Kenya later on Friday (and travels on Sunday)`: an adverb pointing ahead."""
    for v in (verb, verb.head if verb is not None and verb.dep_ == "conj" else None):
        if v is not None and any(c.dep_ == "advmod" and c.lower_ in ("later", "soon") for c in v.children):
            return True
    return False
