"""The `ratings` table: the rating scale in force, readable through Datasette.

"a default scale ... that a ratings file or table can replace". The scale comes from the default
file (data/ratings.csv) or the ratings file the settings name. An archive whose log records no
scale holds the default one, which ships with the code as the word lists do; when the scale in
force differs from the table, a `ratings.scale_set` event records it (before a verdict is given on
it, or by `newsfacts ratings`), and the table follows the latest such event. A rebuild so gives
the same table, whatever the settings are on the day it runs, and the log keeps every scale used."""

from __future__ import annotations

import sqlite3

from ..log import Event
from ..store import append_and_apply
from .ratings import Rating, load_scale


def payload(scale: list[Rating], source: str) -> dict:
    return {"source": source, "ratings": [
        {"name": r.name, "rating_value": r.value, "best_rating": r.best, "worst_rating": r.worst,
         "alternate_name": r.alternate_name} for r in scale]}


def recorded(conn: sqlite3.Connection) -> list[tuple]:
    return [tuple(r) for r in conn.execute(
        "SELECT name, rating_value, best_rating, worst_rating, alternate_name FROM ratings ORDER BY position")]


def record_if_changed(conn: sqlite3.Connection, scale: list[Rating], source: str,
                      actor: str | None = None) -> Event | None:
    """Append a ratings.scale_set event when this scale is not the one the archive holds."""
    if recorded(conn) == [(r.name, r.value, r.best, r.worst, r.alternate_name) for r in scale]:
        return None
    return append_and_apply(conn, "ratings", "ratings.scale_set", payload(scale, source), actor)


def fill_default(conn: sqlite3.Connection) -> None:
    """The default scale, in a ratings table no event has filled (called once the tables exist)."""
    if conn.execute("SELECT 1 FROM ratings LIMIT 1").fetchone() is None:
        conn.executemany("INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?, 'default', NULL)", [
            (r.name, n, r.value, r.best, r.worst, r.alternate_name) for n, r in enumerate(load_scale(), 1)])


def apply_scale(conn: sqlite3.Connection, e: Event) -> None:
    conn.execute("DELETE FROM ratings")
    conn.executemany("INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (r["name"], n, r["rating_value"], r["best_rating"], r["worst_rating"], r["alternate_name"],
         e.payload["source"], e.seq) for n, r in enumerate(e.payload["ratings"], 1)])
