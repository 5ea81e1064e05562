"""The article's speaker list: one `Speaker` per source, under its canonical name, with its kind,
the roles the article gives it and every other name it uses for it.

Runs after mention resolution (`mentions`), on the article's resolved sources in text order.
Each step takes sources and returns new ones (`Source` is frozen): `settle` runs them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from newsfacts.schema.claims import Speaker

from .headline_names import body_written
from .mentions import Source
from .offices import fit
from .attribution import PERSON_NOUNS
from .names import DEFINITE, OFFICES, TITLES, NameIndex


def settle(used: list[Source], names: NameIndex, para_of) -> list[Source]:
    """The sources with descriptions named (`forward`, `salient`), names read off headline lines
    repaired (`from_headlines`), one name per source (`unify`) and per anonymous description
    (`same_descriptions`) and per body of people (`same_bodies`)."""
    named = full_names(salient(forward(used, names), names, para_of), names)
    return same_bodies(same_descriptions(unify(from_headlines(named, names.doc.text))))


def from_headlines(used: list[Source], text: str) -> list[Source]:
    """`Ted Cruz Apologizes` (a speaker read off the headline line) is `Ted Cruz`, as the running
    text writes him; a name the text does not write in any part stays as it is."""
    out = []
    for s in used:
        fixed = body_written(s.name, text) if s.name and not s.anonymous and s.kind in ("person", "unknown") else None
        out.append(replace(s, name=fixed) if fixed else s)
    return out


def forward(used: list[Source], names: NameIndex, reach: int = 2) -> list[Source]:
    """`the minister ... defended the result` ¶ `..., declared Sébastien Lecornu`: a definite
    description nobody earlier fits names the next person quoted by name, unless the article gives
    that office to someone else (`fit`)."""
    out = list(used)
    for i, s in enumerate(used):
        if not (s.anonymous and s.attribution == "description" and s.kind == "person"
                and s.mention.lower().startswith("the ")):
            continue
        for t in used[i + 1:]:
            if t.para - s.para > reach:
                break
            if t.kind == "person" and not t.anonymous and t.attribution == "named":
                if fit(s.mention, t.name, names) != "barred":
                    out[i] = replace(s, name=t.name, anonymous=False, roles=s.roles or (s.mention[4:],))
                break
    return out


def salient(used: list[Source], names: NameIndex, para_of, reach: int = 3) -> list[Source]:
    """`the former mayor argued ...` with no earlier mayor named: a definite description of an
    office names the most mentioned person of the last few paragraphs (news names its subject
    by surname again and again) that the office fits (`fit`): `the Florida senator` is not
    Trump, however often the article names him."""
    out = []
    for s in used:
        out.append(s)
        if not (s.attribution == "description" and s.kind == "person" and s.mention and s.name
                and s.name.lower() in s.mention.lower()):
            continue  # resolved already, or not a description of a person
        words = s.mention.lower().split()
        if len(words) < 2 or words[0] not in DEFINITE or words[-1] not in OFFICES:
            continue
        near = [w for at, w in names.surname_at if at < s.pos and s.para - para_of(at) <= reach]
        if not near:
            continue
        best = _most_fitting(s.mention, near, names)
        if best is None:
            continue
        fullest = max((t for w, t, _ in names.names if w[-1] == best), key=lambda t: len(t.split()))
        out[-1] = replace(s, name=fullest, anonymous=False, roles=s.roles or (" ".join(s.mention.split()[1:]),))
    return out


def _most_fitting(mention: str, near: list[str], names: NameIndex) -> str | None:
    """The most mentioned surname near a description that it fits, strong fits first."""
    ranked = sorted(dict.fromkeys(near), key=lambda w: -names.mentions[w])  # ties: the first near, as max()
    fits = {w: fit(mention, w, names) for w in ranked}
    for want in ("strong", "weak"):
        hit = [w for w in ranked if fits[w] == want]
        if hit:
            return hit[0]
    return None


def _full_name(surname: str, names: NameIndex) -> str | None:
    """The one full name the article gives a surname (`Persson` -> `Eva-Marie Persson`); None
    when it gives none, or two people share it (`Bill Clinton`, `Hillary Clinton`)."""
    key = surname.lower().strip(".")
    fuller = {text: set(words) for words, text, _ in names.names if len(words) >= 2 and words[-1] == key}
    fuller = fuller or {text: set(text.lower().split()) for text in _given_before(key, names.doc)}
    if not fuller:
        return None
    longest = max(sorted(fuller), key=lambda t: len(fuller[t]))
    return longest if all(w <= fuller[longest] for w in fuller.values()) else None


def _given_before(key: str, doc) -> list[str]:
    """`Eva-Marie Persson` where the tagger found no person: capitalised given names (not
    titles) right before the surname, hyphened ones joined."""
    out = []
    for tok in doc:
        if tok.lower_ != key or tok.pos_ != "PROPN":
            continue
        j, given = tok.i, 0
        while j > 0 and given < 2 and (doc[j - 1].is_title and doc[j - 1].pos_ == "PROPN"
                                       and doc[j - 1].lower_.rstrip(".") not in TITLES
                                       or doc[j - 1].text == "-" and j > 1 and doc[j - 2].is_title):
            given += doc[j - 1].is_alpha
            j -= 1
        if j < tok.i and doc[j].text != "-":
            out.append(doc[j:tok.i + 1].text)
    return out


def full_names(used: list[Source], names: NameIndex) -> list[Source]:
    """A person named by surname alone takes the full name the article gives them elsewhere,
    so the list names them once (`Ms Persson said` ... `Eva-Marie Persson, the deputy director`)."""
    out = []
    for s in used:
        full = _full_name(s.name, names) if s.kind == "person" and s.name and len(s.name.split()) == 1 else None
        out.append(replace(s, name=full) if full else s)
    return out


def unify(used: list[Source]) -> list[Source]:
    """One name per person: `Doherty` becomes `Michael Doherty` when the article has both; one
    per organisation: `the Center` becomes `the Center for X`."""
    persons = {s.name for s in used if s.name and s.kind == "person" and not s.anonymous}
    words = {n: set(n.lower().replace(".", "").split()) for n in persons}
    out = []
    for s in used:
        mine = words.get(s.name)
        longer = sorted(n for n in persons if mine and len(words[n]) > len(mine) and mine <= words[n])
        out.append(replace(s, name=max(longer, key=lambda n: len(words[n]))) if longer else s)  # sorted: ties alike every run
    orgs = {s.name for s in out if s.name and s.kind == "organization" and not s.anonymous}
    final = []
    for s in out:
        longer = sorted(n for n in orgs if len(n) > len(s.name) and n.lower().startswith(s.name.lower())) if s.name in orgs else []
        final.append(replace(s, name=min(longer, key=len)) if longer else s)
    return final


LEAD_WORDS = frozenset({"a", "an", "the"})
# words before a plural that pick out some of them (`several experts`, `his advisers`): another set
SELECTING = frozenset({"all", "many", "some", "several", "most", "few", "other", "both", "these", "those",
                       "his", "her", "their", "its", "our", "one", "another", "two", "three"})


def _description_key(name: str) -> tuple[str, ...]:
    """`a source` and `the source`, `Officials` and `officials`: the words past the determiner."""
    words = name.lower().split()
    while words and words[0] in LEAD_WORDS:
        words = words[1:]
    return tuple(words)


def same_descriptions(used: list[Source]) -> list[Source]:
    """One name per anonymous description: `the source` is `a source` named before; bare
    `Officials` are the `Federal officials` of the article when it describes no other officials."""
    described = [s for s in used if s.anonymous and s.name and s.kind in ("person", "group", "unknown")
                 and s.attribution in ("description", "named")]
    ids = {id(s) for s in described}
    first: dict[tuple[str, ...], str] = {}
    for s in described:
        first.setdefault(_description_key(s.name), s.name)
    out = []
    for s in used:
        key = _description_key(s.name) if id(s) in ids else ()
        if key and len(key) == 1 and s.kind == "group" and len(s.name.split()) == 1:
            longer = sorted({first[k] for k in first if len(k) > 1 and k[-1] == key[0] and k[0] not in SELECTING})
            key = _description_key(longer[0]) if len(longer) == 1 else key
        elif key and len(key) == 1 and s.kind == "person" and s.name.lower().startswith("the "):
            key = _the_one_described(key[0], first) or key
        out.append(replace(s, name=first[key]) if key and first[key].lower() != s.name.lower() else s)
    return out


def _the_one_described(noun: str, first: dict) -> tuple[str, ...] | None:
    """`A source close to the talks said ...` then `the source said`: a definite description of
    one word is the one longer description of a person with that noun (`a senior official`,
    `an official at the ministry`), when the article has just one."""
    longer = sorted(k for k in first if len(k) > 1 and noun in (k[0], k[-1]) and k[0] not in SELECTING)
    return longer[0] if len(longer) == 1 else None


LINK_WORDS = frozenset({"in", "of", "from", "at", "for"})  # `prosecutors in Vestland` are `Vestland prosecutors`


def _body_words(name: str) -> frozenset[str]:
    """`The navy` and `navy`, `Prosecutors in Vestland` and `Vestland prosecutors`: the words
    past the determiner, in any order, without the prepositions that link them."""
    return frozenset(w.strip(",.") for w in _description_key(name) if w not in LINK_WORDS)


def _body_head(name: str) -> str | None:
    """The noun a description of a body is about: `prosecutors` of `Prosecutors in Vestland`
    and of `Vestland prosecutors`; none for `protesters and civic leaders` (two bodies)."""
    words = []
    for w in _description_key(name):
        if w in LINK_WORDS or w in ("on", "with", "who", "that", "which"):
            break
        words.append(w.strip(",."))
    return None if not words or "and" in words or "or" in words else words[-1]


def same_bodies(used: list[Source]) -> list[Source]:
    """One name per organisation or group: `the navy said` after `The navy said` is the same
    body, and so are `Vestland prosecutors` after `Prosecutors in Vestland`; a bare or definite
    plural (`Prosecutors said`, `the authors wrote`) is the article's only other group of them (never `several experts`,
    `his advisers`: some of them)."""
    bodies = [s for s in used if s.name and s.kind in ("organization", "group")]
    first: dict[frozenset[str], str] = {}
    for s in bodies:
        first.setdefault(_body_words(s.name), s.name)
    ids = {id(s) for s in bodies}
    out = []
    for s in used:
        key = _body_words(s.name) if id(s) in ids else frozenset()
        if len(key) == 1 and s.kind == "group" and len(s.name.split()) <= 2:  # `Prosecutors`, `the authors`
            word = next(iter(key))
            wider = sorted({first[k] for k in first if len(k) > 1 and _body_head(first[k]) == word
                            and _description_key(first[k])[0] not in SELECTING})
            key = _body_words(wider[0]) if len(wider) == 1 else key
            if not wider:
                key = _body_words(_institution(word, first.values(), bodies) or s.name)
        out.append(replace(s, name=first[key]) if key and first[key] != s.name else s)
    return out


def _institution(plural: str, names, bodies: list[Source]) -> str | None:
    """`The Vestland Prosecution Authority said ...` ¶ `Prosecutors said ...`: people named by
    their office are the one organisation the article names for that office (`prosecutor`
    and `Prosecution`, `investigators` and `the Bureau of Investigation`), if it names one."""
    single = plural[:-1] if plural.endswith("s") else plural
    if single not in PERSON_NOUNS:
        return None
    stem = single[:len(single) - 2]
    orgs = {s.name for s in bodies if s.kind == "organization" and s.name in names}
    hits = sorted(n for n in orgs if len(stem) >= 6 and any(w.lower().startswith(stem) for w in n.split()))
    return hits[0] if len(hits) == 1 else None


@dataclass
class _Entry:
    """A speaker while the list is gathered."""

    name: str
    kind: str
    anonymous: bool
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def listed(src: Source) -> bool:
    """Does this source go in the list? `the statement` or `it` left unresolved, `the results`:
    no source to list."""
    return bool(src.name) and not (src.anonymous and (src.kind == "unknown" or src.attribution in ("document", "pronoun")))


def speaker_list(used: list[Source]) -> list[Speaker]:
    """One Speaker per canonical name (case aside), in order of first appearance."""
    by_name: dict[str, _Entry] = {}
    for s in used:
        if not listed(s):
            continue
        sp = by_name.setdefault(s.name.lower(), _Entry(name=s.name, kind=s.kind, anonymous=s.anonymous))
        if sp.kind == "unknown" and s.kind != "unknown":
            sp.kind = s.kind
        if s.mention and s.mention != s.name and s.mention not in sp.aliases and s.attribution != "pronoun":
            sp.aliases.append(s.mention)
        for r in s.roles:
            if r and r not in sp.roles and r.lower() != s.name.lower():
                sp.roles.append(r)
    return [Speaker(name=e.name, kind=e.kind, anonymous=e.anonymous, roles=e.roles, aliases=e.aliases)
            for e in by_name.values()]
