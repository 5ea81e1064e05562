"""The event log's counts: events by type and by actor, and in all, for the log's page.

The `events` page's facets (type, actor) and its row count were a GROUP BY over every event: at
a million quotes, two hundred thousand rows of ten kilobytes each, read page by page. facet_counts
is kept by triggers, but no trigger of ours goes on `events` (its triggers are the log's guards,
archive/guard.py), so these counts are kept by the projections instead: `count()` runs for every
event applied, in ingest and in a rebuild alike (projections.apply), in the same transaction.
"""

from __future__ import annotations

import sqlite3

COLUMNS = ("type", "actor")
"""The events page's facets (metadata.yml), each counted per value."""

UPSERT = ("INSERT INTO event_counts (col, value, n) VALUES ('type', :type, 1), ('actor', :actor, 1), ('*', '*', 1) "
          "ON CONFLICT (col, value) DO UPDATE SET n = n + 1")


def count(conn: sqlite3.Connection, event_type: str, actor: str) -> None:
    conn.execute(UPSERT, {"type": event_type, "actor": actor})


def summary_query(table: str, column: str | None, limit: int | None) -> tuple[str, dict] | None:
    """The event_counts query answering the events page's row count (column None) or one of its
    facets; None for another page or column."""
    if table != "events":
        return None
    if column is None:
        return "select coalesce((select n from event_counts where col = '*' and value = '*'), 0)", {}
    if column not in COLUMNS:
        return None
    return ("select value, n as count from event_counts where col = :col order by n desc, value limit :limit",
            {"col": column, "limit": limit})
