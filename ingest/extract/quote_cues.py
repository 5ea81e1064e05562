"""The cue of a quote in quotation marks, and its source: an ordered table of named rules
(`CUE_RULES`), each a small function tried in turn; the first that finds a source wins, and
its name is the quote's `rule`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .attribution import DOCUMENT_NOUNS, is_cue, is_evidence, is_human, plausible_source, source_token
from .quote_layout import Layout, blank, quote_kind, tokens_between
from .quote_marks import QuoteSpan
from .wordlists import words as wordlist

NEXT_SENTENCE_REACH = 8  # `“...” She said.`: how far into the next sentence a cue may sit
WINDOW = 30  # tokens after a quote in which its cue may sit
HEADLINE_PREFIX_WORDS = 5


@dataclass(frozen=True)
class Around:
    """What every cue rule looks at: the quote, its tokens, paragraph and sentences."""

    doc: object
    lay: Layout
    q: QuoteSpan
    toks: list
    para: int
    sents: list

    def cands(self, tokens) -> list:
        """Speech verbs among `tokens`, outside quotation marks, in the quote's paragraph."""
        return [t for t in tokens if not self.lay.inside(t) and self.lay.para(t.idx) == self.para and is_cue(t)]

    def cands_any(self, tokens) -> list:
        return [t for t in tokens if not self.lay.inside(t) and is_cue(t)]

    def source(self, verb):
        """Who speaks through `verb`; a finding (`a review of records indicates`) speaks no quoted words."""
        src = source_token(verb, self.lay.inside)
        return None if src is None or is_evidence(verb, src) else src


def _by_label(a: Around):
    """`“WALLACE: Let's start ...”`: a transcript turn quoted whole."""
    label = transcript_label(a.doc, a.lay, a.q)
    return (None, label) if label is not None else None


def _by_signature(a: Around):
    """`“...” ― Sonya Ruiz` ending a paragraph."""
    signed = _signature(a.doc, a.lay, a.q, a.para)
    return (None, signed) if signed is not None else None


def _by_tag(a: Around):
    """`“...,” said Ms. Leon` / `“...,” the minister said`."""
    tag = _tag_after(a.doc, a.lay, a.q, a.para)
    return tag[:2] if tag is not None else None


def _sentence_pairs(a: Around) -> tuple[list, list]:
    """(cue, source) pairs in the quote's sentences: those whose verb governs the quote (the
    outermost first), and the others, nearest first."""
    found = [t for s in a.sents for t in a.cands(s)]
    if not found:
        return [], []
    lo, hi = a.toks[0].i, a.toks[-1].i
    ancestors = []
    for t in a.toks:
        if not (lo <= t.head.i <= hi):
            ancestors.extend(x for x in t.ancestors if x.i < lo or x.i > hi)
    ruling = sorted((c for c in found if c in ancestors), key=lambda c: len(list(c.ancestors)))
    nearest = sorted((c for c in found if c not in ruling), key=lambda c: min(abs(c.i - lo), abs(c.i - hi)))
    pair = lambda cs: [(c, src) for c in cs if (src := a.source(c)) is not None]  # noqa: E731
    return pair(ruling), pair(nearest)


def _by_ruling(a: Around):
    """`She said “...”`: the outermost speech verb governing the quote, with a subject that can speak."""
    return next(((c, s) for c, s in _sentence_pairs(a)[0] if plausible_source(s)), None)


def _by_nearest(a: Around):
    """The speech verb nearest the quote in its sentence, with a subject that can speak."""
    return next(((c, s) for c, s in _sentence_pairs(a)[1] if plausible_source(s)), None)


def _by_sentence_verb(a: Around):
    """A subject that cannot speak (`the issue asked`) is a parser slip, taken only when nothing better is."""
    ruling, nearest = _sentence_pairs(a)
    return (ruling + nearest)[0] if ruling or nearest else None


def _by_after(a: Around):
    """The sentence splitter often cuts at quotation marks: a speech verb after the quote up to
    the end of the reporter's sentence (`“...,” Texas delegate Bill Eastland, wearing a hat, said`).
    Only for a quote that is a sentence of its own: a fragment (`they called the plan “a
    mistake.” Ms. Ruiz said ...`) sits in the reporter's sentence, and the verb after it is the
    next sentence's, another speaker's as often as not."""
    doc, lay = a.doc, a.lay
    if quote_kind(doc, lay, a.q) != "direct":
        return None
    after = []
    for t in doc[a.toks[-1].i + 1: min(len(doc), a.toks[-1].i + 1 + WINDOW)]:
        if lay.para(t.idx) != a.para or (not lay.inside(t) and t.text in (".", "?", "!")):
            break
        after.append(t)
    for c in a.cands(after):
        src = a.source(c)
        if src is None:  # the name before the verb
            names = [t for t in after if t.i < c.i and not lay.inside(t) and t.ent_type_ == "PERSON"]
            src = names[0] if names else None
            while src is not None and src.i + 1 < c.i and doc[src.i + 1].ent_type_ == "PERSON":
                src = doc[src.i + 1]
        if src is not None:
            return c, src
    return None


def _by_next_sentence(a: Around):
    """`“...”` then a sentence starting `she said` (a quote that is a sentence of its own, as for `after`)."""
    last = a.sents[-1]
    if quote_kind(a.doc, a.lay, a.q) != "direct":
        return None
    if last.end >= len(a.doc) or a.lay.text[a.q.close:last.end_char].strip(" .,!?”\"’'") != "":
        return None
    nxt = a.doc[last.end].sent
    if a.lay.para(nxt.start_char) != a.para:
        return None
    return next(((c, s) for c in a.cands(list(nxt)[:NEXT_SENTENCE_REACH]) if (s := a.source(c)) is not None), None)


SPEECH_NOUNS = wordlist("speech_nouns")
DEMONSTRATIVES = frozenset({"that", "this", "those", "these", "such"})


def _by_words_of(a: Around):
    """`“...”` then `Those were the words of Tomas Berg.` or `That is the view of the board.`:
    the next sentence names the quote's words and whose they are."""
    last = a.sents[-1]
    if last.end >= len(a.doc) or a.lay.text[a.q.close:last.end_char].strip(" .,!?”\"’'") != "":
        return None
    nxt = a.doc[last.end].sent
    if a.lay.para(nxt.start_char) != a.para or nxt[0].lower_ not in DEMONSTRATIVES:
        return None
    noun = nxt.root if nxt.root.lemma_ == "be" else None
    attr = next((c for c in noun.children if c.dep_ == "attr" and (c.lemma_.lower() in SPEECH_NOUNS or c.lower_ in SPEECH_NOUNS)), None) if noun else None
    if attr is None:
        return None
    for prep in attr.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "by"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and plausible_source(obj):
                return attr, obj
    return None


def _by_remainder(a: Around):
    """A short remainder around the quote: `“...,” the judge exclaimed`."""
    rest = [t for s in a.sents for t in s
            if not a.lay.inside(t) and not t.is_punct and not t.is_space and a.lay.para(t.idx) == a.para]
    if not 0 < len(rest) <= 6:
        return None
    for t in rest:
        if t.pos_ == "VERB":
            src = a.source(t)
            if src is not None and src.pos_ in ("PROPN", "PRON", "NOUN"):
                return t, src
    return None


def _by_headline(a: Around):
    """`Trump: ‘...’`: a short name and a colon opening the paragraph."""
    head = _headline_source(a.doc, a.lay, a.para, a.lay.text[a.lay.starts[a.para]:a.q.open].rstrip())
    return (None, head) if head is not None else None


def _by_colon(a: Around):
    """`X had one answer: “...”`: the clause the colon ends."""
    begin = a.sents[0].start_char
    before = a.lay.text[begin:a.q.open].rstrip()
    if not before.endswith(":"):
        return None
    at = begin + len(before)
    colon = a.doc.char_span(at - 1, at, alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    named = [t for t in a.sents[0] if t.i < colon[0].i and t.ent_type_ == "PERSON" and not a.lay.inside(t)
             and a.lay.para(t.idx) == a.para]
    if named:
        return colon[0].head, named[-1]
    verb = colon[0].head
    src = a.source(verb) if verb.pos_ in ("VERB", "AUX") else None
    return (verb, src) if src is not None else None


def _by_previous_paragraph(a: Around):
    """`As X observed, the stage itself won:` ¶ `“...”`."""
    lay, para = a.lay, a.para
    if para == 0 or not blank(lay.text[lay.starts[para]:a.q.open]):
        return None
    prev_text = lay.text[lay.starts[para - 1]:lay.starts[para]].rstrip()
    if not prev_text.endswith(":"):
        return None
    ptoks = tokens_between(a.doc, lay.starts[para - 1], lay.starts[para - 1] + len(prev_text))
    stops = [t.i for t in ptoks[:-1] if t.text in (".", "?", "!") and not lay.inside(t)]
    tail = [t for t in ptoks if not stops or t.i > stops[-1]]
    verbs = list(reversed(a.cands_any(tail))) + [t for t in tail if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    return next(((v, s) for v in verbs if (s := a.source(v)) is not None), None)


def _previous_sentence(a: Around):
    """The sentence before the quote's, when the quote opens its own; and whether it ends in a colon."""
    first = a.sents[0]
    if first.start == 0 or a.lay.text[first.start_char:a.q.open].strip() != "":
        return None, False
    prev = a.doc[first.start - 1]
    while prev.i > 0 and prev.is_space:
        prev = a.doc[prev.i - 1]
    prev = prev.sent
    ends_colon = prev.text.rstrip().endswith(":")
    if ends_colon or (a.lay.para(prev.start_char) == a.para and prev.text.rstrip().endswith(",")):
        return prev, ends_colon
    return None, False


def _by_previous_sentence(a: Around):
    """`He put it this way:` then the quote as a sentence of its own."""
    prev, _ = _previous_sentence(a)
    if prev is None:
        return None
    return next(((c, s) for c in reversed(a.cands_any(prev)) if (s := a.source(c)) is not None), None)


def _by_previous_root(a: Around):
    """`Cruz called them on it:` ¶ the quote: the verb of the sentence the colon ends."""
    prev, ends_colon = _previous_sentence(a)
    if prev is None or not ends_colon:
        return None
    src = a.source(prev.root)
    return (prev.root, src) if src is not None else None


# tried in order; the first that finds a source names the quote's rule
CUE_RULES = [
    ("label", _by_label),
    ("signature", _by_signature),
    ("tag", _by_tag),
    ("ruling", _by_ruling),
    ("nearest", _by_nearest),
    ("sentence_verb", _by_sentence_verb),
    ("after", _by_after),
    ("next", _by_next_sentence),
    ("words_of", _by_words_of),
    ("headline", _by_headline),
    ("remainder", _by_remainder),
    ("colon", _by_colon),
    ("prevpara", _by_previous_paragraph),
    ("prevsent", _by_previous_sentence),
    ("prevroot", _by_previous_root),
]


def quote_cue(doc, lay: Layout, q: QuoteSpan):
    """(cue, source head, rule) for a quote: the first rule of `CUE_RULES` that finds one."""
    toks = tokens_between(doc, q.open, q.close)
    if not toks:
        return None, None, "none"
    sents = []
    for t in (toks[0], toks[-1]):
        if not sents or t.sent.start != sents[-1].start:
            sents.append(t.sent)
    around = Around(doc=doc, lay=lay, q=q, toks=toks, para=lay.para(q.start), sents=sents)
    for name, rule in CUE_RULES:
        hit = rule(around)
        if hit is not None:
            return hit[0], hit[1], name
    return None, None, "none"


LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s")
SIGNATURE = re.compile(r"\s*(?:[―—–]|--)\s*(\S+(?: \S+){0,5})\s*$")


def transcript_label(doc, lay: Layout, q: QuoteSpan):
    """`“WALLACE: Let's start ...”`: a transcript turn quoted whole; the capitalised label is the
    speaker."""
    m = LABEL.match(lay.text, q.start)
    if m is None:
        return None
    toks = tokens_between(doc, q.start, m.end(1))
    names = [t for t in toks if t.is_alpha]
    return names[-1] if names else None


def _signature(doc, lay: Layout, q: QuoteSpan, para: int):
    """`“...” ― Sonya Ruiz` ending a paragraph: a pull quote signed with the speaker's name."""
    end = lay.starts[para + 1] if para + 1 < len(lay.starts) else len(lay.text)
    m = SIGNATURE.match(lay.text[q.close:end])
    if m is None:
        return None
    toks = tokens_between(doc, q.close + m.start(1), q.close + m.end(1))
    names = [t for t in toks if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")]
    if not names or any(t.pos_ in ("VERB", "AUX") for t in toks) or not toks[0].text[:1].isupper():
        return None
    return names[-1]


TAG_VERBS = wordlist("tag_verbs")


def _ends_tag(doc, cue) -> bool:
    """After `?”`: `Ortiz demanded.` is a tag, `Ortiz said she would ...` a new sentence."""
    return cue.i + 1 >= len(doc) or doc[cue.i + 1].text in (".", ",") or "\n" in cue.whitespace_


TAG_REACH = 6  # words between a quote's closing mark and its `said`: `the Senate minority leader`


def _tag_after(doc, lay: Layout, q: QuoteSpan, para: int):
    """`“...,” said Ms. Leon` and `“...,” the minister said`: a speech verb right after the
    closing mark, with at most a short subject between, is the quote's own tag whatever the
    parser made of the sentence. A quote ending its sentence (`.”`) has none."""
    end = lay.text[q.start:q.end].rstrip()
    after = lay.text[q.close:q.close + 40].lstrip(" \"”’'»")
    if end.endswith("."):
        return None
    asked = end.endswith(("?", "!")) and not after[:1].islower()  # `“Why?” Ortiz demanded.` or a new sentence
    toks = tokens_between(doc, q.open, q.close)
    if not toks:
        return None
    i = toks[-1].i + 1
    while i < len(doc) and (lay.inside(doc[i]) or doc[i].is_punct and doc[i].text not in (".", "?", "!") or doc[i].is_space):
        if doc[i].text in ("(", "[", "—", "–", ";", ":"):
            return None
        i += 1
    for j in range(i, min(len(doc), i + TAG_REACH + 1)):
        t = doc[j]
        if lay.inside(t) or lay.para(t.idx) != para or t.is_punct:
            return None
        if is_cue(t) or t.lemma_.lower() in TAG_VERBS:
            src = source_token(t, lay.inside)
            if src is None or lay.inside(src) or src.i < i or asked and not _ends_tag(doc, t):
                return None
            subject = {t.i for t in src.subtree}
            if any(k not in subject for k in range(i, j)):
                return None  # `“...,” but he said`: another clause begins
            return t, src, "tag"
        if t.pos_ in ("VERB", "AUX"):
            return None
    return None


HEADLINE_SPLIT = re.compile(r"\s[-–—|]\s|[.!?]\s")


def _headline_source(doc, lay: Layout, para: int, para_before: str):
    """`Trump: ‘...’`, `Bill Clinton: Hillary ‘...’`, `HEADLINE - Michael McDonald: “...”`: a short
    name and a colon opening the paragraph (or its last part) give the source."""
    colon = label_colon(para_before)
    if colon <= 0:
        return None
    lead = para_before[:colon]
    parts = HEADLINE_SPLIT.split(lead)
    offset = len(lead) - len(parts[-1])
    lead = parts[-1]
    if not 0 < len(lead.split()) <= HEADLINE_PREFIX_WORDS:
        return None
    if para_before[colon + 1:].strip() and len(para_before[colon + 1:].split()) > 3:
        return None  # the colon ends a longer stretch of the reporter's words
    start = lay.starts[para] + offset
    prefix = tokens_between(doc, start, start + len(lead))
    if not prefix or any(t.pos_ in ("VERB", "AUX") for t in prefix):
        return None
    props = [t for t in prefix if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME")]
    if not props:
        # `Sanders: Clinton needs to ‘...’`, the label tagged a noun: a person the article names
        people = {w.lower_ for e in doc.ents if e.label_ == "PERSON" for w in e}
        props = [t for t in prefix if t.is_title and t.lower_ in people]
    if not props:
        return None
    heads = [t for t in props if not (prefix[0].i <= t.head.i <= prefix[-1].i) or t.head.i == t.i]
    return (heads or props)[-1]


def governing(doc, lay: Layout, q: QuoteSpan):
    """Last resort: the subject of the verb the quote hangs from (`the statement talked about “...”`)."""
    toks = tokens_between(doc, q.open, q.close)
    if not toks:
        return None, None
    lo, hi = toks[0].i, toks[-1].i
    for t in toks:
        if lo <= t.head.i <= hi:
            continue
        for a in t.ancestors:
            if lay.para(a.idx) != lay.para(q.start):
                break
            if a.pos_ in ("VERB", "AUX") and not lay.inside(a):
                src = source_token(a, lay.inside)
                if src is not None and (src.pos_ == "PROPN" or src.ent_type_ in ("PERSON", "ORG") or src.lemma_.lower() in DOCUMENT_NOUNS
                                        or (src.pos_ == "NOUN" and is_human(src))):
                    return a, src
                break
        break
    return None, None


def label_colon(line: str) -> int:
    """Where `Name: ...` ends its label, or -1: a colon followed by a space, outside brackets
    (`Slack (NASDAQ:WORK) insider ...` is a ticker, not a label)."""
    m = re.search(r":(\s|$)", line)
    if m is None or line[:m.start()].count("(") != line[:m.start()].count(")"):
        return -1
    return m.start()
