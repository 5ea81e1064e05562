"""An article's claims put in their groups together: what claim_groups.add and assign_quote do
claim by claim, with one read of the groups and one statement per table for the whole article.

An article's quotes (and then its figures) join their groups one after another; each join read
its group's row, wrote the member, the claim's group_id and the group's row again: some ten
statements per quote, most of a replay's time on an archive of wire copies, whose every quote
joins a wording and group already known. Here the groups the article's claims join are read once,
each join updates that group's row in memory by the very rules of claim_groups.add (counts, the
first appearance, the fullest words) in the same order, and the rows are written at the end. Only
the common case takes this path: quotes whose wordings all exist already and that no person
decided on; any other article is assigned quote by quote (claim_groups.assign_quote), since a
new wording can move other wordings between trees. The tables end the same row for row either
way (tests/test_rebuild.py, tests/test_copies.py)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from . import claim_groups, group_suggestions, wordings
from .text_match import MIN_WORDS, tokens


@dataclass(frozen=True)
class Member:
    """A claim joining a group: what claim_groups.add is given."""

    claim_id: str
    group_id: str
    me: tuple  # the claim as claim_groups._claim reads it: words, speaker, unit, published, article, start
    wording_id: int | None = None
    words: str | None = None  # a figure group's words (its measure)


GROUP_COLUMNS = ("words", "speaker_id", "unit", "first_claim_id", "first_article_id", "first_published",
                 "claims", "articles")


def _rows(conn: sqlite3.Connection, sql: str, ids: list) -> list:
    """Rows of `sql` (ending in `IN (`) for every id, CHUNK ids a statement."""
    out: list = []
    for part in wordings._chunks(sorted(set(ids))):
        out += conn.execute(f"{sql}{','.join('?' * len(part))})", part).fetchall()
    return out


def _join(conn: sqlite3.Connection, kind: str, m: Member, g: dict | None, seen: bool) -> dict:
    """The group's row after this member joins it (g: before; seen: the article has a member in
    it already), as claim_groups.add writes it."""
    text = claim_groups.clean(m.me[0]) if kind == "quote" else m.words
    if g is None:
        return {"words": text, "speaker_id": m.me[1], "unit": m.me[2], "first_claim_id": m.claim_id,
                "first_article_id": m.me[4], "first_published": m.me[3], "claims": 1, "articles": 1}
    g = {**g, "claims": g["claims"] + 1, "articles": g["articles"] + int(not seen)}
    row = (g["words"], g["first_claim_id"], g["first_published"], g["first_article_id"], seen)
    if claim_groups._earlier(conn, kind, m.me, m.claim_id, row):
        g.update(speaker_id=m.me[1], unit=m.me[2], first_claim_id=m.claim_id, first_article_id=m.me[4],
                 first_published=m.me[3])
    if kind == "quote" and text != g["words"] and claim_groups._fullness(text) > claim_groups._fullness(g["words"]):
        g["words"] = text
    return g


def add_all(conn: sqlite3.Connection, kind: str, article_id: str, members: list[Member]) -> None:
    """claim_groups.add for each member in order (all of one article)."""
    if not members:
        return
    groups = {r[0]: dict(zip(GROUP_COLUMNS, r[1:])) for r in _rows(
        conn, f"SELECT id, {', '.join(GROUP_COLUMNS)} FROM claim_groups WHERE id IN (", [m.group_id for m in members])}
    known = set(groups)
    seen = {r[0] for r in conn.execute("SELECT DISTINCT group_id FROM claim_group_members WHERE article_id = ?",
                                       (article_id,))}
    for m in members:
        groups[m.group_id] = _join(conn, kind, m, groups.get(m.group_id), m.group_id in seen)
        seen.add(m.group_id)
    conn.executemany("INSERT OR REPLACE INTO claim_group_members VALUES (?, ?, ?, ?, ?)",
                     [(m.claim_id, m.group_id, article_id, kind, m.wording_id) for m in members])
    conn.executemany(f"UPDATE {claim_groups.TABLE[kind]} SET group_id = ? WHERE id = ?",
                     [(m.group_id, m.claim_id) for m in members])
    order = list(dict.fromkeys(m.group_id for m in members))  # new groups in the order they began
    conn.executemany("INSERT INTO claim_groups VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(gid, kind, *(groups[gid][c] for c in GROUP_COLUMNS)) for gid in order if gid not in known])
    sets = ", ".join(f"{c} = ?" for c in GROUP_COLUMNS)
    conn.executemany(f"UPDATE claim_groups SET {sets} WHERE id = ?",
                     [(*(groups[gid][c] for c in GROUP_COLUMNS), gid) for gid in order if gid in known])


def _wording_ids(quotes: list) -> list[int | None]:
    """Each quote's wording id, None for a quote that has none (no speaker, too few words)."""
    out = []
    for q in quotes:
        words = tokens(q["text"])
        out.append(wordings.wording_id(q["speaker_id"], words) if q["speaker_id"] and len(words) >= MIN_WORDS
                   else None)
    return out


def _known_wordings(conn: sqlite3.Connection, wids: list[int | None]) -> dict[int, wordings.Wording]:
    """The wordings of these ids that exist."""
    return {r[0]: wordings.Wording(id=r[0], speaker_id=r[1], words=r[2], size=r[3], parent_id=r[4], score=r[5],
                                   group_id=r[6])
            for r in _rows(conn, "SELECT id, speaker_id, words, size, parent_id, score, group_id FROM quote_wordings "
                                 "WHERE id IN (", [w for w in wids if w is not None])}


def assign_quotes(conn: sqlite3.Connection, quotes: list, decided: set[str]) -> None:
    """claim_groups.assign_quote for each of an article's quotes, in order: each run of quotes
    whose wordings are known together; a quote with a new wording alone (its wording may move
    others between trees: the wordings after it are read again); every quote alone when a person
    decided on any of them."""
    if decided:
        for q in quotes:
            claim_groups.assign_quote(conn, q, decided)
        return
    wids = _wording_ids(quotes)
    i = 0
    while i < len(quotes):
        known = _known_wordings(conn, wids[i:])
        j = next((k for k in range(i, len(quotes)) if wids[k] is not None and wids[k] not in known), len(quotes))
        if j > i:
            _known_run(conn, quotes[i:j], wids[i:j], known)
        if j < len(quotes):
            claim_groups.assign_quote(conn, quotes[j], decided)
        i = j + 1


def _known_run(conn: sqlite3.Connection, quotes: list, wids: list[int | None],
               known: dict[int, wordings.Wording]) -> None:
    """assign_quote for quotes whose wordings all exist: counted, joined, suggested together."""
    counts: dict[int, int] = {}
    for w in wids:
        if w is not None:
            counts[w] = counts.get(w, 0) + 1
    conn.executemany("UPDATE quote_wordings SET quotes = quotes + ? WHERE id = ?", [(n, w) for w, n in counts.items()])
    members = [Member(claim_id=q["id"], group_id=known[w].group_id if w is not None else "g" + q["id"],
                      me=(q["text"], q["speaker_id"], None, q["published"], q["article_id"], q["start"]), wording_id=w)
               for q, w in zip(quotes, wids)]
    add_all(conn, "quote", quotes[0]["article_id"], members)
    claims: dict[int, list[str]] = {}
    for q, w in zip(quotes, wids):
        if w is not None:
            claims.setdefault(w, []).append(q["id"])
    # group_suggestions.refresh for each wording and its quotes here: their old suggestions go;
    # only a root wording with likely links has any to make (most have none: no look-up each)
    conn.executemany("DELETE FROM claim_group_suggestions WHERE claim_id = ?", [(c,) for ids in claims.values() for c in ids])
    linked = {r[0] for r in _rows(conn, "SELECT DISTINCT wording_id FROM quote_wording_links WHERE wording_id IN (",
                                  [w for w in claims if known[w].parent_id is None])}
    for w in (w for w in claims if w in linked):
        group_suggestions.refresh(conn, w, claims[w], known[w])
