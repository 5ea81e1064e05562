"""Ids shown as labelled links where Datasette 0.65 shows plain text: on a row page (it expands
foreign-key labels only on table pages) and in named queries' results (which have no foreign keys).

On a row page the declared foreign keys say where an id points; in a query's results the column's
name does (COLUMN_TABLES), and a claim id points into the table its row names (`claim_table` in
verdicts, `kind` in the search query)."""

from __future__ import annotations

from markupsafe import Markup

COLUMN_TABLES = {"article_id": "articles", "speaker_id": "speakers", "quote_id": "quotes", "target_id": "speakers"}
"""Query result columns that hold the id of a row of a table."""

KIND_TABLES = {"article": "articles", "quote": "quotes", "figure": "figures", "date": "dates",
               "quotes": "quotes", "figures": "figures", "dates": "dates"}


def _get(row, key):
    try:
        return row[key]
    except (KeyError, IndexError):
        return None


_FOREIGN_KEYS: dict[tuple[int, str, str], dict[str, str]] = {}
"""(Datasette, database, table) -> {column: table it points into}: a table's keys do not change
while it is served, and a page asks for them once per cell."""


async def foreign_keys(datasette, database: str, table: str) -> dict[str, str]:
    key = (id(datasette), database, table)
    if key not in _FOREIGN_KEYS:
        fks = await datasette.get_database(database).foreign_keys_for_table(table)
        _FOREIGN_KEYS[key] = {fk["column"]: fk["other_table"] for fk in fks}
    return _FOREIGN_KEYS[key]


def may_link(datasette, database: str | None, table: str | None, column: str, value, row=None) -> bool:
    """False when the cell surely stays Datasette's, decided without awaiting anything: a table
    page draws 100 rows of 20 columns, and a coroutine per cell cost a fifth of its time (a named
    query's `id` only where its row names a kind of claim: speaker_quote_counts draws 1,000 ids
    of speakers, none a link)."""
    if database is None or value is None or isinstance(value, (dict, bytes, float)):
        return False
    if column == "claim_id":
        return True
    if table is None:
        return column in COLUMN_TABLES or (column == "id" and (row is None or _query_id_table(row) is not None))
    known = _FOREIGN_KEYS.get((id(datasette), database, table))
    return known is None or column in known


def _query_id_table(row) -> str | None:
    """The table a named query's `id` is a row of: its row's kind of claim (the search query)."""
    kind = _get(row, "kind")
    return KIND_TABLES[kind] if kind in KIND_TABLES and "sentence" in row.keys() else None


async def target(datasette, database: str, table: str | None, column: str, row) -> str | None:
    """The table an id in this cell points into, or None."""
    if column == "claim_id":
        return KIND_TABLES.get(_get(row, "claim_table") or _get(row, "claim") or "")
    if table is None:
        return _query_id_table(row) if column == "id" else COLUMN_TABLES.get(column)
    return (await foreign_keys(datasette, database, table)).get(column)


_LABEL_SQL: dict[tuple[int, str, str], str | None] = {}
"""(Datasette, database, table) -> the query reading a row's label by its key, or None when the
table has no label column or no single key. Asked once per table, not once per cell: a view page
labelling 100 claim ids asked SQLite for the table's keys 100 times (three queries a cell)."""


async def label_sql(datasette, database: str, table: str) -> str | None:
    key = (id(datasette), database, table)
    if key not in _LABEL_SQL:
        db = datasette.get_database(database)
        column = await db.label_column_for_table(table)
        pks = await db.primary_keys(table)
        ok = column and len(pks) == 1
        _LABEL_SQL[key] = f"SELECT [{column}] FROM [{table}] WHERE [{pks[0]}] = :v" if ok else None
    return _LABEL_SQL[key]


async def label(datasette, database: str, table: str, value) -> str | None:
    sql = await label_sql(datasette, database, table)
    if sql is None:
        return None
    found = await datasette.get_database(database).execute(sql, {"v": value})
    return found.rows[0][0] if found.rows else None


async def render(row, value, column, table, database, datasette) -> Markup | None:
    """A link for an id (with its row's label on a row page); None leaves the cell to Datasette.
    Table pages pass foreign keys as {value, label} (Datasette links those itself)."""
    if database is None or value is None or isinstance(value, (dict, bytes, float)):
        return None
    other = await target(datasette, database, table, column, row)
    if other is None:
        return None
    href = datasette.urls.row(database, other, str(value))
    shown = await label(datasette, database, other, value) if table is not None else None
    if shown and str(shown) != str(value):
        text = str(shown) if len(str(shown)) <= 80 else str(shown)[:79] + "…"
        return Markup('<a href="{}">{}</a> <em>{}</em>').format(href, value, text)
    return Markup('<a href="{}">{}</a>').format(href, value)
