"""What an article costs in bytes, and why: each table and index (sqlite's dbstat), the log by
event type, and the parts of the log's payloads that repeat text kept elsewhere.

    python bench/size.py ARCHIVE.db [--top 30]

The archive is opened read-only. Figures are in KB per article (1 KB = 1024 bytes).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path


def tables(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(table or index, bytes on disk) from dbstat, largest first."""
    return conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()


def events_by_type(conn: sqlite3.Connection) -> list[tuple[str, int, int]]:
    """(event type, events, payload bytes)."""
    return conn.execute("SELECT type, COUNT(*), SUM(length(CAST(payload AS BLOB))) FROM events "
                        "GROUP BY type ORDER BY 3 DESC").fetchall()


def payload_parts(conn: sqlite3.Connection) -> dict[str, int]:
    """Bytes of the text fields inside the payloads: the article's text, the originals' data, and
    the sentence and the words copied into each claim of an extraction."""
    out = {"article.revised text": 0, "original.stored data": 0, "claims sentences": 0, "claims texts": 0,
           "claims other": 0}
    for type_, payload in conn.execute("SELECT type, payload FROM events WHERE type IN "
                                       "('article.revised', 'original.stored', 'claims.extracted')"):
        p = json.loads(payload)
        if type_ == "article.revised":
            out["article.revised text"] += len((p["article"].get("text") or "").encode())
        elif type_ == "original.stored":
            out["original.stored data"] += len(p["data"])
        else:
            claims = [c for kind in ("quotes", "figures", "dates") for c in (p.get("claims") or {}).get(kind, [])]
            sentences = sum(len((c.get("sentence") or "").encode()) for c in claims)
            words = sum(len((c.get("text") or "").encode()) for c in claims)
            out["claims sentences"] += sentences
            out["claims texts"] += words
            out["claims other"] += len(payload.encode()) - sentences - words
    return out


def report(db_path: Path, top: int = 30) -> dict:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] or 1
    file_bytes = db_path.stat().st_size
    out = {"articles": n, "file_kb_per_article": file_bytes / n / 1024,
           "tables": [(name, b / n / 1024) for name, b in tables(conn)],
           "events": [(t, c, b / n / 1024) for t, c, b in events_by_type(conn)],
           "payload": {k: b / n / 1024 for k, b in payload_parts(conn).items()}}
    conn.close()
    out["top"] = top
    return out


def show(out: dict) -> None:
    print(f"{out['articles']:,} articles; file {out['file_kb_per_article']:.1f} KB per article")
    total = sum(kb for _, kb in out["tables"])
    print(f"dbstat total {total:.1f} KB per article; by table or index (KB per article):")
    for name, kb in out["tables"][:out["top"]]:
        print(f"  {kb:7.2f}  {name}")
    print("events.payload by type (events, KB per article):")
    for t, c, kb in out["events"]:
        print(f"  {kb:7.2f}  {t} ({c:,})")
    print("inside the payloads (KB per article):")
    for k, kb in out["payload"].items():
        print(f"  {kb:7.2f}  {k}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args(argv)
    if not args.db.is_file():
        print(f"{args.db}: no such archive", file=sys.stderr)
        return 1
    show(report(args.db, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
