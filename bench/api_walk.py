"""The exactness of the API on a real archive: every table and view walked through its JSON `next`
links, typed searches, and the article page of an article against its claims.

    .venv/bin/python bench/api_walk.py ARCHIVE.db [--sizes 50,1000] [--article FILE]

Prints, per table and page size, the rows received, the distinct rows and the rows in the table
(all three equal when paging is exact), then the status of each typed search, then (with
--article) how many of the claims `newsfacts extract` finds in FILE the article page marks.
Runs Datasette in-process through its own client; nothing listens on a port.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import yaml
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parent.parent
TYPED = ["Trump's", "O'Malley", "U.S.", '"wall', "pro-independence", "Clinton", "clinton email", "CLINTON",
         "referend*", '"health care"', "Sanders'", "e-mail", "Jr.", "9/11", "50%", "$1 billion", "“Trump”",
         "Obama OR Clinton", "NOT", "(", "*", "'", '"', "Cruz’s", "co-op", "Washington, D.C."]


def walk(ds, db: str, table: str, size: int, key) -> tuple[int, int]:
    path = f"/{db}/{table}.json?{urlencode({'_size': size, '_shape': 'objects', '_nocount': 1, '_nofacet': 1})}"
    got = []
    while path:
        response = asyncio.run(ds.client.get(path))
        if response.status_code != 200:
            print(f"{table}: {response.status_code} at {path}")
            return len(got), -1
        data = response.json()
        got.extend(key(r) for r in data["rows"])
        nxt = data.get("next_url")
        path = nxt and urlsplit(nxt).path + "?" + urlsplit(nxt).query
    return len(got), len(set(got))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--sizes", default="50,1000")
    ap.add_argument("--article")
    args = ap.parse_args()
    from newsfacts.archive.db import connect

    connect(args.db).close()  # the current schema
    name = Path(args.db).stem
    meta = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    meta["databases"] = {name: meta["databases"]["archive"]}
    ds = Datasette([args.db], metadata=meta, settings={"sql_time_limit_ms": 5000})  # as newsfacts serve
    conn = sqlite3.connect(args.db)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE '%fts%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type, name")]
    exact = True
    for table in tables:
        pks = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])") if r[5]]
        key = (lambda r, pks=pks: tuple(r[k] for k in pks)) if pks else (lambda r: json.dumps(r, sort_keys=True))
        count = conn.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0]
        if not pks:  # a view: its distinct rows
            count = conn.execute(f"SELECT COUNT(*) FROM (SELECT DISTINCT * FROM [{table}])").fetchone()[0]
        for size in [int(s) for s in args.sizes.split(",")]:
            t = time.monotonic()
            received, distinct = walk(ds, name, table, size, key)
            ok = distinct == count and (received == distinct or not pks)
            exact &= ok
            print(f"{table:18} _size={size:<5} received {received:>7} distinct {distinct:>7} rows {count:>7} "
                  f"{'ok' if ok else 'WRONG'} ({time.monotonic() - t:.1f}s)")
    for typed in TYPED:
        statuses = []
        for path in ("articles.json", "quotes.json", "search.json"):
            q = {"q" if path == "search.json" else "_search": typed, "_shape": "array"}
            r = asyncio.run(ds.client.get(f"/{name}/{path}?{urlencode(q)}"))
            statuses.append(f"{path.split('.')[0]} {r.status_code} ({len(r.json()) if r.status_code == 200 else '-'})")
            exact &= r.status_code == 200
        print(f"search {typed!r:24} " + ", ".join(statuses))
    if args.article:
        exact &= article_marks(args.article)
    return 0 if exact else 1


def article_marks(path: str) -> bool:
    """Every claim `newsfacts extract` finds in the file is marked on its article page."""
    import re
    import subprocess
    import tempfile

    bin_dir = Path(sys.executable).parent
    doc = json.loads(subprocess.run([str(bin_dir / "newsfacts"), "extract", path], capture_output=True, text=True,
                                    check=True).stdout)
    db = Path(tempfile.mkdtemp()) / "archive.db"
    subprocess.run([str(bin_dir / "newsfacts"), "ingest", path, "--db", str(db), "-q"], check=True)
    meta = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    ds = Datasette([str(db)], metadata=meta)
    conn = sqlite3.connect(db)
    (article_id,) = conn.execute("SELECT id FROM articles").fetchone()
    html = asyncio.run(ds.client.get(f"/archive/articles/{article_id}")).text
    marked = set(re.findall(r'data-claim-id="([^"]+)"', html))
    total = missing = 0
    for field in ("quotes", "figures", "dates"):
        for claim in doc[field]:
            total += 1
            row = conn.execute(f"SELECT id FROM {field} WHERE text = ? AND start IS ?",
                               (claim["text"], claim.get("start"))).fetchone()
            if not row or row[0] not in marked:
                missing += 1
                print(f"not marked: {field} {claim['text']!r}")
    print(f"article page of {path}: {total - missing} of {total} extracted claims marked")
    return missing == 0


if __name__ == "__main__":
    sys.exit(main())
