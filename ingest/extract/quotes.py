"""Quotes (direct, partial and indirect) and their speakers.

Steps: pair the quotation marks (`quote_marks`), find each quote's cue verb and its subject on
the dependency parse (`attribution`), find content clauses of speech verbs for indirect quotes,
then resolve every source in text order (`speakers`: pronouns, descriptions, documents, the
previous paragraph's speaker) and list the article's speakers under one canonical name each.
Everything is linear in the article's length, apart from small per-sentence scans.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from newsfacts.schema.article import Article
from newsfacts.schema.claims import Quote, Speaker, SpeakerRef

from .attribution import DOCUMENT_NOUNS, cue_phrase, is_cue, source_token
from .quote_marks import QuoteSpan, find_spans
from .speakers import NameIndex, Source, SpeakerBook

VERSION = "1"

MIN_UNATTRIBUTED_WORDS = 6  # a quote with no speaker this short is a title or scare quote
NEXT_SENTENCE_REACH = 8  # `“...” ¶ She said.`: how far into the next sentence a cue may sit


@dataclass
class _Found:
    """A quote or indirect quote before its source is resolved."""

    start: int
    end: int
    kind: str
    cue: object = None  # the cue token
    source: object = None  # the source's head token
    span: QuoteSpan | None = None
    para: int = 0
    sentence: str | None = None


class _Layout:
    """Paragraphs and which tokens lie inside quotation marks."""

    def __init__(self, doc, text: str, spans: list[QuoteSpan]):
        self.doc = doc
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.quote_of = [-1] * len(doc)
        k = 0
        for tok in doc:
            while k < len(spans) and spans[k].close <= tok.idx:
                k += 1
            if k < len(spans) and spans[k].open <= tok.idx < spans[k].close:
                self.quote_of[tok.i] = k

    def para(self, char: int) -> int:
        return bisect_right(self.starts, char) - 1

    def inside(self, tok) -> bool:
        return self.quote_of[tok.i] >= 0


def _tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _quote_cue(doc, lay: _Layout, q: QuoteSpan, qi: int):
    """The cue verb of a quote: the outermost speech verb governing it, else the nearest in its
    sentence, else one opening the next sentence or closing the previous one."""
    toks = _tokens(doc, q.open, q.close)
    if not toks:
        return None, None
    para = lay.para(q.start)
    sents = []
    for t in (toks[0], toks[-1]):
        if not sents or t.sent.start != sents[-1].start:
            sents.append(t.sent)
    inside = lay.inside

    def cands(tokens):
        return [t for t in tokens if not inside(t) and lay.para(t.idx) == para and is_cue(t)]

    found = [t for s in sents for t in cands(s)]
    if found:
        lo, hi = toks[0].i, toks[-1].i
        ancestors = []
        for t in toks:
            if not (lo <= t.head.i <= hi):
                for a in t.ancestors:
                    if a.i < lo or a.i > hi:
                        ancestors.append(a)
        ruling = [c for c in found if c in ancestors]
        ruling.sort(key=lambda c: -len(list(c.ancestors)) if False else len(list(c.ancestors)))
        for c in ruling:
            src = source_token(c, inside)
            if src is not None:
                return c, src
        found.sort(key=lambda c: min(abs(c.i - lo), abs(c.i - hi)))
        for c in found:
            src = source_token(c, inside)
            if src is not None:
                return c, src
    # `“...”` then a sentence starting `she said`; or `He said:` then the quote
    last = sents[-1]
    if last.end < len(doc) and doc.text[q.close:last.end_char].strip(" .,!?”\"’'") == "":
        nxt = doc[last.end].sent if last.end < len(doc) else None
        if nxt is not None:
            for c in cands(list(nxt)[:NEXT_SENTENCE_REACH]):
                src = source_token(c, inside)
                if src is not None:
                    return c, src
    first = sents[0]
    if first.start > 0 and doc.text[first.start_char:q.open].strip() == "":
        prev = doc[first.start - 1].sent
        if prev.text.rstrip().endswith((":", ",")):
            for c in reversed(cands(prev)):
                src = source_token(c, inside)
                if src is not None:
                    return c, src
    return None, None


def _kind(doc, q: QuoteSpan) -> str:
    """Direct when the quote is a sentence or clause of its own, partial when it sits inside the
    reporter's sentence."""
    toks = _tokens(doc, q.open, q.close)
    if not toks:
        return "partial"
    sent = toks[0].sent
    before = doc.text[sent.start_char:q.open].strip()
    words = q.end - q.start
    if (before == "" or before.endswith(":")) and (words > 25 or not q.closed):
        return "direct"
    if before.endswith((":",)) or (before == "" and any(t.pos_ in ("VERB", "AUX") for t in toks)):
        return "direct"
    text = doc.text[q.start:q.end]
    if text[:1].isupper() and text.rstrip()[-1:] in ".,!?" and any(t.pos_ in ("VERB", "AUX") for t in toks):
        return "direct"
    return "partial"


def _indirect(doc, lay: _Layout) -> list[_Found]:
    """Content clauses of speech and thought verbs whose subject is a source."""
    found: list[_Found] = []
    inside = lay.inside
    for tok in doc:
        if inside(tok) or not is_cue(tok, cognition=True):
            continue
        src = source_token(tok, inside)
        if src is None or src.lower_ in ("it", "there", "this", "that", "which", "what"):
            continue
        content = None
        if tok.lower_ == "according":
            sent = tok.sent
            skip = {t.i for t in tok.subtree}
            if tok.head.i != tok.i and tok.dep_ == "prep":
                skip = {t.i for t in tok.subtree}
            content = [t for t in sent if t.i not in skip]
        else:
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            if comps:
                content = list(comps[0].subtree)
            elif tok.dep_ in ("parataxis", "ccomp") and tok.head.i < tok.i and tok.head.pos_ in ("VERB", "AUX"):
                left = {t.i for t in tok.subtree}
                content = [t for t in tok.head.subtree if t.i < tok.i and t.i not in left]
        if not content:
            continue
        while content and (content[0].is_punct or content[0].is_space or (content[0].dep_ == "mark" and content[0].lower_ in ("that", "whether", "if"))):
            content = content[1:]
        while content and (content[-1].is_punct or content[-1].is_space):
            content = content[:-1]
        if len(content) < 3:
            continue
        quoted = sum(1 for t in content if inside(t))
        if quoted >= 0.5 * len(content):
            continue
        found.append(_Found(content[0].idx, content[-1].idx + len(content[-1]), "indirect", tok, src,
                            para=lay.para(content[0].idx), sentence=tok.sent.text.strip()))
    # only the outermost attribution: drop one whose cue sits in another's content
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Found] = []
    for f in found:
        if any(k.start <= f.cue.idx < k.end for k in kept):
            continue
        kept.append(f)
    return kept


def _ref(src: Source | None) -> SpeakerRef | None:
    if src is None or (src.name is None and src.mention is None):
        return None
    return SpeakerRef(name=src.name or src.mention, mention=src.mention, kind=src.kind, anonymous=src.anonymous)


def find_quotes(doc, article: Article) -> tuple[list[Quote], list[Speaker]]:
    text = article.text
    spans = find_spans(text)
    lay = _Layout(doc, text, spans)
    items: list[_Found] = []
    for qi, q in enumerate(spans):
        cue, src = _quote_cue(doc, lay, q, qi)
        toks = _tokens(doc, q.start, q.end)
        sent = toks[0].sent.text.strip() if toks else None
        items.append(_Found(q.start, q.end, _kind(doc, q), cue, src, q, lay.para(q.start), sent))
    items.extend(_indirect(doc, lay))
    items.sort(key=lambda f: f.start)

    names = NameIndex(doc)
    book = SpeakerBook(doc, names, lay.para)
    used: list[Source] = []
    quotes: list[Quote] = []
    last_quote: tuple[int, Source] | None = None  # paragraph and source of the last attributed quote
    for f in items:
        src = None
        how = "none"
        if f.source is not None:
            doc_cue = any(t.lemma_.lower() in DOCUMENT_NOUNS for t in f.cue.subtree if not lay.inside(t)) if f.cue is not None else False
            src = book.resolve(f.source, f.start, doc_cue)
            src.doc_noun = doc_cue
            if f.cue is not None and f.cue.lower_ == "according":
                src.attribution = "according_to"
            book.add(src)
            how = src.attribution
        elif f.kind != "indirect" and last_quote is not None:
            para, prev = last_quote
            starts_para = text[lay.starts[f.para]:f.span.open].strip() == ""
            if para == f.para or (para == f.para - 1 and starts_para):
                src = Source(prev.mention, prev.name, prev.kind, prev.anonymous,
                             "previous_paragraph" if para != f.para else prev.attribution, list(prev.roles), f.start, f.para)
                how = "previous_paragraph" if para != f.para else "same_paragraph"
        if f.kind != "indirect":
            if src is None and len(text[f.start:f.end].split()) < MIN_UNATTRIBUTED_WORDS:
                continue
            if src is not None:
                last_quote = (f.para, src)
        if src is not None:
            used.append(src)
        quotes.append(Quote(text=text[f.start:f.end], kind=f.kind, speaker=_ref(src),
                            cue=cue_phrase(f.cue) if f.cue is not None else None,
                            start=f.start, end=f.end, sentence=f.sentence, attribution=how))
    return quotes, book.speakers(used)
