"""Reading the archive's tables from the plugin: rows as dicts, and only the tables that exist,
so a page shows what this archive has (verdicts, sightings, and tables other issues add later)."""

from __future__ import annotations

from urllib.parse import urlencode


async def rows(db, sql: str, params: dict | tuple = ()) -> list[dict]:
    result = await db.execute(sql, params)
    return [dict(zip(result.columns, r)) for r in result.rows]


async def one(db, sql: str, params: dict | tuple = ()) -> dict | None:
    found = await rows(db, sql, params)
    return found[0] if found else None


async def existing(db, *names: str) -> set[str]:
    have = set(await db.table_names()) | set(await db.view_names())
    return {n for n in names if n in have}


async def columns(db, table: str) -> list[str]:
    return [c.name for c in await db.table_column_details(table)]


async def _indexed(db, table: str, column: str) -> bool:
    indexes = await db.execute(f"PRAGMA index_list([{table}])")
    for index in indexes.rows:
        first = await db.execute(f"PRAGMA index_info([{index[1]}])")
        if first.rows and first.rows[0][2] == column:
            return True
    return False


async def related(datasette, database: str, column: str, value: str, shown: set[str]) -> list[dict]:
    """Other tables with rows about this article or speaker (a `column` of that name): what other
    parts of the archive (checks, claim groups, reviews, ...) hold, each a link to its filtered rows.
    Counted where an index makes it cheap."""
    db = datasette.get_database(database)
    hidden = set(await db.hidden_table_names())
    out = []
    for table in sorted(set(await db.table_names()) - hidden - shown):
        if column not in await columns(db, table):
            continue
        count = None
        if await _indexed(db, table, column):
            found = await db.execute(f"SELECT COUNT(*) FROM [{table}] WHERE [{column}] = :v", {"v": value})
            count = found.rows[0][0]
            if not count:
                continue
        out.append({"table": table, "count": count,
                    "href": datasette.urls.table(database, table) + "?" + urlencode({column: value})})
    return out
