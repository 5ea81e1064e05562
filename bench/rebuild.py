"""Rebuild against verify on an archive that exists, e.g. one bench/scaled.py built:

    python bench/rebuild.py ARCHIVE.db [--in-place]

Works on a copy beside the archive (removed after) unless --in-place. Prints verify's and rebuild's
seconds, wall and CPU, their ratios and how long the rebuild held the write lock.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import rebuild_and_verify  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", type=Path)
    ap.add_argument("--in-place", action="store_true", help="rebuild the archive itself, not a copy")
    args = ap.parse_args(argv)
    if not args.archive.is_file():
        print(f"{args.archive}: no such archive", file=sys.stderr)
        return 1
    db = args.archive if args.in_place else args.archive.with_name(f"{args.archive.stem}-rebuild-bench.db")
    if not args.in_place:  # SQLite's online backup: what the WAL holds is copied too
        src, dst = sqlite3.connect(args.archive), sqlite3.connect(db)
        src.backup(dst)
        src.close(), dst.close()
    try:
        r = rebuild_and_verify(db)
    finally:
        if not args.in_place:
            for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
                p.unlink(missing_ok=True)
    print(f"{r['events']:,} events; verify {r['verify_s']:.2f}s (CPU {r['verify_cpu']:.2f}s); rebuild "
          f"{r['rebuild_s']:.2f}s (CPU {r['rebuild_cpu']:.2f}s); rebuild/verify {r['rebuild_s'] / r['verify_s']:.1f} "
          f"(CPU {r['rebuild_cpu'] / max(r['verify_cpu'], 1e-9):.1f}); write lock held {r['lock_s']:.2f}s; "
          f"chain {'intact' if r['intact'] else 'BROKEN'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
