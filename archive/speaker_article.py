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

from newsfacts.ingest.extract.headline_names import before_headline_verb, prose, spans, written_in
from newsfacts.ingest.extract.wordlists import words as extract_words

from .speaker_names import clean_person, description_reason, junk_reason, tokens, words


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


PARTICLE_START = re.compile(r"^[a-z]{1,3}-[A-Z]")
"""`al-Qaeda`, `el-Sisi`: a name that opens with a lower-case particle is still a name."""


def body_name(name: str, aliases: tuple[str, ...], body: str) -> str | None:
    """The name as the article's body writes it: the name itself, else an alias of it whose words
    are all in the name (`Presumptive nominee Hillary Clinton` for `Clinton Cash Debunks Hillary`,
    without its titles), else the longest run of the name's words found in the body."""
    folded = body.replace("’", "'")
    name = before_headline_verb(name)
    if name.isupper() and len(name) > 3 and not written_in(folded, name) and written_in(folded, name.title()):
        name = name.title()  # `WHERE OBAMA PLANS ...` on a list line: `Obama`, as the body writes him
    if written_in(folded, name):
        return name
    mine = set(tokens(name))
    titles = words("name_titles")
    for alias in sorted(aliases, key=len, reverse=True):
        ws = alias.split()
        while len(ws) > 1 and (tokens(ws[0])[:1] and tokens(ws[0])[0] in titles or not ws[0][:1].isupper()):
            ws = ws[1:]
        for span in [" ".join(ws)] + spans(" ".join(ws)):
            if len(span.split()) >= 2 and set(tokens(span)) <= mine and written_in(folded, span):
                return span
    for span in spans(name):
        if not any(t in titles for t in tokens(span)[:1]) and written_in(folded, span):
            return span
    return None


def article_name(name: str, aliases: tuple[str, ...], body: str, text: str, kind: str) -> str | None:
    """`body_name()`, else a person's full name that the article writes only on a title-cased
    line (`FBI Director James Comey` as a caption), when none of its words is a title, a
    headline verb or a generic head (`Retired General`, `Trump Said`, `New Poll`)."""
    found = body_name(name, aliases, body)
    name = before_headline_verb(name)  # `Marco Rubio Responds To Question` on the headline line: Marco Rubio
    if found is not None or kind != "person" or len(name.split()) < 2:
        return found
    barred = extract_words("headline_verbs") | words("name_titles") | words("generic_heads") | {"said"}
    if any(t in barred for t in tokens(name)):
        return None
    return name if written_in(text.replace("’", "'"), name) else None


def article_speaker(sp: dict, body: str, text: str = "") -> ArticleSpeaker:
    """One speaker of the extraction (a `Speaker`, or a quote's `SpeakerRef`), read against the
    article's body."""
    written = sp["name"]
    aliases = tuple(dict.fromkeys(a.replace("\xa0", " ") for a in sp.get("aliases") or []))
    anonymous = bool(sp.get("anonymous"))
    capitalised = written.strip()[:1].isupper() or bool(PARTICLE_START.match(written.strip()))
    reason = junk_reason(written) or (None if anonymous or capitalised else "uncapitalised")
    if not reason and not anonymous and sp.get("kind") in ("person", "unknown", None):
        reason = description_reason(written)
    name = None if reason else written
    if name and not anonymous:
        plain = written.replace("\xa0", " ")
        name = article_name(clean_person(plain) if sp.get("kind") == "person" else plain, aliases, body, text,
                            sp.get("kind") or "unknown")
        reason = None if name else "headline"
        if name and name != written:
            reason = junk_reason(name)
            name = None if reason else name
    if name and not (name[:1].isupper() or PARTICLE_START.match(name)):  # `Sanders's campaign manager` cleaned to `campaign manager`
        name, reason = None, "uncapitalised"
    return ArticleSpeaker(written=written, name=name, kind=sp.get("kind") or "unknown", anonymous=anonymous,
                          roles=tuple(sp.get("roles") or ()), aliases=aliases, junk=reason)


def article_speakers(claims: dict, text: str, has_title: bool) -> dict[str, ArticleSpeaker]:
    """Every name the article's quotes and speaker list use, by the name as written."""
    text = text.replace("\xa0", " ")  # `FBI Director James\xa0Comey` is written James Comey
    body = prose(text)
    out = {sp["name"]: article_speaker(sp, body, text) for sp in claims.get("speakers", [])}
    for q in claims.get("quotes", []):
        ref = q.get("speaker") or {}
        if ref.get("name") and ref["name"] not in out:
            out[ref["name"]] = article_speaker(ref, body, text)
    return out
