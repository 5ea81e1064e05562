"""Who a source is: the mention's words, its canonical name, kind, roles, and what pronouns,
descriptions (`the minister`) and documents (`the statement`) stand for.

`SpeakerBook` is fed sources in text order, so a pronoun or description resolves against what
the article has said so far; `speakers()` then lists one Speaker per canonical name.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Span

from newsfacts.schema.claims import Speaker

from .attribution import DOCUMENT_NOUNS, GROUP_NOUNS, PERSON_NOUNS, is_cue, is_human

TITLES = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady president vice
sen. sen senator rep. rep representative gov. gov governor lt. gen. gen general col. capt. maj.
sgt. adm. cmdr. chief judge justice minister secretary chancellor premier mayor pope king queen
prince princess rev. rev father sheikh ambassador commissioner deputy state attorney officer
detective inspector superintendent councilman councilwoman councillor assemblyman assemblywoman
speaker leader chairman chairwoman chair director spokesman spokeswoman spokesperson candidate
nominee former acting interim then late prime
""".split())
TITLE_MODIFIERS = frozenset("state former acting interim then late prime deputy vice".split())  # not people
MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "father"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "lady", "dame", "queen", "princess", "madam"})
COURTESY = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "mx"})
PERSON_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person"}
GROUP_PRONOUNS = frozenset({"they", "them", "we", "it"})
CUT_DEPS = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis", "cc", "conj", "prep"})
KEEP_PREPS = frozenset({"of", "for", "from", "at", "with", "in", "on"})
NAME_PREPS = frozenset({"of", "from", "at"})  # `Ross Eisenbrey of the Economic Policy Institute`


@dataclass
class Source:
    """One attribution: the article's words, and who they turned out to be."""

    mention: str
    name: str | None
    kind: str = "unknown"
    anonymous: bool = False
    attribution: str = "named"
    roles: list[str] = field(default_factory=list)
    pos: int = 0
    para: int = 0
    doc_noun: bool = False  # the cue named a document (`in a statement`)


INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several"})
QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»", "``", "''"})


def _unquoted(toks) -> list:
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


def _text(toks) -> str:
    if not toks:
        return ""
    return toks[0].doc[toks[0].i: toks[-1].i + 1].text.strip().lstrip("”’\"'“‘ ").rstrip(",;: ")


def _ent(tok):
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


def _person_name(toks):
    """A person's name without the owner the tagger glued to it (`the Center’s Bozell`)."""
    toks = list(toks)
    owners = [k for k, t in enumerate(toks[:-1]) if t.tag_ == "POS" or t.lower_ in ("'s", "’s")]
    return _strip(toks[owners[-1] + 1:] if owners else toks)


def _given_names(ent, phrase) -> list:
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


def _strip(toks):
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
    ent = _ent(head)
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


def _issuer(doc_head):
    """Who issued a document that is the object of a verb: `many issued statements praising`."""
    verb = doc_head.head
    if doc_head.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < doc_head.i]
    if not subjects:
        return None
    who = subjects[0]
    return who if who.pos_ in ("PROPN", "PRON", "NOUN") or who.lower_ in ("many", "some", "most", "several", "others") else None


def _appos_person(head):
    """`a spokesman, John Smith,`: the name in the apposition."""
    for c in head.children:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON":
            return c
    return None


def _roles(head, name_toks):
    """Roles the article gives: titles and words before the name, and appositions."""
    roles = []
    phrase = phrase_tokens(head)
    if name_toks:
        before = [t for t in phrase if t.i < name_toks[0].i and t.pos_ not in ("DET", "PUNCT") and t.tag_ != "POS"]
        while before and before[0].lower_.rstrip(".") in COURTESY:
            before = before[1:]
        if before:
            roles.append(_text(before))
    for c in head.children:
        if c.dep_ == "appos" and c.ent_type_ != "PERSON":
            sub = [t for t in c.subtree if t.dep_ not in ("relcl",)]
            sub = [t for t in sub if t.i >= c.left_edge.i]
            words = _text([t for t in c.subtree])
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
OFFICES = frozenset("""
mayor president senator governor minister chancellor premier congressman congresswoman lawmaker
candidate nominee billionaire businessman businesswoman tycoon mogul incumbent challenger leader
chairman chairwoman king queen prince princess pope star actor actress singer director ceo founder
""".split())


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
            toks = _strip(ent)
            if toks and all(t.is_alpha or t.text.endswith(".") or t.text in ("-", "’", "'") or "-" in t.text for t in toks):
                self.names.append((tuple(t.lower_ for t in toks), _text(toks), ent.start_char))
                self.roles.append((_role_words(ent), _text(toks), ent.start_char))
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
        if not name:
            return None
        v = self.votes.get(name.split()[-1].lower())
        if not v or v[0] == v[1]:
            return None
        return "m" if v[0] > v[1] else "f"

    def find(self, toks, pos: int) -> str | None:
        """The fullest known person name holding these words, or None."""
        toks = _strip(toks)
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
        key = tuple(t.lower_ for t in _strip(toks))
        if not key:
            return None
        best = None
        for k in self.by_word.get(key[-1], ()):
            words, text, at = self.names[k]
            if set(key) <= set(words):
                rank = (len(words),) + _closeness(at, pos)
                if best is None or rank > best[0]:
                    best = (rank, text)
        return best[1] if best else _text(_strip(toks))


class SpeakerBook:
    """Resolves sources in text order and collects the article's speakers."""

    def __init__(self, doc, names: NameIndex, para_of):
        self.doc = doc
        self.names = names
        self.para_of = para_of
        self.history: list[Source] = []

    # -- resolution -----------------------------------------------------------------------
    def _recent(self, pos, para, want=lambda s: True, window: int = 3, anon_ok: bool = False):
        for s in reversed(self.history):
            if s.pos > pos:
                continue
            if para - s.para > window:
                break
            if s.name and (anon_ok or not s.anonymous) and want(s):
                return s
        return None

    def _subject_in_paragraph(self, head, want: str) -> str | None:
        """The last person named as a subject in the pronoun's paragraph before it, of its gender."""
        para = self.para_of(head.idx)
        for i in range(head.i - 1, -1, -1):
            t = self.doc[i]
            if self.para_of(t.idx) != para:
                return None
            if t.ent_type_ == "PERSON" and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN":
                ent = _ent(t)
                name = self.names.canonical(list(ent), t.idx) if ent is not None else None
                if name and self.names.gender(name) in (None, want):
                    return name
        return None

    def _someone_before(self, head, want: str, reach: int = 80):
        """In an article that names no one: the nearest person noun before he or she (`a woman`)."""
        other = {"m": ("woman", "girl", "mother", "wife", "daughter", "sister"),
                 "f": ("man", "boy", "father", "husband", "son", "brother")}[want]
        for i in range(head.i - 1, max(-1, head.i - reach), -1):
            t = self.doc[i]
            if t.tag_ == "NN" and (t.lemma_.lower() in PERSON_NOUNS or t.lemma_.lower() in ("girl", "boy", "mother", "father")) \
                    and t.lower_ not in other and t.dep_ not in ("compound", "poss"):
                return t
        return None

    def _people_before(self, head, reach: int = 60):
        """`... left some energy experts bewildered. They said ...`: the nearest plural people
        noun before `they` in its paragraph."""
        para = self.para_of(head.idx)
        for i in range(head.i - 1, max(-1, head.i - reach), -1):
            t = self.doc[i]
            if self.para_of(t.idx) != para:
                break
            if t.tag_ in ("NNS", "NNPS") and is_human(t) and t.dep_ not in ("compound", "poss"):
                return t
        return None

    def _person_before(self, pos, want: str | None = None):
        """The nearest PERSON named before `pos` (of the pronoun's gender, where known)."""
        names = self.names.names  # in text order
        k = bisect_left(self.names.starts, pos)
        for words, text, at in reversed(names[:k]):
            if not want or self.names.gender(text) in (None, want):
                return text
        return None

    def resolve(self, head, pos: int, doc_cue: bool = False) -> Source:
        """A Source for the head word of a speech verb's subject."""
        src = self._resolve(head, pos, doc_cue)
        if head.pos_ in ("NOUN", "PRON", "NUM") and head.lower_ not in PERSON_PRONOUNS and head.lower_ not in GROUP_PRONOUNS:
            longer = _text(description_tokens(head))
            if len(longer) > len(src.mention or ""):
                src.mention = longer  # `some voters who have listened to him`: the words as written
        return src

    def _resolve(self, head, pos: int, doc_cue: bool = False) -> Source:  # noqa: C901 (to split)
        para = self.para_of(head.idx)
        low = head.lower_
        if head.pos_ == "PRON" and low in PERSON_PRONOUNS:
            want = "m" if low in ("he", "him") else "f"
            prev = self._recent(pos, para, lambda s: s.kind == "person" and self.names.gender(s.name) in (None, want))
            subject = self._subject_in_paragraph(head, want) if prev is None or prev.para < para else None
            if subject is not None and subject != (prev.name if prev else None):
                prev = None  # `Wayne King ... did not learn of it. He said ...`: this paragraph's subject
            name = prev.name if prev else subject or self._person_before(head.idx, want)
            if name is None:
                someone = self._someone_before(head, want)
                if someone is not None:  # `A woman is seen ... “...,” she mumbles.`
                    return Source(head.text, _text(description_tokens(someone)), "person", True, "pronoun", [], pos, para)
            return Source(head.text, name, "person", name is None, "pronoun",
                          list(prev.roles) if prev else [], pos, para)
        if head.pos_ == "PRON" and low in GROUP_PRONOUNS:
            kinds = ("organization",) if low == "it" else ("group", "organization")
            prev = self._recent(pos, para, lambda s: s.kind in kinds, window=2, anon_ok=True)
            if prev:
                return Source(head.text, prev.name, prev.kind, prev.anonymous, "pronoun", list(prev.roles), pos, para)
            people = self._people_before(head) if low in ("they", "them") else None
            if people is not None:
                mention = _text(description_tokens(people))
                return Source(head.text, mention, "group", people.pos_ != "PROPN", "pronoun", [], pos, para)
            return Source(head.text, None, "group", True, "pronoun", [], pos, para)
        if head.pos_ == "PRON":
            return Source(head.text, None, "unknown", True, "pronoun", [], pos, para)

        if head.pos_ == "NOUN" and head.dep_ == "appos" and head.head.pos_ == "PROPN" and head.head.i < head.i:
            # `Right Women PAC, an organization that plans ...`: the description stands for the name
            src = self._resolve(head.head, pos, doc_cue)
            src.roles.append(_text(phrase_tokens(head)))
            return src
        appos = _appos_person(head) if head.pos_ == "NOUN" else None
        if appos is not None:
            phrase = phrase_tokens(appos)
            role_words = phrase_tokens(head)
            src = self._named(appos, phrase, pos, para)
            src.roles.insert(0, _text(role_words))
            return src
        phrase = phrase_tokens(head)
        lemma = head.lemma_.lower()
        has_proper = any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in phrase)
        if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART"):
            return self._named(head, phrase, pos, para)
        mention = _text(phrase)
        # a document: `the statement`, `the press release from X`
        if lemma in DOCUMENT_NOUNS or (head.pos_ == "NOUN" and any(t.lemma_.lower() in DOCUMENT_NOUNS for t in phrase if t.dep_ == "compound")):
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in ("from", "of", "by"):
                    for obj in c.children:
                        if obj.dep_ == "pobj":
                            src = self.resolve(obj, pos)
                            src.mention = mention
                            src.attribution = "document"
                            return src
                if c.dep_ == "poss":
                    src = self.resolve(c, pos)
                    src.mention = mention
                    src.attribution = "document"
                    return src
            issuer = _issuer(head)
            if issuer is not None:  # `Smith released a statement saying ...`: Smith
                src = self.resolve(issuer, pos)
                src.mention = mention
                src.attribution = "document"
                return src
            if has_proper:
                return self._described(head, phrase, pos, para, "document")
            prev = (self._recent(pos, para, lambda s: s.kind in ("organization", "group"), window=4, anon_ok=True)
                    or self._recent(pos, para, lambda s: s.doc_noun, window=4, anon_ok=True))
            if prev:
                return Source(mention, prev.name, prev.kind, prev.anonymous, "document", list(prev.roles), pos, para)
            return Source(mention, mention, "organization", True, "document", [], pos, para)
        return self._described(head, phrase, pos, para, "description")

    def _named(self, head, phrase, pos, para) -> Source:
        ent = _ent(head)
        mention = _text(phrase)
        if ent is None or ent.label_ != "PERSON":
            # `Patrol Chief James Hall`: the head is a title, the name is a PERSON inside the phrase
            inner = [t for t in phrase if t.ent_type_ == "PERSON"]
            if inner:
                ent = _ent(inner[-1])
        if (head.pos_ == "PROPN" or ent is not None and head.is_title) and (ent is None or ent.label_ != "PERSON"):
            # a surname the tagger missed (`Doherty` as ORG, even as a noun): known from a PERSON elsewhere
            props = [t for t in (list(ent) if ent is not None else phrase) if t.pos_ == "PROPN" or t.is_title]
            name = self.names.find(props, pos) if props else None
            if name:
                return Source(mention, name, "person", False, "named", _roles(head, _strip(props)), pos, para)
        if ent is not None and ent.label_ == "PERSON" or (ent is None and head.pos_ == "PROPN" and self._is_known_person(head)):
            name_toks = _person_name(_given_names(ent, phrase) if ent is not None else [t for t in phrase if t.pos_ == "PROPN"])
            name = self.names.canonical(name_toks, pos) if name_toks else mention
            roles = _roles(head, name_toks)
            return Source(mention, name, "person", False, "named", roles, pos, para)
        if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC"):
            if any(t.i < ent.start and t.pos_ in ("NOUN",) for t in phrase) and head.i >= ent.end:
                pass
            name = _text(_strip(list(ent)))
            kind = "group" if ent.label_ == "NORP" else "organization"
            if head.i >= ent.end or head.i < ent.start:  # `the CNN meteorologist`: head outside the entity
                return self._described(head, phrase, pos, para, "description")
            return Source(mention, name or mention, kind, False, "named", _roles(head, list(ent)), pos, para)
        props = [t for t in phrase if t.pos_ == "PROPN"]
        name = _text(_strip(phrase)) or mention
        titled = any(t.lower_ in TITLES for t in phrase if t.i < head.i)
        kind = ("group" if head.tag_ in ("NNS", "NNPS") else
                "person" if head.pos_ == "PROPN" and (ent is None or titled) else "unknown")
        if head.lemma_.lower() in GROUP_NOUNS or any(t.lemma_.lower() in GROUP_NOUNS for t in props) \
                or not titled and any(t.ent_type_ == "ORG" for t in phrase):  # `The Foo Energy Operator`
            kind = "organization"
        return Source(mention, name, kind, False, "named", [], pos, para)

    def _role_holder(self, lemma: str, pos: int) -> str | None:
        """The person the article describes with this word (`the president` -> President Obama),
        the nearest before `pos`, else the first after."""
        before = [(at, name) for words, name, at in self.names.roles if lemma in words.split() and at < pos]
        if before:
            return max(before)[1]
        after = [(at, name) for words, name, at in self.names.roles if lemma in words.split()]
        return min(after)[1] if after else None

    def _is_known_person(self, head) -> bool:
        return any(head.lower_ in words for words, _, _ in self.names.names)

    def _described(self, head, phrase, pos, para, how) -> Source:
        """`the minister`, `officials`, `a spokesman for the agency`."""
        mention = _text(phrase)
        lemma = head.lemma_.lower()
        definite = phrase and phrase[0].lower_ in DEFINITE and head.tag_ in ("NN", "NNP", "NNS", "NNPS")
        if definite:
            prev = self._recent(pos, para, lambda s: any(lemma in r.lower() for r in s.roles + [s.mention]) and s.mention.lower() != mention.lower() or s.name and lemma in (s.name or "").lower(), window=12)
            if prev:
                return Source(mention, prev.name, prev.kind, False, "description", list(prev.roles), pos, para)
            if head.tag_ in ("NN", "NNP") and (lemma in PERSON_NOUNS or lemma in OFFICES
                                               or lemma in TITLES and lemma not in TITLE_MODIFIERS):
                named = self._role_holder(lemma, pos)  # `the president`; not `the state` (state Sen. X)
                if named:
                    return Source(mention, named, "person", False, "description", [mention], pos, para)
            if lemma in GROUP_NOUNS and len(phrase) <= 3:
                # `the team`, `the company`: the body of people quoted just before
                prev = self._recent(pos, para, lambda s: s.kind in ("organization", "group"), window=3, anon_ok=True)
                if prev:
                    return Source(mention, prev.name, prev.kind, prev.anonymous, "description", list(prev.roles), pos, para)
        plural = head.tag_ in ("NNS", "NNPS")
        if lemma in GROUP_NOUNS and not plural:
            kind = "organization"
        elif plural and is_human(head):
            kind = "group"
        elif lemma in PERSON_NOUNS or head.ent_type_ == "PERSON":
            kind = "person"
        else:
            kind = "unknown"
        has_proper = any(t.pos_ == "PROPN" for t in _unquoted(phrase))
        indefinite = bool(phrase) and phrase[0].lower_ in INDEFINITE and head.pos_ == "NOUN"
        name = mention
        if has_proper or not (phrase and phrase[0].pos_ == "DET" and phrase[0].lower_ in ("a", "an", "another", "one", "some")):
            name = _text(_strip(phrase)) if phrase and phrase[0].pos_ == "DET" and phrase[0].lower_ == "the" and has_proper else mention
        anonymous = not has_proper or indefinite  # `one GOP operative`, `a White House official`
        return Source(mention, name, kind, anonymous, how, [], pos, para)

    def add(self, src: Source) -> Source:
        self.history.append(src)
        return src

    # -- the speaker list -------------------------------------------------------------------
    @staticmethod
    def forward(used: list[Source], reach: int = 2) -> None:
        """`the minister ... defended the result` ¶ `..., declared Sébastien Lecornu`: a definite
        description nobody earlier fits names the next person quoted by name."""
        for i, s in enumerate(used):
            if not (s.anonymous and s.attribution == "description" and s.kind == "person"
                    and s.mention.lower().startswith("the ")):
                continue
            for t in used[i + 1:]:
                if t.para - s.para > reach:
                    break
                if t.kind == "person" and not t.anonymous and t.attribution == "named":
                    s.name, s.anonymous = t.name, False
                    s.roles = s.roles or [s.mention[4:]]
                    break

    def salient(self, used: list[Source], reach: int = 3) -> None:
        """`the former mayor argued ...` with no earlier mayor named: a definite description of an
        office names the most mentioned person of the last few paragraphs (news names its subject
        by surname again and again)."""
        for s in used:
            if not (s.attribution == "description" and s.kind == "person" and s.mention and s.name
                    and s.name.lower() in s.mention.lower()):
                continue  # resolved already, or not a description of a person
            words = s.mention.lower().split()
            if len(words) < 2 or words[0] not in DEFINITE or words[-1] not in OFFICES:
                continue
            near = [w for at, w in self.names.surname_at if at < s.pos and s.para - self.para_of(at) <= reach]
            if not near:
                continue
            best = max(near, key=lambda w: self.names.mentions[w])
            fullest = max((t for w, t, _ in self.names.names if w[-1] == best), key=lambda t: len(t.split()))
            s.name, s.anonymous = fullest, False
            s.roles = s.roles or [" ".join(s.mention.split()[1:])]

    @staticmethod
    def unify(used: list[Source]) -> None:
        """One name per person: `Doherty` becomes `Michael Doherty` when the article has both."""
        persons = {s.name for s in used if s.name and s.kind == "person" and not s.anonymous}
        words = {n: set(n.lower().replace(".", "").split()) for n in persons}
        for s in used:
            if s.name not in words:
                continue
            mine = words[s.name]
            longer = [n for n in persons if len(words[n]) > len(mine) and mine <= words[n]]
            if longer:
                s.name = max(longer, key=lambda n: len(words[n]))
        orgs = {s.name for s in used if s.name and s.kind == "organization" and not s.anonymous}
        for s in used:
            if s.name in orgs:
                longer = [n for n in orgs if len(n) > len(s.name) and n.lower().startswith(s.name.lower())]
                if longer:
                    s.name = min(longer, key=len)

    def speakers(self, used: list[Source]) -> list[Speaker]:
        by_name: dict[str, Speaker] = {}
        for s in used:
            if not s.name:
                continue
            if s.anonymous and (s.kind == "unknown" or s.attribution in ("document", "pronoun")):
                continue  # `the statement` or `it` left unresolved, `the results`: no source to list
            key = s.name.lower()
            sp = by_name.get(key)
            if sp is None:
                sp = by_name[key] = Speaker(name=s.name, kind=s.kind, anonymous=s.anonymous)
            elif sp.kind == "unknown" and s.kind != "unknown":
                sp.kind = s.kind
            if s.mention and s.mention != s.name and s.mention not in sp.aliases and s.attribution != "pronoun":
                sp.aliases.append(s.mention)
            for r in s.roles:
                if r and r not in sp.roles and r.lower() != s.name.lower():
                    sp.roles.append(r)
        return list(by_name.values())
