"""Checkpoint and verify on a large log: how long `newsfacts checkpoint` and `newsfacts verify
--checkpoint` take on N events (default 100,000).

    .venv/bin/python bench/trust.py [--events 100000] [--article-every 10] [--keep DIR]

The log is made by code, fast: one real article is ingested (samples/), and its three events
(original.stored, article.revised, claims.extracted) are the templates of every N-th group of
events, with a new article id each time; the events between are verdicts. Events are inserted
with their hashes computed as log.append computes them, into an archive whose derived tables
are current (so the commands time the log, not a replay). The two commands then run as a user
runs them, in a subprocess, and their wall time and peak memory are printed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWSFACTS = Path(sys.executable).with_name("newsfacts")


def build(db: Path, events: int, article_every: int) -> None:
    from newsfacts.archive.batch import ingest
    from newsfacts.archive.db import connect, transaction
    from newsfacts.archive.log import canonical, event_hash
    from newsfacts.schema.events import EVENT_TYPES

    conn = connect(db)
    ingest(conn, [str(ROOT / "samples")], workers=1)
    templates = [(r["type"], json.loads(r["payload"])) for r in conn.execute(
        "SELECT type, payload FROM events WHERE type IN ('original.stored', 'article.revised', 'claims.extracted') "
        "ORDER BY seq LIMIT 3")]
    last = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = last[0], last[1]
    at = "2026-01-01T00:00:00.000000+00:00"
    with transaction(conn):
        n = 0
        while seq < events:
            n += 1
            if n % article_every == 0:
                aid = f"{n:016x}"
                group = []
                for type_, p in templates:
                    p = json.loads(json.dumps(p))
                    if "article_id" in p:
                        p["article_id"] = aid
                    stream = f"original:{n}" if type_ == "original.stored" else f"article:{aid}"
                    group.append((stream, EVENT_TYPES[type_][1], type_, p))
            else:
                group = [(f"claim:{n}", 1, "verdict.recorded",
                          {"claim_id": f"{n:016x}", "claim_table": "quotes", "verdict": "false", "note": None})]
            for stream, version, type_, p in group:
                seq += 1
                text = canonical(p)
                digest = event_hash(seq, stream, version, type_, 1, text, at, "bench", prev)
                conn.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (seq, stream, version, type_, 1, text, at, "bench", prev, digest))
                prev = digest
    conn.close()


def timed(*args: str) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    out = subprocess.run([str(NEWSFACTS), *args], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if out.returncode:
        raise SystemExit(f"{' '.join(args)} failed: {out.stderr.strip()}")
    return seconds, max(peak, before) / 1024, (out.stdout + out.stderr).strip().splitlines()[-1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--article-every", type=int, default=10)
    ap.add_argument("--keep", type=Path, help="build the archive in this folder and keep it")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        top = args.keep or Path(tmp)
        top.mkdir(parents=True, exist_ok=True)
        db, key, cp = top / "archive.db", top / "bench.key", top / "cp.json"
        for p in (db, key, Path(f"{key}.pub"), cp):
            p.unlink(missing_ok=True)
        start = time.perf_counter()
        build(db, args.events, args.article_every)
        print(f"built {args.events} events ({db.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.1f}s")
        timed("keygen", "--key", str(key))
        for label, cmd in (("checkpoint", ["checkpoint", "--db", str(db), "--key", str(key), "--out", str(cp)]),
                           ("verify --checkpoint", ["verify", "--db", str(db), "--checkpoint", str(cp)]),
                           ("prove", ["prove", str(args.events // 2), "--db", str(db)])):
            seconds, peak, last = timed(*cmd)
            print(f"{label:<20} {seconds:6.2f}s  peak {peak:5.0f} MB   {last[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
