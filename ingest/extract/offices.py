"""Does a description fit a person? `the Florida senator` is whoever the article calls a senator
from Florida (`Florida Sen. Marco Rubio`), not the person it names most often: a description
never names a person when the article gives more of its words to someone else. Used by mention
resolution and the speaker list alike, so a source's roles are the ones the article gives it.
"""

from __future__ import annotations

from .names import DEFINITE, NameIndex
from .wordlists import words as wordlist

TIME_MODIFIERS = wordlist("time_modifiers")


def _words(role: str) -> set[str]:
    return {w.strip(".,()'’").replace("’s", "").replace("'s", "") for w in role.replace("-", " ").split()} - {""}


def _by_person(names: NameIndex) -> dict[str, set[str]]:
    """Surname -> the words the article writes around that person's names (`Sen.`, `R-Fla.`)."""
    out: dict[str, set[str]] = {}
    for words, text, _ in names.roles:
        out.setdefault(text.split()[-1].lower(), set()).update(_words(words))
    return out


def _has(word: str, roles: set[str]) -> bool:
    """`senator` in `sen.`, `florida` in `fla.`: the word or an abbreviation of it."""
    return any(r == word or len(r) >= 3 and word.startswith(r) for r in roles)


def _wanted(mention: str) -> list[str]:
    """`The former Florida senator` -> [`former`, `florida`, `senator`]: the description's words
    that can tell people apart (acronyms such as `GOP`, and words of four letters or more; not
    `then` of `the then prime minister`, which anyone's past role has)."""
    return [w.lower().replace("’s", "").replace("'s", "") for w in mention.split()
            if w.lower() not in DEFINITE and w.lower() not in TIME_MODIFIERS and (len(w) > 3 or w.isupper() and len(w) > 1)]


def _score(want: list[str], roles: set[str]) -> int:
    return sum(1 for w in want if _has(w, roles))


def fit(mention: str, name: str | None, names: NameIndex, roles: tuple[str, ...] = ()) -> str:
    """Does a description (`the Florida senator`) fit a person? `barred`: the article gives more
    of its words to someone else (`Florida Sen. Marco Rubio`, when the person is Trump); `strong`:
    it gives some of them to this person, no more to anyone else; else `weak`. `roles`: those
    the person's quotes gave them so far."""
    if not name:
        return "barred"
    want = _wanted(mention)
    people = _by_person(names)
    me = name.split()[-1].lower()
    mine = _score(want, people.get(me, set()) | {w.lower() for r in roles for w in _words(r)})
    if any(_score(want, words) > mine for who, words in people.items() if who != me):
        return "barred"
    return "strong" if mine else "weak"
