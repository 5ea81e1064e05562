"""A consistent copy of the archive while ingests go on: SQLite's online backup API.

"`newsfacts backup DEST` copies the archive consistently while ingests run": the copy is taken
in one step from a read-only connection, which in WAL mode is one snapshot that writers do not
wait for. It is written beside DEST and renamed into place only when whole, so a DEST that exists
is always a complete archive.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .verify import open_readonly


def backup(src: Path, dest: Path) -> int:
    """Copy src to dest (which must not exist); returns the number of pages copied."""
    if dest.exists():
        raise FileExistsError(f"{dest} exists: a backup never overwrites a file")
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    source = open_readonly(src)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
        pages = target.execute("PRAGMA page_count").fetchone()[0]
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
        source.close()
    with open(partial, "rb") as f:
        os.fsync(f.fileno())
    os.replace(partial, dest)
    return pages
