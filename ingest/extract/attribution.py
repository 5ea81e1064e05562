"""Cue verbs and the source they attribute to, read off spaCy's dependency parse.

`source_token` answers "who is the subject of this speech verb" through the shapes news uses:
`X said`, `said X` (inverted), `X, ..., saying ...` (participle), `a statement saying`,
`according to X`, `X was quoted as saying`, `... was warned by X`.
"""

from __future__ import annotations

from .wordlists import words as wordlist

# speech and writing verbs: they attribute quoted words and content clauses
SPEECH_VERBS = wordlist("speech_verbs")
# verbs of thought and finding: they attribute content clauses, rarely quoted words
COGNITION_VERBS = wordlist("cognition_verbs")
# nouns that stand for a document a source issued
DOCUMENT_NOUNS = wordlist("document_nouns")
PERSON_NOUNS = wordlist("person_nouns")
GROUP_NOUNS = wordlist("group_nouns")


def is_human(tok) -> bool:
    """People or bodies of people (`officials`, `organizers`, `the coalition`), not things."""
    lemma = tok.lemma_.lower()
    return (lemma in PERSON_NOUNS or lemma in GROUP_NOUNS or tok.ent_type_ in ("PERSON", "NORP", "ORG")
            or lemma.endswith(("er", "or", "ist", "ian", "ant", "ent")) and lemma not in NOT_PEOPLE
            and not lemma.endswith("ment"))  # `retirement`, `statement`: acts and things


NOT_PEOPLE = wordlist("not_people")  # -er/-ent nouns that are not people


# verbs that report what evidence bears out; a finding of data, records or polls is not speech
EVIDENCE_VERBS = wordlist("evidence_verbs")
EVIDENCE_NOUNS = wordlist("evidence_nouns")


def is_evidence(cue, src) -> bool:
    """`the results show that ...`, `records revealed ...`, `the poll suggests ...`: what a
    finding bears out, not what a source said."""
    lemma = cue.lemma_.lower()
    if lemma not in EVIDENCE_VERBS:
        return False
    return not _speaks(src)


def _speaks(tok) -> bool:
    """Is this subject of `reveal`, `suggest`, `show` someone speaking, not a finding (results,
    data, records, files)?"""
    return tok.lemma_.lower() not in EVIDENCE_NOUNS and tok.lower_ not in EVIDENCE_NOUNS


def plausible_source(tok) -> bool:
    """Can this word name someone who speaks: a person, a body of people, a document, a pronoun,
    a share of people (`47 percent`)? Not `the issue` or `his comments` (parser slips)."""
    if tok.pos_ in ("PRON", "PROPN", "NUM") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "PERCENT", "CARDINAL"):
        return True
    lemma = tok.lemma_.lower()
    return lemma in DOCUMENT_NOUNS or lemma in ("percent", "%", "half", "third", "quarter", "majority", "most", "many", "some", "few") or is_human(tok)


LISTENER_VERBS = frozenset({"tell", "ask", "inform", "advise", "urge", "warn"})
SUBJECT_DEPS = ("nsubj", "csubj")
INVERTED_DEPS = ("dobj", "attr", "npadvmod", "oprd", "appos", "nsubjpass", "dative")
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
NOT_SOURCES = frozenset({"DATE", "TIME", "MONEY", "ORDINAL"})
NOT_SPEECH_PHRASAL = wordlist("not_speech_phrasal")  # `called off`: a speech verb's particle that makes it no speech
QUANTIFIER_SUBJECTS = wordlist("quantifier_subjects")  # `Many say ...`, `Several of the tenants said ...`
CLOSING = frozenset({'"', "”", "’", "'", "''", "»", ","})


def _after_quote(cue) -> bool:
    """`“...,” said X`: the verb follows the quote directly (inverted order)."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    i = cue.i - 1
    while i >= 0 and cue.doc[i].is_space:
        i -= 1
    return i >= 0 and cue.doc[i].text in CLOSING


def is_cue(tok, cognition: bool = False) -> bool:
    """A verb (by lemma) that can attribute speech; `according` (to) too."""
    lemma = tok.lemma_.lower()
    if lemma == "accord" or (tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False):
        return True
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        return False
    if lemma == "point" and not any(c.lower_ == "out" for c in tok.children):
        return False
    if any(c.dep_ == "prt" and f"{lemma} {c.lower_}" in NOT_SPEECH_PHRASAL for c in tok.children):
        return False  # `the strike was called off`
    if lemma == "put":  # `As Lena Berg put it, “...”`: the phrase, not the verb, names speech
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
    return lemma in SPEECH_VERBS or (cognition and lemma in COGNITION_VERBS)


def according_source(tok):
    """`according to X`: X."""
    for prep in tok.children:
        if prep.lower_ == "to":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    if tok.i + 2 < len(tok.doc) and tok.nbor(1).lower_ == "to":
        for obj in tok.nbor(1).children:
            if obj.dep_ == "pobj":
                return obj
    return None


def _agent(tok):
    for c in tok.children:
        if c.dep_ == "agent":
            for obj in c.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _named_first(subjects: list, cue):
    """`Ilse Moravec, the director of the Harbour Trust, promised`: the parser makes the
    apposition a second subject; the name set off before it by a comma is the one speaking."""
    before = sorted((s for s in subjects if s.i < cue.i), key=lambda s: s.i)
    if len(before) < 2:
        return None
    name, role = before[0], before[1]
    doc = cue.doc
    if (name.pos_ == "PROPN" or name.ent_type_ == "PERSON") and role.pos_ == "NOUN" \
            and name.i + 1 < len(doc) and doc[name.i + 1].text == "," and role.left_edge.i == name.i + 2:
        return name
    return None


def source_token(cue, inside=lambda t: False, depth: int = 0):
    """The token naming who speaks through `cue`, or None; `inside(tok)` is True for quoted words."""
    tok = _source_token(cue, inside, depth)
    if tok is None or tok.ent_type_ in NOT_SOURCES or tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM") \
            and not (tok.pos_ == "ADJ" and tok.lower_ in QUANTIFIER_SUBJECTS):
        return None
    if tok.is_upper and len(tok) > 3 and tok.i + 1 < len(tok.doc) and tok.nbor(1).text in ("—", "–", "-", "("):
        return None  # a dateline: `CLEVELAND —`
    return tok


def _subject(cue, inside, depth):
    """`X said`: the verb's own subject (`officials who said`: the word the clause describes)."""
    subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPS and not inside(c) and c.ent_type_ not in NOT_SOURCES]
    if not subjects:
        return None
    # the parser sometimes finds two: the one before the verb, nearest first
    c = _named_first(subjects, cue) or min(subjects, key=lambda s: (s.i > cue.i, abs(s.i - cue.i)))
    if c.lower_ in RELATIVE_PRONOUNS and cue.dep_ == "relcl":
        return cue.head
    return c


def _passive(cue, inside, depth):
    """`X was quoted as saying`, `... was warned by X`, `In a memo to the board he was told
    that ...` (the document speaks)."""
    passive = [c for c in cue.children if c.dep_ == "nsubjpass" and not inside(c)]
    agent = _agent(cue)
    if passive and cue.lemma_ in ("quote", "cite", "record", "hear", "see"):
        return passive[0]
    if agent is not None:
        return agent
    if passive:
        for c in cue.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for obj in c.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() in DOCUMENT_NOUNS:
                        return obj
    return None


def _inverted(cue, inside, depth):
    """`"...," said Lecornu`: the parser sometimes makes the inverted subject an object, or
    `said engineer Tomas Berg` a verb and its object: the name right after."""
    if cue.lemma_ in LISTENER_VERBS or not _after_quote(cue):
        return None
    for c in cue.rights:
        if c.dep_ in INVERTED_DEPS and not inside(c) and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return c
    doc = cue.doc
    for j in range(cue.i + 1, min(len(doc), cue.i + 8)):
        t = doc[j]
        if t.is_punct or inside(t):
            break
        if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG"):
            while j + 1 < len(doc) and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].ent_type_ == t.ent_type_ != ""):
                j += 1
            return doc[j]
    return None


def _object_acts(cue, inside, depth):
    """`the tests led NATO to order ...`, `urged voters to reject ...`: the object acts."""
    if depth >= 3 or cue.dep_ != "xcomp" or cue.head.i == cue.i:
        return None
    objects = [c for c in cue.head.children if c.dep_ == "dobj" and c.i < cue.i and not inside(c)]
    return objects[-1] if objects else None


def _governing_verb(cue, inside, depth):
    """`X defended the plan, saying ...`, `in saying`: the subject of the verb this one hangs from."""
    head = _governor(cue, depth)
    return _source_token(head, inside, depth + 1) if head is not None else None


def _governor(cue, depth):
    """The verb a participle or second verb hangs from (`in saying`: past the preposition), or None."""
    if depth >= 3 or cue.dep_ not in ("advcl", "xcomp", "conj", "pcomp") or cue.head.i == cue.i:
        return None
    head = cue.head.head if cue.head.dep_ == "prep" else cue.head
    if cue.dep_ == "conj" and cue.tag_ in ("VBD", "VBZ") and head.tag_ == "VB" and head.dep_ == "ccomp":
        head = head.head  # `Ortiz said the port would close and suggested ...`: a finite verb shares no `would`; it is `said`'s
    return head if head.pos_ in ("VERB", "AUX") else None


def _described_noun(cue, inside, depth):
    """`a statement saying`, `officials who said`; not `posters calling for`."""
    if depth >= 3 or cue.dep_ not in ("acl", "relcl") or cue.tag_ == "VBN":
        return None
    head = cue.head
    lemma = head.lemma_.lower()
    if lemma in DOCUMENT_NOUNS or head.pos_ in ("PROPN", "PRON") or head.ent_type_ in ("PERSON", "ORG", "NORP") \
            or lemma in PERSON_NOUNS or lemma in GROUP_NOUNS:
        return head
    return None


def _sentence_subject(cue, inside, depth):
    """`X shared the news, writing “...”` misparsed: the subject of the sentence's main verb."""
    if cue.tag_ != "VBG" or depth != 0 or cue.i == 0 or cue.nbor(-1).text != "," or _governor(cue, depth) is not None:
        return None  # a participle that hangs from a verb speaks through that verb's subject or no one
    root = cue.sent.root
    if root.i < cue.i:
        for c in root.children:
            if c.dep_ in SUBJECT_DEPS and c.i < cue.i and not inside(c):
                return c
    return None


# the shapes of a speech verb's source, tried in order; the first that finds one wins
SOURCE_SHAPES = [
    ("subject", _subject),
    ("passive", _passive),
    ("inverted", _inverted),
    ("object_acts", _object_acts),
    ("governing_verb", _governing_verb),
    ("described_noun", _described_noun),
    ("sentence_subject", _sentence_subject),
]


def _source_token(cue, inside=lambda t: False, depth: int = 0):
    if cue.lower_ == "according" or cue.lemma_ == "accord":
        return according_source(cue)
    for _, shape in SOURCE_SHAPES:
        tok = shape(cue, inside, depth)
        if tok is not None:
            return tok
    return None


def cue_phrase(cue) -> str:
    """The cue as the article words it: `said`, `told Reuters`, `according to`, `pointed out`."""
    if cue.lower_ == "according":
        return "according to"
    words = [cue]
    for c in cue.children:
        if c.dep_ == "prt":
            words.append(c)
        if c.dep_ in ("dobj", "dative") and cue.lemma_ in LISTENER_VERBS and c.i > cue.i:
            words.extend(t for t in c.subtree if t.i > cue.i)
    words.sort(key=lambda t: t.i)
    return " ".join(t.text for t in words[:6])
