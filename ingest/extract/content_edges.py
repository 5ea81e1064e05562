"""Where an indirect quote's content ends: the edges of a content clause the parser ran past
(`he backed the bill, which includes ...`, `...; the board changed its mind`, a full stop),
and the marks and `that` around it."""

from __future__ import annotations

from .attribution import is_cue


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
            rel = _relative_clause(nxt, ids) if nxt.lower_ in ("which", "who", "whom", "whose") else None
            if rel is not None and rel.head.i < t.i and rel.right_edge.i >= content[-1].i:
                return content[:k]
    return content


def _relative_clause(pronoun, ids):
    """The relative clause a `which`/`who` opens, however deep it sits in it (`..., which she
    said were broken`: `which` hangs on `broken`, the clause is `said`'s)."""
    tok = pronoun.head
    while tok.i in ids and tok.dep_ != "relcl" and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok.dep_ == "relcl" else None


def _conjoined_cue(t, nxt, inside) -> bool:
    """`Ledger promised to keep the ferry and said he would fight`: a speech verb joined by
    `and`/`but`, without a subject of its own, starts an attribution of its own."""
    return t.lower_ in ("and", "but") and nxt.dep_ == "conj" and nxt.pos_ == "VERB" and not inside(nxt) \
        and is_cue(nxt) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children)


def _own_attribution(content: list, cue, inside) -> list:
    """`he doubted it, arguing that the party was split`, `the timing was not planned; they
    only learned of it on Friday`: a participle speech verb after a comma is an attribution of
    its own, and a semicolon closes the claim; the content after the cue ends before either."""
    if not content or content[0].i < cue.i:
        return content
    for k, t in enumerate(content[2:], start=2):
        if inside(t):
            continue
        if t.text == ";" or k + 1 < len(content) and _conjoined_cue(t, content[k + 1], inside):
            return content[:k]
        if t.text == "," and k + 1 < len(content):
            nxt = content[k + 1]
            if nxt.tag_ == "VBG" and is_cue(nxt, cognition=True) and not inside(nxt):
                return content[:k]
    return content


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


def tidy(content: list, tok, inside) -> list:
    """The content between its edges, without the marks and `that` around it (`tok`: its cue)."""
    content = _own_attribution(_one_sentence(_trim_tail(content), tok, inside), tok, inside)
    while content and (content[0].is_punct or content[0].is_space or (content[0].dep_ == "mark" and content[0].lower_ in ("that", "whether", "if"))):
        content = content[1:]
    while content and (content[-1].is_punct or content[-1].is_space):
        content = content[:-1]
    return content
