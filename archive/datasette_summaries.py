"""Datasette plugin: facets and row counts read from `facet_counts` instead of scanning the table.

At a million quotes, `select count(*) from quotes` and a facet's `group by` over every row are what
a page costs (seconds); the same numbers are kept by the projections' triggers in facet_counts
(archive/summaries.py). Datasette 0.65 offers no hook for the count or for a facet's query, so the
plugin answers those two exact queries, as 0.65 writes them, from the summary (and the event
log's page from event_counts, archive/event_counts.py):

    select count(*) from quotes                                  (a page without filters)
    select count(*) from quotes where "speaker_id" = :p0         (a filter a tally is kept for)
    select kind as value, count(*) as count from (select ... from quotes ...) where kind is not null
        group by kind order by count desc, value limit 31

A search's count is answered by its full-text index alone: the rows matching `?_search=` are the
index's matches (external-content FTS tables kept by triggers, archive/db.py), and counting them
in the index reads no row of the table, where Datasette's count looks each match up:

    select count(*) from articles where rowid in (select rowid from articles_fts where articles_fts
        match escape_fts(:search))          ->  select count(*) from articles_fts where ... match ...

A count with one equality filter that no tally keeps given that column (`quotes?outlet=...`) is
that value's tally of the column (same rows: the tally counts the rows holding the value). What a
search or a one-filter page costs is known from those counts before it runs (page_budget.py): a
facet over more than FACET_ROWS rows is not counted, and a search with many matches walks its
sort's index. Any other query (two filters, a column no tally keeps) runs as written. A database
without facet_counts is left alone.
"""

from __future__ import annotations

import re

from datasette import hookimpl
from datasette.database import Database, QueryInterrupted

_NAME = r"\[?(\w+)\]?"
COUNT = re.compile(rf'^select count\(\*\) from {_NAME} (?:where "(\w+)" = :p0 )?$')
FACET = re.compile(
    rf"^\s*select {_NAME} as value, count\(\*\) as count from \(\s*select .+? from {_NAME} "
    r'(?:where "(\w+)" = :p0 )?\s*\)\s*where \[?\w+\]? is not null\s*group by \[?\w+\]? '
    r"order by count desc, value limit (\d+)\s*$", re.S)

SEARCH_COUNT = re.compile(rf"^select count\(\*\) from {_NAME} where rowid in \(select rowid from {_NAME} "
                          r"where \[?(\w+)\]? match escape_fts\(:search\)\) $")

def _rows_of(name: str) -> str:
    """The table whose rows a view has one each of (quote_sentences: each quote with its sentence, a
    LEFT JOIN to texts), so that its count is the table's: a million quotes are not joined to be counted."""
    from .db import ROWS_OF_VIEW

    return ROWS_OF_VIEW.get(name, name)


_original_execute = Database.execute


# The reading room's first page of a sort is asked for as a page after a position before every row
# (archive/web/pagination.py); its where clause selects every row, so it filters nothing.
_KEYSET = re.compile(r"(?:where |and )\((\[?\w+\]?) (?:< :(p\d+) or \1 is null or \(\1 = :\2 and "
                     r"|is not null or \(\1 is null and )\(\((\[?\w+\]? > :(p\d+))\)\)\)\) ")


def _without_start_of_keyset(sql: str, params) -> tuple[str, dict | None]:
    from .web.pagination import ABOVE_EVERY_VALUE, BELOW_EVERY_INTEGER, BELOW_EVERY_TEXT

    if not isinstance(params, dict):
        return sql, params
    m = _KEYSET.search(sql)
    if not m:
        return sql, params
    value_param, key_param = m.group(2), m.group(4)
    if value_param and params.get(value_param) != ABOVE_EVERY_VALUE:
        return sql, params
    if str(params.get(key_param)) not in (BELOW_EVERY_INTEGER, BELOW_EVERY_TEXT):
        return sql, params
    rest = {k: v for k, v in params.items() if k not in (value_param, key_param)}
    lead = "where " if m.group(0).startswith("where ") else ""
    cut = sql[:m.start()] + (lead if lead and not sql[m.end():].startswith("and ") else "") + sql[m.end():]
    cut = cut.replace("where \n", "\n").replace("where )", ")")
    return re.sub(r"where\s*(?=\)|$)", "", cut), rest


def summary_query(sql: str, params) -> tuple[str, dict] | None:
    """The facet_counts query answering a count or facet query, or None for any other query."""
    sql, params = _without_start_of_keyset(sql, params)
    given = (params or {}).get("p0") if isinstance(params, dict) else None
    if (m := SEARCH_COUNT.match(sql)) and isinstance(params, dict) and set(params) == {"search"}:
        return search_count(*m.groups(), params["search"])
    if m := COUNT.match(sql):
        table, filter_col = m.groups()
        table = table if filter_col else _rows_of(table)
        if filter_col and (given is None or len(params) != 1):
            return None
        col = f"*|{filter_col}" if filter_col else "*"
        return ("select coalesce((select n from facet_counts where page = :page and col = :col and given = :given "
                "and value = '*'), 0)", {"page": table, "col": col, "given": given if filter_col else ""})
    if m := FACET.match(sql):
        column, table, filter_col, limit = m.groups()
        if filter_col and (given is None or len(params) != 1):
            return None
        return ("select value, n as count from facet_counts where page = :page and col = :col and given = :given "
                "order by n desc, value limit :limit",
                {"page": table, "col": f"{column}|{filter_col}" if filter_col else column,
                 "given": given if filter_col else "", "limit": int(limit)})
    return None


def search_count(table: str, fts: str, also_fts: str, search: str) -> tuple[str, dict] | None:
    """The count of a search read from its full-text index (the table's own `<table>_fts` only)."""
    if fts != also_fts or fts != f"{table}_fts":
        return None
    return (f"select count(*) from [{fts}] where [{fts}] match escape_fts(:search)",
            {"search": search, "page": table, "col": "_search"})


async def _has_tally(db: Database, page: str, col: str) -> bool:
    """Whether facet_counts exists and keeps this page and column (cached per schema version)."""
    version = await db.execute_fn(lambda conn: conn.execute("PRAGMA schema_version").fetchone()[0])
    cache = db.__dict__.setdefault("_newsfacts_tallies", {})
    if cache.get("version") != version:
        from .db import FTS_TABLES

        rows = await _original_execute(db, "select name from sqlite_master where name in ('facet_counts', "
                                       f"'event_counts', {', '.join(repr(t + '_fts') for t in FTS_TABLES)})")
        names, kept = {r[0] for r in rows.rows}, set()
        if "facet_counts" in names:
            from .summaries import TALLIES, _col

            kept = {(t.page, _col(t)) for t in TALLIES} | {("claims_by_date", c) for c in ("date", "claim", "*")}
        from .page_budget import SEARCHED_THROUGH

        kept |= {(t, "_search") for t in FTS_TABLES if f"{t}_fts" in names}
        kept |= {(t, "_search") for t, (_, fts) in SEARCHED_THROUGH.items() if fts in names}
        if "event_counts" in names:
            from .event_counts import COLUMNS

            kept |= {("events", c) for c in (*COLUMNS, "*")}
        cache.clear()
        cache.update(version=version, kept=kept)
    return (page, col) in cache["kept"]


def log_query(sql: str, params) -> tuple[str, dict] | None:
    """The event_counts query answering the events page's unfiltered count or a facet of it."""
    from . import event_counts

    sql, params = _without_start_of_keyset(sql, params)
    if params:
        return None
    if (m := COUNT.match(sql)) and not m.group(2):
        return event_counts.summary_query(m.group(1), None, None)
    if (m := FACET.match(sql)) and not m.group(3):
        return event_counts.summary_query(m.group(2), m.group(1), int(m.group(4)))
    return None


async def _filtered_count(db: Database, sql: str, params) -> tuple[str, dict] | None:
    """A one-filter count no given tally keeps, read from the filter column's own tally."""
    from .page_budget import filtered_count

    m = COUNT.match(sql)
    if not m or not m.group(2) or not isinstance(params, dict) or set(params) != {"p0"}:
        return None
    return filtered_count(m.group(1), m.group(2), params["p0"]) if await _in_facet_counts(db, m.group(1), m.group(2)) \
        else None


async def _in_facet_counts(db: Database, page: str, col: str) -> bool:
    """Whether facet_counts keeps this page's column over all rows (the events page's counts are
    event_counts', kept by type and actor only over all events: a filtered events page counts)."""
    return page != "events" and await _has_tally(db, page, col)


async def _too_many_to_facet(db: Database, sql: str, params) -> bool:
    """Whether a facet over a search or one filter would group more than FACET_ROWS rows."""
    from .page_budget import FACET_ROWS, FACET, ONE_FILTER, facet_rows_query

    sql, params = _without_start_of_keyset(sql, params)
    query = facet_rows_query(sql, params)
    if query is None:
        return False
    m = FACET.match(sql)
    kept = await _has_tally(db, m.group(1), "_search") if "match escape_fts" in m.group(2) else \
        await _in_facet_counts(db, m.group(1), ONE_FILTER.match(m.group(2).strip()).group(1))
    return kept and (await _original_execute(db, *query)).rows[0][0] > FACET_ROWS


async def _search_plan(db: Database, sql: str, params) -> str:
    """A search page's main query, walking its sort's index when the matches are many."""
    from .page_budget import MAIN, search_of, walk_the_sort_index

    m = MAIN.match(sql)
    if not m or not isinstance(params, dict) or "search" not in params:
        return sql
    table, count, sort = m.group(1), search_of(m.group(1), m.group(2)), m.group(3)
    if count is None or not await _has_tally(db, table, "*") or sort not in await _leading_index_columns(db, table):
        return sql
    matches = (await _original_execute(db, count, {"search": params["search"]})).rows[0][0]
    rows = (await _original_execute(db, "select coalesce((select n from facet_counts where page = :p and col = '*' "
                                    "and given = '' and value = '*'), 0)", {"p": table})).rows[0][0]
    return walk_the_sort_index(sql, matches, rows)


async def _leading_index_columns(db: Database, table: str) -> set[str]:
    """The first column of each index of the table (cached with the tallies, per schema version)."""
    cache = db.__dict__.setdefault("_newsfacts_leading", {})
    version = db.__dict__.get("_newsfacts_tallies", {}).get("version")
    if cache.get("version") != version:
        cache.clear()
        cache["version"] = version
    if table not in cache:
        def read(conn):
            return {conn.execute(f"PRAGMA index_info([{name}])").fetchone()[2]
                    for _, name, *_ in conn.execute(f"PRAGMA index_list([{table}])")} - {None}

        cache[table] = await db.execute_fn(read)
    return cache[table]


ROW_COUNT = re.compile(r"\(select count\(\*\) from \[?(\w+)\]? where \[?(\w+)\]?=:id\)")
"""One of the counts a row page shows of the rows pointing at it (Datasette's `foreign_key_tables`:
`select (select count(*) from quotes where speaker_id=:id), ...`); a speaker's quotes are kept as a
tally given the speaker, which a hundred thousand index entries are not."""


async def _row_counts(db: Database, sql: str, params) -> str:
    """The row page's query with each count a given-tally keeps read from facet_counts."""
    if not sql.startswith("select (select count(*) from ") or not isinstance(params, dict) or set(params) != {"id"}:
        return sql
    kept = {m.group(0): m for m in ROW_COUNT.finditer(sql)
            if await _has_tally(db, m.group(1), f"*|{m.group(2)}")}
    for text, m in kept.items():
        sql = sql.replace(text, f"(select coalesce((select n from facet_counts where page = '{m.group(1)}' and col = "
                                f"'*|{m.group(2)}' and given = :id and value = '*'), 0))")
    return sql


async def execute(self, sql, params=None, *args, **kwargs):
    counted = log_query(sql, params)
    if counted is not None:
        if await _has_tally(self, "events", counted[1].get("col", "*")):
            return await _original_execute(self, counted[0], counted[1], *args, **kwargs)
        return await _original_execute(self, sql, params, *args, **kwargs)
    rewritten = summary_query(sql, params)
    if rewritten is not None and await _has_tally(self, rewritten[1]["page"], rewritten[1]["col"]):
        return await _original_execute(self, rewritten[0], rewritten[1], *args, **kwargs)
    stripped, rest = _without_start_of_keyset(sql, params)
    if (one := await _filtered_count(self, stripped, rest)) is not None:
        return await _original_execute(self, one[0], one[1], *args, **kwargs)
    if await _too_many_to_facet(self, sql, params):
        raise QueryInterrupted(None, sql, params)
    sql = await _row_counts(self, sql, params)
    return await _original_execute(self, await _search_plan(self, sql, params), params, *args, **kwargs)


@hookimpl
def startup(datasette):
    """Install the summary reader (once per process; it only answers archives that keep tallies)."""
    Database.execute = execute
