"""Page timings: p50/p95 of every page a person uses, through Datasette's own client.

    python bench/pages.py ARCHIVE.db [--repeat 15]

Each page (every table's default page with its facets, a speaker's page, an article's page, each
view and named query, a search) is requested `repeat` times after one warm-up request, with the
settings `newsfacts serve` uses, and timed from request to full response.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

TABLES = ["articles", "revisions", "extractions", "quotes", "figures", "dates", "speakers", "sightings",
          "originals", "verdicts", "events", "speaker_redirects"]
VIEWS = ["speaker_quotes", "claims", "claims_by_date"]


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


def pages(db: str, s: dict) -> list[str]:
    """Every listed page, as paths under /<db>; label() names it the same at every size."""
    q = {k: quote(str(v), safe="") for k, v in s.items()}
    out = [f"/{db}/{t}" for t in TABLES] + [f"/{db}/{v}" for v in VIEWS]
    out += [
        f"/{db}/quotes?_facet=speaker_id",
        f"/{db}/quotes?_search=tax",
        f"/{db}/articles?_search=election",
        f"/{db}/quotes.json?_nofacet=1",
        f"/{db}/speakers/{q['speaker']}",
        f"/{db}/quotes?speaker_id={q['speaker']}",
        f"/{db}/articles/{q['article']}",
        f"/{db}/quotes_of_speaker?speaker={q['speaker']}",
        f"/{db}/figures_about?word=tax",
        f"/{db}/article_revisions?article_id={q['article']}",
        f"/{db}/article_claims?article_id={q['article']}",
        f"/{db}/claims_on_date?date={q['month']}",
        f"/{db}/claims_as_of?article_id={q['article']}&as_of={q['as_of']}",
        f"/{db}/speaker_quote_counts",
    ]
    return out


def label(path: str) -> str:
    """The page without its database and its sample values: quotes?speaker_id=..."""
    page = path.split("/", 2)[2]
    base, _, query = page.partition("?")
    if base.count("/"):
        base = base.split("/")[0] + "/<row>"
    keep = {"_facet", "_search", "_nofacet", "word"}
    args = [a if a.split("=")[0] in keep else a.split("=")[0] + "=..." for a in query.split("&") if a]
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
    return Datasette([str(db_path)], metadata=metadata, settings=settings)


def time_pages(db_path: Path, repeat: int = 15, log=print) -> dict[str, dict]:
    """{path: {"p50": ms, "p95": ms, "status": code}} for every listed page."""
    ds = datasette_for(db_path)
    paths = pages(db_path.stem, samples(db_path))

    async def run() -> dict[str, dict]:
        out = {}
        for path in paths:
            await ds.client.get(path)  # warm-up: the first request also reads the schema
            times, status = [], 200
            for _ in range(repeat):
                t = time.perf_counter()
                r = await ds.client.get(path)
                times.append((time.perf_counter() - t) * 1000)
                status = r.status_code if r.status_code != 200 else status
            times.sort()
            out[path] = {"label": label(path), "p50": statistics.median(times),
                         "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], "status": status}
            log(f"  {out[path]['p50']:8.1f} {out[path]['p95']:8.1f} ms  {status}  {path}")
        return out

    return asyncio.run(run())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--json", type=Path, help="also write the timings here")
    args = ap.parse_args(argv)
    print("     p50      p95")
    result = time_pages(args.db, args.repeat)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
