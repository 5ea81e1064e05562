"""A page-timing archive k times the size of a scaled one, in minutes instead of hours.

    python bench/multiplied.py SCALED.db OUT.db --times 100

bench/scaled.py builds through the write path (the projections, the fact store's grouping), which
at a million quotes takes hours on a loaded 2-core machine. The pages read only the derived tables,
so for timing them this copies SCALED.db and repeats its articles, revisions, sightings,
extractions, quotes, figures and dates k times under new ids, in SQL (secondary indexes dropped
and built again once at the end), then rebuilds the full-text indexes and recounts the summaries
(facet_counts) from the rows. Speakers are spread as in a larger archive: the few quoted often
(SHARED_QUOTES or more quotes in the scaled archive: the politicians every outlet quotes) stay one
speaker quoted k times as often; every other speaker is a new person in each copy, with names,
forms and sources of their own, so a million quotes come with tens of thousands of speakers and
the speaker list, its facets and the name lookups are measured at that size. Copies are published
DAYS_APART days apart, so the archive spans years as a real one does. The outlets are the
scaled archive's (bench/scaled.py takes its sources from every outlet in turn). The log is not
repeated: the events page reads event_counts and the log's primary key. Claim groups are not
repeated either. Not an archive to ingest into: its log does not produce these tables. For the
pages only.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

SHARED_QUOTES = 50
"""A speaker with this many quotes in the scaled archive stays one speaker in every copy."""

DAYS_APART = 10
"""Copy i is published i * DAYS_APART days before the scaled archive's articles: a real archive of a
million quotes spans years, not the weeks a scaled one does, so a day holds a few copies' quotes,
not all of them (a speaker's page and a day's dates sort a day's claims)."""

FTS_HASH_BYTES = 64 << 20
"""The full-text indexes are rebuilt in memory runs this large (FTS5's 'hashsize'; its default, 1 MB,
which the write path's one-article transactions never reach, makes a million-row rebuild write and
merge hundreds of small segments). The index holds the same terms and rows either way; after the
build the setting is dropped, so the file is configured as the write path leaves it."""

_DAY = "date({c}, '-' || (:i * %d) || ' days')" % DAYS_APART
_MONTH = "strftime('%%Y-%%m', [published], '-' || (:i * %d) || ' days')" % DAYS_APART
_SPEAKER = "CASE WHEN {c} IS NULL OR {c} IN (SELECT id FROM temp.shared_speakers) THEN {c} ELSE {c} || '~' || :i END"

# table -> {column: how its value differs in copy i (SQL over the column and :i, :seq)}
KEYS = {
    "speakers": {"id": _SPEAKER, "merged_into": _SPEAKER},
    "speaker_names": {"speaker_id": _SPEAKER, "origin": _SPEAKER},
    "speaker_forms": {"speaker_id": _SPEAKER},
    "speaker_sources": {"article_id": "{c} || '~' || :i", "speaker_id": _SPEAKER},
    "articles": {"id": "{c} || '~' || :i", "url": "{c} || '#' || :i", "source": "{c} || '#' || :i",
                 "published": _DAY, "month": _MONTH},
    "revisions": {"id": "{c} || '~' || :i", "article_id": "{c} || '~' || :i", "event_seq": "{c} + :i * :seq",
                  "published": _DAY},
    "extractions": {"event_seq": "{c} + :i * :seq", "article_id": "{c} || '~' || :i"},
    "sightings": {"event_seq": "{c} + :i * :seq", "article_id": "{c} || '~' || :i", "source": "{c} || '#' || :i"},
    "quotes": {"id": "{c} || '~' || :i", "article_id": "{c} || '~' || :i", "speaker_id": _SPEAKER,
               "published": _DAY, "month": _MONTH},
    "figures": {"id": "{c} || '~' || :i", "article_id": "{c} || '~' || :i", "quote_id": "{c} || '~' || :i",
                "speaker_id": _SPEAKER, "published": _DAY},
    "dates": {"id": "{c} || '~' || :i", "article_id": "{c} || '~' || :i", "published": _DAY},
}


ONLY = {"speakers": "id", "speaker_names": "speaker_id", "speaker_forms": "speaker_id"}
"""Tables of speakers whose shared speakers' rows are not copied (they stay one row)."""


def _copy_sql(conn: sqlite3.Connection, table: str) -> str:
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
    exprs = [KEYS[table].get(c, "{c}").format(c=f"[{c}]") for c in cols]
    names = ", ".join(f"[{c}]" for c in cols)
    only = f" AND [{ONLY[table]}] NOT IN (SELECT id FROM temp.shared_speakers)" if table in ONLY else ""
    return f"INSERT INTO [{table}] ({names}) SELECT {', '.join(exprs)} FROM [{table}] WHERE rowid <= :last{only}"


def multiply(out: Path, times: int, log=print) -> dict:
    from newsfacts.archive import summaries
    from newsfacts.archive.db import FTS_TABLES

    conn = sqlite3.connect(str(out), isolation_level=None)
    conn.execute("PRAGMA cache_size = -262144")
    # a throwaway file built in one transaction: write the pages once, not to a WAL and then again
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = OFF")
    seq = conn.execute("SELECT MAX(seq) FROM events").fetchone()[0] or 0
    conn.execute("BEGIN")
    conn.execute("CREATE TEMP TABLE shared_speakers (id TEXT PRIMARY KEY)")
    conn.execute("INSERT INTO temp.shared_speakers SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL "
                 "GROUP BY speaker_id HAVING COUNT(*) >= ?", (SHARED_QUOTES,))
    summaries.drop_triggers(conn)
    # secondary indexes are built once at the end (one sort) instead of row by row
    indexes = [(n, s) for n, s in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
        f"({', '.join(repr(t) for t in KEYS)})")]
    for name, _ in indexes:
        conn.execute(f"DROP INDEX [{name}]")
    fts_triggers = [(n, s) for n, s in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
        f"({', '.join(repr(t) for t in FTS_TABLES)}) AND name NOT LIKE 'facet%'")]
    for name, _ in fts_triggers:
        conn.execute(f"DROP TRIGGER [{name}]")
    for table in KEYS:
        last = conn.execute(f"SELECT MAX(rowid) FROM [{table}]").fetchone()[0] or 0
        sql = _copy_sql(conn, table)
        started = time.perf_counter()
        for i in range(1, times):
            conn.execute(sql, {"i": i, "seq": seq, "last": last})
        log(f"  {table}: x{times} in {time.perf_counter() - started:.0f}s")
    started = time.perf_counter()
    for _, sql in indexes:
        conn.execute(sql)
    log(f"  {len(indexes)} indexes in {time.perf_counter() - started:.0f}s")
    started = time.perf_counter()
    for table in FTS_TABLES:
        # one rebuild of a million rows: flushed in FTS_HASH_BYTES runs, not 1 MB ones merged again and again
        conn.execute(f"INSERT INTO [{table}_fts] ([{table}_fts], rank) VALUES ('hashsize', {FTS_HASH_BYTES})")
        conn.execute(f"INSERT INTO [{table}_fts] ([{table}_fts]) VALUES ('rebuild')")
        conn.execute(f"DELETE FROM [{table}_fts_config] WHERE k = 'hashsize'")  # the write path's default again
    for _, sql in fts_triggers:
        conn.execute(sql)
    log(f"  full-text indexes in {time.perf_counter() - started:.0f}s")
    started = time.perf_counter()
    summaries.fill(conn)
    # the triggers on quotes were dropped with the full-text ones: count each speaker's quotes afresh
    conn.execute("DELETE FROM speaker_quote_tally")
    conn.execute("INSERT INTO speaker_quote_tally SELECT speaker_id, COUNT(*) FROM quotes "
                 "WHERE speaker_id IS NOT NULL GROUP BY speaker_id")
    log(f"  summaries in {time.perf_counter() - started:.0f}s")
    for statement in summaries.triggers():
        conn.execute(statement)
    conn.execute("COMMIT")
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM [{t}]").fetchone()[0]
              for t in ("articles", "quotes", "figures", "dates", "speakers")}
    conn.execute("PRAGMA journal_mode = WAL")  # as the archive is served
    conn.close()
    return counts


def build(scaled: Path, out: Path, times: int, log=print) -> dict:
    """A copy of the scaled archive at `out`, multiplied `times` times: its row counts and seconds."""
    started = time.perf_counter()
    src = sqlite3.connect(str(scaled))
    dst = sqlite3.connect(str(out))
    src.backup(dst)
    src.close()
    dst.close()
    counts = multiply(out, times, log)
    return {**counts, "seconds": time.perf_counter() - started}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scaled", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--times", type=int, default=100)
    args = ap.parse_args(argv)
    if args.out.exists():
        print(f"{args.out}: exists; the multiplied archive is built into a new file", file=sys.stderr)
        return 2
    if not args.scaled.is_file():
        print(f"{args.scaled}: no such archive", file=sys.stderr)
        return 1
    counts = build(args.scaled, args.out, args.times)
    print({**counts, "seconds": round(counts["seconds"])})
    return 0


if __name__ == "__main__":
    sys.exit(main())
