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
    """`Ban Ki-moon, the secretary general of the United Nations, vowed`: the parser makes the
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
    if tok is None or tok.ent_type_ in NOT_SOURCES or tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        return None
    if tok.is_upper and len(tok) > 3 and tok.i + 1 < len(tok.doc) and tok.nbor(1).text in ("—", "–", "-", "("):
        return None  # a dateline: `CLEVELAND —`
    return tok


def _source_token(cue, inside=lambda t: False, depth: int = 0):  # noqa: C901 (to split)
    if cue.lower_ == "according" or cue.lemma_ == "accord":
        return according_source(cue)
    subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPS and not inside(c) and c.ent_type_ not in NOT_SOURCES]
    if subjects:
        # the parser sometimes finds two: the one before the verb, nearest first
        c = _named_first(subjects, cue) or min(subjects, key=lambda s: (s.i > cue.i, abs(s.i - cue.i)))
        if c.lower_ in RELATIVE_PRONOUNS and cue.dep_ == "relcl":
            return cue.head
        return c
    passive = [c for c in cue.children if c.dep_ == "nsubjpass" and not inside(c)]
    agent = _agent(cue)
    if passive and cue.lemma_ in ("quote", "cite", "record", "hear", "see"):
        return passive[0]
    if agent is not None:
        return agent
    if passive:
        # `In one briefing note she was warned that ...`: the document speaks
        for c in cue.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for obj in c.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() in DOCUMENT_NOUNS:
                        return obj
    if cue.lemma_ not in LISTENER_VERBS and _after_quote(cue):
        # `"...," said Lecornu`: the parser sometimes makes the inverted subject an object
        for c in cue.rights:
            if c.dep_ in INVERTED_DEPS and not inside(c) and c.pos_ in ("PROPN", "NOUN", "PRON"):
                return c
        # `said engineer Tomas Berg` parsed as a verb and its object: the name right after
        doc = cue.doc
        for j in range(cue.i + 1, min(len(doc), cue.i + 8)):
            t = doc[j]
            if t.is_punct or inside(t):
                break
            if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG"):
                while j + 1 < len(doc) and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].ent_type_ == t.ent_type_ != ""):
                    j += 1
                return doc[j]
    if depth < 3:
        if cue.dep_ == "xcomp" and cue.head.i != cue.i:
            # `the tests led NATO to order ...`, `urged voters to reject ...`: the object acts
            objects = [c for c in cue.head.children if c.dep_ == "dobj" and c.i < cue.i and not inside(c)]
            if objects:
                return objects[-1]
        if cue.dep_ in ("advcl", "xcomp", "conj", "pcomp") and cue.head.i != cue.i:
            head = cue.head
            if head.dep_ == "prep":  # `in saying`
                head = head.head
            if head.pos_ in ("VERB", "AUX"):
                return _source_token(head, inside, depth + 1)
        if cue.dep_ in ("acl", "relcl") and cue.tag_ != "VBN" and (
                cue.head.lemma_.lower() in DOCUMENT_NOUNS or cue.head.pos_ in ("PROPN", "PRON")
                or cue.head.ent_type_ in ("PERSON", "ORG", "NORP")
                or cue.head.lemma_.lower() in PERSON_NOUNS or cue.head.lemma_.lower() in GROUP_NOUNS):
            return cue.head  # `a statement saying`, `officials who said`; not `posters calling for`
    if cue.tag_ == "VBG" and depth == 0 and cue.i > 0 and cue.nbor(-1).text == ",":
        # `X shared the news, writing “...”` misparsed: the subject of the sentence's main verb
        root = cue.sent.root
        if root.i < cue.i and root.i != cue.i:
            for c in root.children:
                if c.dep_ in SUBJECT_DEPS and c.i < cue.i and not inside(c):
                    return c
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
