"""Verdicts: a fact-checker rates a claim on the archive's scale; a later verdict by the same actor
on the same claim supersedes the earlier one.

"A second verdict by the same actor on the same claim is a new event that supersedes the first
(both stay in the log; the `verdicts` table shows the current one and `history` the rest)":
`verdicts` holds one row per claim and actor, `verdict_history` every verdict ever given."""

from __future__ import annotations

import sqlite3

from ..log import Event
from ..store import append_and_apply
from .ratings import Rating, lookup

CLAIM_TABLES = ("quotes", "figures", "dates")


class UnknownClaim(LookupError):
    pass


def claim_table(conn: sqlite3.Connection, claim_id: str) -> str:
    """Which table holds the claim; raises UnknownClaim when none does."""
    for table in CLAIM_TABLES:
        if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (claim_id,)).fetchone():
            return table
    raise UnknownClaim(f"no quote, figure or date {claim_id!r}")


def verdict_payload(claim_id: str, table: str, rating: Rating, note: str | None, url: str | None) -> dict:
    return {"claim_id": claim_id, "claim_table": table, "rating": rating.name, "rating_value": rating.value,
            "best_rating": rating.best, "worst_rating": rating.worst, "alternate_name": rating.alternate_name,
            "note": note, "url": url}


def record(conn: sqlite3.Connection, claim_id: str, given: str, scale: list[Rating], *, note: str | None = None,
           url: str | None = None, actor: str | None = None) -> Event:
    """Check the claim and the rating, then append the verdict (raises UnknownClaim, UnknownRating)."""
    table = claim_table(conn, claim_id)
    rating = lookup(scale, given)
    return append_and_apply(conn, f"claim:{claim_id}", "verdict.recorded",
                            verdict_payload(claim_id, table, rating, note, url), actor)


def _claim_context(conn, table: str, claim_id: str) -> tuple[str | None, str | None]:
    """(article_id, speaker_id) of the claim, as the tables hold them when the verdict is given."""
    if table == "dates":
        row = conn.execute("SELECT article_id, NULL FROM dates WHERE id = ?", (claim_id,)).fetchone()
    else:
        row = conn.execute(f"SELECT article_id, speaker_id FROM {table} WHERE id = ?", (claim_id,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def apply_verdict(conn: sqlite3.Connection, e: Event) -> None:
    from newsfacts.schema.events import VerdictRecorded

    p = VerdictRecorded.model_validate(e.payload)  # upcasts a version-1 payload
    article_id, speaker_id = _claim_context(conn, p.claim_table, p.claim_id)
    ref = {t: (p.claim_id if t == p.claim_table else None) for t in CLAIM_TABLES}
    old = conn.execute("SELECT event_seq FROM verdicts WHERE claim_id = ? AND actor = ?",
                       (p.claim_id, e.actor)).fetchone()
    if old is not None:
        conn.execute("UPDATE verdict_history SET superseded_by = ? WHERE event_seq = ?", (e.seq, old[0]))
        conn.execute("DELETE FROM verdicts WHERE event_seq = ?", (old[0],))
    conn.execute(
        "INSERT INTO verdicts (event_seq, claim_id, claim_table, verdict, note, actor, recorded_at, rating_value, "
        "best_rating, worst_rating, alternate_name, url, article_id, speaker_id, quote_id, figure_id, date_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.seq, p.claim_id, p.claim_table, p.rating, p.note, e.actor, e.recorded_at, p.rating_value,
         p.best_rating, p.worst_rating, p.alternate_name, p.url, article_id, speaker_id,
         ref["quotes"], ref["figures"], ref["dates"]))
    conn.execute(
        "INSERT INTO verdict_history (event_seq, claim_id, claim_table, verdict, rating_value, alternate_name, "
        "note, url, actor, recorded_at, superseded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        (e.seq, p.claim_id, p.claim_table, p.rating, p.rating_value, p.alternate_name, p.note, p.url,
         e.actor, e.recorded_at))


def current(conn: sqlite3.Connection, claim_id: str) -> list[dict]:
    return [dict(r) for r in conn.execute(
        "SELECT * FROM verdicts WHERE claim_id = ? ORDER BY event_seq", (claim_id,))]


def history(conn: sqlite3.Connection, claim_id: str) -> list[dict]:
    return [dict(r) for r in conn.execute(
        "SELECT * FROM verdict_history WHERE claim_id = ? ORDER BY event_seq", (claim_id,))]
