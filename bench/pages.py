"""Page timings: p50/p95 of every page a person uses, through Datasette's own client.

    python bench/pages.py ARCHIVE.db [--repeat 15] [--json OUT.json]

The pages are read from the archive and its metadata, so a table, view or named query added later
is timed without editing this file: every table's default page with its facets (each table
Datasette lists, less the hidden ones), each view, each named query of metadata.yml (its
parameters filled from the archive: the most quoted speaker, the article with most quotes, the
busiest month; else the query's own example), a speaker's page, an article's reading page, a
facet, a filter and three searches. Each is requested `repeat` times after one warm-up request,
with the settings `newsfacts serve` uses, and timed from request to full response. Beside the
page's time are the CPU time the request took (on a shared machine the wall time mostly measures
the other jobs) and the time spent inside SQLite (every `Database.execute_fn` call the request
made): what is left is Datasette and the templates drawing the page.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

SEARCHES = ["quotes?_search=tax", "articles?_search=election"]
FIXED = ["quotes?_facet=speaker_id", "quotes.json?_nofacet=1"]


def samples(db_path: Path) -> dict:
    """Values for the parameterised pages, read from the archive itself: the most quoted speaker
    (a speaker's page is the page people use most), an article with quotes, a month named."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    speaker = conn.execute("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL AND speaker_id NOT LIKE '%@%' "
                           "GROUP BY speaker_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    article = conn.execute("SELECT id, updated_at FROM articles ORDER BY quotes DESC, id LIMIT 1").fetchone()
    month = conn.execute("SELECT month FROM dates WHERE month IS NOT NULL GROUP BY month "
                         "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    conn.close()
    return {"speaker": speaker[0] if speaker else "nobody", "article": article[0] if article else "none",
            "as_of": article[1] if article else "2100-01-01", "month": month[0] if month else "2015-11"}


PARAMETERS = {"speaker": "speaker", "article_id": "article", "as_of": "as_of", "date": "month"}
"""Which sample fills a named query's parameter; any other parameter gets a fixed word or the
query's own example (its hints in metadata.yml)."""
WORDS = {"word": "tax", "q": "election"}


def query_path(db: str, name: str, query: dict, s: dict) -> str:
    from newsfacts.archive.web.queries import parameters

    hints = query.get("hints") or {}
    args = {}
    for p in parameters(query.get("sql", "")):
        args[p] = s[PARAMETERS[p]] if p in PARAMETERS else WORDS.get(p) or hints.get(f"{p}_example") or "x"
    return f"/{db}/{name}" + ("?" + urlencode(args) if args else "")


async def pages(ds, db: str, s: dict, metadata: dict) -> list[str]:
    """Every listed page, as paths under /<db>; label() names it the same at every size."""
    database = ds.get_database(db)
    hidden = set(await database.hidden_table_names())
    tables = [t for t in await database.table_names() if t not in hidden]
    views = await database.view_names()
    q = {k: quote(str(v), safe="") for k, v in s.items()}
    out = [f"/{db}/{t}" for t in tables + views]
    out += [f"/{db}/{p}" for p in FIXED + SEARCHES]
    out += [f"/{db}/speakers/{q['speaker']}", f"/{db}/quotes?speaker_id={q['speaker']}",
            f"/{db}/articles/{q['article']}"]
    queries = (metadata.get("databases", {}).get(db) or {}).get("queries") or {}
    out += [query_path(db, name, query, s) for name, query in queries.items()]
    return out


KEEP = {"_facet", "_search", "_nofacet", "word", "q"}


def label(path: str) -> str:
    """The page without its database and its sample values: quotes?speaker_id=..."""
    page = path.split("/", 2)[2]
    base, _, query = page.partition("?")
    if base.count("/"):
        base = base.split("/")[0] + "/<row>"
    args = [a if a.split("=")[0] in KEEP else a.split("=")[0] + "=..." for a in query.split("&") if a]
    return base + ("?" + "&".join(args) if args else "")


def datasette_for(db_path: Path):
    """A Datasette over the archive with the metadata and settings `newsfacts serve` uses."""
    import yaml
    from datasette.app import Datasette

    from newsfacts.archive.serve import datasette_args, metadata_for

    args = datasette_args(db_path)
    settings = {args[i + 1]: int(args[i + 2]) for i, a in enumerate(args) if a == "--setting"
                and args[i + 2].isdigit()}
    settings.update({args[i + 1]: args[i + 2] == "on" for i, a in enumerate(args)
                     if a == "--setting" and args[i + 2] in ("on", "off")})
    meta_path = metadata_for(db_path)
    metadata = yaml.safe_load(meta_path.read_text("utf-8")) if meta_path else {}
    return Datasette([str(db_path)], metadata=metadata, settings=settings), metadata


class SqlClock:
    """Seconds spent inside SQLite, summed over every execute_fn call (each query runs in a
    worker thread: the clock runs there, so waiting for a thread is not counted)."""

    def __init__(self):
        self.seconds = 0.0

    def install(self):
        from datasette.database import Database

        original, clock = Database.execute_fn, self

        async def execute_fn(db, fn):
            def timed(conn):
                t = time.perf_counter()
                try:
                    return fn(conn)
                finally:
                    clock.seconds += time.perf_counter() - t

            return await original(db, timed)

        Database.execute_fn = execute_fn


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def time_pages(db_path: Path, repeat: int = 15, log=print, only: re.Pattern | None = None) -> dict[str, dict]:
    """{path: {"label", "p50", "p95", "cpu_p50", "cpu_p95", "sql_p50", "sql_p95" (ms), "status", "bytes"}}
    for every page (or those whose path `only` matches). CPU time is this process's, all threads:
    on a shared machine it moves less than the wall time does."""
    ds, metadata = datasette_for(db_path)
    clock = SqlClock()

    async def run() -> dict[str, dict]:
        await ds.invoke_startup()
        clock.install()
        out = {}
        for path in await pages(ds, db_path.stem, samples(db_path), metadata):
            if only and not only.search(path):
                continue
            await ds.client.get(path)  # warm-up: the first request also reads the schema
            times, sql, cpu, status, size = [], [], [], 200, 0
            for _ in range(repeat):
                clock.seconds = 0.0
                t, c = time.perf_counter(), time.process_time()
                r = await ds.client.get(path)
                times.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
                sql.append(clock.seconds * 1000)
                status, size = (r.status_code if r.status_code != 200 else status), len(r.content)
            out[path] = {"label": label(path), "p50": statistics.median(times), "p95": _p95(times),
                         "sql_p50": statistics.median(sql), "sql_p95": _p95(sql), "cpu_p50": statistics.median(cpu),
                         "cpu_p95": _p95(cpu), "status": status, "bytes": size}
            v = out[path]
            log(f"  {v['p50']:8.1f} {v['p95']:8.1f} {v['cpu_p50']:8.1f} {v['sql_p50']:8.1f} {size / 1000:7.0f}  "
                f"{status}  {path}")
        return out

    return asyncio.run(run())


HEADER = "     p50      p95  cpu p50  sql p50      KB"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--json", type=Path, help="also write the timings here")
    ap.add_argument("--only", help="time only the pages whose path matches this regular expression")
    args = ap.parse_args(argv)
    if not args.db.is_file():
        print(f"{args.db}: no such archive", file=sys.stderr)
        return 1
    print(HEADER)
    result = time_pages(args.db, args.repeat, only=re.compile(args.only) if args.only else None)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
