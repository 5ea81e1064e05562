"""Claim groups: the same words of the same source, or the same measure, across articles.

"Quotes that report the same words of the same source in several articles ... share a claim
group"; "Figures too: the same measure (what it is about, its unit, the date it refers to)".
Every quote and every figure with a measure has a group (most groups have one member). A quote
joins the group of its best candidate (same speaker id, found through the fingerprint index of
text_match.py) when it is surely the same words; when it is only likely, it keeps a group of its
own and the candidate's group is suggested, for a person to confirm or reject (claim_group.decided
events, which later extractions respect)."""

from __future__ import annotations

import hashlib
import sqlite3

from .text_match import MIN_WORDS, containment, fingerprints, shingle_hashes, tokens

SURE = 0.9
"""Share of the shorter quote's words found in order in the other: the same words, surely."""
LIKELY = 0.6
"""From here up to SURE the archive suggests the group and a person decides."""
MAX_CANDIDATES = 50


def _decision(conn, claim_id: str, group_id: str) -> str | None:
    row = conn.execute("SELECT decision FROM claim_group_decisions WHERE claim_id = ? AND group_id = ?",
                       (claim_id, group_id)).fetchone()
    return row[0] if row else None


def _candidates(conn, quote_id: str, speaker_id: str, words: list[str]) -> list[tuple[float, str, str]]:
    """(score, group id, quote id) of quotes by the same speaker (as the quotes table has it now)
    sharing a fingerprint with this one, best first: index look-ups, never a scan."""
    hashes = sorted(shingle_hashes(words))
    if not hashes:
        return []
    marks = ",".join("?" * len(hashes))
    rows = conn.execute(
        f"SELECT p.quote_id, COUNT(*) AS shared FROM quote_prints p JOIN quotes q ON q.id = p.quote_id "
        f"WHERE p.print IN ({marks}) AND q.speaker_id = ? AND p.quote_id != ? AND q.group_id IS NOT NULL "
        f"GROUP BY p.quote_id ORDER BY shared DESC, p.quote_id LIMIT {MAX_CANDIDATES}",
        (*hashes, speaker_id, quote_id)).fetchall()
    out = []
    for qid, _ in rows:
        q = conn.execute("SELECT text, group_id FROM quotes WHERE id = ?", (qid,)).fetchone()
        out.append((containment(words, tokens(q[0])), q[1], qid))
    return sorted(out, key=lambda x: (-x[0], x[2]))


def _confirmed_group(conn, claim_id: str) -> str | None:
    row = conn.execute("SELECT group_id FROM claim_group_decisions WHERE claim_id = ? AND decision = 'confirmed' "
                       "AND group_id IN (SELECT id FROM claim_groups) ORDER BY event_seq DESC LIMIT 1",
                       (claim_id,)).fetchone()
    return row[0] if row else None


def assign_quote(conn: sqlite3.Connection, q: sqlite3.Row) -> str:
    """Put a newly written quote in a group; returns the group id."""
    words = tokens(q["text"])
    own = "g" + q["id"]
    group = _confirmed_group(conn, q["id"])
    if group is None and q["speaker_id"] and len(words) >= MIN_WORDS:
        for score, gid, _ in _candidates(conn, q["id"], q["speaker_id"], words):
            if score < LIKELY:
                break
            if _decision(conn, q["id"], gid) == "rejected":
                continue
            if score >= SURE:
                group = gid
            else:
                conn.execute("INSERT OR IGNORE INTO claim_group_suggestions VALUES (?, ?, ?, 'suggested', NULL)",
                             (q["id"], gid, round(score, 3)))
            break
    group = group or own
    _join(conn, "quote", q["id"], q["article_id"], group)
    if q["speaker_id"] and len(words) >= MIN_WORDS:
        conn.executemany("INSERT OR IGNORE INTO quote_prints VALUES (?, ?, ?)",
                         [(p, q["id"], q["article_id"]) for p in sorted(fingerprints(words))])
    return group


def figure_group_key(measure: str | None, unit: str | None, period: str | None) -> str | None:
    """The group id of a measure, or None when the figure says not what it measures."""
    if measure is None or unit is None:
        return None
    ident = "|".join((measure, unit, period or ""))
    return "f" + hashlib.sha256(ident.encode()).hexdigest()[:16]


def _join(conn, kind: str, claim_id: str, article_id: str, group_id: str, words: str | None = None) -> None:
    table = "quotes" if kind == "quote" else "figures"
    if not conn.execute("SELECT 1 FROM claim_groups WHERE id = ?", (group_id,)).fetchone():
        conn.execute("INSERT INTO claim_groups (id, kind, words, claims, articles) VALUES (?, ?, ?, 0, 0)",
                     (group_id, kind, words))
    conn.execute("INSERT OR REPLACE INTO claim_group_members VALUES (?, ?, ?, ?)", (claim_id, group_id, article_id, kind))
    conn.execute(f"UPDATE {table} SET group_id = ? WHERE id = ?", (group_id, claim_id))
    refresh(conn, group_id)


def refresh(conn: sqlite3.Connection, group_id: str) -> None:
    """The group's row from its members: words, speaker, first appearance, counts."""
    g = conn.execute("SELECT kind FROM claim_groups WHERE id = ?", (group_id,)).fetchone()
    if g is None:
        return
    table = "quotes" if g[0] == "quote" else "figures"
    speaker = "speaker_id" if table == "quotes" else "speaker_id"
    words = "text" if table == "quotes" else "about"
    unit = "NULL" if table == "quotes" else "c.unit"
    rows = conn.execute(
        f"SELECT c.id, c.{words}, c.{speaker}, c.article_id, a.published, {unit} FROM claim_group_members m "
        f"JOIN {table} c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id WHERE m.group_id = ? "
        "ORDER BY a.published IS NULL, a.published, a.first_seen, c.article_id, c.start", (group_id,)).fetchall()
    if not rows:
        conn.execute("DELETE FROM claim_groups WHERE id = ?", (group_id,))
        conn.execute("DELETE FROM claim_group_suggestions WHERE group_id = ?", (group_id,))
        return
    first = rows[0]
    if table == "quotes":
        text = max((r[1] for r in rows), key=lambda t: (len(tokens(t)), t)).strip().rstrip(",;:")
    else:
        text = conn.execute("SELECT words FROM claim_groups WHERE id = ?", (group_id,)).fetchone()[0]
    conn.execute("UPDATE claim_groups SET words = ?, speaker_id = ?, unit = ?, first_claim_id = ?, first_article_id = ?, "
                 "first_published = ?, claims = ?, articles = ? WHERE id = ?",
                 (text, first[2], first[5], first[0], first[3], first[4], len(rows), len({r[3] for r in rows}),
                  group_id))


def leave(conn: sqlite3.Connection, claim_ids: list[str]) -> set[str]:
    """Take claims out of their groups (their article was re-extracted); returns the groups touched."""
    touched = set()
    for cid in claim_ids:
        row = conn.execute("SELECT group_id FROM claim_group_members WHERE claim_id = ?", (cid,)).fetchone()
        if row:
            touched.add(row[0])
        conn.execute("DELETE FROM claim_group_members WHERE claim_id = ?", (cid,))
        conn.execute("DELETE FROM quote_prints WHERE quote_id = ?", (cid,))
        conn.execute("DELETE FROM claim_group_suggestions WHERE claim_id = ?", (cid,))
    return touched


def move(conn: sqlite3.Connection, kind: str, claim_id: str, group_id: str) -> None:
    """A person's decision moves a claim into a group (or back into one of its own)."""
    row = conn.execute("SELECT group_id, article_id FROM claim_group_members WHERE claim_id = ?", (claim_id,)).fetchone()
    if row is None:
        return
    _join(conn, kind, claim_id, row[1], group_id)
    refresh(conn, row[0])
