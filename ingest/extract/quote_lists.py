"""Lines that attribute what follows or what they hold: a headline `Name: what they said`,
and `X also said:` followed by one paragraph per point."""

from __future__ import annotations

import re

from .attribution import is_cue, plausible_source, source_token
from .quote_cues import HEADLINE_PREFIX_WORDS, label_colon
from .quote_layout import BULLET, Found, Layout, tokens_between


EDITORIAL_LABELS = frozenset("""
note update correction clarification disclosure disclaimer caption photo video watch analysis
opinion breaking exclusive related editor
""".split())


def headline_claims(doc, lay: Layout) -> list[Found]:
    """`Lynch: No outside influence on FBI probe`: a headline giving a source and what it said."""
    out = []
    text = lay.text
    for k, start in enumerate(lay.starts):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        colon = label_colon(line)
        if colon <= 0 or len(line[:colon].split()) > HEADLINE_PREFIX_WORDS:
            continue
        rest = line[colon + 1:].strip()
        if not rest or rest[0] in "\"“‘'«" or not line[0].isupper() or len(rest.split()) < 3:
            continue
        prefix = tokens_between(doc, start, start + colon)
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
        content = tokens_between(doc, c0, c1)
        if not content or sum(lay.inside(t) for t in content) >= 0.5 * len(content):
            continue
        out.append(Found(c0, c1, "indirect", None, head, para=k, sentence=line.strip(), rule="headline_claim"))
    return out


LIST_ITEM_MAX_WORDS = 45
LIST_MAX_ITEMS = 10

def _own_cue(doc, lay: Layout, start: int, end: int) -> bool:
    """Does this paragraph attribute something itself (a speech verb with a source)?"""
    return any(not lay.inside(t) and is_cue(t) and source_token(t, lay.inside) is not None
               for t in tokens_between(doc, start, end))


def _announcing(doc, lay: Layout, start: int, line: str):
    """`Obama also said:`: the (cue, source) of the last sentence of a line ending in a colon."""
    toks = tokens_between(doc, start, start + len(line))
    tail = []
    for t in reversed(toks[:-1]):
        if t.text in (".", "?", "!") and not lay.inside(t):
            break
        tail.append(t)
    for c in tail:
        if not lay.inside(c) and is_cue(c):
            src = source_token(c, lay.inside)
            if src is not None:
                return c, src
    return None


def _item_ends_list(doc, lay: Layout, j: int, bulleted: bool | None) -> bool:
    """Is paragraph `j` no point of the list above it?"""
    s0 = lay.starts[j]
    s1 = lay.starts[j + 1] if j + 1 < len(lay.starts) else len(lay.text)
    item = lay.text[s0:s1].strip()
    if not item or len(item.split()) > LIST_ITEM_MAX_WORDS or item.endswith(":"):
        return True
    if bulleted is not None and bulleted != bool(BULLET.match(item)):
        return True  # the bullets end, and with them the list
    if _own_cue(doc, lay, s0, s1):
        return True  # `But he said gun control ...`: a paragraph with its own attribution
    if item[0] in "\"“‘'«":
        return True  # a quoted paragraph: the quote rules take it
    return re.search(r"[.!?]\s+[A-Z]", item) is not None  # several sentences: the reporter's again


def colon_lists(doc, lay: Layout) -> dict[int, tuple]:
    """`Obama also said:` then one paragraph per point: each point paragraph -> (cue, source)."""
    out: dict[int, tuple] = {}
    for k, start in enumerate(lay.starts[:-1]):
        line = lay.text[start:lay.starts[k + 1]].rstrip()
        pair = _announcing(doc, lay, start, line) if line.endswith(":") else None
        if pair is None:
            continue
        bulleted = None
        for j in range(k + 1, min(len(lay.starts), k + 1 + LIST_MAX_ITEMS)):
            if _item_ends_list(doc, lay, j, bulleted):
                break
            if bulleted is None:
                s1 = lay.starts[j + 1] if j + 1 < len(lay.starts) else len(lay.text)
                bulleted = bool(BULLET.match(lay.text[lay.starts[j]:s1].strip()))
            out[j] = pair
    return out
