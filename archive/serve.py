"""Serving the archive with Datasette: where its metadata lives and how it is started."""

from __future__ import annotations

from pathlib import Path


def metadata_path() -> Path | None:
    """metadata.yml at the top of the checkout the package runs from (installed editable)."""
    top = Path(__file__).resolve().parent.parent / "metadata.yml"
    return top if top.exists() else None


def datasette_args(db_path: Path) -> list[str]:
    """Datasette's arguments. The archive is not opened as immutable (-i): ingest may append to it
    while it is served, and Datasette must see the new rows."""
    meta = metadata_path()
    return ["serve", str(db_path), *(["--metadata", str(meta)] if meta else []),
            "--setting", "facet_time_limit_ms", "1000", "--setting", "sql_time_limit_ms", "5000"]
