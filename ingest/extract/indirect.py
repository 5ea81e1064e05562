"""Indirect quotes: reported speech without quotation marks, the content clause of a speech
or thought verb whose subject is a source (`Lecornu said the vote had full legal force`)."""

from __future__ import annotations

from .wordlists import words as wordlist

from .attribution import EVIDENCE_VERBS, SPEECH_VERBS, DOCUMENT_NOUNS, is_cue, is_evidence, is_human, plausible_source, source_token
from .quote_layout import BULLET, Found, Layout, tokens_between
from .quote_lists import headline_claims
from .content_edges import tidy
from .claim_nouns import noun_claims
from .clause_slips import misfiled_clause, noun_tagged_source, noun_tagged_verb

MOSTLY_QUOTED = 0.8  # content quoted beyond this share is the quote itself, not reported speech


INTENT_VERBS = wordlist("intent_verbs")  # speech acts that take `to ...`; wants and plans (`want to`, `plan to`) are not reported speech

# stances and aims whose object is what the source holds or wants: `Cruz blasted the deal`,
# `she declined to comment`, `the mayor plans to run`; PolNeAR-style attributions, not speech
STANCE_VERBS = wordlist("stance_verbs")
# speech verbs whose object (not a clause) is what was said: `announced his candidacy`,
# `called for a ban`, `described the plan as a failure`, `stressed the risks`; and findings
# (`the poll shows Smith with 40 percent`)
OBJECT_SPEECH_VERBS = wordlist("object_speech_verbs")
NAMING_VERBS = wordlist("naming_verbs")
CONTENT_PREPOSITIONS = wordlist("content_prepositions")
# subjects outside quotation marks that are the writer or the reader, or no one: not a source
WRITER_PRONOUNS = frozenset({"there", "this", "that", "which", "what", "i", "we", "you", "'s", "’s"})
COMPLEMENT_DEPS = ("dobj", "xcomp", "prep", "oprd", "dative", "ccomp", "acomp")


def _cue_source(tok, lay: Layout):
    """The source of a speech, thought, intent or stance verb outside quotation marks, or None."""
    slipped = noun_tagged_source(tok)
    if slipped is not None:
        return slipped  # `Ortiz claims that ...` tagged a noun
    lemma = tok.lemma_.lower()
    stance = tok.pos_ == "VERB" and lemma in STANCE_VERBS
    if not is_cue(tok, cognition=True) and not (lemma in INTENT_VERBS and tok.pos_ == "VERB") and not stance:
        return None
    src = source_token(tok, lay.inside)
    if src is None or src.lower_ in WRITER_PRONOUNS:
        return None  # `I think ...`, `we assume ...`, `let's understand ...` outside quotes: the writer's own view
    if src.lower_ == "it" and lemma not in SPEECH_VERBS:
        return None
    if _opens_aside(tok) and src.i < tok.i:
        return None  # `the retirement — revealed hours before the deadline — has roiled ...`: an aside
    if is_evidence(tok, src) or stance and not plausible_source(src):
        return None  # `the results show`, `violent crime declined`: no one speaks
    if _withheld(tok):
        return None
    return src


REFUSAL_VERBS = wordlist("refusal_verbs")


def _withheld(tok) -> bool:
    """`She declined to say whether the ferry would run`, `he did not say if it would close`:
    speech refused or denied reports nothing the source said (a view denied, `she does not
    think it will work`, is still her view)."""
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in REFUSAL_VERBS:
        return True
    return tok.lemma_.lower() in SPEECH_VERBS and any(c.dep_ == "neg" for c in tok.children)


def _side_of(tok, comp, lay: Layout) -> list:
    """The clause's words on its side of the verb: `In a statement, Cruz said he ...` must not
    take `In a statement` into what he said."""
    same_side = (lambda t: t.i > tok.i) if comp.i > tok.i else (lambda t: t.i < tok.i)
    return [t for t in comp.subtree if lay.para(t.idx) == lay.para(tok.idx) and same_side(t)]


def _according_to(tok, lay: Layout):
    """`The plant will close, according to the union`: the rest of the sentence."""
    if tok.lower_ != "according":
        return None
    skip = {t.i for t in tok.subtree}
    return [t for t in tok.sent if t.i not in skip and lay.para(t.idx) == lay.para(tok.idx)], False


def _content_clause(tok, lay: Layout):
    """`She said the plant would close`: the verb's content clause, with the clauses a colon
    sets after it (`she said the port is at a turning point: rents are rising`)."""
    comps = _content_clauses(tok)
    if not comps:
        return None
    content = _side_of(tok, comps[0], lay)
    for nxt in comps[1:]:
        end = content[-1].i + 1 if content else None
        if end is None or nxt.i < comps[0].i or end >= len(tok.doc) or tok.doc[end].text != ":":
            break
        content += [t for t in tok.doc[end:nxt.right_edge.i + 1] if lay.para(t.idx) == lay.para(tok.idx)]
    return content, False


def _intent_infinitive(tok, lay: Layout):
    """`vowed to keep trying`, `urged voters to stay home`: what the source wants done."""
    if tok.lemma_.lower() not in INTENT_VERBS:
        return None
    comps = [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i and c.pos_ == "VERB"]
    return (_side_of(tok, comps[0], lay), True) if comps else None


def _object_speech(tok) -> bool:
    lemma = tok.lemma_.lower()
    return tok.pos_ == "VERB" and lemma in STANCE_VERBS or lemma in OBJECT_SPEECH_VERBS


def _tag_clause(tok, lay: Layout):
    """`..., the source added.` and `This campaign, he says, is different.`: the clause a
    speech tag is set into."""
    doc = tok.doc
    if not (tok.dep_ in ("parataxis", "ccomp") and tok.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children)  # a tag says nothing itself
            and not is_cue(tok.head, cognition=True) and tok.left_edge.i > 0
            and (doc[tok.left_edge.i].text in (",", "—", "–") or doc[tok.left_edge.i - 1].text in (",", "—", "–"))):
        return None
    own = {t.i for t in tok.subtree}
    content = [t for t in tok.head.subtree if t.i not in own and lay.para(t.idx) == lay.para(tok.idx)]
    if tok.i < tok.head.i:  # a parenthetical: drop the commas around it
        content = [t for t in content if not (t.is_punct and abs(t.i - tok.i) <= len(own) + 1 and t.text == ",")]
    return content, _object_speech(tok) and bool(_complements(tok, lay))


def _complement(tok, lay: Layout):
    """`blasted Rubio for his vote`, `announced his candidacy`: what a stance or speech verb
    takes as its object (what the source holds or wants, not a clause it said)."""
    if not _object_speech(tok):
        return None
    content = _complements(tok, lay)
    if content and content[0].pos_ == "ADP" and content[0].lower_ not in CONTENT_PREPOSITIONS:
        return None  # `called into a radio show`, `showed at the hearing`: a place or a time, no claim
    return content, bool(content)


def _parenthetical_tag(tok, lay: Layout):
    """`The plant was a going concern, the owner said, until the flood came`: a tag set off by
    commas inside the claim; the claim is the sentence on both sides of it."""
    sent = tok.sent
    src = source_token(tok, lay.inside)
    if src is None or tok.i <= sent.start + 2 or not is_cue(tok):
        return None
    left = min(src.left_edge.i, tok.i)
    own = {t.i for t in tok.subtree if t.i >= left} | {t.i for t in src.subtree}
    right = tok.i + 1
    while right < sent.end and right in own and tok.doc[right].text != ",":
        right += 1
    doc = tok.doc
    if doc[left - 1].text != "," or right >= sent.end - 2 or doc[right].text != ",":
        return None
    para = lay.para(tok.idx)
    own -= _continuation(tok, src, right)
    before = [t for t in doc[sent.start:left - 1] if lay.para(t.idx) == para]
    after = [t for t in doc[right + 1:sent.end] if lay.para(t.idx) == para and t.i not in own]
    quoted = sum(1 for t in before + after if lay.inside(t))
    if len(before) < 3 or len(after) < 2 or lay.inside(before[0]) or lay.inside(after[0]) \
            or quoted >= 0.5 * len(before + after) or after[0].tag_ == "VBG":
        return None  # `“...,” she said, adding ...`: a quote and a second attribution
    if not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in before) or src.i > tok.i and after[0].i <= src.right_edge.i:
        return None  # `In a statement, X said ...`; `..., said X, an adviser to Y`
    return before + after, False


def _continuation(tok, src, right) -> set:
    """`Lenox was a giant, Ledger said, until it went bankrupt`: the parser may hang the claim's
    rest (a clause with `until`, `and ...`) on the tag's verb; it is still the claim, unless the
    verb says something of its own (`..., the firm said on Friday that ...`) or follows its
    speaker's name (`..., said Ms. Gil, with games of tag`)."""
    if src.i > tok.i or any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > tok.i for c in tok.children):
        return set()
    return {t.i for c in tok.children if c.dep_ in ("advcl", "conj", "cc") and c.i > right for t in c.subtree}


ASIDE_DEPS = frozenset({"mark", "nsubj", "agent", "aux", "auxpass", "neg", "advmod", "prt", "prep", "npadvmod", "dobj",
                        "dative", "punct"})  # what a reporting aside holds (`as one adviser first pointed out on Monday`)


def _as_aside(tok, lay: Layout):
    """`As the engineers pointed out, the pier cannot carry the cranes`, `The bridge will reopen
    in May, as the council said`: an aside opened by `as` reports the clause it is set into."""
    kids = list(tok.children)
    if tok.dep_ != "advcl" or tok.tag_ == "VBG" or not is_cue(tok, cognition=True) \
            or not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in kids):
        return None
    if tok.lemma_.lower() in INTENT_VERBS or tok.lemma_.lower() in STANCE_VERBS or any(
            c.dep_ not in ASIDE_DEPS or c.dep_ == "dobj" and not (is_human(c) or c.pos_ in ("PRON", "PROPN"))
            or c.dep_ == "prep" and c.lower_ in CONTENT_PREPOSITIONS for c in kids):
        return None  # `as she told the story`, `just as she said she would`, `as he called for a ban`, `as X proposes`
    src = source_token(tok, lay.inside)
    if src is None or not plausible_source(src) or is_evidence(tok, src) or not any(c.dep_ in ("nsubj", "agent") for c in kids):
        return None  # `as the talks continued`, `as might be expected`, `as the figures show`: no one reports
    host = tok.head
    while host.pos_ not in ("VERB", "AUX") and host.head.i != host.i:
        host = host.head  # `The quay, as Delaney noted, has ...`: the parser hangs the aside on `quay`
    if is_cue(host):
        return None  # `“...,” she said, as recalled by her aide`: an aside on a quote's tag
    own = {t.i for t in tok.subtree}
    edges = {tok.left_edge.i - 1, tok.right_edge.i + 1}
    para = lay.para(tok.idx)
    content = [t for t in host.subtree if t.i not in own and lay.para(t.idx) == para
               and not (t.i in edges and t.text == ",")]
    return content, False


# (name, rule): tried in order on every cue verb; the first that applies gives the content (and
# whether it is an intent rather than speech), and its name is the indirect quote's `rule`. An
# intent (`vowed to keep trying`, `announced his candidacy`, `accused X of ...`) has no content
# clause: the guidelines make it optional at most, so it is found (its source resolves the
# mentions after it, a quote in marks inside it is its source's) but not given as a claim.
CONTENT_RULES = [
    ("as_aside", _as_aside),
    ("according_to", _according_to),
    ("parenthetical_tag", _parenthetical_tag),
    ("content_clause", _content_clause),
    ("misfiled_clause", misfiled_clause),
    ("noun_tagged_verb", noun_tagged_verb),
    ("intent_infinitive", _intent_infinitive),
    ("tag_clause", _tag_clause),
    ("complement", _complement),
]


def _reported(tok, lay: Layout, hosts: list | None) -> Found | None:
    """The indirect quote a cue verb reports, if any (every content goes to `hosts`)."""
    src = _cue_source(tok, lay)
    if src is None:
        return None
    for name, rule in CONTENT_RULES:
        hit = rule(tok, lay)
        if hit is not None:
            break
    else:
        return None
    content, intent = hit
    content = tidy(content, tok, lay.inside) if content else []
    if hosts is not None and content:
        hosts.append((content[0].idx, content[-1].idx + len(content[-1]), tok, src, lay.para(content[0].idx)))
    if len(content) < 3 or _no_comment(content) or src.left_edge.i <= content[0].i <= src.i:
        return None  # `..., said C. Boyden Gray, who served under ...`: the speaker is no claim
    quoted = sum(1 for t in content if lay.inside(t))
    if quoted >= MOSTLY_QUOTED * len(content) or quoted and tok.lemma_.lower() in NAMING_VERBS:
        return None  # `called the plan “a disaster”`: the quoted name is the claim
    return Found(content[0].idx, content[-1].idx + len(content[-1]), "indirect", tok, src,
                 para=lay.para(content[0].idx), sentence=tok.sent.text.strip(),
                 intent=intent or _finding(tok, src), clause=not intent, rule=name)


def _noun_claims(doc, lay: Layout, hosts: list | None) -> list[Found]:
    """`Ortiz repeated her claim that the tunnel leaks`: a noun's content clause (`claim_nouns`)."""
    out = []
    for claim in noun_claims(doc, lay.inside):
        para = lay.para(claim.noun.idx)
        content = tidy([t for t in claim.content if lay.para(t.idx) == para], claim.noun, lay.inside)
        if hosts is not None and content:
            hosts.append((content[0].idx, content[-1].idx + len(content[-1]), claim.noun, claim.holder, para))
        if len(content) < 3 or sum(1 for t in content if lay.inside(t)) >= MOSTLY_QUOTED * len(content):
            continue
        out.append(Found(content[0].idx, content[-1].idx + len(content[-1]), "indirect", claim.noun, claim.holder,
                         para=para, sentence=claim.noun.sent.text.strip(), rule="claim_noun"))
    return out


def _list_items(doc, lay: Layout, lists: dict) -> list[Found]:
    """`Obama also said:` then one paragraph per point: each point is what he said."""
    out = []
    for j, (cue, src) in lists.items():
        s0 = lay.starts[j]
        s1 = lay.starts[j + 1] if j + 1 < len(lay.starts) else len(lay.text)
        item = lay.text[s0:s1].rstrip().rstrip(".;")
        bullet = BULLET.match(item)
        if bullet:  # `- The UK must stay`: the point, not its bullet
            s0, item = s0 + bullet.end(), item[bullet.end():]
        content = tokens_between(doc, s0, s0 + len(item))
        if content and sum(lay.inside(t) for t in content) < 0.5 * len(content):
            out.append(Found(s0, s0 + len(item), "indirect", cue, src, para=j, sentence=item.strip(), rule="colon_list"))
    return out


def find_indirect(doc, lay: Layout, lists: dict, hosts: list | None = None) -> list[Found]:
    """Content clauses of speech and thought verbs whose subject is a source; every content,
    however short or quoted, also goes to `hosts` as (start, end, cue, source, paragraph)."""
    found: list[Found] = []
    adjectives = []
    for tok in doc:
        if lay.inside(tok):
            continue
        if tok.dep_ == "acomp":
            adjectives.append(tok)
        f = _reported(tok, lay, hosts)
        if f is not None:
            found.append(f)
    found.extend(_held_views(doc, lay, adjectives))
    found.extend(_noun_claims(doc, lay, hosts))
    found.extend(headline_claims(doc, lay))
    found.extend(_list_items(doc, lay, lists))
    # only the outermost attribution: drop one whose cue sits in another's content
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
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


DASHES = ("—", "–", "--")


def _opens_aside(tok) -> bool:
    """Does a participle follow the dash that opens an aside (`X — revealed on Monday — ...`),
    not the one closing it (`Kall -- co-editor of a book -- said ...`)?"""
    if tok.i == 0 or tok.doc[tok.i - 1].text not in DASHES or tok.tag_ not in ("VBD", "VBN"):
        return False
    return sum(1 for t in tok.doc[tok.sent.start:tok.i - 1] if t.text in DASHES) % 2 == 0


def _complements(tok, lay: Layout) -> list:
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


ATTITUDE_ADJECTIVES = wordlist("attitude_adjectives")


def _held_views(doc, lay: Layout, adjectives: list) -> list[Found]:
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
        out.append(Found(content[0].idx, content[-1].idx + len(content[-1]), "indirect", adj, src,
                         para=para, sentence=adj.sent.text.strip(), intent=True, rule="held_view"))
    return out
