"""Serving the archive with Datasette: where its metadata lives and how it is started."""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

METADATA_DATABASE = "archive"
"""metadata.yml describes a database named `archive` (the file archive.db)."""

SETTINGS = ["--setting", "facet_time_limit_ms", "1000", "--setting", "sql_time_limit_ms", "5000",
            # suggestions try a GROUP BY on every column of a page: seconds at a million rows
            "--setting", "suggest_facets", "off"]


def metadata_path() -> Path | None:
    """metadata.yml as package data of the Datasette plugin, so a wheel install serves the same
    facets, searches and queries as a checkout (in a checkout it is the top-level file)."""
    packaged = Path(str(files("newsfacts.archive.web").joinpath("metadata.yml")))
    if packaged.exists():
        return packaged
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


PUBLIC_SQL_TIME_LIMIT_MS = 1000
"""Per-query time limit when the archive is served beyond this machine: a public SQL page must
not let one visitor hold a worker thread for long."""
PUBLIC_SETTINGS = ["--setting", "facet_time_limit_ms", "500", "--setting", "sql_time_limit_ms",
                   str(PUBLIC_SQL_TIME_LIMIT_MS)]


def is_public(host: str) -> bool:
    """Does serving on `host` reach beyond this machine?"""
    return host not in ("127.0.0.1", "localhost", "::1")


def datasette_args(db_path: Path, extra: tuple[str, ...] | list[str] = (), *, public: bool = False,
                   private_originals: bool = False) -> list[str]:
    """Datasette's arguments; `extra` are the caller's own Datasette options, passed on last so
    they win. The archive is not opened as immutable (-i): ingest may append to it while it is
    served, and Datasette must see the new rows. `public`: the shorter time limits of a public
    server; `private_originals`: the safety plugin hides the raw bytes (datasette_safety.py)."""
    meta = metadata_for(db_path)
    if private_originals:
        meta = _with_plugin_config(meta, {"private_originals": True})
    settings = PUBLIC_SETTINGS if public else SETTINGS
    return ["serve", str(db_path), *(["--metadata", str(meta)] if meta else []), *settings, *extra]


def _with_plugin_config(meta: Path | None, config: dict) -> Path:
    """A copy of the metadata with the safety plugin's configuration added."""
    import yaml

    from .datasette_safety import PLUGIN

    data = yaml.safe_load(meta.read_text(encoding="utf-8")) if meta else {}
    data.setdefault("plugins", {}).setdefault(PLUGIN, {}).update(config)
    out = Path(tempfile.mkdtemp(prefix="newsfacts-")) / "metadata.json"
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def port_taken(host: str, port: int) -> bool:
    """True when another server listens on host:port. SO_REUSEADDR as Datasette's server sets it,
    so the closing connections of a server just stopped do not count."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            return e.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def free_port_after(host: str, port: int, tries: int = 50) -> int | None:
    return next((p for p in range(port + 1, min(port + 1 + tries, 65536)) if not port_taken(host, p)), None)


def busy_message(host: str, port: int, command: str = "newsfacts serve") -> str | None:
    """The one line to print when host:port is taken, naming the way out; None when it is free."""
    if not port_taken(host, port):
        return None
    other = free_port_after(host, port) or port + 1
    return (f"port {port} on {host} is already in use (another server is running there): "
            f"stop it, or pick another port: {command} --port {other}")


def exec_datasette(db_path: Path, host: str, port: int, extra: tuple[str, ...] = (), *, public: bool = False,
                   private_originals: bool = False) -> None:
    """Become Datasette (exec, not a child process): a signal sent to `newsfacts serve` reaches
    Datasette itself, so stopping serve never leaves a server on the port."""
    args = [sys.executable, "-m", "datasette",
            *datasette_args(db_path, extra, public=public, private_originals=private_originals),
            "--host", host, "--port", str(port)]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, args)


def main(argv: list[str] | None = None) -> int:
    """`python -m newsfacts.archive.serve --check-port --command CMD [--host H] [--port P] ...`:
    what `./dev serve` runs before it ingests anything. Other arguments are ignored."""
    argv = list(sys.argv[1:] if argv is None else argv)
    opts = {"--host": "127.0.0.1", "--port": "8001", "--command": "newsfacts serve"}
    for i, arg in enumerate(argv):
        name, eq, value = arg.partition("=")
        if name in opts:
            opts[name] = value if eq else (argv[i + 1] if i + 1 < len(argv) else opts[name])
    try:
        port = int(opts["--port"])
    except ValueError:
        print(f"--port {opts['--port']}: not a port number", file=sys.stderr)
        return 2
    message = busy_message(opts["--host"], port, opts["--command"])
    if message:
        print(message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
