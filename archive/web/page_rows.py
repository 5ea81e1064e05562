"""How many rows a table's HTML page draws: as many as fit a budget of cells, up to Datasette's page size.

Drawing a cell is what a table page costs once its query is read from an index: Datasette asks
every plugin about each cell, then the template writes it, about 13 us a cell on the bench machine,
so the 100 rows of a 24-column claim table (2,400 cells) were most of the page's time at any size
of archive. An HTML page with no `_size` draws CELLS cells' worth of rows (rounded down to tens):
50 rows of quotes, figures or articles, 60 of dates, the full 100 of a table of 12 columns or
fewer. `Next page` goes on from there, and JSON, CSV and an explicit `?_size=` page as before
(Datasette's page size, or the table's `size` in metadata.yml, is never raised).
"""

from __future__ import annotations


CELLS = 1_200
"""Cells an HTML table page draws without `_size` (a page size of 100 rows up to 12 columns)."""

FEWEST_ROWS = 20


def rows_for(columns: int, page_size: int) -> int | None:
    """The page size for a table of this many columns, or None where Datasette's own stands."""
    rows = max(FEWEST_ROWS, CELLS // max(columns, 1) // 10 * 10)
    return rows if rows < page_size else None


async def html_page_size(datasette, request, db, table: str) -> int | None:
    """The `_size` an HTML table or view page is drawn with, or None to leave the page as asked.
    db, table: what the URL names, not a named query (tableview.py tells)."""
    if request.url_vars.get("format") or "_size" in request.args:
        return None
    if datasette.table_metadata(db.name, table).get("size"):
        return None
    if not await db.table_exists(table) and table not in await db.view_names():
        return None
    return rows_for(len(await db.table_columns(table)), datasette.page_size)
