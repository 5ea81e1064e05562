"""Serving the archive with Datasette: where its metadata lives and how it is started."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def metadata_path() -> Path:
    """metadata.yml: the project's top-level file in a checkout, else the copy in the package."""
    top = Path(__file__).resolve().parent.parent / "metadata.yml"
    if top.exists():
        return top
    return Path(str(files("newsfacts.schema").joinpath("metadata.yml")))


def datasette_args(db_path: Path) -> list[str]:
    """Datasette's arguments. The archive is not opened as immutable (-i): ingest may append to it
    while it is served, and Datasette must see the new rows."""
    return ["serve", str(db_path), "--metadata", str(metadata_path()),
            "--setting", "facet_time_limit_ms", "1000", "--setting", "sql_time_limit_ms", "5000"]
