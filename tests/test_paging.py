"""Paging the JSON and CSV API returns every row exactly once, on an archive built so that sort
keys tie everywhere: the same outlet, date, speaker and figures in every article."""

from __future__ import annotations

import asyncio
import csv
import io
from urllib.parse import urlencode, urlsplit

import pytest
import yaml
from datasette.app import Datasette

from newsfacts.archive.db import connect
from newsfacts.archive.web.pagination import start_token

from .conftest import ROOT, claim_matches, run_cli, write

ARTICLES = 14
TIED = """title: Harbour levy note {i}
url: https://gazette.example.invalid/levy/{i}
outlet: The Tidewater Gazette (invented)
published: 2024-05-0{day}
---
"The levy will rise by 12 percent next year," said Mara Velt, the invented harbour master, on Monday.

About 300 boats use the harbour, and the council said 12 percent of them pay late. Velt said on Tuesday that the plan had "broad support among the crews".
"""


@pytest.fixture(scope="module")
def tied_archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tied")
    for i in range(ARTICLES):
        write(folder / "in", f"levy-{i:02}.txt", TIED.format(i=i, day=1 + i % 2))
    db = folder / "archive.db"
    result = run_cli("ingest", folder / "in", "--db", db, "-q", "--workers", "1")
    assert result.exit_code == 0, result.output
    return db


def datasette_for(db, **settings) -> Datasette:
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    return Datasette([str(db)], metadata=metadata, settings=settings or None)


def get(ds: Datasette, path: str):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    return response


def walk_json(ds: Datasette, table: str, **args) -> list:
    """Follow `next_url` from the first page to the last; the rows in the order received."""
    query = urlencode({**args, "_shape": "objects"})
    path = f"/archive/{table}.json?{query}"
    rows, pages = [], 0
    while path:
        data = get(ds, path).json()
        rows.extend(data["rows"])
        pages += 1
        assert pages < 10_000
        nxt = data.get("next_url")
        path = None if not nxt else (urlsplit(nxt).path + "?" + urlsplit(nxt).query)
    return rows


def keys(conn, table: str) -> list:
    pks = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])") if r[5]]
    return pks


def row_key(table_pks: list[str], row: dict):
    if table_pks:
        return tuple(row[k]["value"] if isinstance(row[k], dict) else row[k] for k in table_pks)
    return tuple(sorted((k, str(v)) for k, v in row.items()))


TABLES = ["articles", "revisions", "extractions", "quotes", "figures", "dates", "speakers", "sightings",
          "originals", "events"]
VIEWS = ["speaker_quotes", "claims", "claims_by_date"]
TIE_COLUMNS = {"articles": ["outlet", "published", "month"], "quotes": ["published", "speaker_id", "kind"],
               "figures": ["value", "unit", "published"], "dates": ["value", "precision", "published"],
               "events": ["type", "actor"], "speakers": ["kind"], "sightings": ["reader"],
               "speaker_quotes": ["published", "speaker"], "claims": ["claim", "value"],
               "claims_by_date": ["date", "claim"]}


def expected(conn, table: str, where: str = "") -> list:
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
    pks = keys(conn, table)
    rows = conn.execute(f"SELECT * FROM [{table}] {where}").fetchall()
    return sorted(row_key(pks, {c: r[c] for c in cols}) for r in rows)


def test_the_archive_has_ties(tied_archive):
    conn = connect(tied_archive)
    assert conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] >= 2 * ARTICLES
    assert conn.execute("SELECT COUNT(DISTINCT published) FROM quotes").fetchone()[0] <= 2
    assert conn.execute("SELECT COUNT(*) - COUNT(DISTINCT value) FROM figures").fetchone()[0] >= ARTICLES


@pytest.mark.parametrize("table", TABLES + VIEWS)
def test_every_row_exactly_once_in_every_sort(tied_archive, table):
    ds = datasette_for(tied_archive)
    conn = connect(tied_archive)
    pks = keys(conn, table)
    want = expected(conn, table)
    assert want
    sorts = [{}] + [{f"_sort{d}": col} for col in TIE_COLUMNS.get(table, []) for d in ("", "_desc")]
    for size in (3, 7, 1000):
        for sort in sorts:
            got = walk_json(ds, table, _size=size, **sort)
            assert sorted(row_key(pks, r) for r in got) == want, (table, size, sort)
            column = next(iter(sort.values()), None)
            if column:  # and in the order asked for
                values = [r[column]["value"] if isinstance(r[column], dict) else r[column] for r in got]
                ordered = sorted(values, key=lambda v: (v is not None, isinstance(v, str), v), reverse="_sort_desc" in sort)
                assert values == ordered, (table, size, sort)


def test_filters_and_facet_selections_page_exactly(tied_archive):
    ds = datasette_for(tied_archive)
    conn = connect(tied_archive)
    speaker = conn.execute("SELECT speaker_id FROM quotes GROUP BY speaker_id ORDER BY COUNT(*) DESC").fetchone()[0]
    cases = [("quotes", {"speaker_id": speaker}, "WHERE speaker_id = :v", speaker),
             ("quotes", {"published": "2024-05-01", "_facet": "kind"}, "WHERE published = :v", "2024-05-01"),
             ("figures", {"value__gte": "12"}, "WHERE value >= :v", 12),
             ("dates", {"precision": "day", "_sort": "value"}, "WHERE precision = :v", "day")]
    for table, args, where, value in cases:
        pks = keys(conn, table)
        rows = conn.execute(f"SELECT {', '.join(pks)} FROM {table} {where}", {"v": value}).fetchall()
        want = sorted(tuple(r) for r in rows)
        for size in (2, 5):
            got = walk_json(ds, table, _size=size, **args)
            assert sorted(row_key(pks, r) for r in got) == want, (table, args, size)


def test_search_results_page_exactly(tied_archive):
    ds = datasette_for(tied_archive)
    conn = connect(tied_archive)
    want = claim_matches(conn, "quotes", "levy")
    assert want
    got = walk_json(ds, "quotes", _search="levy", _size=4)
    assert sorted(r["id"] for r in got) == want


@pytest.mark.parametrize("table", ["quotes", "figures", "dates", "articles", "claims", "speaker_quotes"])
def test_streamed_csv_has_every_row_once(tied_archive, table):
    ds = datasette_for(tied_archive, default_page_size=3)  # the stream pages by the default size
    conn = connect(tied_archive)
    want = conn.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0]
    id_column = "quote_id" if table == "speaker_quotes" else "id"
    for sort in ({}, {"_sort": "published"} if table != "claims" else {"_sort": "claim"},
                 {"_sort_desc": "value"} if table in ("figures", "dates", "claims") else {"_sort_desc": "outlet"}):
        text = get(ds, f"/archive/{table}.csv?{urlencode({'_stream': 'on', **sort})}").text
        rows = list(csv.DictReader(io.StringIO(text)))
        ids = [r[id_column] for r in rows]
        assert len(ids) == want and len(set(ids)) == want, (table, sort, len(ids), len(set(ids)))


def test_start_token_selects_every_row():
    assert start_token(None, None, ["TEXT"]) is None
    assert start_token("published", None, ["TEXT"]) == "$null,"
    assert start_token(None, "value", ["INTEGER"]).endswith(",-9223372036854775808")
