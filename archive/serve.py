"""Serving the archive with Datasette: where its metadata lives and how it is started."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

METADATA_DATABASE = "archive"
"""metadata.yml describes a database named `archive` (the file archive.db)."""


def metadata_path() -> Path | None:
    """metadata.yml at the top of the checkout the package runs from (installed editable)."""
    top = Path(__file__).resolve().parent.parent / "metadata.yml"
    return top if top.exists() else None


def metadata_for(db_path: Path) -> Path | None:
    """The metadata file to serve db_path with. Datasette names a database after its file, so
    an archive called anything but archive.db gets a copy of metadata.yml under its own name."""
    meta = metadata_path()
    name = Path(db_path).stem
    if meta is None or name == METADATA_DATABASE:
        return meta
    import yaml

    data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    dbs = data.get("databases", {})
    if METADATA_DATABASE in dbs:
        dbs[name] = dbs.pop(METADATA_DATABASE)
    for key in ("description_html",):
        if key in data:
            data[key] = data[key].replace(f"/{METADATA_DATABASE}/", f"/{name}/")
    out = Path(tempfile.mkdtemp(prefix="newsfacts-")) / "metadata.json"
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def datasette_args(db_path: Path) -> list[str]:
    """Datasette's arguments. The archive is not opened as immutable (-i): ingest may append to it
    while it is served, and Datasette must see the new rows."""
    meta = metadata_for(db_path)
    return ["serve", str(db_path), *(["--metadata", str(meta)] if meta else []),
            "--setting", "facet_time_limit_ms", "1000", "--setting", "sql_time_limit_ms", "5000"]
