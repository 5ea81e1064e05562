"""Quotes (direct, partial and indirect) and their speakers.

Steps: pair the quotation marks (`quote_marks`), find each quote's cue verb and its subject on
the dependency parse (`attribution`), find content clauses of speech verbs for indirect quotes,
then resolve every source in text order (`mentions`: pronouns, descriptions, documents, the
previous paragraph's speaker) and list the article's speakers under one canonical name each
(`speaker_list`). The cue rules are in `quote_cues`, the indirect ones in `indirect` and
`quote_lists`; `quote_layout` holds what they share.
Everything is linear in the article's length, apart from small per-sentence scans.
"""

from __future__ import annotations

from dataclasses import replace

from newsfacts.schema.article import Article
from newsfacts.schema.claims import Quote, Speaker, SpeakerRef

from .attribution import DOCUMENT_NOUNS, cue_phrase
from .indirect import find_indirect
from .mentions import MentionResolver, Source
from .names import NameIndex, phrase_tokens
from .person_seeds import seed_people
from .quote_cues import LABEL, governing, quote_cue
from .quote_layout import Found, Layout, blank, quote_kind, sent_start, tokens_between
from .quote_lists import colon_lists
from .quote_marks import QuoteSpan, find_spans
from .quote_speechless import speechless
from .speaker_list import settle, speaker_list

VERSION = "46"

GOVERNED_MIN_WORDS = 3  # a shorter quote with no speech verb is a scare quote


def _title_like(quoted: str, max_words: int = 8) -> bool:
    """`“Good Morning America”`: a short span with every word capitalised names a work or a thing."""
    words = [w for w in quoted.split() if any(c.isalpha() for c in w)]
    if not words or len(words) > max_words:
        return False
    caps = [w for w in words if w[:1].isupper() or not w[:1].isalpha()]
    small = {"a", "an", "the", "of", "in", "on", "and", "or", "to", "for", "with", "at", "by"}
    return len(words) >= 1 and all(w[:1].isupper() or w.lower() in small for w in words) and len(caps) >= 1


TITLE_CUES = frozenset("""
on in of with from titled entitled called named dubbed book show program programme movie film
series article column piece headline album song documentary podcast report essay op-ed editorial
novel memoir author co-author host anchor episode play musical calls call calling dubs nicknamed
nickname nicknames labeled labelled branded known
""".split())


def _names_no_speech(quoted: str) -> bool:
    """A quote with no cue of its own that continues no one: a title (`“All Bets Are Off.”`,
    `“Follow Jane Roe on Twitter.”`) or a bracketed stage direction (`“(CROSSTALK.)”`)."""
    bare = quoted.strip().rstrip(".,!?")
    return _title_like(quoted) or bare.startswith(("(", "[")) and bare.endswith((")", "]"))


def _modifies_noun(lay: Layout, q: QuoteSpan) -> bool:
    """A short capitalised quote right before a lower-case noun names the thing (`the “Stage
    3” alert`, `a “Yes” vote`)."""
    if len(lay.text[q.start:q.end].split()) > 4:
        return False
    toks = tokens_between(lay.doc, q.close, min(len(lay.text), q.close + 30))
    words = [t for t in toks if not t.is_space and not (t.is_punct and t.idx < q.close + 2)]
    return bool(words) and words[0].is_lower and words[0].is_alpha and words[0].pos_ == "NOUN" \
        and lay.text[q.close:words[0].idx].strip(" ”\"’'»") == ""


def _names_a_work(lay: Layout, q: QuoteSpan) -> bool:
    """`on CNN’s “State of the Union”`, `the book “Crippled America”`: a title, not speech."""
    if not _title_like(lay.text[q.start:q.end], max_words=12):
        return False
    if _modifies_noun(lay, q):
        return True  # `its “Stage 3” action`: a name used as a modifier
    before = lay.text[max(0, q.open - 40):q.open].split()
    if not before:
        return False
    last = before[-1].lower().strip(",")
    return last in TITLE_CUES or last.endswith(("’s", "'s")) or last in ("the", "a") and len(before) > 1 and before[-2].lower() in ("on", "in")


def _still_about(lay: Layout, para: int, src: Source) -> bool:
    """Does a paragraph between a speaker's quote and an unattributed one keep to that speaker
    (`Viguerie is upbeat about ...`, `He sees ...`)?"""
    start = lay.starts[para]
    end = lay.starts[para + 1] if para + 1 < len(lay.starts) else len(lay.text)
    words = lay.text[start:end].split()
    if not words or not src.name:
        return False
    first = words[0].strip("“\"‘'").lower()
    return first in ("he", "she", "they") or src.name.split()[-1].lower() in (w.strip(".,’'s").lower() for w in words[:4])

def _whole_phrase(head) -> str:
    """`according to preliminary exit polls reported by CNN`: the source with its modifiers,
    up to the first comma, parenthesis or dash (an apposition follows)."""
    words = []
    for t in head.subtree:
        if t.i > head.i and (t.text in (",", "(", "—", "–", "--", ";", ":") or "\n" in t.text):
            break
        if "\n" in t.text or "\n" in t.whitespace_:
            words = []  # a line break before the head: the words above it are another line
            continue
        words.append(t)
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    return "".join(t.text_with_ws for t in words).strip() if 0 < len(words) <= 15 else ""


def _adopt(items: list[Found], hosts: list) -> None:
    """`Cruz accused Trump of being “politically correct”`: a quote with no speech verb of its
    own, inside what a source holds or says, is that source's (the innermost content wins)."""
    by_para: dict[int, list] = {}
    for h in hosts:
        by_para.setdefault(h[4], []).append(h)
    for f in items:
        if f.kind == "indirect" or f.source is not None:
            continue
        around = [h for h in by_para.get(f.para, []) if h[0] <= f.span.open and f.span.close <= h[1]]
        if around:
            start, end, cue, src, _ = min(around, key=lambda h: h[1] - h[0])
            f.cue, f.source, f.rule = cue, src, "adopted"


def _in_phrase(doc, q: QuoteSpan, src) -> bool:
    """Does the quote sit inside the noun phrase naming its own source?"""
    phrase = phrase_tokens(src)
    toks = tokens_between(doc, q.start, q.end)
    return bool(phrase and toks) and phrase[0].i <= toks[0].i and toks[-1].i <= phrase[-1].i


def _ref(src: Source | None) -> SpeakerRef | None:
    if src is None or (src.name is None and src.mention is None):
        return None
    return SpeakerRef(name=src.name or src.mention, mention=src.mention, kind=src.kind, anonymous=src.anonymous)


def _not_repeating(indirect: list[Found], quoted: list[Found]) -> list[Found]:
    """`As for the dues, he said, “Nobody likes paying them.”`: a speech verb whose words are a
    quote in marks reports them once, as that quote, not again as an indirect quote."""
    by_cue = {f.cue.i: f for f in quoted if f.cue is not None and f.span is not None and f.kind == "direct"}
    out = []
    for f in indirect:
        q = by_cue.get(f.cue.i) if f.cue is not None else None
        if q is not None and f.start < q.span.close and q.span.open < f.end:
            continue
        out.append(f)
    return out


def _in_marks(doc, lay: Layout, spans: list[QuoteSpan], lists: dict) -> list[Found]:
    """Every quotation in marks that holds speech, with the cue and source its rules found."""
    text = lay.text
    items: list[Found] = []
    for q in spans:
        if _names_a_work(lay, q):
            continue
        cue, src, rule = quote_cue(doc, lay, q)
        if src is not None and _in_phrase(doc, q, src):
            continue  # `our “America first” president declared`: a label in the speaker's name
        if src is None and lay.para(q.start) in lists:
            (cue, src), rule = lists[lay.para(q.start)], "colon_list"
        if src is None and not _title_like(text[q.start:q.end]) and len(text[q.start:q.end].split()) >= GOVERNED_MIN_WORDS:
            (cue, src), rule = governing(doc, lay, q), "governing"
        if speechless(lay, q, cue, src) is not None:
            continue  # a scare quote, a nickname or a slogan
        toks = tokens_between(doc, q.start, q.end)
        sent = toks[0].sent.text.strip() if toks else None
        item = Found(q.start, q.end, quote_kind(doc, lay, q), cue, src, q, lay.para(q.start), sent, rule=rule)
        if rule == "label":  # the turn's words without the label
            m = LABEL.match(text, q.start)
            words = text[m.end():q.end]
            item.start = m.end() + len(words) - len(words.lstrip())
            item.label, item.kind = m.group(1), "direct"
        items.append(item)
    return items


def find_quotes(doc, article: Article) -> tuple[list[Quote], list[Speaker]]:
    text = article.text
    seed_people(doc)
    spans = find_spans(text)
    lay = Layout(doc, text, spans)
    lists = colon_lists(doc, lay)
    items = _in_marks(doc, lay, spans, lists)
    hosts: list = []
    items.extend(_not_repeating(find_indirect(doc, lay, lists, hosts), items))
    _adopt(items, hosts)
    items.sort(key=lambda f: f.start)

    names = NameIndex(doc)
    book = MentionResolver(doc, names, lay.para, lay.inside)
    kept: list[tuple[Found, Source | None, str]] = []
    last_quote: tuple[int, Source, int] | None = None  # paragraph and source of the last attributed quote
    for f in items:
        src = None
        how = "none"
        if f.source is not None:
            doc_cue = f.cue is not None and any(
                t.lemma_.lower() in DOCUMENT_NOUNS for c in f.cue.children if c.dep_ == "prep" for t in c.subtree)
            src = book.resolve(f.source, f.start, doc_cue)
            if f.label:  # `CLINTON:` is the speaker as the transcript names them, no more
                src = Source(mention=f.label, name=f.label, kind="person", pos=f.start, para=f.para)
            src = replace(src, doc_noun=doc_cue)
            if f.cue is not None and f.cue.lower_ == "according":
                src = replace(src, attribution="according_to", mention=_whole_phrase(f.source) or src.mention)
            book.add(src)
            how = src.attribution
        elif f.kind != "indirect" and last_quote is not None and not _names_no_speech(text[f.start:f.end]):
            para, prev, prev_sent = last_quote
            starts_para = blank(text[lay.starts[f.para]:f.span.open])
            before = text[lay.starts[f.para]:f.span.open].rstrip()
            opens_sentence = before == "" or before[-1] in ".?!:”\"’'"
            same_sentence = prev_sent == sent_start(doc, f.start)
            if (para == f.para and (opens_sentence or same_sentence)) or (starts_para and (para == f.para - 1 or (para == f.para - 2 and _still_about(lay, f.para - 1, prev)))):
                src = replace(prev, attribution="previous_paragraph" if para != f.para else prev.attribution,
                              pos=f.start, para=f.para, doc_noun=False)
                how = "previous_paragraph" if para != f.para else "same_paragraph"
                f.rule = "continues_" + how
        if src is None:
            continue  # marks with no speaker are titles, scare quotes or slogans more often than speech
        if src is not None and src.name:
            last_quote = (f.para, src, sent_start(doc, f.start))
        kept.append((f, src, how))
    settled = iter(settle([src for _, src, _ in kept], names, lay.para))
    kept = [(f, next(settled), how) for f, _, how in kept]
    quotes = [Quote(text=text[f.start:f.end], kind=f.kind, speaker=_ref(src),
                    cue=cue_phrase(f.cue) if f.cue is not None else None,
                    start=f.start, end=f.end, sentence=f.sentence, attribution=how, rule=f.rule)
              for f, src, how in kept if f.clause]
    return quotes, speaker_list([src for f, src, _ in kept if not f.intent])
