"""Names in the text: the words of a source's noun phrase, titles stripped, and the index of
the article's full person names that turns a surname (`Macron`) into the full name
(`Emmanuel Macron`) and tells he from she.

Shared by mention resolution (`mentions`) and the speaker list (`speaker_list`).
"""

from __future__ import annotations

from .wordlists import words as wordlist

from spacy.tokens import Span

from .attribution import is_cue

TITLES = wordlist("titles")
TITLE_MODIFIERS = frozenset("state former acting interim then late prime deputy vice".split())  # not people
MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "father"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "lady", "dame", "queen", "princess", "madam"})
FEMALE_NAMES = wordlist("given_names_female")
MALE_NAMES = wordlist("given_names_male")
GIVEN_NAME_WEIGHT = 3  # a given name outweighs a pronoun vote (`Elizabeth Warren grilled Stumpf, who said he ...`)
COURTESY = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "mx"})
CUT_DEPS = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis", "cc", "conj", "prep"})
KEEP_PREPS = frozenset({"of", "for", "from", "at", "with", "in", "on"})
NAME_PREPS = frozenset({"of", "from", "at"})  # `Ross Eisenbrey of the Economic Policy Institute`

INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several"})
QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»", "``", "''"})


def unquoted(toks) -> list:
    """The words of a phrase outside the quotation marks in it: `our “America first” president`
    is a description, not a name."""
    out, inside = [], False
    for t in toks:
        if t.text in QUOTE_MARKS and not (t.text in ("’", "'") and t.i > 0 and t.nbor(-1).is_alpha and not inside):
            inside = not inside
            continue
        if not inside:
            out.append(t)
    return out


def text_of(toks) -> str:
    if not toks:
        return ""
    return toks[0].doc[toks[0].i: toks[-1].i + 1].text.strip().lstrip("”’\"'“‘ ").rstrip(",;: ")


def entity_of(tok):
    """The entity span holding `tok`, found from the IOB tags around it (doc.ents is rebuilt on
    every access, which would make long articles quadratic)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I" and not _breaks(doc[start - 1]):
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and not _breaks(doc[end - 1]):
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def _owned(toks) -> bool:
    """`Media Research Center’s Bozell`, `Kelvin’s Book`: a possessive inside the span."""
    return any(t.tag_ == "POS" or t.lower_ in ("'s", "’s") for t in list(toks)[:-1])


def person_name(toks):
    """A person's name without the owner the tagger glued to it (`the Center’s Bozell`)."""
    toks = list(toks)
    owners = [k for k, t in enumerate(toks[:-1]) if t.tag_ == "POS" or t.lower_ in ("'s", "’s")]
    return strip_titles(toks[owners[-1] + 1:] if owners else toks)


def with_given_names(ent, phrase) -> list:
    """The person entity with the capitalised words just before it that the tagger left out
    (`Hany Farid` tagged as `Farid`)."""
    ids = {t.i for t in phrase}
    start = ent.start
    doc = ent.doc
    while start - 1 in ids and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
            and doc[start - 1].lower_.rstrip(".") not in TITLES and doc[start - 1].lower_ not in TITLES \
            and doc[start - 1].ent_type_ in ("", "PERSON") and not _breaks(doc[start - 1]):
        start -= 1
    return list(doc[start:ent.end])


def strip_titles(toks):
    """Drop titles, determiners and possessive endings around a name."""
    toks = list(toks)
    while toks and (toks[0].lower_ in TITLES and (len(toks) > 1 or toks[0].is_title and toks[0].ent_type_ == "PERSON")
                    or toks[0].pos_ in ("DET", "PUNCT") or toks[0].tag_ == "POS"):
        if len(toks) == 1 and toks[0].lower_ in TITLES:
            break  # `said King`: a surname that is also a title
        toks = toks[1:]
    while toks and (toks[-1].tag_ == "POS" or toks[-1].pos_ == "PUNCT" or toks[-1].lower_ in ("'s", "’s")):
        toks = toks[:-1]
    return toks


def phrase_tokens(head):
    """The noun phrase of a source's head word, without appositions, relative clauses or commas."""
    keep = [head]
    for c in head.lefts:
        if c.dep_ not in CUT_DEPS:
            keep.extend(c.subtree)
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in KEEP_PREPS and (head.pos_ != "PROPN" or c.lower_ in NAME_PREPS):
            keep.extend(c.subtree)
        elif c.dep_ in ("compound", "nummod", "amod", "poss", "case"):
            keep.extend(c.subtree)
        elif c.dep_ == "conj" and head.tag_ in ("NNP", "NNS", "NNPS"):
            keep.extend(t for t in c.head.subtree if t.i >= head.i and t.dep_ not in ("appos", "relcl", "acl"))
    keep = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
    ent = entity_of(head)
    if ent is not None:
        lo, hi = min(keep[0].i, ent.start), max(keep[-1].i, ent.end - 1)
    else:
        lo, hi = keep[0].i, keep[-1].i
    # stop at the first comma or parenthesis after the head
    doc = head.doc
    for i in range(head.i, hi + 1):
        if doc[i].text in (",", "(", ";", "—", "–") and i > head.i:
            hi = i - 1
            break
    lo, hi = _within_line(doc, head.i, lo, hi)
    toks = [doc[i] for i in range(lo, hi + 1)]
    if len(toks) > 12:
        toks = toks[-12:] if head.i == toks[-1].i else toks[: 12]
    return toks


def _breaks(tok) -> bool:
    return "\n" in tok.text or "\n" in tok.whitespace_


def _within_line(doc, at: int, lo: int, hi: int) -> tuple[int, int]:
    """Narrow [lo, hi] around token `at` to its own line: a headline and the paragraph under it
    are parsed as one sentence, but a name never runs across the break."""
    i = at
    while i > lo and not _breaks(doc[i - 1]):
        i -= 1
    j = at
    while j < hi and not _breaks(doc[j]) and not doc[j + 1].is_space:
        j += 1
    return i, j


def description_tokens(head):
    """A description with the clauses that make it one (`people briefed on the talks`,
    `some who advocate free speech`), up to the first comma."""
    skip = set()
    for c in head.children:
        if c.dep_ == "appos" or (c.dep_ in ("relcl", "acl") and any(is_cue(t) for t in c.subtree)):
            skip.update(t.i for t in c.subtree)  # not the speech the source is making
    toks = sorted(t for t in head.subtree if t.i not in skip)
    keep = []
    for t in toks:
        if t.i > head.i and t.text in (",", "(", ";", "—", "–", ":"):
            break
        keep.append(t)
    lo, hi = _within_line(head.doc, head.i, keep[0].i if keep else head.i, keep[-1].i if keep else head.i)
    keep = [t for t in keep if max(lo, phrase_tokens(head)[0].i) <= t.i <= hi]
    while keep and (keep[-1].is_punct or keep[-1].is_space):
        keep.pop()
    return keep[:20]



def roles_of(head, name_toks):
    """Roles the article gives: titles and words before the name, and appositions."""
    roles = []
    phrase = phrase_tokens(head)
    if name_toks:
        before = [t for t in phrase if t.i < name_toks[0].i and t.pos_ not in ("DET", "PUNCT") and t.tag_ != "POS"]
        while before and before[0].lower_.rstrip(".") in COURTESY:
            before = before[1:]
        if before:
            roles.append(text_of(before))
    for c in head.children:
        if c.dep_ == "appos" and c.ent_type_ != "PERSON":
            sub = [t for t in c.subtree if t.dep_ not in ("relcl",)]
            sub = [t for t in sub if t.i >= c.left_edge.i]
            words = text_of([t for t in c.subtree])
            if 0 < len(words.split()) <= 14:
                roles.append(words.strip(" ,"))
    return roles


def _role_words(ent) -> str:
    """Lower-cased words around a name that say what the person is: `Wikileaks co-founder`,
    `President`, `, the minister for ...`."""
    root = ent.root
    words = [t.lower_ for t in root.lefts if t.i < ent.start for t in t.subtree]
    words += [t.lower_ for t in ent if t.lower_ in TITLES]
    for c in root.rights:
        if c.dep_ == "appos":
            words += [t.lower_ for t in c.subtree][:12]
    if root.dep_ == "appos":
        words += [t.lower_ for t in root.head.subtree if t.i < ent.start][-12:]
    if root.dep_ == "compound" and root.head.i > ent.end - 1:
        pass
    return " ".join(words)


DEFINITE = frozenset({"the", "our", "this", "that"})
# offices and standings a story's subject holds: `the former mayor`, `the billionaire`; not side
# roles (`the spokesman`), which belong to someone else
OFFICES = wordlist("offices")


NEAR_CHARS = 400  # a full name this close before a bare surname is the one it repeats


def _closeness(at: int, pos: int) -> tuple:
    """Rank a full name at `at` for a surname at `pos`: one just before wins (`Bill Clinton
    said ... Clinton added`); otherwise the first introduced, the story's own subject, not a
    relative named later (`Debbie Meadows` for `Meadows`)."""
    if at <= pos and pos - at < NEAR_CHARS:
        return (1, at)
    return (0, -at)


class NameIndex:
    """Full person names in the article, to turn `Macron` into `Emmanuel Macron`."""

    def __init__(self, doc, skip=lambda tok: False):
        self.doc = doc
        self.names: list[tuple[tuple[str, ...], str, int]] = []
        self.roles: list[tuple[str, str, int]] = []  # words describing a name where it occurs
        self.votes: dict[str, list[int]] = {}  # surname -> [he, she] evidence
        for tok in doc[:-1]:
            title = tok.lower_.rstrip(".")
            if (title in MALE_TITLES or title in FEMALE_TITLES) and tok.nbor(1).pos_ == "PROPN":
                j = tok.i + 1
                while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
                    j += 1
                v = self.votes.setdefault(doc[j].lower_, [0, 0])
                v[0 if title in MALE_TITLES else 1] += 2
        for ent in doc.ents:
            if ent.label_ != "PERSON" or skip(ent[0]) or _owned(ent):
                continue
            toks = strip_titles(ent)
            if toks and all(t.is_alpha or t.text.endswith(".") or t.text in ("-", "’", "'") or "-" in t.text for t in toks):
                self.names.append((tuple(t.lower_ for t in toks), text_of(toks), ent.start_char))
                self.roles.append((_role_words(ent), text_of(toks), ent.start_char))
                self._vote(ent, toks[-1].lower_)
        self.starts = [at for _, _, at in self.names]
        # every occurrence of a known person's surname (tagged PERSON or not), and how often
        surnames = {words[-1] for words, _, _ in self.names}
        self.surname_at = [(tok.idx, tok.lower_) for tok in doc if tok.pos_ == "PROPN" and tok.lower_ in surnames]
        self.mentions: dict[str, int] = {}
        for _, w in self.surname_at:
            self.mentions[w] = self.mentions.get(w, 0) + 1
        self.by_word: dict[str, list[int]] = {}
        for k, (words, _, _) in enumerate(self.names):
            for w in set(words):
                self.by_word.setdefault(w, []).append(k)

    def _vote(self, ent, surname: str) -> None:
        """He or she? A courtesy title before the name, or the first pronoun after it in its sentence."""
        v = self.votes.setdefault(surname, [0, 0])
        for t in ent.doc[ent.end: min(ent.sent.end, ent.end + 25)]:
            if t.lower_ == "he":  # a subject pronoun; `her secretary` may be someone else's
                v[0] += 1
                break
            if t.lower_ == "she":
                v[1] += 1
                break

    def gender(self, name: str | None) -> str | None:
        """He or she: the given name (`Elizabeth Warren`), the courtesy titles and the pronouns
        after the name in the article; None when they do not tell."""
        if not name:
            return None
        words = name.lower().replace(".", "").split()
        he, she = self.votes.get(words[-1], (0, 0))
        if len(words) >= 2:
            first = self._given_name(words)
            he += GIVEN_NAME_WEIGHT * (first in MALE_NAMES)
            she += GIVEN_NAME_WEIGHT * (first in FEMALE_NAMES)
        if he == she:
            return None
        return "m" if he > she else "f"

    @staticmethod
    def _given_name(words: list[str]) -> str:
        """The given name of a full name: its first word, past a title (`Sen. Elizabeth Warren`)."""
        if words[0] not in TITLES:
            return words[0]
        return words[1] if len(words) > 2 else ""

    def find(self, toks, pos: int) -> str | None:
        """The fullest known person name holding these words, or None."""
        toks = strip_titles(toks)
        if not toks or not self.names:
            return None
        for i in range(len(toks)):  # `Patrol Chief James Hall`: drop leading words the name lacks
            if i and len(toks) - i < 2:
                break
            hit = self.canonical(toks[i:], pos)
            if any(text == hit for _, text, _ in self.names):
                return hit
        return None

    def canonical(self, toks, pos: int) -> str | None:
        key = tuple(t.lower_ for t in strip_titles(toks))
        if not key:
            return None
        best = None
        for k in self.by_word.get(key[-1], ()):
            words, text, at = self.names[k]
            if set(key) <= set(words):
                rank = (len(words),) + _closeness(at, pos)
                if best is None or rank > best[0]:
                    best = (rank, text)
        return best[1] if best else text_of(strip_titles(toks))

