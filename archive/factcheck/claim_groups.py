"""Claim groups: the same words of the same source, or the same measure, across articles.

"Quotes that report the same words of the same source in several articles ... share a claim
group"; "Figures too: the same measure (what it is about, its unit, the date it refers to)".
Every quote and every figure with a measure has a group (most groups have one member). A quote's
group is its wording's tree (wordings.py); a figure's is its measure's key. Both are functions of
the set of claims, so the order articles arrive in changes nothing, and a group's row follows
canonical rules: its words are the fullest wording (most words, then the text), its first
appearance the earliest published member (then by article id and place in the article).

A new member updates its group's row in constant time (counts, and a comparison with the first
appearance and the words): a group of ten thousand copies costs no more per copy than a group
of one. Only a claim leaving, or wordings moving between trees, recounts a group from its members.
People's decisions (claim_group.decided events) pin a claim into a group or out of one."""

from __future__ import annotations

import hashlib
import sqlite3

from . import group_suggestions, wordings
from .text_match import MIN_WORDS, tokens

TABLE = {"quote": "quotes", "figure": "figures"}
WORDS = {"quote": "text", "figure": "about"}


def clean(text: str) -> str:
    return text.strip().rstrip(",;:")


def _fullness(text: str | None) -> tuple[int, str]:
    """The order group words are chosen in: the most words, then the text itself."""
    return (len(tokens(text or "")), text or "")


def _claim(conn, kind: str, claim_id: str):
    """(words, speaker id, unit, published, article id, start) of a quote or a figure."""
    unit = "NULL" if kind == "quote" else "unit"
    return conn.execute(f"SELECT {WORDS[kind]}, speaker_id, {unit}, published, article_id, start "
                        f"FROM {TABLE[kind]} WHERE id = ?", (claim_id,)).fetchone()


def _first_key(row, claim_id: str) -> tuple:
    """Earliest published first; then by article id and place: never by when it was recorded."""
    return (row[3] is None, row[3] or "", row[4], row[5] if row[5] is not None else -1, claim_id)


def decided_group(conn: sqlite3.Connection, claim_id: str, group: str) -> str:
    """The group people's latest decisions on this claim put it in: a confirmed group that still
    exists, or a group of its own when they rejected the one it would join."""
    for gid, decision in conn.execute("SELECT group_id, decision FROM claim_group_decisions WHERE claim_id = ? "
                                      "ORDER BY event_seq DESC", (claim_id,)):
        if decision == "confirmed" and conn.execute("SELECT 1 FROM claim_groups WHERE id = ?", (gid,)).fetchone():
            return gid
        if decision == "rejected" and gid == group:
            return "g" + claim_id
    return group


GROUP_ROW = ("SELECT words, first_claim_id, first_published, first_article_id, EXISTS (SELECT 1 FROM "
             "claim_group_members WHERE group_id = ?1 AND article_id = ?2) FROM claim_groups WHERE id = ?1")
"""A group's row as a new member updates it, and whether the member's article is in it already."""


def _earlier(conn, kind: str, me, claim_id: str, g) -> bool:
    """Does this claim come before the group's first appearance? The group row keeps the first's
    published date and article, so the first claim is read only when those two tie."""
    if g[1] is None:
        return True
    mine = _first_key(me, claim_id)
    stored = (g[2] is None, g[2] or "", g[3])
    if mine[:3] != stored:
        return mine[:3] < stored
    first = _claim(conn, kind, g[1])
    return first is None or mine < _first_key(first, g[1])


def add(conn: sqlite3.Connection, kind: str, claim_id: str, article_id: str, group_id: str,
        wording_id: int | None = None, words: str | None = None, me=None) -> None:
    """A new member: its row in claim_group_members and its claim's group_id, and its group's row
    updated from the old row and this claim alone (`me`: the claim as _claim reads it, when the
    caller holds it already)."""
    me = me or _claim(conn, kind, claim_id)
    g = conn.execute(GROUP_ROW, (group_id, article_id)).fetchone()  # read before this member goes in
    conn.execute("INSERT OR REPLACE INTO claim_group_members VALUES (?, ?, ?, ?, ?)",
                 (claim_id, group_id, article_id, kind, wording_id))
    conn.execute(f"UPDATE {TABLE[kind]} SET group_id = ? WHERE id = ?", (group_id, claim_id))
    text = clean(me[0]) if kind == "quote" else words
    if g is None:
        conn.execute("INSERT INTO claim_groups VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1)",
                     (group_id, kind, text, me[1], me[2], claim_id, article_id, me[3]))
        return
    sets, args = ["claims = claims + 1", "articles = articles + ?"], [int(not g[4])]
    if _earlier(conn, kind, me, claim_id, g):
        sets.append("speaker_id = ?, unit = ?, first_claim_id = ?, first_article_id = ?, first_published = ?")
        args += [me[1], me[2], claim_id, article_id, me[3]]
    if kind == "quote" and text != g[0] and _fullness(text) > _fullness(g[0]):  # copies: no tokenising
        sets.append("words = ?")
        args.append(text)
    conn.execute(f"UPDATE claim_groups SET {', '.join(sets)} WHERE id = ?", (*args, group_id))


def refresh(conn: sqlite3.Connection, group_id: str) -> None:
    """The group's row recounted from its members (after claims left it or moved)."""
    g = conn.execute("SELECT kind, words FROM claim_groups WHERE id = ?", (group_id,)).fetchone()
    if g is None:
        return
    kind = g[0]
    unit = "NULL" if kind == "quote" else "c.unit"
    rows = conn.execute(
        f"SELECT c.{WORDS[kind]}, c.speaker_id, {unit}, c.published, c.article_id, c.start, c.id "
        f"FROM claim_group_members m JOIN {TABLE[kind]} c ON c.id = m.claim_id WHERE m.group_id = ?",
        (group_id,)).fetchall()
    if not rows:
        conn.execute("DELETE FROM claim_groups WHERE id = ?", (group_id,))
        conn.execute("DELETE FROM claim_group_suggestions WHERE group_id = ?", (group_id,))
        return
    first = min(rows, key=lambda r: _first_key(r, r[6]))
    text = max((clean(r[0]) for r in rows), key=_fullness) if kind == "quote" else g[1]
    conn.execute("UPDATE claim_groups SET words = ?, speaker_id = ?, unit = ?, first_claim_id = ?, first_article_id = ?, "
                 "first_published = ?, claims = ?, articles = ? WHERE id = ?",
                 (text, first[1], first[2], first[6], first[4], first[3], len(rows), len({r[4] for r in rows}),
                  group_id))


def decided_claims(conn: sqlite3.Connection, article_id: str) -> set[str]:
    """The article's quotes that people decided on (most have none: no look-up per quote)."""
    return {r[0] for r in conn.execute("SELECT DISTINCT d.claim_id FROM claim_group_decisions d JOIN quotes q "
                                       "ON q.id = d.claim_id WHERE q.article_id = ?", (article_id,))}


def assign_quote(conn: sqlite3.Connection, q: sqlite3.Row, decided: set[str] | None = None) -> str:
    """Put a newly written quote in a group (its wording's, unless people decided otherwise);
    returns the group id. `decided`: the claims with decisions, when the caller knows them."""
    words = tokens(q["text"])
    w, touched, review = None, set(), set()
    group = "g" + q["id"]
    if q["speaker_id"] and len(words) >= MIN_WORDS:
        wid = wordings.wording_id(q["speaker_id"], words)
        w = wordings.count_quote(conn, wid)
        if w is None:
            touched, review = wordings.insert(conn, wid, q["speaker_id"], words)
            w = wordings.count_quote(conn, wid)
        group = w.group_id
    if decided is None or q["id"] in decided:
        group = decided_group(conn, q["id"], group)
    me = (q["text"], q["speaker_id"], None, q["published"], q["article_id"], q["start"])
    add(conn, "quote", q["id"], q["article_id"], group, w.id if w else None, me=me)
    for gid in sorted(touched - {None}):
        refresh(conn, gid)
    for x in sorted(review):
        group_suggestions.refresh(conn, x)
    if w is not None and w.id not in review:
        group_suggestions.refresh(conn, w.id, [q["id"]], w)
    return group


def figure_group_key(measure: str | None, unit: str | None, period: str | None) -> str | None:
    """The group id of a measure, or None when the figure says not what it measures."""
    if measure is None or unit is None:
        return None
    ident = "|".join((measure, unit, period or ""))
    return "f" + hashlib.sha256(ident.encode()).hexdigest()[:16]


def leave(conn: sqlite3.Connection, claim_ids: list[str]) -> set[str]:
    """Take claims out of their groups (their article was re-extracted, their speaker changed);
    a wording no quote has any more goes. Returns the groups touched, for the caller to refresh."""
    touched, review = set(), set()
    for cid in claim_ids:
        row = conn.execute("SELECT group_id, wording_id FROM claim_group_members WHERE claim_id = ?", (cid,)).fetchone()
        conn.execute("DELETE FROM claim_group_members WHERE claim_id = ?", (cid,))
        conn.execute("DELETE FROM claim_group_suggestions WHERE claim_id = ?", (cid,))
        if row is None:
            continue
        touched.add(row[0])
        if row[1] is not None:
            conn.execute("UPDATE quote_wordings SET quotes = quotes - 1 WHERE id = ?", (row[1],))
            if conn.execute("SELECT quotes FROM quote_wordings WHERE id = ?", (row[1],)).fetchone()[0] <= 0:
                groups, again = wordings.remove(conn, row[1])
                touched |= groups
                review |= again
    for gid in sorted(touched):
        refresh(conn, gid)
    for x in sorted(review):
        if wordings.get(conn, x) is not None:
            group_suggestions.refresh(conn, x)
    return touched


def move(conn: sqlite3.Connection, kind: str, claim_id: str, group_id: str) -> None:
    """A person's decision moves a claim into a group (or into one of its own)."""
    row = conn.execute("SELECT group_id, article_id, wording_id FROM claim_group_members WHERE claim_id = ?",
                       (claim_id,)).fetchone()
    if row is None or row[0] == group_id:
        return
    conn.execute("DELETE FROM claim_group_members WHERE claim_id = ?", (claim_id,))
    words = conn.execute("SELECT words FROM claim_groups WHERE id = ?", (row[0],)).fetchone()
    add(conn, kind, claim_id, row[1], group_id, row[2], words[0] if words and kind == "figure" else None)
    refresh(conn, row[0])
