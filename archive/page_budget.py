"""What a search or a filtered page costs, known before it runs, and the plan that keeps it small.

A search's rows are its full-text matches, and one equality filter's rows are a value's tally in
facet_counts; both counts cost a millisecond. Two things follow from them (datasette_summaries.py
applies them):

- **Facets over too many rows are not counted.** A facet over a search or a filter groups every
  matching row: 21,400 articles match `election` in an archive of a million quotes, and their three
  facets took 230 ms. Past FACET_ROWS rows a facet is answered as Datasette answers a facet that
  ran out of time (the page lists it under "These facets timed out", the JSON under
  `facets_timed_out`); the rows themselves and their count are unaffected, and a narrower search
  or one more filter brings the facets back.
- **A search with many matches reads its page from the sort's index.** SQLite's plan for
  `rowid in (matches) order by first_seen desc limit 101` looks every match up and sorts them all
  (150 ms for 21,400 matches); walking the sort's index and keeping the rows that match stops after
  about 101 x rows / matches entries (14 ms). For a rare word the walk would pass most of the index,
  so the plan is changed only when matches x matches >= rows x WALK_FACTOR, where the walk is the
  cheaper; the rows returned are the same either way (`+rowid` only hides the rowid from the
  planner).
"""

from __future__ import annotations

import re

FACET_ROWS = 2_000
"""Rows a facet over a search or a filter may group (about 10 ms a facet on a loaded 2-core machine)."""

WALK_FACTOR = 6
"""Looking a match up and sorting it costs about this many times 101 index entries walked and
skipped (measured: 7 us against 0.4 us x 101 / 6 on the articles of a million-quote archive)."""

SEARCH = re.compile(r"\browid in \(select rowid from \[?(\w+)\]? where \[?(\w+)\]? match escape_fts\(:search\)\)")
FACET = re.compile(r"^\s*select \[?\w+\]? as value, count\(\*\) as count from \(\s*select .+? from \[?(\w+)\]? "
                   r"where (.+?)\s*\)\s*where \[?\w+\]? is not null\s*group by", re.S)
ONE_FILTER = re.compile(r'^"(\w+)" = :p0$')
MAIN = re.compile(r"^select .+? from \[?(\w+)\]? where rowid in \(select rowid from \[?(\w+)\]? where .+? "
                  r"order by \[?(\w+)\]?( desc)?, \[?\w+\]? limit \d+$", re.S)


def search_of(table: str, where: str) -> str | None:
    """The full-text table a where clause searches, when it is the table's own `<table>_fts`."""
    m = SEARCH.search(where)
    return m.group(1) if m and m.group(1) == m.group(2) == f"{table}_fts" else None


def facet_rows_query(sql: str, params) -> tuple[str, dict] | None:
    """The query counting the rows a facet would group, when a search or one equality filter
    alone decides them (else None: the facet runs under Datasette's own time limit)."""
    m = FACET.match(sql)
    if not m or not isinstance(params, dict):
        return None
    table, where = m.group(1), m.group(2).strip()
    fts = search_of(table, where)
    if fts and SEARCH.sub("", where, count=1).strip() == "" and set(params) == {"search"}:
        return f"select count(*) from [{fts}] where [{fts}] match escape_fts(:search)", {"search": params["search"]}
    if (f := ONE_FILTER.match(where)) and set(params) == {"p0"}:
        return filtered_count(table, f.group(1), params["p0"])
    return None


def filtered_count(table: str, column: str, value) -> tuple[str, dict]:
    """A one-filter count read from the column's tally (a number filtered as text matches the number)."""
    return ("select coalesce((select sum(n) from facet_counts where page = :page and col = :col and given = '' "
            "and (value = :v or (typeof(value) in ('integer', 'real') and cast(value as text) = :v))), 0)",
            {"page": table, "col": column, "v": value})


def walk_the_sort_index(sql: str, matches: int, rows: int) -> str:
    """The main query of a search page, planned to walk the sort's index when that is cheaper."""
    if matches * matches < rows * WALK_FACTOR:
        return sql
    return SEARCH.sub(lambda m: "+" + m.group(0), sql, count=1)
