"""Reading the archive's tables from the plugin: rows as dicts, and only the tables that exist,
so a page shows what this archive has (verdicts, sightings, and tables other issues add later)."""

from __future__ import annotations


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
