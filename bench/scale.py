"""The archive at scale: pages at two sizes, rebuild against verify, bytes per article.

Builds a small scaled archive (bench/scaled.py: real extracted claims copied under new URLs through
the write path) and a large one multiplied from it (bench/multiplied.py), times every page of each
(bench/pages.py), then on the small one times `verify` and `rebuild` and measures what each part of
the file costs per article (SQLite's dbstat). The machine may be shared: the ratios (1M/10k page
p95, rebuild/verify) and the SQL time beside each page's are the figures that travel.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import multiplied
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
    """Every figure of the scale benchmark, built in `folder`.

    The small archive is built through the write path (bench/scaled.py), the large one by
    multiplying it in SQL (bench/multiplied.py: the derived tables the pages read, repeated under
    new ids), which takes minutes where the write path takes hours at a million quotes. Verify,
    rebuild and bytes per article are measured on the small one: it has the log that the
    multiplied archive does not repeat."""
    out: dict = {"pages": {}}
    db = folder / f"archive-{small}.db"
    log(f"building a scaled archive of {small:,} quotes through the write path ...")
    out["small"] = build(db, small, articles, log=log)
    log(f"  {out['small']['articles']:,} articles, {out['small']['quotes']:,} quotes in "
        f"{out['small']['seconds']:.0f}s: write path {out['small']['rate']:.1f} articles/s")
    n, rows = parts(db)
    out["bytes"] = {"articles": n, "file": os.path.getsize(db), "parts": rows}
    big = folder / f"archive-{large}.db"
    times = max(1, round(large / max(out["small"]["quotes"], 1)))
    log(f"multiplying it {times} times in SQL ...")
    out["large"] = multiplied.build(db, big, times, log=log)
    log(f"  {out['large']['quotes']:,} quotes in {out['large']['seconds']:.0f}s")
    for label, path in (("small", db), ("large", big)):
        log(f"pages at {out[label]['quotes']:,} quotes (p50, p95, SQL p50 ms, KB):")
        started = time.perf_counter()
        out["pages"][label] = {v["label"]: v for v in time_pages(path, repeat, log).values()}
        log(f"  pages at {out[label]['quotes']:,} quotes timed in {time.perf_counter() - started:.0f}s")
    big.unlink()
    log("verify and rebuild of the small archive ...")
    out["rebuild"] = rebuild_and_verify(db)
    return out


TARGET_MS = 100
"""A page's p95 at the large size must be under this, and at most MAX_RATIO times its p95 at the small."""
MAX_RATIO = 2.0


def _page_line(page: str, a: dict, b: dict) -> tuple[str, bool]:
    ratio = b["p95"] / max(a["p95"], 1e-9)
    over = [w for w, bad in (("p95", b["p95"] >= TARGET_MS), ("ratio", ratio > MAX_RATIO)) if bad]
    flag = "" if a["status"] == b["status"] == 200 else f"  (status {a['status']}/{b['status']})"
    cells = " | ".join(f"{v['p50']:5.0f} {v['p95']:5.0f} {v.get('cpu_p50', 0):5.0f} {v.get('sql_p50', 0):5.0f}"
                       for v in (a, b))
    return f"{page[:44]:<44} {cells} | {ratio:5.2f}  {' '.join(over)}{flag}", bool(over)


def report(out: dict, print_=print) -> None:
    small, large = out["small"], out["large"]
    print_(f"\npages: ms (wall p50, p95; CPU p50; SQL p50) at {small['quotes']:,} quotes | at {large['quotes']:,} "
           f"quotes | p95 ratio (over: p95 >= {TARGET_MS} ms at the large size, or ratio > {MAX_RATIO:g})")
    print_(f"{'page':<44} {'p50   p95   cpu   sql':>23} | {'p50   p95   cpu   sql':>23} | {'x':>5}")
    over = 0
    for page, a in out["pages"]["small"].items():
        b = out["pages"]["large"].get(page)
        if b is None:
            continue
        line, bad = _page_line(page, a, b)
        over += bad
        print_(line)
    worst = max(out["pages"]["large"].values(), key=lambda v: v["p95"])
    print_(f"{over} of {len(out['pages']['small'])} pages over target; slowest p95 at {large['quotes']:,} quotes: "
           f"{worst['p95']:.0f} ms ({worst['label']})")
    r = out["rebuild"]
    print_(f"\nrebuild: {r['rebuild_s']:.1f}s for {r['events']:,} events; verify: {r['verify_s']:.1f}s; "
           f"rebuild/verify = {r['rebuild_s'] / max(r['verify_s'], 1e-9):.1f} (CPU {r['rebuild_cpu']:.1f}s / "
           f"{r['verify_cpu']:.1f}s = {r['rebuild_cpu'] / max(r['verify_cpu'], 1e-9):.1f}); the rebuild held the "
           f"write lock {r['lock_s']:.2f}s")
    print_(f"write path: {small['rate']:.1f} articles/s ({small['articles']:,} articles, {small['quotes']:,} quotes, "
           f"{small['seconds']:.0f}s); the large archive multiplied in SQL in {large['seconds']:.0f}s")
    b = out["bytes"]
    per = b["file"] / max(b["articles"], 1)
    print_(f"\nsize: {b['file'] / 1e6:.0f} MB for {b['articles']:,} articles = {per / 1000:.1f} KB per article; by part:")
    for name, size in b["parts"][:14]:
        print_(f"  {name:<32} {size / max(b['articles'], 1) / 1000:7.2f} KB/article")
