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

SEARCH = re.compile(r"(?<!\w)\[?(\w+)\]? in \(select rowid from \[?(\w+)\]? where \[?(\w+)\]? "
                    r"match escape_fts\(:search\)\)")
"""A search as Datasette writes it: `<pk> in (select rowid from <fts> where <fts> match ...)`, where
pk is rowid for the table's own `<table>_fts`, or the column naming the row of a table searched in
its place (SEARCHED_THROUGH)."""
FACET = re.compile(r"^\s*select \[?\w+\]? as value, count\(\*\) as count from \(\s*select .+? from \[?(\w+)\]? "
                   r"where (.+?)\s*\)\s*where \[?\w+\]? is not null\s*group by", re.S)
SEARCHED_THROUGH = {"articles": ("text_id", "texts_fts"), "quotes": ("words_id", "quote_words_fts"),
                    "figures": ("words_id", "figure_words_fts"), "dates": ("words_id", "date_words_fts")}
"""Tables whose `?_search=` searches another table's full-text index (metadata.yml's fts_table and
fts_pk): the column naming that table's row, and the index (articles: their distinct texts; claims:
their distinct wordings, schema/tables.sql)."""
ONE_FILTER = re.compile(r'^"(\w+)" = :p0$')
MAIN = re.compile(r"^select .+? from \[?(\w+)\]? where (\[?\w+\]? in \(select rowid from \[?\w+\]? where .+?"
                  r"match escape_fts\(:search\)\)).*? order by \[?(\w+)\]?( desc)?, \[?\w+\]? limit \d+$", re.S)


def search_of(table: str, where: str) -> str | None:
    """The query counting the rows a where clause's search selects, when it searches the table's
    own `<table>_fts` or the index of the table it is searched through (else None).

    Articles are searched through their texts (each distinct text once, archive/texts.py), and
    claims through their wordings (schema/tables.sql: quote_words): a matching text or wording is
    every row with it, so their count joins the matches to the table on text_id or words_id,
    through its index, and is not the count of matching texts or wordings."""
    m = SEARCH.search(where)
    if not m or m.group(2) != m.group(3):
        return None
    pk, fts = m.group(1), m.group(2)
    if pk == "rowid" and fts == f"{table}_fts":
        return f"select count(*) from [{fts}] where [{fts}] match escape_fts(:search)"
    if SEARCHED_THROUGH.get(table) == (pk, fts):
        return f"select count(*) from [{table}] where {m.group(0)}"
    return None


def facet_rows_query(sql: str, params) -> tuple[str, dict] | None:
    """The query counting the rows a facet would group, when a search or one equality filter
    alone decides them (else None: the facet runs under Datasette's own time limit)."""
    m = FACET.match(sql)
    if not m or not isinstance(params, dict):
        return None
    table, where = m.group(1), m.group(2).strip()
    count = search_of(table, where)
    if count and SEARCH.sub("", where, count=1).strip() == "" and set(params) == {"search"}:
        return count, {"search": params["search"]}
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
