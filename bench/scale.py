"""The archive at scale: pages at two sizes, rebuild against verify, bytes per article.

Builds a small and a large scaled archive (bench/scaled.py: real extracted claims copied under new
URLs through the write path), times every page of each (bench/pages.py), then on the large one
times `verify` and `rebuild` and measures what each part of the file costs per article (SQLite's
dbstat). The machine may be shared: the ratios (1M/10k page p95, rebuild/verify) are the figures
that travel.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from pages import time_pages
from scaled import build


def parts(db_path: Path) -> tuple[int, list[tuple[str, int]]]:
    """(articles, [(table or index, bytes)]) from dbstat, largest first."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    rows = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    conn.close()
    return n, rows


def rebuild_and_verify(db_path: Path) -> dict:
    """Seconds of `verify` and `rebuild` (wall and CPU: on a shared machine the CPU ratio travels
    better), and how long the rebuild held the write lock (its swap, archive/swap.py)."""
    from newsfacts.archive.db import connect
    from newsfacts.archive.log import verify
    from newsfacts.archive.rebuild import rebuild_report

    conn = connect(db_path)
    t, c = time.perf_counter(), time.process_time()
    checked, problem = verify(conn)
    verify_s, verify_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    done = rebuild_report(conn)
    rebuild_s, rebuild_cpu = time.perf_counter() - t, time.process_time() - c
    conn.close()
    return {"events": done.events, "verify_s": verify_s, "rebuild_s": rebuild_s, "verify_cpu": verify_cpu,
            "rebuild_cpu": rebuild_cpu, "lock_s": done.lock_s, "intact": problem is None}


def run(folder: Path, small: int, large: int, articles: Path, repeat: int, log=print) -> dict:
    """Every figure of the scale benchmark, built in `folder`."""
    out: dict = {"pages": {}}
    for label, quotes in (("small", small), ("large", large)):
        db = folder / f"archive-{quotes}.db"
        log(f"building a scaled archive of {quotes:,} quotes ...")
        out[label] = build(db, quotes, articles, log=log)
        log(f"  {out[label]['articles']:,} articles, {out[label]['quotes']:,} quotes in "
            f"{out[label]['seconds']:.0f}s: write path {out[label]['rate']:.0f} articles/s")
        log(f"pages at {out[label]['quotes']:,} quotes (p50, p95 ms):")
        out["pages"][label] = {v["label"]: v for v in time_pages(db, repeat, log).values()}
        out[f"{label}_db"] = db
    db = out["large_db"]
    n, rows = parts(db)
    out["bytes"] = {"articles": n, "file": os.path.getsize(db), "parts": rows}
    log("verify and rebuild of the large archive ...")
    out["rebuild"] = rebuild_and_verify(db)
    return out


def report(out: dict, print_=print) -> None:
    small, large = out["small"], out["large"]
    print_(f"\npages: p50 / p95 ms at {small['quotes']:,} and at {large['quotes']:,} quotes")
    print_(f"{'page':<58} {'p50':>7} {'p95':>7} {'p50':>7} {'p95':>7} {'p95 x':>6}")
    for page, a in out["pages"]["small"].items():
        b = out["pages"]["large"].get(page)
        if b is None:
            continue
        flag = "" if a["status"] == b["status"] == 200 else f"  (status {a['status']}/{b['status']})"
        print_(f"{page[:58]:<58} {a['p50']:7.1f} {a['p95']:7.1f} {b['p50']:7.1f} {b['p95']:7.1f} "
               f"{b['p95'] / max(a['p95'], 1e-9):6.2f}{flag}")
    worst = max(out["pages"]["large"].values(), key=lambda v: v["p95"])
    print_(f"slowest p95 at {large['quotes']:,} quotes: {worst['p95']:.0f} ms")
    r = out["rebuild"]
    print_(f"\nrebuild: {r['rebuild_s']:.1f}s for {r['events']:,} events; verify: {r['verify_s']:.1f}s; "
           f"rebuild/verify = {r['rebuild_s'] / max(r['verify_s'], 1e-9):.1f} (CPU {r['rebuild_cpu']:.1f}s / "
           f"{r['verify_cpu']:.1f}s = {r['rebuild_cpu'] / max(r['verify_cpu'], 1e-9):.1f}); the rebuild held the "
           f"write lock {r['lock_s']:.2f}s")
    print_(f"write path: {small['rate']:.0f} articles/s at {small['articles']:,} articles, "
           f"{large['rate']:.0f} articles/s up to {large['articles']:,}")
    b = out["bytes"]
    per = b["file"] / max(b["articles"], 1)
    print_(f"\nsize: {b['file'] / 1e6:.0f} MB for {b['articles']:,} articles = {per / 1000:.1f} KB per article; by part:")
    for name, size in b["parts"][:14]:
        print_(f"  {name:<32} {size / max(b['articles'], 1) / 1000:7.2f} KB/article")
