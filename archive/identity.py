"""Which known speaker a name in a new article denotes: the rules of archive-level identity.

Pure functions over what the archive knows (`Known`, one per speaker) and one article's name;
`speaker_index.py` reads the tables and applies the `Decision`. The issue's sentences:
"Name variants of one source become one speaker: middle names and initials, titles and
honorifics, a surname alone when the archive knows exactly one matching source ..., possessive
and plural forms, an organisation's short and long names." and "Different sources that share a
surname (two Clintons, a father and a son) are never joined: when the evidence does not decide,
keep them apart and offer the join as a suggestion."
"""

from __future__ import annotations

from dataclasses import dataclass

from .speaker_names import PersonName, compatible, compound_of, same_given, short_given, tokens, unsuffixed, words


@dataclass(frozen=True)
class Known:
    """A speaker the archive holds, as identity compares it with a new name."""

    speaker_id: str
    kind: str
    names: tuple[PersonName, ...] = ()  # every person-name variant joined into it
    variants: tuple[str, ...] = ()
    roles: frozenset[str] = frozenset()  # content words of its roles
    quotes: int = 0
    bucket: bool = False  # a bare surname the archive could not tell apart (kept out of full names)
    exact: bool = False  # it already holds this very name
    form: str | None = None  # how an organisation's form matched (name, acronym)
    long_names: frozenset[str] = frozenset()  # an organisation's names of two or more words


@dataclass(frozen=True)
class Suggestion:
    other_id: str
    score: float
    evidence: dict


@dataclass(frozen=True)
class Decision:
    speaker_id: str | None  # join this speaker; None: a new one
    how: str  # the rule that decided
    suggestions: tuple[Suggestion, ...] = ()


GENERIC_ROLE_WORDS = frozenset("former the a an of for and to in on at new then acting current".split())


def role_words(roles) -> frozenset[str]:
    """The words that can tell two holders of a surname apart (`nominee`, `secretary`, `state`)."""
    return frozenset(w for r in roles for w in tokens(r) if w not in GENERIC_ROLE_WORDS and len(w) > 1)


def _suggest(known: list[Known], roles: frozenset[str], names: tuple[str, ...] = ()) -> tuple[Suggestion, ...]:
    out = []
    for k in known:
        shared = sorted(roles & k.roles)
        score = round(min(0.95, 0.4 + 0.1 * len(shared) + (0.1 if k.quotes >= 10 else 0)), 2)
        out.append(Suggestion(k.speaker_id, score, {
            "names": list(k.variants[:8]), "shared_roles": shared, "quotes": k.quotes, "rule": "same surname"}))
    return tuple(sorted(out, key=lambda s: (-s.score, s.other_id)))


def _one(found: list[Known]) -> Known | None:
    return found[0] if len(found) == 1 else None


def decide_person(name: PersonName, roles: frozenset[str], known: list[Known],
                  context: frozenset[str] = frozenset(), seen=lambda speaker_id: frozenset(),
                  company: frozenset[str] = frozenset(), lone_joins: bool = False) -> Decision:
    """A person's name against the people the archive knows by that surname (in period);
    `context` is the words of the article, `seen(speaker_id)` the words of a speaker's articles,
    `company` the surnames of the other people the article quotes; `lone_joins`: a surname alone
    joins the one person of that name without further evidence (a fact-check's claim author, whose
    claim's words decide which quotes it links to)."""
    fits = [k for k in known if k.kind in ("person", "unknown")
            and all(compatible(name, n) for n in k.names if n.surname == name.surname)]
    if name.first is None:
        return _bare_surname(fits, roles, context, seen, company, lone_joins)
    exact = [k for k in fits if k.exact and not k.bucket]
    if hit := _one(exact):
        return Decision(hit.speaker_id, "exact")
    full = [k for k in fits if not k.bucket]
    strong = [k for k in full if any(same_given(name, n) for n in k.names)]
    if hit := _one(strong):
        return Decision(hit.speaker_id, "variant")
    if strong:
        return Decision(None, "ambiguous", _suggest(strong, roles))
    short = [k for k in full if any(short_given(name, n) for n in k.names)]
    if short:  # `Ed Rendell`, the former governor, is `Edward G. Rendell`; Bob Mason, a retired
        # letter carrier, is not Robert Mason, a professor: a short form joins only with a shared role
        hit = _one([k for k in short if roles & k.roles])
        if hit is not None:
            return Decision(hit.speaker_id, "short_name_roles")
        return Decision(None, "new", _suggest(short, roles))
    if (hit := _one(full)) and _may_take(hit, name, seen):  # an initial (`L. Hart`), or a surname-only speaker
        return Decision(hit.speaker_id, "initial" if name.initial or any(n.initial for n in hit.names) else "surname")
    return _kin(name, roles, known, (context, seen, company), full)


def _kin(name: PersonName, roles: frozenset[str], known: list[Known], evidence: tuple, full: list[Known]) -> Decision:
    """Names no plain rule joins, tried last: a name with a suffix and one without (`Joseph R.
    Biden Jr.` and `Joe Biden`), joined when the given names fit and a role is shared with the
    one such holder (a father and a son have different roles, or are both kept apart); and a
    compound surname (`Wasserman Schultz` for `Debbie Wasserman Schultz`), read as a surname
    alone. Otherwise a suggestion (`full`: the fitting names no rule decided; `evidence`: the
    article's words, the words of a speaker's articles, the article's other people)."""
    context, seen, company = evidence
    people = [k for k in known if k.kind in ("person", "unknown") and not k.bucket and k not in full]
    suffixed = [k for k in people if any(n.surname == name.surname and n.suffix != name.suffix
                                         and None in (n.suffix, name.suffix) and compatible(unsuffixed(name), unsuffixed(n))
                                         for n in k.names)]
    if hit := _one([k for k in suffixed if roles & k.roles]):
        return Decision(hit.speaker_id, "suffix_roles")
    compound = [k for k in people if any(compound_of(name, n) for n in k.names)]
    if hit := _one(compound):
        how = _lone_evidence(hit, roles, context, seen, company)
        if how is not None:
            return Decision(hit.speaker_id, "compound_" + how)
    whole = [k for k in people if any(compound_of(n, name) for n in k.names)]
    if (hit := _one(whole)) and name.first in seen(hit.speaker_id):
        return Decision(hit.speaker_id, "compound_surname")
    return Decision(None, "new", _suggest(full + suffixed + compound + whole, roles))


def _may_take(k: Known, name: PersonName, seen) -> bool:
    """A speaker known only by a surname takes a full name only when its own articles give that
    given name (`Trump` quoted where `Donald` is written): `O'Donnell` quoted in an article about
    Rosie is not Norah O'Donnell named later."""
    if any(n.first for n in k.names):
        return True
    return name.first in seen(k.speaker_id)


SHARED_COMPANY = 2
"""Other people quoted in a surname's article that its one holder's articles name too: one (a
Trump, a Clinton) is in every political story, two are the story's own company."""
DOMINANT_SHARE = 0.9
DOMINANT_QUOTES = 20


def _lone_evidence(k: Known, roles: frozenset[str], context: frozenset[str], seen=lambda sid: frozenset(),
                   company: frozenset[str] = frozenset()) -> str | None:
    """Why a surname alone is the one person of that name the archive knows, or None: the
    article writes that person's given name, shares a role with them or writes a word of their
    roles (`Hart, who chairs the water board` for the board's chair), or the archive quotes them
    often, or the article quotes people their own articles name too (`Kasich` in a debate story
    quoting Trump and Rubio, for the John Kasich of other campaign stories). `Burns` quoted in an article about a radio host is not Alderman William D. Burns,
    however alone he is: it becomes a speaker of its own and a suggestion. A speaker known by the
    surname alone is that surname's speaker still."""
    if not any(n.first for n in k.names):
        return "surname"
    if any(n.first and n.first in context for n in k.names):
        return "surname_context"
    if roles & k.roles:
        return "surname_roles"
    if k.roles & context:
        return "surname_role_words"
    if k.quotes >= DOMINANT_QUOTES:
        return "surname_prominent"
    if len(company) >= SHARED_COMPANY and len(company & seen(k.speaker_id)) >= SHARED_COMPANY:
        return "surname_company"
    return None


def _bare_surname(fits: list[Known], roles: frozenset[str], context: frozenset[str], seen=lambda sid: frozenset(),
                  company: frozenset[str] = frozenset(), lone_joins: bool = False) -> Decision:
    """`Trump`: the one person of that surname the archive knows, when the evidence says so
    (`_lone_evidence`); else the one the article
    itself names by given name (`Hillary` in the text), or whose roles it shares (`the
    Democratic nominee`); else, in an article naming none of them, the one the archive quotes
    far more than all the others (news names its most prominent Clinton by surname alone);
    else kept apart, with suggestions."""
    people = [k for k in fits if not k.bucket]
    if hit := _one(people):
        how = "surname" if lone_joins else _lone_evidence(hit, roles, context, seen, company)
        if how is not None:
            return Decision(hit.speaker_id, how)
        return Decision(None, "new", _suggest(people, roles))
    named = [k for k in people if any(n.first and n.first in context for n in k.names)]
    if hit := _one(named):
        return Decision(hit.speaker_id, "surname_context")
    if people and roles:
        if hit := _one([k for k in (named or people) if roles & k.roles]):
            return Decision(hit.speaker_id, "surname_roles")
    if people and not named:
        top = max(people, key=lambda k: (k.quotes, k.speaker_id))
        total = sum(k.quotes for k in people)
        if top.quotes >= DOMINANT_QUOTES and top.quotes >= DOMINANT_SHARE * total:
            return Decision(top.speaker_id, "surname_prominent")
    bucket = _one([k for k in fits if k.bucket])
    return Decision(bucket.speaker_id if bucket else None, "ambiguous" if people else "new", _suggest(people, roles))


def decide_org(known: list[Known], key: str = "") -> Decision:
    """An organisation's name against the organisations holding one of its forms: its whole name
    matches first, then a short form (`the FBI`, `California ISO`) that exactly one long name has.
    A long name never joins another long name through a shared acronym (the Democratic National
    Convention is not the Committee, though both are DNC)."""
    long = len(key.split()) > 1 and not key.isupper()
    orgs = [k for k in known if k.kind in ("organization", "unknown")
            and (k.exact or not long or not (k.long_names - {key}))]
    if hit := _one([k for k in orgs if k.exact]):
        return Decision(hit.speaker_id, "exact")
    if hit := _one(orgs):
        return Decision(hit.speaker_id, "acronym")
    return Decision(None, "new" if not orgs else "ambiguous", _suggest(orgs, frozenset()))


def decide_other(known: list[Known]) -> Decision:
    """Groups and sources of unknown kind: only the very same name joins."""
    if hit := _one([k for k in known if k.exact]):
        return Decision(hit.speaker_id, "exact")
    return Decision(None, "new")


def is_title_only(name: str) -> bool:
    """`Senator`, `the President`: an office without a name never joins anyone by itself."""
    toks = tokens(name)
    return bool(toks) and all(t in words("name_titles") or t in ("the", "a") for t in toks)
