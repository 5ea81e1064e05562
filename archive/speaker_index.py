"""Speakers across the archive, as tables: which speaker row each article's source joins.

`assign()` runs inside the projection of `claims.extracted`: for each source of the article it
reads what the archive knows (`speaker_names`, `speaker_forms`), lets `identity.py` decide, and
writes the joined variant, the speaker row and any `speaker_suggestions`. Being part of the
projection, it is replayed by `rebuild` in log order and gives the same rows; people's decisions
(`speaker_decisions.py`) are events replayed at their place in the log.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from . import identity
from .speaker_article import ArticleSpeaker, article_speakers
from .speaker_names import org_forms, org_key, person_name, tokens

PERSON_FROM_ORG = frozenset({"exact", "variant", "initial", "surname", "surname_context", "surname_roles",
                             "surname_prominent", "surname_company"})
"""The rules by which a name tagged as an organisation may still join a person."""

PERIOD = timedelta(days=366)
"""A surname alone joins the one source of that name known within this distance in time."""


@dataclass(frozen=True)
class Assigned:
    speaker_id: str | None  # after merges
    key: str | None  # the speaker it joined automatically (a split returns the quote to it)
    name: str | None  # the speaker's name as every table shows it
    junk: str | None


def slug(name: str) -> str:
    from .projections import slug as _slug

    return _slug(name)


def resolve(conn: sqlite3.Connection, speaker_id: str | None) -> str | None:
    if speaker_id is None:
        return None
    row = conn.execute("SELECT target_id FROM speaker_redirects WHERE speaker_id = ?", (speaker_id,)).fetchone()
    return row[0] if row else speaker_id


# -- reading what the archive knows ---------------------------------------------------------

def _in_period(conn, sid: str, published: str | None) -> bool:
    if not published:
        return True
    row = conn.execute("SELECT first_seen, last_seen FROM speakers WHERE id = ?", (sid,)).fetchone()
    if row is None or not row[0]:
        return True
    day = date.fromisoformat(published[:10])
    return row[0] <= (day + PERIOD).isoformat() and row[1] >= (day - PERIOD).isoformat()


def _distinct_from(conn, ids: set[str]) -> set[str]:
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    return {r[0] for r in conn.execute(f"SELECT other_id FROM speaker_distinct WHERE speaker_id IN ({marks})", list(ids))}


def _known(conn, sid: str, want_key: str | None, form: str | None = None) -> identity.Known:
    rows = conn.execute("SELECT variant, how, kind, first, middles, surname, suffix FROM speaker_names "
                        "WHERE speaker_id = ? ORDER BY rowid", (sid,)).fetchall()
    names = tuple(identity.PersonName(r["first"], tuple(json.loads(r["middles"] or "[]")), r["surname"], r["suffix"])
                  for r in rows if r["surname"])
    sp = conn.execute("SELECT kind, roles FROM speakers WHERE id = ?", (sid,)).fetchone()
    tally = conn.execute("SELECT quotes FROM speaker_quote_tally WHERE speaker_id = ?", (sid,)).fetchone()
    quotes = tally[0] if tally else 0
    bucket = bool(rows) and rows[0]["how"] == "ambiguous" and all(n.first is None for n in names)
    exact = any(n.key == want_key for n in names) if want_key is not None else False
    long_names = frozenset(k for k in (org_key(r["variant"]) for r in rows if r["kind"] == "organization") if len(k.split()) > 1)
    return identity.Known(long_names=long_names,
        speaker_id=sid, kind=sp["kind"] if sp else "unknown", names=names,
        variants=tuple(r["variant"] for r in rows), roles=identity.role_words(json.loads(sp["roles"]) if sp else []),
        quotes=quotes, bucket=bucket, exact=exact or form == "name", form=form)


def _current(conn, ids, published, holders: set[str]) -> list[str]:
    """Current speakers (merges followed) in the period, not marked distinct from a holder."""
    barred = _distinct_from(conn, holders)
    out = []
    for sid in dict.fromkeys(resolve(conn, i) for i in ids):
        if sid not in barred and _in_period(conn, sid, published):
            out.append(sid)
    return out


def _holders(conn, variant: str) -> set[str]:
    return {resolve(conn, r[0]) for r in conn.execute("SELECT speaker_id FROM speaker_names WHERE variant = ?", (variant,))}


def _decide_person(conn, sp: ArticleSpeaker, published, holders, context, company=frozenset(),
                   lone_joins: bool = False) -> identity.Decision | None:
    p = person_name(sp.name)
    if p is None:
        return None
    ids = [r[0] for r in conn.execute("SELECT speaker_id FROM speaker_names WHERE surname = ?", (p.surname,))]
    known = [_known(conn, sid, p.key) for sid in _current(conn, ids, published, holders)]
    return identity.decide_person(p, identity.role_words(sp.roles), known, context, lambda sid: _seen(conn, sid),
                                  company - {p.surname}, lone_joins)


def _seen(conn, sid: str) -> frozenset[str]:
    """The words of the articles quoting a speaker (asked only when a plain rule did not decide)."""
    return frozenset(w for (t,) in conn.execute(
        "SELECT t.text FROM articles a JOIN texts t ON t.id = a.text_id "
        "WHERE a.id IN (SELECT DISTINCT article_id FROM quotes WHERE speaker_id = ?)", (sid,))
        for w in tokens(t))


def decide(conn: sqlite3.Connection, sp: ArticleSpeaker, published: str | None,
           context: frozenset[str] = frozenset(), company: frozenset[str] = frozenset(),
           lone_joins: bool = False) -> identity.Decision:
    """Which speaker this source of a new article is (`context`: the article's words; `company`:
    the surnames of the other people it quotes)."""
    holders = _holders(conn, sp.name)
    if identity.is_title_only(sp.name):
        return identity.Decision(None, "new")
    barred = _distinct_from(conn, holders)  # read once, not once per holder
    held = [h for h in holders if h not in barred]
    if len(held) == 1 and len(sp.name.split()) > 1:  # this very name was joined (or merged) before
        origin = conn.execute("SELECT origin FROM speaker_names WHERE variant = ? ORDER BY rowid LIMIT 1",
                              (sp.name,)).fetchone()[0]
        return identity.Decision(origin, "exact")  # the speaker it joined, so a split returns it there
    if sp.kind == "person":
        return _decide_person(conn, sp, published, holders, context, company, lone_joins) or identity.Decision(None, "new")
    key = org_key(sp.name)
    if sp.kind == "organization":
        hits = conn.execute("SELECT speaker_id, how FROM speaker_forms WHERE form = ?", (key,)).fetchall()
        mine = sorted(org_forms(sp.name))
        hits += conn.execute(f"SELECT speaker_id, 'name' FROM speaker_forms WHERE how = 'name' AND form IN "
                             f"({','.join('?' * len(mine))})", mine).fetchall() if mine else []
        exact = {resolve(conn, r[0]) for r in conn.execute(
            "SELECT speaker_id FROM speaker_forms WHERE form = ? AND how = 'name'", (key,))}
        known = [_known(conn, sid, None, "name" if sid in exact else "acronym")
                 for sid in _current(conn, [r[0] for r in hits], published, holders)]
        decision = identity.decide_org(known, key)
        if decision.speaker_id is None and not decision.suggestions:
            # `Fiorina` tagged as an organisation: a person by the plain rules only (`White House`
            # is no compound surname of `Obama White House`, `PAC` no surname of a PAC)
            as_person = _decide_person(conn, sp, published, holders, context, company, lone_joins)
            if as_person is not None and as_person.speaker_id is not None and as_person.how in PERSON_FROM_ORG:
                return as_person
        return decision
    ids = [r[0] for r in conn.execute("SELECT speaker_id FROM speaker_forms WHERE form = ? AND how = 'name'", (key,))]
    return identity.decide_other([_known(conn, sid, None, "name") for sid in _current(conn, ids, published, holders)])


# -- writing ----------------------------------------------------------------------------------

def new_id(conn, name: str) -> str:
    base = slug(name)
    sid, n = base, 1
    while conn.execute("SELECT 1 FROM speakers WHERE id = ? UNION SELECT 1 FROM speaker_redirects WHERE speaker_id = ?",
                       (sid, sid)).fetchone():
        n += 1
        sid = f"{base}-{n}"
    return sid


@lru_cache(maxsize=1 << 14)
def _json_list(values: tuple[str, ...]) -> str:
    """A sorted list of distinct strings as the speaker tables store it."""
    return json.dumps(sorted(set(values)), ensure_ascii=False)


@lru_cache(maxsize=1 << 14)
def _stored_list(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def upsert_speaker(conn, sid: str, name: str, kind: str, anonymous: bool, roles, aliases, published=None) -> None:
    """The speaker row: kind from the first source that gives one, roles and aliases gathered, each
    list sorted, so that the row does not depend on the order articles came in ("four concurrent
    ingests and one single ingest give identical tables, not only equal sets"). A row that would
    not change is not written (a copy's source is mostly known already, in the same words)."""
    row = conn.execute("SELECT name, kind, roles, aliases, first_seen, last_seen FROM speakers WHERE id = ?",
                       (sid,)).fetchone()
    if row is None:
        conn.execute("INSERT INTO speakers (id, name, kind, anonymous, roles, aliases, first_seen, last_seen) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (sid, name, kind or "unknown", int(bool(anonymous)), _json_list(tuple(roles)),
                      _json_list(tuple(a for a in aliases if a != name)), published, published))
        return
    merged_kind = row["kind"] if row["kind"] != "unknown" else (kind or "unknown")
    merged_roles = _json_list((*_stored_list(row["roles"]), *roles))
    merged_aliases = _json_list(tuple(sorted({*_stored_list(row["aliases"]), *aliases, name} - {row["name"]})))
    first = min(filter(None, (row["first_seen"], published)), default=None)
    last = max(filter(None, (row["last_seen"], published)), default=None)
    if (merged_kind, merged_roles, merged_aliases, first, last) != tuple(row)[1:]:
        conn.execute("UPDATE speakers SET kind = ?, roles = ?, aliases = ?, first_seen = ?, last_seen = ? WHERE id = ?",
                     (merged_kind, merged_roles, merged_aliases, first, last, sid))


def _add_variant(conn, sid: str, origin: str, sp: ArticleSpeaker, how: str, published: str | None) -> None:
    p = person_name(sp.name) if sp.kind == "person" else None
    conn.execute(
        "INSERT INTO speaker_names (speaker_id, variant, origin, how, kind, first, middles, surname, suffix, "
        "articles, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
        "ON CONFLICT (speaker_id, variant) DO UPDATE SET articles = articles + 1, "
        "first_seen = min(coalesce(first_seen, excluded.first_seen), coalesce(excluded.first_seen, first_seen)), "
        "last_seen = max(coalesce(last_seen, excluded.last_seen), coalesce(excluded.last_seen, last_seen))",
        (sid, sp.name, origin, how, sp.kind, p.first if p else None, json.dumps(list(p.middles)) if p else None,
         p.surname if p else None, p.suffix if p else None, published, published))
    forms = {p.key: "name"} if p else {org_key(sp.name): "name"}
    if sp.kind == "organization":
        forms.update({f: "acronym" for f in org_forms(sp.name) if f not in forms})
    conn.executemany("INSERT OR IGNORE INTO speaker_forms (form, speaker_id, variant, how) VALUES (?, ?, ?, ?)",
                     [(f, sid, sp.name, h) for f, h in forms.items() if f])


def refresh_name(conn, sid: str) -> str | None:
    """A speaker's name is its variant used by the most articles (a full name before a surname
    alone); every quote shows it, so a merge or a new variant shows everywhere at once."""
    rows = conn.execute(
        "SELECT variant, kind, surname, first, sum(articles) AS n, min(rowid) AS r FROM speaker_names WHERE speaker_id = ? "
        "GROUP BY variant ORDER BY (kind = 'person' AND first IS NULL AND surname IS NOT NULL), n DESC, r",
        (sid,)).fetchall()
    row = conn.execute("SELECT name, aliases FROM speakers WHERE id = ?", (sid,)).fetchone()
    if row is None or not rows:
        return row[0] if row else None
    best = rows[0]["variant"]
    if best != row["name"]:
        aliases = [a for a in dict.fromkeys(json.loads(row["aliases"]) + [row["name"]]) if a != best]
        conn.execute("UPDATE speakers SET name = ?, aliases = ? WHERE id = ?", (best, json.dumps(aliases, ensure_ascii=False), sid))
        conn.execute("UPDATE quotes SET speaker = ? WHERE speaker_id = ?", (best, sid))
    return best


def _suggestions(conn, sid: str, decision: identity.Decision) -> None:
    if not decision.suggestions:  # most decisions: nothing to read
        return
    barred = _distinct_from(conn, {sid})
    for s in decision.suggestions:
        other = resolve(conn, s.other_id)
        if other == sid or other in barred:
            continue
        a, b = sorted((sid, other))
        conn.execute("INSERT OR REPLACE INTO speaker_suggestions (speaker_id, other_id, score, evidence) VALUES (?, ?, ?, ?)",
                     (a, b, s.score, json.dumps(s.evidence, ensure_ascii=False, sort_keys=True)))


def join(conn, sp: ArticleSpeaker, aid: str, published: str | None,
         context: frozenset[str] = frozenset(), company: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The speaker id this source joins automatically, and the id after people's merges."""
    if sp.anonymous:  # `a spokesperson` is only the same source within one article
        sid = f"{slug(sp.name)}@{aid}"
        upsert_speaker(conn, sid, sp.name, sp.kind, True, sp.roles, sp.aliases, published)
        return sid, sid
    decision = decide(conn, sp, published, context, company)
    key = decision.speaker_id or new_id(conn, sp.name)
    sid = resolve(conn, key)
    upsert_speaker(conn, sid, sp.name, sp.kind, False, sp.roles, sp.aliases, published)
    _add_variant(conn, sid, key, sp, decision.how, published)
    _suggestions(conn, sid, decision)
    return key, sid


READINGS_KEPT = 4096
"""Article readings kept: more than the distinct texts a replay meets between two copies of one
(bench/scaled.py copies its sources round-robin: with 256 kept, every reading missed past 256)."""


@lru_cache(maxsize=READINGS_KEPT)
def _reading(text: str, has_title: bool, refs: str) -> tuple[dict[str, ArticleSpeaker], frozenset[str]]:
    """An article's speakers as read against its text, and the text's words: a pure function of
    the text and the extraction's speaker references, so a text seen again (a wire story copied by
    other outlets, a replay) is read once."""
    speakers, quoted = json.loads(refs)
    claims = {"speakers": speakers, "quotes": [{"speaker": ref} for ref in quoted]}
    return article_speakers(claims, text, has_title), frozenset(tokens(text))


def assign(conn: sqlite3.Connection, aid: str, claims: dict, text: str, has_title: bool,
           published: str | None) -> dict[str, Assigned]:
    """Every name the article's extraction uses, with the speaker it is in the archive."""
    out = {}
    touched = set()
    refs = json.dumps([claims.get("speakers", []), [q.get("speaker") for q in claims.get("quotes", [])]],
                      sort_keys=True, ensure_ascii=False)
    found, context = _reading(text, has_title, refs)
    conn.execute("DELETE FROM speaker_sources WHERE article_id = ?", (aid,))
    company = frozenset(p.surname for sp in found.values() if sp.name and not sp.anonymous  # `Brask` tagged ORG too
                        for p in [person_name(sp.name)] if p is not None)
    for written, sp in found.items():
        if sp.name is None:
            out[written] = Assigned(None, None, None, sp.junk)
            continue
        key, sid = join(conn, sp, aid, published, context, company)
        touched.add(sid)
        out[written] = Assigned(sid, key, None, None)
        conn.execute("INSERT OR REPLACE INTO speaker_sources VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (aid, written, sp.name, sid, key, _json_list(tuple(sp.roles)), _json_list(tuple(sp.aliases))))
    names = {sid: refresh_name(conn, sid) for sid in touched}
    return {w: Assigned(a.speaker_id, a.key, names.get(a.speaker_id), a.junk) for w, a in out.items()}
