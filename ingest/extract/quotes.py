"""Quotes (direct, partial and indirect) and their speakers.

Steps: pair the quotation marks (`quote_marks`), find each quote's cue verb and its subject on
the dependency parse (`attribution`), find content clauses of speech verbs for indirect quotes,
then resolve every source in text order (`speakers`: pronouns, descriptions, documents, the
previous paragraph's speaker) and list the article's speakers under one canonical name each.
Everything is linear in the article's length, apart from small per-sentence scans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from newsfacts.schema.article import Article
from newsfacts.schema.claims import Quote, Speaker, SpeakerRef

from .attribution import DOCUMENT_NOUNS, EVIDENCE_VERBS, SPEECH_VERBS, cue_phrase, is_cue, is_evidence, plausible_source, source_token
from .quote_marks import QuoteSpan, find_spans
from .attribution import is_human
from .mentions import MentionResolver, Source
from .names import NameIndex, phrase_tokens
from .speaker_list import settle, speaker_list

VERSION = "32"

NEXT_SENTENCE_REACH = 8  # `“...” She said.`: how far into the next sentence a cue may sit
GOVERNED_MIN_WORDS = 3  # a shorter quote with no speech verb is a scare quote
WINDOW = 30  # tokens after a quote in which its cue may sit
MOSTLY_QUOTED = 0.8  # content quoted beyond this share is the quote itself, not reported speech


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
    intent: bool = False  # `vowed to ...`: what a source wants, not what it said
    label: str | None = None  # a transcript turn's speaker label (`WALLACE`)


class _Layout:
    """Paragraphs and which tokens lie inside quotation marks."""

    def __init__(self, doc, text: str, spans: list[QuoteSpan]):
        self.doc = doc
        self.text = text  # doc.text rebuilds the string on every access
        self.starts = []  # where each non-empty line (paragraph) starts
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                self.starts.append(pos)
            pos += len(line) + 1
        self.starts = self.starts or [0]
        self.quote_of = [-1] * len(doc)
        k = 0
        for tok in doc:
            while k < len(spans) and spans[k].close <= tok.idx:
                k += 1
            if k < len(spans) and spans[k].open <= tok.idx < spans[k].close:
                self.quote_of[tok.i] = k

    def para(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def inside(self, tok) -> bool:
        return self.quote_of[tok.i] >= 0


def _tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _quote_cue(doc, lay: _Layout, q: QuoteSpan):  # noqa: C901 (to split)
    """(cue, source head, rule) for a quote: the outermost speech verb governing it, else the
    nearest in its sentence, else one after it in the paragraph, a colon before it, a headline
    `Name:`, or one opening the next sentence or closing the previous one."""
    toks = _tokens(doc, q.open, q.close)
    if not toks:
        return None, None, "none"
    para = lay.para(q.start)
    sents = []
    for t in (toks[0], toks[-1]):
        if not sents or t.sent.start != sents[-1].start:
            sents.append(t.sent)
    inside = lay.inside

    def cands(tokens):
        return [t for t in tokens if not inside(t) and lay.para(t.idx) == para and is_cue(t)]

    def cands_any(tokens):
        return [t for t in tokens if not inside(t) and is_cue(t)]

    label = _transcript_label(doc, lay, q)
    if label is not None:
        return None, label, "label"
    signed = _signature(doc, lay, q, para)
    if signed is not None:
        return None, signed, "signature"
    found = [t for s in sents for t in cands(s)]
    tag = _tag_after(doc, lay, q, para)
    if tag is not None:
        return tag
    if found:
        lo, hi = toks[0].i, toks[-1].i
        ancestors = []
        for t in toks:
            if not (lo <= t.head.i <= hi):
                for a in t.ancestors:
                    if a.i < lo or a.i > hi:
                        ancestors.append(a)
        ruling = [c for c in found if c in ancestors]
        ruling.sort(key=lambda c: len(list(c.ancestors)))
        nearest = sorted(found, key=lambda c: min(abs(c.i - lo), abs(c.i - hi)))
        pairs = [(c, source_token(c, inside), "ruling") for c in ruling]
        pairs += [(c, source_token(c, inside), "nearest") for c in nearest if c not in ruling]
        pairs = [p for p in pairs if p[1] is not None]
        # a subject that cannot speak (`the issue asked`) is a parser slip: prefer one that can
        for c, src, how in pairs:
            if plausible_source(src):
                return c, src, how
        if pairs:
            return pairs[0]
    # the sentence splitter often cuts at quotation marks: look along the paragraph itself,
    # after the quote up to the end of the reporter's sentence, then before it
    after = []
    for t in doc[toks[-1].i + 1: min(len(doc), toks[-1].i + 1 + WINDOW)]:
        if lay.para(t.idx) != para or (not inside(t) and t.text in (".", "?", "!")):
            break
        after.append(t)
    for c in cands(after):
        src = source_token(c, inside)
        if src is None:
            # `“...,” Texas delegate Bill Eastland, wearing a hat, said`: the name before the verb
            names = [t for t in after if t.i < c.i and not inside(t) and t.ent_type_ == "PERSON"]
            src = names[0] if names else None
            while src is not None and src.i + 1 < c.i and doc[src.i + 1].ent_type_ == "PERSON":
                src = doc[src.i + 1]
        if src is not None:
            return c, src, "after"
    # `“...”` then a sentence starting `she said`; or `He said:` then the quote
    last = sents[-1]
    if last.end < len(doc) and lay.text[q.close:last.end_char].strip(" .,!?”\"’'") == "":
        nxt = doc[last.end].sent if last.end < len(doc) else None
        if nxt is not None and lay.para(nxt.start_char) == para:
            for c in cands(list(nxt)[:NEXT_SENTENCE_REACH]):
                src = source_token(c, inside)
                if src is not None:
                    return c, src, "next"
    # a short remainder around the quote: `“...,” the judge exclaimed`
    rest = [t for s in sents for t in s if not inside(t) and not t.is_punct and not t.is_space and lay.para(t.idx) == para]
    if 0 < len(rest) <= 6:
        for t in rest:
            if t.pos_ == "VERB":
                src = source_token(t, inside)
                if src is not None and src.pos_ in ("PROPN", "PRON", "NOUN"):
                    return t, src, "remainder"
    # `X had one answer: “...”`: the clause the colon ends
    before = lay.text[first_sent_start(sents):q.open].rstrip()
    para_before = lay.text[lay.starts[para]:q.open].rstrip()
    head = _headline_source(doc, lay, para, para_before)
    if head is not None:
        return None, head, "headline"
    if before.endswith(":"):
        at = first_sent_start(sents) + len(before)
        colon = doc.char_span(at - 1, at, alignment_mode="expand")
        if colon is not None and len(colon):
            named = [t for t in sents[0] if t.i < colon[0].i and t.ent_type_ == "PERSON" and not inside(t)
                     and lay.para(t.idx) == para]
            if named:
                return colon[0].head, named[-1], "colon"
            verb = colon[0].head
            src = source_token(verb, inside) if verb.pos_ in ("VERB", "AUX") else None
            if src is not None:
                return verb, src, "colon"
    if para > 0 and _blank(lay.text[lay.starts[para]:q.open]):
        prev_text = lay.text[lay.starts[para - 1]:lay.starts[para]].rstrip()
        if prev_text.endswith(":"):
            # `As X observed, the stage itself won:` ¶ `“...”`
            ptoks = _tokens(doc, lay.starts[para - 1], lay.starts[para - 1] + len(prev_text))
            stops = [t.i for t in ptoks[:-1] if t.text in (".", "?", "!") and not inside(t)]
            tail = [t for t in ptoks if not stops or t.i > stops[-1]]
            for c in reversed(cands_any(tail)):
                src = source_token(c, inside)
                if src is not None:
                    return c, src, "prevpara"
            verbs = [t for t in tail if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
            for v in verbs:
                src = source_token(v, inside)
                if src is not None:
                    return v, src, "prevpara"
    first = sents[0]
    if first.start > 0 and lay.text[first.start_char:q.open].strip() == "":
        prev = doc[first.start - 1]
        while prev.i > 0 and prev.is_space:
            prev = doc[prev.i - 1]
        prev = prev.sent
        ends_colon = prev.text.rstrip().endswith(":")
        same_para = lay.para(prev.start_char) == para
        if ends_colon or (same_para and prev.text.rstrip().endswith(",")):
            for c in reversed(cands_any(prev)):
                src = source_token(c, inside)
                if src is not None:
                    return c, src, "prevsent"
            if ends_colon:  # `Cruz called them on it:`
                root = prev.root
                src = source_token(root, inside)
                if src is not None:
                    return root, src, "prevroot"
    return None, None, "none"


LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s")
SIGNATURE = re.compile(r"\s*(?:[―—–]|--)\s*(\S+(?: \S+){0,5})\s*$")


def _transcript_label(doc, lay: _Layout, q: QuoteSpan):
    """`“WALLACE: Let's start ...”`: a transcript turn quoted whole; the capitalised label is the
    speaker."""
    m = LABEL.match(lay.text, q.start)
    if m is None:
        return None
    toks = _tokens(doc, q.start, m.end(1))
    names = [t for t in toks if t.is_alpha]
    return names[-1] if names else None


def _signature(doc, lay: _Layout, q: QuoteSpan, para: int):
    """`“...” ― Sonya Ruiz` ending a paragraph: a pull quote signed with the speaker's name."""
    end = lay.starts[para + 1] if para + 1 < len(lay.starts) else len(lay.text)
    m = SIGNATURE.match(lay.text[q.close:end])
    if m is None:
        return None
    toks = _tokens(doc, q.close + m.start(1), q.close + m.end(1))
    names = [t for t in toks if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")]
    if not names or any(t.pos_ in ("VERB", "AUX") for t in toks) or not toks[0].text[:1].isupper():
        return None
    return names[-1]


TAG_REACH = 6  # words between a quote's closing mark and its `said`: `the Senate minority leader`


def _tag_after(doc, lay: _Layout, q: QuoteSpan, para: int):
    """`“...,” said Ms. Leon` and `“...,” the minister said`: a speech verb right after the
    closing mark, with at most a short subject between, is the quote's own tag whatever the
    parser made of the sentence. A quote ending its sentence (`.”`) has none."""
    end = lay.text[q.start:q.end].rstrip()
    after = lay.text[q.close:q.close + 40].lstrip(" \"”’'»")
    if end.endswith(".") or end.endswith(("?", "!")) and not after[:1].islower():
        return None
    toks = _tokens(doc, q.open, q.close)
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
        if is_cue(t):
            src = source_token(t, lay.inside)
            if src is None or lay.inside(src) or src.i < i:
                return None
            subject = {t.i for t in src.subtree}
            if any(k not in subject for k in range(i, j)):
                return None  # `“...,” but he said`: another clause begins
            return t, src, "tag"
        if t.pos_ in ("VERB", "AUX"):
            return None
    return None


HEADLINE_SPLIT = re.compile(r"\s[-–—|]\s|[.!?]\s")


def _headline_source(doc, lay: _Layout, para: int, para_before: str):
    """`Trump: ‘...’`, `Bill Clinton: Hillary ‘...’`, `HEADLINE - Michael McDonald: “...”`: a short
    name and a colon opening the paragraph (or its last part) give the source."""
    colon = _label_colon(para_before)
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
    prefix = _tokens(doc, start, start + len(lead))
    if not prefix or any(t.pos_ in ("VERB", "AUX") for t in prefix):
        return None
    props = [t for t in prefix if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME")]
    if not props:
        return None
    heads = [t for t in props if not (prefix[0].i <= t.head.i <= prefix[-1].i) or t.head.i == t.i]
    return (heads or props)[-1]


def first_sent_start(sents) -> int:
    return sents[0].start_char


def _governing(doc, lay: _Layout, q: QuoteSpan):
    """Last resort: the subject of the verb the quote hangs from (`the statement talked about “...”`)."""
    toks = _tokens(doc, q.open, q.close)
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


def _modifies_noun(lay: _Layout, q: QuoteSpan) -> bool:
    """A short capitalised quote right before a lower-case noun names the thing (`the “Stage
    3” alert`, `a “Yes” vote`)."""
    if len(lay.text[q.start:q.end].split()) > 4:
        return False
    toks = _tokens(lay.doc, q.close, min(len(lay.text), q.close + 30))
    words = [t for t in toks if not t.is_space and not (t.is_punct and t.idx < q.close + 2)]
    return bool(words) and words[0].is_lower and words[0].is_alpha and words[0].pos_ == "NOUN" \
        and lay.text[q.close:words[0].idx].strip(" ”\"’'»") == ""


def _names_a_work(lay: _Layout, q: QuoteSpan) -> bool:
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


def _kind(doc, lay: _Layout, q: QuoteSpan) -> str:
    """Direct when the quote is a sentence or clause of its own, partial when it sits inside the
    reporter's sentence."""
    toks = _tokens(doc, q.open, q.close)
    if not toks:
        return "partial"
    sent = toks[0].sent
    before = lay.text[sent.start_char:q.open].strip()
    words = q.end - q.start
    if (before == "" or before.endswith(":")) and (words > 25 or not q.closed):
        return "direct"
    if before.endswith((":",)) or (before == "" and any(t.pos_ in ("VERB", "AUX") for t in toks)):
        return "direct"
    text = lay.text[q.start:q.end]
    if text[:1].isupper() and text.rstrip()[-1:] in ".,!?" and any(t.pos_ in ("VERB", "AUX") for t in toks):
        return "direct"
    return "partial"


INTENT_VERBS = frozenset("""
promise vow offer urge ask pledge threaten demand propose call insist warn encourage invite refuse
""".split())  # speech acts that take `to ...`; wants and plans (`want to`, `plan to`) are not reported speech

# stances and aims whose object is what the source holds or wants: `Cruz blasted the deal`,
# `she declined to comment`, `the mayor plans to run`; PolNeAR-style attributions, not speech
STANCE_VERBS = frozenset("""
accuse criticize criticise blast praise defend blame oppose reject condemn denounce decry slam
tout applaud decline plan hope prefer recognize encourage threaten order aim intend mock share
attack chide credit float deride ridicule lambaste scold fault hail commend
""".split())
# speech verbs whose object (not a clause) is what was said: `announced his candidacy`,
# `called for a ban`, `described the plan as a failure`, `stressed the risks`; and findings
# (`the poll shows Smith with 40 percent`)
OBJECT_SPEECH_VERBS = frozenset("""
call describe announce propose cite acknowledge declare plead promise vow urge warn emphasize emphasise
highlight stress reiterate echo show
""".split())
NAMING_VERBS = frozenset("call dub label brand term nickname describe characterize characterise".split())
COMPLEMENT_DEPS = ("dobj", "xcomp", "prep", "oprd", "dative", "ccomp", "acomp")


def _indirect(doc, lay: _Layout, lists: dict, hosts: list | None = None) -> list[_Found]:  # noqa: C901 (to split)
    """Content clauses of speech and thought verbs whose subject is a source; every content,
    however short or quoted, also goes to `hosts` as (start, end, cue, source, paragraph)."""
    found: list[_Found] = []
    inside = lay.inside
    adjectives = []
    for tok in doc:
        if inside(tok):
            continue
        if tok.dep_ == "acomp":
            adjectives.append(tok)
        lemma = tok.lemma_.lower()
        stance = tok.pos_ == "VERB" and lemma in STANCE_VERBS
        if not is_cue(tok, cognition=True) and not (lemma in INTENT_VERBS and tok.pos_ == "VERB") and not stance:
            continue
        src = source_token(tok, inside)
        if src is None or src.lower_ in ("there", "this", "that", "which", "what", "i"):
            continue  # `I think ...` outside quotes is the writer's own view, not a source's
        if src.lower_ == "it" and tok.lemma_.lower() not in SPEECH_VERBS:
            continue
        if _opens_aside(tok) and src.i < tok.i:
            continue  # `the retirement — revealed hours before the deadline — has roiled ...`: an aside
        if is_evidence(tok, src) or stance and not plausible_source(src):
            continue  # `the results show`, `violent crime declined`: no one speaks
        content = None
        intent = False
        if tok.lower_ == "according":
            sent = tok.sent
            skip = {t.i for t in tok.subtree}
            if tok.head.i != tok.i and tok.dep_ == "prep":
                skip = {t.i for t in tok.subtree}
            content = [t for t in sent if t.i not in skip and lay.para(t.idx) == lay.para(tok.idx)]
        else:
            comps = _content_clauses(tok)
            if not comps and tok.lemma_.lower() in INTENT_VERBS:
                # `vowed to keep trying`, `urged voters to stay home`: what the source wants done
                comps = [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i and c.pos_ == "VERB"]
                intent = bool(comps)
            if not comps and (stance or lemma in OBJECT_SPEECH_VERBS):
                content = _complements(tok, lay)
                intent = bool(content)
            if comps:
                comp = comps[0]
                # only the side of the verb the clause is on: `In a statement, Cruz said he ...`
                # must not take `In a statement` into what he said
                same_side = (lambda t: t.i > tok.i) if comp.i > tok.i else (lambda t: t.i < tok.i)
                content = [t for t in comp.subtree if lay.para(t.idx) == lay.para(tok.idx) and same_side(t)]
            elif (tok.dep_ in ("parataxis", "ccomp") and tok.head.pos_ in ("VERB", "AUX")
                  and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children)  # a tag says nothing itself
                  and not is_cue(tok.head, cognition=True) and tok.left_edge.i > 0
                  and (doc[tok.left_edge.i].text in (",", "—", "–") or doc[tok.left_edge.i - 1].text in (",", "—", "–"))):
                # `..., the source added.` and `This campaign, he says, is different.`
                own = {t.i for t in tok.subtree}
                content = [t for t in tok.head.subtree if t.i not in own and lay.para(t.idx) == lay.para(tok.idx)]
                if tok.i < tok.head.i:  # a parenthetical: drop the commas around it
                    content = [t for t in content if not (t.is_punct and abs(t.i - tok.i) <= len(own) + 1 and t.text == ",")]
        if not content:
            continue
        content = _one_sentence(_trim_tail(content), tok, inside)
        while content and (content[0].is_punct or content[0].is_space or (content[0].dep_ == "mark" and content[0].lower_ in ("that", "whether", "if"))):
            content = content[1:]
        while content and (content[-1].is_punct or content[-1].is_space):
            content = content[:-1]
        if hosts is not None and content:
            hosts.append((content[0].idx, content[-1].idx + len(content[-1]), tok, src, lay.para(content[0].idx)))
        if len(content) < 3 or _no_comment(content):
            continue
        quoted = sum(1 for t in content if inside(t))
        if quoted >= MOSTLY_QUOTED * len(content) or quoted and lemma in NAMING_VERBS:
            continue  # `called the plan “a disaster”`: the quoted name is the claim
        found.append(_Found(content[0].idx, content[-1].idx + len(content[-1]), "indirect", tok, src,
                            para=lay.para(content[0].idx), sentence=tok.sent.text.strip(),
                            intent=intent or _finding(tok, src)))
    found.extend(_held_views(doc, lay, adjectives))
    found.extend(_headline_claims(doc, lay))
    for j, (cue, src) in lists.items():
        s0 = lay.starts[j]
        s1 = lay.starts[j + 1] if j + 1 < len(lay.starts) else len(lay.text)
        item = lay.text[s0:s1].rstrip().rstrip(".;")
        bullet = BULLET.match(item)
        if bullet:  # `- The UK must stay`: the point, not its bullet
            s0, item = s0 + bullet.end(), item[bullet.end():]
        content = _tokens(doc, s0, s0 + len(item))
        if content and sum(lay.inside(t) for t in content) < 0.5 * len(content):
            found.append(_Found(s0, s0 + len(item), "indirect", cue, src, para=j, sentence=item.strip()))
    # only the outermost attribution: drop one whose cue sits in another's content
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Found] = []
    for f in found:
        if f.cue is not None and any(k.start <= f.cue.idx < k.end for k in kept):
            continue
        kept.append(f)
    return kept


CLAUSE_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")


def _no_comment(content: list) -> bool:
    """`declined to comment for this story`, `refused to elaborate`: a refusal says nothing."""
    return len(content) > 1 and content[0].lower_ == "to" and content[1].lemma_.lower() in (
        "comment", "elaborate", "speculate", "respond", "discuss", "say")


def _finding(cue, src) -> bool:
    """`a poll showed ...`, `the study found ...`: what a poll or study bears out is kept, but
    the poll is no speaker for the article's list (people and bodies of people are)."""
    return cue.lemma_.lower() in EVIDENCE_VERBS and not (
        src.pos_ == "PRON" or src.ent_type_ in ("PERSON", "NORP") or is_human(src) and src.lemma_.lower() not in DOCUMENT_NOUNS)


def _content_clauses(tok) -> list:
    """The verb's content clauses, those after it first. One before it must have a subject of
    its own (`The plan, she said, ...`); else it is a misparsed opening phrase (`In a statement
    released on Monday, Cruz said ...`)."""
    comps = [c for c in tok.children if c.dep_ == "ccomp" and (tok.dep_ != "relcl" or _has_subject(c, tok))]
    after = [c for c in comps if c.i > tok.i]
    before = [c for c in comps if c.i < tok.i and _has_subject(c, tok)
              and not any(t.text == ";" for t in tok.doc[c.right_edge.i + 1:tok.i])]  # `A did x; B said y`
    return after + before


def _has_subject(clause, verb) -> bool:
    """`the article that Carson said was written about it`: a content clause whose subject
    was moved away (a relative pronoun before the verb) leaves a verb phrase, not a claim."""
    return clause.pos_ not in ("VERB", "AUX") or any(
        d.dep_ in CLAUSE_SUBJECTS and not (d.lower_ in ("that", "which", "who") and d.i < verb.i)
        for d in clause.children)


def _trim_tail(content: list) -> list:
    """`he backed the bill, which includes ...`: an aside after a comma that closes the content
    (a non-restrictive relative clause) is the reporter's, not the source's."""
    if len(content) < 6:
        return content
    ids = {t.i for t in content}
    for k in range(2, len(content) - 1):
        t = content[k]
        if t.text == "," and t.i + 1 in ids:
            nxt = t.doc[t.i + 1]
            if nxt.lower_ in ("which", "who", "whom", "whose") and nxt.head.dep_ == "relcl" and nxt.head.head.i < t.i \
                    and nxt.head.right_edge.i >= content[-1].i:
                return content[:k]
    return content


DASHES = ("—", "–", "--")


def _opens_aside(tok) -> bool:
    """Does a participle follow the dash that opens an aside (`X — revealed on Monday — ...`),
    not the one closing it (`Kall -- co-editor of a book -- said ...`)?"""
    if tok.i == 0 or tok.doc[tok.i - 1].text not in DASHES or tok.tag_ not in ("VBD", "VBN"):
        return False
    return sum(1 for t in tok.doc[tok.sent.start:tok.i - 1] if t.text in DASHES) % 2 == 0


def _one_sentence(content: list, cue, inside) -> list:
    """Content the parser ran over a full stop (`... is worth $50m. An appraiser disagrees, ...`)
    ends there: keep the sentence next to the cue."""
    cuts = [k for k, t in enumerate(content[:-1]) if t.text in (".", "!", "?") and not inside(t)
            and content[k + 1].text[:1].isupper()]
    if not cuts:
        return content
    if content[0].i > cue.i:
        return content[:cuts[0] + 1]
    return content[cuts[-1] + 1:]


def _complements(tok, lay: _Layout) -> list:
    """What follows a stance or speech verb in its own clause (`blasted Rubio for his vote`):
    its objects, prepositions and infinitives, in this paragraph and sentence, up to the last."""
    comps = [c for c in tok.children if c.dep_ in COMPLEMENT_DEPS and c.i > tok.i and not _when(c)]
    if not comps or any(c.dep_ == "advcl" and is_cue(c) for c in tok.children):
        return []  # `defended the plan, saying ...`: the speech verb carries what was said
    sent = tok.sent
    first = min(c.left_edge.i for c in comps)
    last = max(c.right_edge.i for c in comps)
    para = lay.para(tok.idx)
    return [t for t in tok.doc[max(first, tok.i + 1):min(last, sent.end - 1) + 1] if lay.para(t.idx) == para]


def _when(tok) -> bool:
    """`on Tuesday`, `last week`: a time, not part of what the source holds."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    return tok.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in tok.children)


HEADLINE_PREFIX_WORDS = 5


EDITORIAL_LABELS = frozenset("""
note update correction clarification disclosure disclaimer caption photo video watch analysis
opinion breaking exclusive related editor
""".split())


def _label_colon(line: str) -> int:
    """Where `Name: ...` ends its label, or -1: a colon followed by a space, outside brackets
    (`Slack (NASDAQ:WORK) insider ...` is a ticker, not a label)."""
    m = re.search(r":(\s|$)", line)
    if m is None or line[:m.start()].count("(") != line[:m.start()].count(")"):
        return -1
    return m.start()


def _headline_claims(doc, lay: _Layout) -> list[_Found]:
    """`Lynch: No outside influence on FBI probe`: a headline giving a source and what it said."""
    out = []
    text = lay.text
    for k, start in enumerate(lay.starts):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        colon = _label_colon(line)
        if colon <= 0 or len(line[:colon].split()) > HEADLINE_PREFIX_WORDS:
            continue
        rest = line[colon + 1:].strip()
        if not rest or rest[0] in "\"“‘'«" or not line[0].isupper() or len(rest.split()) < 3:
            continue
        prefix = _tokens(doc, start, start + colon)
        if not prefix or any(t.pos_ in ("VERB", "AUX") for t in prefix) or not any(t.pos_ in ("PROPN", "NOUN") for t in prefix):
            continue
        if any(t.like_num or t.ent_type_ in ("DATE", "TIME") for t in prefix):
            continue  # `11:06 a.m.` or `Update 2:`
        heads = [t for t in prefix if not (prefix[0].i <= t.head.i <= prefix[-1].i) or t.head.i == t.i]
        head = (heads or prefix)[-1]
        if head.lemma_.lower() in EDITORIAL_LABELS or head.lower_ in EDITORIAL_LABELS or not plausible_source(head):
            continue  # `Editor’s note: ...`, `Update: ...`: the publication's own words
        c0 = start + colon + 1 + (len(line[colon + 1:]) - len(line[colon + 1:].lstrip()))
        c1 = start + len(line.rstrip().rstrip("."))
        content = _tokens(doc, c0, c1)
        if not content or sum(lay.inside(t) for t in content) >= 0.5 * len(content):
            continue
        out.append(_Found(c0, c1, "indirect", None, head, para=k, sentence=line.strip()))
    return out


def _sent_start(doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].sent.start_char if span is not None and len(span) else -1


def _still_about(lay: _Layout, para: int, src: Source) -> bool:
    """Does a paragraph between a speaker's quote and an unattributed one keep to that speaker
    (`Viguerie is upbeat about ...`, `He sees ...`)?"""
    start = lay.starts[para]
    end = lay.starts[para + 1] if para + 1 < len(lay.starts) else len(lay.text)
    words = lay.text[start:end].split()
    if not words or not src.name:
        return False
    first = words[0].strip("“\"‘'").lower()
    return first in ("he", "she", "they") or src.name.split()[-1].lower() in (w.strip(".,’'s").lower() for w in words[:4])


LIST_ITEM_MAX_WORDS = 45
LIST_MAX_ITEMS = 10


BULLET = re.compile(r"[-•*–—·▪]\s+|\d{1,2}[.)]\s+")


def _blank(lead: str) -> bool:
    """Nothing, or only a bullet, before a quote opening its paragraph (`• “...`)."""
    lead = lead.strip()
    return lead == "" or BULLET.fullmatch(lead + " ") is not None


def _own_cue(doc, lay: _Layout, start: int, end: int) -> bool:
    """Does this paragraph attribute something itself (a speech verb with a source)?"""
    return any(not lay.inside(t) and is_cue(t) and source_token(t, lay.inside) is not None
               for t in _tokens(doc, start, end))


def _colon_lists(doc, lay: _Layout) -> dict[int, tuple]:  # noqa: C901 (to split)
    """`Obama also said:` then one paragraph per point: each point paragraph -> (cue, source)."""
    out: dict[int, tuple] = {}
    text = lay.text
    for k, start in enumerate(lay.starts[:-1]):
        end = lay.starts[k + 1]
        line = text[start:end].rstrip()
        if not line.endswith(":"):
            continue
        toks = _tokens(doc, start, start + len(line))
        tail = []
        for t in reversed(toks[:-1]):
            if t.text in (".", "?", "!") and not lay.inside(t):
                break
            tail.append(t)
        pair = None
        for c in tail:
            if not lay.inside(c) and is_cue(c):
                src = source_token(c, lay.inside)
                if src is not None:
                    pair = (c, src)
                    break
        if pair is None:
            continue
        bulleted = None
        for j in range(k + 1, min(len(lay.starts), k + 1 + LIST_MAX_ITEMS)):
            s0 = lay.starts[j]
            s1 = lay.starts[j + 1] if j + 1 < len(lay.starts) else len(text)
            item = text[s0:s1].strip()
            if not item or len(item.split()) > LIST_ITEM_MAX_WORDS or item.endswith(":"):
                break
            if bulleted is None:
                bulleted = bool(BULLET.match(item))
            elif bulleted != bool(BULLET.match(item)):
                break  # the bullets end, and with them the list
            if _own_cue(doc, lay, s0, s1):
                break  # `But he said gun control ...`: a paragraph with its own attribution
            if item[0] in "\"“‘'«":
                break  # a quoted paragraph: the quote rules take it
            if re.search(r"[.!?]\s+[A-Z]", item):
                break  # a paragraph of several sentences is the reporter's again
            out[j] = pair
    return out


# `X is confident that ...`, `X was skeptical about ...`: the adjective's complement is what X holds
ATTITUDE_ADJECTIVES = frozenset("""
confident sure certain convinced optimistic pessimistic hopeful skeptical sceptical doubtful aware
concerned worried afraid fearful adamant unsure uncertain wary leery mindful critical supportive
""".split())


def _held_views(doc, lay: _Layout, adjectives: list) -> list[_Found]:
    """`Her aides are confident that she will win`: a view held by the subject of `be`
    (`adjectives`: the sentence complements outside quotes, gathered in one pass)."""
    out = []
    for adj in adjectives:
        if adj.lemma_.lower() not in ATTITUDE_ADJECTIVES:
            continue
        verb = adj.head
        src = source_token(verb, lay.inside)
        if src is None or not plausible_source(src) or src.lower_ in ("it", "there", "this", "that", "which", "what"):
            continue
        comps = [c for c in adj.children if c.dep_ in ("ccomp", "xcomp", "prep") and c.i > adj.i]
        if not comps:
            continue
        para = lay.para(adj.idx)
        content = [t for t in doc[comps[0].left_edge.i:comps[-1].right_edge.i + 1] if lay.para(t.idx) == para]
        while content and (content[0].is_punct or content[0].dep_ == "mark" and content[0].lower_ in ("that", "whether", "if")
                           or content[0].dep_ == "prep" and content[0] in comps):
            content = content[1:]
        while content and content[-1].is_punct:
            content = content[:-1]
        if len(content) < 3 or sum(lay.inside(t) for t in content) >= 0.5 * len(content):
            continue
        out.append(_Found(content[0].idx, content[-1].idx + len(content[-1]), "indirect", adj, src,
                          para=para, sentence=adj.sent.text.strip(), intent=True))
    return out


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


def _adopt(items: list[_Found], hosts: list) -> None:
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
            f.cue, f.source = cue, src


def _in_phrase(doc, q: QuoteSpan, src) -> bool:
    """Does the quote sit inside the noun phrase naming its own source?"""
    phrase = phrase_tokens(src)
    toks = _tokens(doc, q.start, q.end)
    return bool(phrase and toks) and phrase[0].i <= toks[0].i and toks[-1].i <= phrase[-1].i


def _ref(src: Source | None) -> SpeakerRef | None:
    if src is None or (src.name is None and src.mention is None):
        return None
    return SpeakerRef(name=src.name or src.mention, mention=src.mention, kind=src.kind, anonymous=src.anonymous)


def find_quotes(doc, article: Article) -> tuple[list[Quote], list[Speaker]]:
    text = article.text
    spans = find_spans(text)
    lay = _Layout(doc, text, spans)
    items: list[_Found] = []
    lists = _colon_lists(doc, lay)
    for q in spans:
        if _names_a_work(lay, q):
            continue
        cue, src, _rule = _quote_cue(doc, lay, q)
        if src is not None and _in_phrase(doc, q, src):
            continue  # `our “America first” president declared`: a label in the speaker's name
        if src is None and lay.para(q.start) in lists:
            cue, src = lists[lay.para(q.start)]
        if src is None and not _title_like(text[q.start:q.end]) and len(text[q.start:q.end].split()) >= GOVERNED_MIN_WORDS:
            cue, src = _governing(doc, lay, q)
        toks = _tokens(doc, q.start, q.end)
        sent = toks[0].sent.text.strip() if toks else None
        item = _Found(q.start, q.end, _kind(doc, lay, q), cue, src, q, lay.para(q.start), sent)
        if _rule == "label":  # the turn's words without the label
            m = LABEL.match(text, q.start)
            words = text[m.end():q.end]
            item.start = m.end() + len(words) - len(words.lstrip())
            item.label, item.kind = m.group(1), "direct"
        items.append(item)
    hosts: list = []
    items.extend(_indirect(doc, lay, lists, hosts))
    _adopt(items, hosts)
    items.sort(key=lambda f: f.start)

    names = NameIndex(doc)
    book = MentionResolver(doc, names, lay.para)
    kept: list[tuple[_Found, Source | None, str]] = []
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
        elif f.kind != "indirect" and last_quote is not None:
            para, prev, prev_sent = last_quote
            starts_para = _blank(text[lay.starts[f.para]:f.span.open])
            before = text[lay.starts[f.para]:f.span.open].rstrip()
            opens_sentence = before == "" or before[-1] in ".?!:”\"’'"
            same_sentence = prev_sent == _sent_start(doc, f.start)
            if (para == f.para and (opens_sentence or same_sentence)) or (starts_para and (para == f.para - 1 or (para == f.para - 2 and _still_about(lay, f.para - 1, prev)))):
                src = replace(prev, attribution="previous_paragraph" if para != f.para else prev.attribution,
                              pos=f.start, para=f.para, doc_noun=False)
                how = "previous_paragraph" if para != f.para else "same_paragraph"
        if src is None:
            continue  # marks with no speaker are titles, scare quotes or slogans more often than speech
        if src is not None and src.name:
            last_quote = (f.para, src, _sent_start(doc, f.start))
        kept.append((f, src, how))
    settled = iter(settle([src for _, src, _ in kept], names, lay.para))
    kept = [(f, next(settled), how) for f, _, how in kept]
    quotes = [Quote(text=text[f.start:f.end], kind=f.kind, speaker=_ref(src),
                    cue=cue_phrase(f.cue) if f.cue is not None else None,
                    start=f.start, end=f.end, sentence=f.sentence, attribution=how)
              for f, src, how in kept]
    return quotes, speaker_list([src for f, src, _ in kept if not f.intent])
