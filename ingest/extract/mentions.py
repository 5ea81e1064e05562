"""Mention resolution: which source a mention in the text denotes. A name (`Sen. Ross`,
`Ross`), a pronoun (`she`), a description (`the minister`) or a document (`the statement`,
`the press release from X`) becomes a `Source`: the article's words and who they stand for.

`MentionResolver` is fed sources in text order (`add`), so a pronoun or description resolves
against what the article has said so far. The article's speaker list is `speaker_list`'s job.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from .attribution import DOCUMENT_NOUNS, GROUP_NOUNS, PERSON_NOUNS, is_cue, is_human
from .names import (
    DEFINITE, INDEFINITE, OFFICES, TITLE_MODIFIERS, TITLES, NameIndex, entity_of, person_name, with_given_names,
    roles_of, strip_titles, text_of, unquoted, description_tokens, phrase_tokens,
)
from .mention_phrases import appos_person, earlier_issuer, issuer_of, people_before, someone_before
from .offices import fit

PERSON_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person"}
GROUP_PRONOUNS = frozenset({"they", "them", "we", "it", "its", "their"})  # `its`, `his`: a claim's holder (`its warning that`)
POSSESSIVE_AS_SUBJECT = {"its": "it", "their": "they"}


@dataclass(frozen=True, kw_only=True)
class Source:
    """One attribution: the article's words, and who they turned out to be."""

    mention: str | None
    name: str | None
    kind: str = "unknown"
    anonymous: bool = False
    attribution: str = "named"  # named, pronoun, description, document, according_to, previous_paragraph
    roles: tuple[str, ...] = ()
    pos: int = 0  # character offset of the claim it attributes
    para: int = 0
    doc_noun: bool = False  # the cue named a document (`in a statement`)


class MentionResolver:
    """Resolves sources in text order against those resolved before."""

    def __init__(self, doc, names: NameIndex, para_of, inside=lambda tok: False):
        self.doc = doc
        self.names = names
        self.para_of = para_of
        self.inside = inside  # is a token inside quotation marks (someone else's words)?
        self.history: list[Source] = []
        self._place_words: frozenset[str] | None = None

    def add(self, src: Source) -> Source:
        """Record a resolved source, for the pronouns and descriptions after it."""
        self.history.append(src)
        return src

    def resolve(self, head, pos: int, doc_cue: bool = False) -> Source:
        """A Source for the head word of a speech verb's subject."""
        src = self._resolve(head, pos, doc_cue)
        if head.pos_ in ("NOUN", "PRON", "NUM") and head.lower_ not in PERSON_PRONOUNS and head.lower_ not in GROUP_PRONOUNS:
            longer = text_of(description_tokens(head))
            if len(longer) > len(src.mention or ""):
                src = replace(src, mention=longer)  # `some voters who have listened to him`: the words as written
        return src

    # -- what came before -------------------------------------------------------------------
    def _recent(self, pos, para, want=lambda s: True, window: int = 3, anon_ok: bool = False):
        for s in reversed(self.history):
            if s.pos > pos:
                continue
            if para - s.para > window:
                break
            if s.name and (anon_ok or not s.anonymous) and want(s):
                return s
        return None

    def _subject_in_paragraph(self, head, want: str) -> tuple[int, str, bool] | None:
        """The last person named as a subject in the pronoun's paragraph before it, of its
        gender, outside quotation marks: (where, name, whether it is the subject of its
        sentence's main verb)."""
        para = self.para_of(head.idx)
        for i in range(head.i - 1, -1, -1):
            t = self.doc[i]
            if self.para_of(t.idx) != para:
                return None
            # `Her deputy, Tom Baker, agreed`: the name in the subject's apposition
            subj = t.head if t.dep_ == "appos" and t.head.dep_ in ("nsubj", "nsubjpass") else t
            if t.ent_type_ == "PERSON" and subj.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and not self.inside(t):
                ent = entity_of(t)
                name = self.names.canonical(list(ent), t.idx) if ent is not None else None
                if name and self.names.gender(name) in (None, want):
                    return t.idx, name, subj.head.dep_ == "ROOT"
        return None

    def _body_in_paragraph(self, head):
        """The last body of people (`Clinton's campaign`, `the union`) that is a subject in the
        pronoun's sentence or the one before it, in its paragraph, or None."""
        para = self.para_of(head.idx)
        first = head.sent.start
        if first > 0 and self.para_of(self.doc[first - 1].idx) == para:
            first = self.doc[first - 1].sent.start
        for i in range(head.i - 1, first - 1, -1):
            t = self.doc[i]
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN" and t.tag_ == "NN" \
                    and t.lemma_.lower() in GROUP_NOUNS and self.para_of(t.idx) == para:
                return t
        return None

    def _person_before(self, pos, want: str | None = None):
        """The nearest person named before `pos` (of the pronoun's gender, where known): a PERSON,
        or a known person's surname as a sentence's subject that the tagger did not mark (`Clinton
        talked about ... Trump responded ...` ¶ `He said:` is Trump). A one-word PERSON the article
        also writes as a place is no one (`while in Burns`, `Burns, Ore.`)."""
        names = self.names.names  # in text order
        k = bisect_left(self.names.starts, pos)
        subject = self._subject_surname_before(pos, want)
        for words, text, at in reversed(names[:k]):
            if subject is not None and subject[0] > at:
                return subject[1]
            if len(words) == 1 and words[0] in self._places() or self._quoted_at(at):
                continue  # a place; or a name inside quotation marks (`“I told Tom Baker ...,” he said`)
            if not want or self.names.gender(text) in (None, want):
                return text
        return subject[1] if subject else None

    def _agreeing_after(self, start: int, pos: int, want: str) -> str | None:
        """`Tarin Holloway met Mark Delaney. “...,” he said`: a person of the pronoun's gender,
        known from a given name, title or pronouns, named after `start` (a subject whose gender
        the article does not tell) and before `pos`; that person, not the subject, is `he`."""
        k = bisect_left(self.names.starts, pos)
        for words, text, at in reversed(self.names.names[:k]):
            if at <= start:
                return None
            if not self._quoted_at(at) and self.names.gender(text) == want:
                return text
        return None

    def _quoted_at(self, at: int) -> bool:
        span = self.doc.char_span(at, at + 1, alignment_mode="expand")
        return span is not None and len(span) > 0 and self.inside(span[0])

    def _subject_surname_before(self, pos, want):
        """The last known surname before `pos` that is a subject outside any PERSON (at, full name)."""
        for at, _ in reversed(self.names.surname_at[:bisect_left(self.names.surname_at, (pos, ""))]):
            tok = self.doc.char_span(at, at + 1, alignment_mode="expand")
            tok = tok[0] if tok is not None and len(tok) else None
            if tok is None or tok.ent_type_ == "PERSON" or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            name = self.names.canonical([tok], at)
            if name and (not want or self.names.gender(name) in (None, want)):
                return at, name
            return None
        return None

    def _places(self) -> frozenset[str]:
        """One-word places the article names (`Burns, Ore.`)."""
        if self._place_words is None:
            self._place_words = frozenset(e.text.lower() for e in self.doc.ents if e.label_ in ("GPE", "LOC") and len(e) == 1)
        return self._place_words

    # -- the kinds of mention ---------------------------------------------------------------
    def _resolve(self, head, pos: int, doc_cue: bool = False) -> Source:
        para = self.para_of(head.idx)
        if head.pos_ == "PRON":
            return self._pronoun(head, pos, para)
        if head.pos_ == "NOUN" and head.dep_ == "appos" and head.head.pos_ == "PROPN" and head.head.i < head.i:
            # `Right Women PAC, an organization that plans ...`: the description stands for the name
            src = self._resolve(head.head, pos, doc_cue)
            return replace(src, roles=src.roles + (text_of(phrase_tokens(head)),))
        appos = appos_person(head) if head.pos_ == "NOUN" else None
        if appos is not None:
            src = self._named(appos, phrase_tokens(appos), pos, para)
            return replace(src, roles=(text_of(phrase_tokens(head)),) + src.roles)
        phrase = phrase_tokens(head)
        if head.pos_ == "NOUN" and head.is_title and self._is_known_person(head):
            return self._named_noun(head, phrase, pos, para)
        if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART"):
            return self._named(head, phrase, pos, para)
        if head.lemma_.lower() in DOCUMENT_NOUNS or (head.pos_ == "NOUN" and any(
                t.lemma_.lower() in DOCUMENT_NOUNS for t in phrase if t.dep_ == "compound")):
            return self._document(head, phrase, pos, para)
        return self._described(head, phrase, pos, para, "description")

    def _pronoun(self, head, pos: int, para: int) -> Source:
        low = head.lower_
        if low in PERSON_PRONOUNS:
            return self._person_pronoun(head, pos, para)
        if low in GROUP_PRONOUNS:
            return self._group_pronoun(head, pos, para)
        return Source(mention=head.text, name=None, kind="unknown", anonymous=True, attribution="pronoun", pos=pos, para=para)

    def _person_pronoun(self, head, pos: int, para: int) -> Source:
        """`he`, `she`: the last person quoted, unless this paragraph's subject is someone else."""
        want = "m" if head.lower_ in ("he", "him", "his") else "f"
        prev = self._recent(pos, para, lambda s: s.kind == "person" and self.names.gender(s.name) in (None, want))
        subject = self._subject_in_paragraph(head, want)
        if subject is not None and prev is not None and subject[1] != prev.name and (
                prev.para < para or subject[2] and prev.pos < subject[0] < head.sent.start_char):
            # `Wayne King ... did not learn of it. He said ...`: this paragraph's subject; and
            # `“...,” said Volkov. Greta Lind disagreed. “...,” she said`: the person made the
            # subject of a sentence after the last quote
            prev = None
        name = prev.name if prev else (subject[1] if subject else None) or self._person_before(head.idx, want)
        if subject is not None and name == subject[1] and self.names.gender(name) is None:
            name = self._agreeing_after(subject[0], head.idx, want) or name
        if name is None:
            someone = someone_before(head, want)
            if someone is not None:  # `A woman is seen ... “...,” she mumbles.`
                return Source(mention=head.text, name=text_of(description_tokens(someone)), kind="person",
                              anonymous=True, attribution="pronoun", pos=pos, para=para)
        return Source(mention=head.text, name=name, kind="person", anonymous=name is None, attribution="pronoun",
                      roles=prev.roles if prev else (), pos=pos, para=para)

    def _group_pronoun(self, head, pos: int, para: int) -> Source:
        """`they`, `it`, `we`: the last group or organisation quoted, else the people just named."""
        low = POSSESSIVE_AS_SUBJECT.get(head.lower_, head.lower_)
        kinds = ("organization",) if low == "it" else ("group", "organization")
        prev = self._recent(pos, para, lambda s: s.kind in kinds, window=2, anon_ok=True)
        body = self._body_in_paragraph(head) if low in ("they", "them") else None
        if body is not None and (prev is None or prev.para < para):
            # `Moravec's campaign wants to set her record against what they call ...`
            return replace(self._described(body, phrase_tokens(body), pos, para, "description"),
                           mention=head.text, attribution="pronoun")
        if prev:
            return Source(mention=head.text, name=prev.name, kind=prev.kind, anonymous=prev.anonymous,
                          attribution="pronoun", roles=prev.roles, pos=pos, para=para)
        speaks = head.dep_ == "nsubj" and is_cue(head.head)  # not `It would be difficult to ...`
        org = self._organisation_before(head) if low == "it" and speaks else None
        if org is not None:  # `Harbor Lines will stop the ferry. “...,” it said`: the organisation just named
            return Source(mention=head.text, name=org, kind="organization", attribution="pronoun", pos=pos, para=para)
        people = people_before(head, self.para_of) if low in ("they", "them") else None
        if people is not None:
            return Source(mention=head.text, name=text_of(description_tokens(people)), kind="group",
                          anonymous=people.pos_ != "PROPN", attribution="pronoun", pos=pos, para=para)
        return Source(mention=head.text, name=None, kind="group", anonymous=True, attribution="pronoun", pos=pos, para=para)

    def _issued(self, tok, mention: str, pos: int) -> Source:
        return replace(self.resolve(tok, pos), mention=mention, attribution="document")

    def _document(self, head, phrase, pos: int, para: int) -> Source:
        """A document: `the statement`, `the press release from X`, `X's memo`, `X released a
        statement`; else the body quoted just before, else the document itself."""
        mention = text_of(phrase)
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "of", "by"):
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        return self._issued(obj, mention, pos)
            if c.dep_ == "poss":
                return self._issued(c, mention, pos)
        issuer = issuer_of(head)
        if issuer is not None:  # `Smith released a statement saying ...`: Smith
            return self._issued(issuer, mention, pos)
        if any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in phrase):
            return self._described(head, phrase, pos, para, "document")
        issuer = earlier_issuer(head, self.para_of) if head.dep_ in ("nsubj", "nsubjpass") else None
        if issuer is not None:  # `The Trust sent a memo ...` ¶ `the memo said`: the Trust
            return self._issued(issuer, mention, pos)
        prev = (self._recent(pos, para, lambda s: s.kind in ("organization", "group"), window=4, anon_ok=True)
                or self._recent(pos, para, lambda s: s.doc_noun, window=4, anon_ok=True))
        if prev:
            return Source(mention=mention, name=prev.name, kind=prev.kind, anonymous=prev.anonymous,
                          attribution="document", roles=prev.roles, pos=pos, para=para)
        return Source(mention=mention, name=mention, kind="organization", anonymous=True, attribution="document",
                      pos=pos, para=para)
    def _named(self, head, phrase, pos, para) -> Source:
        ent = entity_of(head)
        mention = text_of(phrase)
        if ent is None or ent.label_ != "PERSON":
            # `Patrol Chief James Hall`: the head is a title, the name is a PERSON inside the phrase
            inner = [t for t in phrase if t.ent_type_ == "PERSON"]
            if inner:
                ent = entity_of(inner[-1])
        if (head.pos_ == "PROPN" or ent is not None and head.is_title) and (ent is None or ent.label_ != "PERSON"):
            # a surname the tagger missed (`Doherty` as ORG, even as a noun): known from a PERSON elsewhere
            props = [t for t in (list(ent) if ent is not None else phrase) if t.pos_ == "PROPN" or t.is_title]
            name = self.names.find(props, pos) if props else None
            if name:
                return Source(mention=mention, name=name, kind="person", attribution="named",
                              roles=tuple(roles_of(head, strip_titles(props))), pos=pos, para=para)
        if ent is not None and ent.label_ == "PERSON" or (ent is None and head.pos_ == "PROPN" and self._is_known_person(head)):
            name_toks = person_name(with_given_names(ent, phrase) if ent is not None else [t for t in phrase if t.pos_ == "PROPN"])
            name = self.names.canonical(name_toks, pos) if name_toks else mention
            roles = roles_of(head, name_toks)
            return Source(mention=mention, name=name, kind="person", roles=tuple(roles), pos=pos, para=para)
        if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC"):
            name = text_of(strip_titles(list(ent)))
            kind = "group" if ent.label_ == "NORP" else "organization"
            if head.i >= ent.end or head.i < ent.start:  # `the CNN meteorologist`: head outside the entity
                return self._described(head, phrase, pos, para, "description")
            return Source(mention=mention, name=name or mention, kind=kind, roles=tuple(roles_of(head, list(ent))),
                          pos=pos, para=para)
        props = [t for t in phrase if t.pos_ == "PROPN"]
        stripped = strip_titles(phrase)
        if stripped and stripped[0].pos_ == "ADP":
            # `the Senator from Texas`, `the secretary general of the United Nations`: a title
            # and the place it serves, a description of a person and no name
            return self._described(head, phrase, pos, para, "description")
        name = text_of(stripped) or mention
        titled = any(t.lower_ in TITLES for t in phrase if t.i < head.i)
        kind = ("group" if head.tag_ in ("NNS", "NNPS") else
                "person" if head.pos_ == "PROPN" and (ent is None or titled) else "unknown")
        if head.lemma_.lower() in GROUP_NOUNS or any(t.lemma_.lower() in GROUP_NOUNS for t in props) \
                or not titled and any(t.ent_type_ == "ORG" for t in phrase):  # `The Foo Energy Operator`
            kind = "organization"
        return Source(mention=mention, name=name, kind=kind, pos=pos, para=para)

    def _body_of(self, holder: Source, lemma: str, mention: str, pos: int, para: int) -> Source:
        """`Trump campaign spokesman Jason Miller said ...` ¶ `The campaign credited ...`: the
        body is the organisation the role names (`Trump campaign`), not the person holding it."""
        for role in holder.roles + (holder.mention or "",):
            words = role.split()
            at = [k for k, w in enumerate(words) if w.lower().strip(",.") in (lemma, lemma + "s")]
            if at and at[0] > 0 and words[0].lower() not in DEFINITE | INDEFINITE:
                return Source(mention=mention, name=" ".join(words[:at[0] + 1]).strip(",."), kind="organization",
                              attribution="description", pos=pos, para=para)
        return Source(mention=mention, name=mention, kind="organization", anonymous=True, attribution="description",
                      pos=pos, para=para)

    def _named_noun(self, head, phrase, pos: int, para: int) -> Source:
        """`Sanders: Clinton needs to ...`: a surname the tagger took for a noun, known from a
        person the article names."""
        name = self.names.canonical([head], pos)
        return Source(mention=text_of(phrase), name=name, kind="person", pos=pos, para=para)

    def _role_holder(self, lemma: str, pos: int) -> str | None:
        """The person the article describes with this word (`the president` -> President Obama),
        the nearest before `pos`, else the first after."""
        before = [(at, name) for words, name, at in self.names.roles if lemma in words.split() and at < pos]
        if before:
            return max(before)[1]
        after = [(at, name) for words, name, at in self.names.roles if lemma in words.split()]
        return min(after)[1] if after else None

    def _organisation_before(self, head, paragraphs: int = 1) -> str | None:
        """`Harbor Lines will stop the ferry. “...,” the company said.`: the nearest organisation
        the text names (outside quotation marks) in this paragraph or the one before, when no
        organisation was quoted; the company, not the person who runs it."""
        para = self.para_of(head.idx)
        for i in range(head.i - 1, -1, -1):
            t = self.doc[i]
            if para - self.para_of(t.idx) > paragraphs:
                return None
            if t.ent_type_ == "ORG" and t.ent_iob_ == "B" and not self.inside(t) and t.dep_ != "poss":
                ent = entity_of(t)
                name = text_of(strip_titles(list(ent))) if ent is not None else ""
                if name and name.lower() != head.lower_:
                    return name
        return None

    def _is_known_person(self, head) -> bool:
        return any(head.lower_ in words for words, _, _ in self.names.names)

    def _described(self, head, phrase, pos, para, how) -> Source:
        """`the minister`, `officials`, `a spokesman for the agency`."""
        mention = text_of(phrase)
        lemma = head.lemma_.lower()
        definite = phrase and phrase[0].lower_ in DEFINITE and head.tag_ in ("NN", "NNP", "NNS", "NNPS")
        if definite:
            prev = self._recent(pos, para, lambda s: (any(lemma in r.lower() for r in s.roles + (s.mention,)) and s.mention.lower() != mention.lower() or s.name and lemma in (s.name or "").lower())
                                and fit(mention, s.name, self.names, s.roles) != "barred", window=12)
            if prev and lemma in GROUP_NOUNS and prev.kind == "person" and head.tag_ == "NN":
                return self._body_of(prev, lemma, mention, pos, para)
            if prev:
                return Source(mention=mention, name=prev.name, kind=prev.kind, attribution="description",
                              roles=prev.roles, pos=pos, para=para)
            if head.tag_ in ("NN", "NNP") and (lemma in PERSON_NOUNS or lemma in OFFICES
                                               or lemma in TITLES and lemma not in TITLE_MODIFIERS):
                named = self._role_holder(lemma, pos)  # `the president`; not `the state` (state Sen. X)
                if named and fit(mention, named, self.names) != "barred":
                    return Source(mention=mention, name=named, kind="person", attribution="description",
                                  roles=(mention,), pos=pos, para=para)
            if lemma in GROUP_NOUNS and len(phrase) <= 3:
                # `the team`, `the company`: the body of people quoted just before
                prev = self._recent(pos, para, lambda s: s.kind in ("organization", "group"), window=3, anon_ok=True)
                if prev:
                    return Source(mention=mention, name=prev.name, kind=prev.kind, anonymous=prev.anonymous,
                                  attribution="description", roles=prev.roles, pos=pos, para=para)
                org = self._organisation_before(head) if head.tag_ == "NN" else None
                if org:
                    return Source(mention=mention, name=org, kind="organization", attribution="description",
                                  pos=pos, para=para)
        plural = head.tag_ in ("NNS", "NNPS")
        if lemma in GROUP_NOUNS and not plural:
            kind = "organization"
        elif plural and is_human(head):
            kind = "group"
        elif lemma in PERSON_NOUNS or head.ent_type_ == "PERSON":
            kind = "person"
        else:
            kind = "unknown"
        has_proper = any(t.pos_ == "PROPN" for t in unquoted(phrase))
        indefinite = bool(phrase) and phrase[0].lower_ in INDEFINITE and head.pos_ == "NOUN"
        name = mention
        if has_proper or not (phrase and phrase[0].pos_ == "DET" and phrase[0].lower_ in ("a", "an", "another", "one", "some")):
            name = text_of(strip_titles(phrase)) if phrase and phrase[0].pos_ == "DET" and phrase[0].lower_ == "the" and has_proper else mention
        anonymous = not has_proper or indefinite  # `one GOP operative`, `a White House official`
        return Source(mention=mention, name=name, kind=kind, anonymous=anonymous, attribution=how, pos=pos, para=para)

