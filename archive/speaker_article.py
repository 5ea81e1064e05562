"""One article's speakers as the archive takes them in: junk dropped, headline names repaired.

The extractor's speaker list is read with the article's text at hand, so two faults it can make
are caught here whatever extractor version wrote the event: a name that is no source (`it`, `Q`,
`14 percent`, markup, a dateline) becomes no speaker, and a name read off the headline line
(`Ted Cruz Apologizes`, `Clinton Cash Debunks Hillary`, `Certainly Donald Trump`) becomes the name
the body of the article uses (`Ted Cruz`, `Hillary Clinton`, `Donald Trump`), or no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .speaker_names import clean_person, description_reason, fold, junk_reason, tokens, words


@dataclass(frozen=True)
class ArticleSpeaker:
    """A source of one article, by the name the archive will join on."""

    written: str  # the name in the extraction event
    name: str | None  # the name to join on; None: no source (junk)
    kind: str
    anonymous: bool
    roles: tuple[str, ...]
    aliases: tuple[str, ...]
    junk: str | None  # why it is no source


SMALL_WORDS = frozenset("with from into over than that after about onto upon amid says said".split())


def headline_like(line: str) -> bool:
    """A headline line: short, with every longer word capitalised (`Ted Cruz Apologizes To Ben
    Carson`); a sentence of the body has lower-case words (`Count former Mexican President Felipe
    Calderon among ... detractors`)."""
    ws = re.findall(r"[A-Za-z][\w'’-]*", line)
    if len(ws) < 2 or len(ws) > 30 or sum(1 for w in ws if w[0].isupper()) < 2:
        return False
    return not any(w[0].islower() and len(w) >= 4 and w.lower() not in SMALL_WORDS for w in ws)


def prose(text: str) -> str:
    """The article's running text: its lines that are not headlines (the headline over the body,
    and the headlines of linked stories inside it)."""
    return "\n".join(line for line in text.splitlines() if not headline_like(line))


def _in(body: str, name: str) -> bool:
    """The name written so in the body (case counts: `may not have` is no `May Not Have`)."""
    return bool(re.search(r"(?<!\w)" + re.escape(name.replace("’", "'")) + r"(?!\w)", body))


def _spans(name: str) -> list[str]:
    """Contiguous runs of two or more of the name's words, longest first."""
    ws = name.split()
    out = [" ".join(ws[i:j]) for n in range(len(ws) - 1, 1, -1) for i in range(len(ws) - n + 1)
           for j in (i + n,)]
    return [s for s in out if s[0].isupper()]


def body_name(name: str, aliases: tuple[str, ...], body: str) -> str | None:
    """The name as the article's body writes it: the name itself, else an alias of it whose words
    are all in the name (`Presumptive nominee Hillary Clinton` for `Clinton Cash Debunks Hillary`,
    without its titles), else the longest run of the name's words found in the body."""
    folded = body.replace("’", "'")
    ws = name.split()
    cut = next((i for i, w in enumerate(ws) if i and w[:1].isupper() and fold(w) in words("headline_verbs")), None)
    if cut is not None:  # `Ted Cruz Apologizes`, `Obama Says`: the name ends before the headline's verb
        name = " ".join(ws[:cut])
    if _in(folded, name):
        return name
    mine = set(tokens(name))
    titles = words("name_titles")
    for alias in sorted(aliases, key=len, reverse=True):
        ws = alias.split()
        while len(ws) > 1 and (tokens(ws[0])[:1] and tokens(ws[0])[0] in titles or not ws[0][:1].isupper()):
            ws = ws[1:]
        for span in [" ".join(ws)] + _spans(" ".join(ws)):
            if len(span.split()) >= 2 and set(tokens(span)) <= mine and _in(folded, span):
                return span
    for span in _spans(name):
        if not any(t in titles for t in tokens(span)[:1]) and _in(folded, span):
            return span
    return None


def article_name(name: str, aliases: tuple[str, ...], body: str, text: str, kind: str) -> str | None:
    """`body_name()`, else a person's full name that the article writes only on a title-cased
    line (`FBI Director James Comey` as a caption), when none of its words is a title, a
    headline verb or a generic head (`Retired General`, `Trump Said`, `New Poll`)."""
    found = body_name(name, aliases, body)
    if found is not None or kind != "person" or len(name.split()) < 2:
        return found
    barred = words("headline_verbs") | words("name_titles") | words("generic_heads") | {"said"}
    if any(t in barred for t in tokens(name)):
        return None
    return name if _in(text.replace("’", "'"), name) else None


def article_speaker(sp: dict, body: str, text: str = "") -> ArticleSpeaker:
    """One speaker of the extraction (a `Speaker`, or a quote's `SpeakerRef`), read against the
    article's body."""
    written = sp["name"]
    aliases = tuple(dict.fromkeys(sp.get("aliases") or []))
    anonymous = bool(sp.get("anonymous"))
    reason = junk_reason(written) or (None if anonymous or written.strip()[:1].isupper() else "uncapitalised")
    if not reason and not anonymous and sp.get("kind") in ("person", "unknown", None):
        reason = description_reason(written)
    name = None if reason else written
    if name and not anonymous:
        name = article_name(clean_person(written) if sp.get("kind") == "person" else written, aliases, body, text,
                            sp.get("kind") or "unknown")
        reason = None if name else "headline"
        if name and name != written:
            reason = junk_reason(name)
            name = None if reason else name
    if name and not name[:1].isupper():  # `Sanders's campaign manager` cleaned to `campaign manager`
        name, reason = None, "uncapitalised"
    return ArticleSpeaker(written=written, name=name, kind=sp.get("kind") or "unknown", anonymous=anonymous,
                          roles=tuple(sp.get("roles") or ()), aliases=aliases, junk=reason)


def article_speakers(claims: dict, text: str, has_title: bool) -> dict[str, ArticleSpeaker]:
    """Every name the article's quotes and speaker list use, by the name as written."""
    body = prose(text)
    out = {sp["name"]: article_speaker(sp, body, text) for sp in claims.get("speakers", [])}
    for q in claims.get("quotes", []):
        ref = q.get("speaker") or {}
        if ref.get("name") and ref["name"] not in out:
            out[ref["name"]] = article_speaker(ref, body, text)
    return out
