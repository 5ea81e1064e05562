"""Table pages whose `next` links return every row exactly once, whatever the sort.

Datasette 0.65 orders the first page of a sorted table by the sort column alone (`order by
published desc limit 101`) and every later page by the sort column and then the primary key
(`order by published desc, id`), starting after the last row's (value, key). When many rows share a
value, the first page takes an arbitrary few of them, the second page starts after the key of the
last one shown, and rows are lost or repeated: 15,302 rows came back for 15,277 quotes. The fix is
to give the first page the same order as the others: it is asked for as a page "after" a position
before every row, so Datasette adds its own primary-key tie-breaker from the first page on, for
HTML, JSON and `_stream=on` CSV alike. Views page by offset over a stable SQLite sort and need
nothing.
"""

from __future__ import annotations

from datasette.utils import tilde_encode

ABOVE_EVERY_VALUE = "\U0010ffff" * 8
"""Sorts after every number and every text SQLite holds (numbers sort before text, and this is the
largest code point, repeated); tables whose sortable columns may hold BLOBs must leave those
columns out of `sortable_columns` in metadata.yml."""

BELOW_EVERY_INTEGER = str(-(2**63))
BELOW_EVERY_TEXT = ""


def below_every_key(column_type: str) -> str:
    """A primary-key value smaller than any the column holds (SQLite compares by the column's
    affinity: an integer key with a number, a text key with text)."""
    numeric = any(word in (column_type or "").upper() for word in ("INT", "REAL", "FLOA", "DOUB", "NUM"))
    return BELOW_EVERY_INTEGER if numeric else BELOW_EVERY_TEXT


def start_token(sort: str | None, sort_desc: str | None, key_types: list[str]) -> str | None:
    """The `_next` value that means "from the first row" in Datasette's sorted keyset pagination.

    Ascending, `$null` as the sort value selects every non-null value and the nulls after the
    given key (nulls sort first); descending, a value above every value selects every row (nulls
    sort last)."""
    if not (sort or sort_desc) or (sort and sort_desc):
        return None
    keys = [tilde_encode(below_every_key(t)) for t in key_types]
    value = "$null" if sort else tilde_encode(ABOVE_EVERY_VALUE)
    return ",".join([value, *keys])


async def first_page_token(datasette, request, db, table: str) -> str | None:
    """The start token for a request for a table's first page in a sort, else None (a view, an
    unsorted table: Datasette's own order is already unique there). db, table: what the URL names,
    not a named query (tableview.py tells)."""
    if request.args.get("_next") or "_sort_by_desc" in request.args:
        return None
    if await db.get_view_definition(table) or not await db.table_exists(table):
        return None
    sort, sort_desc = request.args.get("_sort"), request.args.get("_sort_desc")
    if not sort and not sort_desc:
        meta = datasette.table_metadata(db.name, table)
        sort, sort_desc = meta.get("sort"), meta.get("sort_desc")
    columns = {c.name: c for c in await db.table_column_details(table)}
    pks = await db.primary_keys(table)
    key_types = [columns[pk].type for pk in pks] if pks else ["INTEGER"]  # rowid tables page by rowid
    return start_token(sort, sort_desc, key_types)
