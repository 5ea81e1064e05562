"""The `newsfacts` command line: thin commands over the Python API."""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

import click

from .workers import TIME_LIMIT

DB_OPTION = click.option("--db", "db_path", default="archive.db", show_default=True,
                         type=click.Path(dir_okay=False, path_type=Path), help="The archive file.")


def _open(db_path: Path, write: bool = True):
    """The archive, brought to the current schema; for a writing command, refused (with the fix
    named) when its log is not safe to append to (archive/guard.py)."""
    from .db import connect
    from .guard import check_writable

    conn = connect(db_path)
    if write:
        check_writable(conn)
    return conn


class _Group(click.Group):
    """Turns the archive's refusals (tampered, locked, a key that cannot be used) into one line."""

    def invoke(self, ctx):
        from .guard import ArchiveTampered
        from .keys import KeyError_
        from .locking import ArchiveBusy

        try:
            return super().invoke(ctx)
        except (ArchiveTampered, ArchiveBusy, KeyError_) as e:
            raise click.ClickException(str(e)) from None


@click.group(cls=_Group)
@click.version_option(package_name="newsfacts")
def cli():
    """newsfacts: an event-sourced archive of news articles and their claims."""


@cli.command()
@click.argument("targets", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes [default: one per core; small batches use one].")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only the summary.")
@click.option("--follow-symlinks", is_flag=True, help="Read symbolic links that lead out of a folder.")
@click.option("--scheduler", metavar="tcp://HOST:8786",
              help="Extract on the workers of this Dask scheduler (one writer here, in input order).")
@click.option("--time-limit", type=click.FloatRange(min=0), default=TIME_LIMIT, show_default=True,
              help="Seconds one article may take to extract (in a worker process, stopped past it); "
                   "0: no limit, extract in this process.")
def ingest(targets, db_path, workers, quiet, follow_symlinks, scheduler, time_limit):
    """Ingest articles from files, folders (recursively), URLs or '-' (standard input).

    Each article is recorded in its own transaction; a bad input is reported and skipped. Ends
    with a summary; the exit status is 1 when anything failed.
    """
    from .batch import ingest as run

    conn = _open(db_path)
    started = time.monotonic()
    tty = sys.stderr.isatty()
    seen = [0]

    def progress(summary, source):
        seen[0] += 1
        if quiet:
            return
        rate = seen[0] / max(time.monotonic() - started, 1e-9)
        text = f"[{seen[0]}] {summary.line()} ({rate:.1f}/s)"
        if tty:
            click.echo(f"\r{text} {Path(source).name[:40]:<40}", err=True, nl=False)
        elif seen[0] % 25 == 0:
            click.echo(text, err=True)

    try:
        summary = run(conn, targets, workers=workers, progress=progress, follow_links=follow_symlinks,
                      scheduler=scheduler, time_limit=time_limit or None)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: articles recorded so far are kept; run again to continue", err=True)
        sys.exit(130)
    except sqlite3.DatabaseError as e:  # a full disk, an I/O error: the article in hand was rolled back
        click.echo(f"\nerror: {db_path}: the archive could not be written ({e}); the articles recorded "
                   "before it are kept whole; free space and run again to continue", err=True)
        sys.exit(1)
    if tty and not quiet and seen[0]:
        click.echo("", err=True)
    for source, reason in summary.failures:
        click.echo(f"error: {source}: {reason}", err=True)
    click.echo(f"{summary.line()} in {time.monotonic() - started:.1f}s -> {db_path}")
    sys.exit(1 if summary.failed else 0)


@cli.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True)
def extract(targets, fmt):
    """Print the claims document of each article in TARGETS (nothing is stored).

    The pipeline is loaded once for the whole batch. With json, one document prints as an object
    and several as a list; with jsonl, one line per document.
    """
    from newsfacts.ingest.extract import extract_many
    from newsfacts.ingest.extract.pipeline import too_long
    from newsfacts.ingest.sources import ReadError, iter_inputs

    failed = 0

    def articles():
        nonlocal failed
        for item in iter_inputs(targets):
            if isinstance(item, ReadError):
                click.echo(f"error: {item}", err=True)
                failed += 1
            elif reason := too_long(item.text):
                click.echo(f"error: {item.source}: {reason}", err=True)
                failed += 1
            else:
                yield item

    docs = (c.model_dump(mode="json") for _, c in extract_many(articles()))
    if fmt == "jsonl":
        for d in docs:
            click.echo(json.dumps(d, ensure_ascii=False))
    else:
        docs = list(docs)
        click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2))
    sys.exit(1 if failed else 0)


@cli.command()
@DB_OPTION
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes [default: one per core].")
def reextract(db_path, workers):
    """Run the current extractors on every article whose claims come from an older version.

    Works from the texts in the log (no source files needed); appends new extraction events and
    keeps the old ones."""
    from .batch import reextract as run

    started = time.monotonic()
    summary = run(_open(db_path), workers=workers)
    for source, reason in summary.failures:
        click.echo(f"error: {source}: {reason}", err=True)
    click.echo(f"{summary.counts['reextracted']} re-extracted, {summary.failed} failed "
               f"in {time.monotonic() - started:.1f}s")
    sys.exit(1 if summary.failed else 0)


@cli.command()
@DB_OPTION
def rebuild(db_path):
    """Drop the derived tables and replay every event (no NLP is re-run)."""
    from .rebuild import rebuild_report

    started = time.monotonic()
    done = rebuild_report(_open(db_path))
    click.echo(f"replayed {done.events} events in {time.monotonic() - started:.1f}s (write lock held "
               f"{done.lock_s:.2f}s, for the swap and the {done.caught_up} events recorded meanwhile)")


@cli.command()
@click.argument("article_id")
@DB_OPTION
@click.option("--as-of", "as_of", help="A UTC time (ISO 8601) or an event number: what the archive knew then.")
def history(article_id, db_path, as_of):
    """The revisions and extractions of an article, or its state at an earlier moment."""
    from .rebuild import as_of as at

    conn = _open(db_path, write=False)
    if as_of:
        until = {"until_seq": int(as_of)} if as_of.isdigit() else {"until_time": as_of}
        conn = at(conn, **until)
    art = conn.execute("SELECT id, title, revision, content_hash, updated_at FROM articles WHERE id = ?",
                       (article_id,)).fetchone()
    if art is None:
        raise click.ClickException(f"no article {article_id}" + (f" as of {as_of}" if as_of else ""))
    out = {
        "article": dict(art),
        "revisions": [dict(r) for r in conn.execute(
            "SELECT revision, content_hash, title, recorded_at, event_seq FROM revisions "
            "WHERE article_id = ? ORDER BY revision", (article_id,))],
        "extractions": [dict(r) for r in conn.execute(
            "SELECT event_seq, revision, extractor, quotes, figures, dates, recorded_at FROM extractions "
            "WHERE article_id = ? ORDER BY event_seq", (article_id,))],
        "quotes": [dict(r) for r in conn.execute(
            "SELECT id, kind, text, speaker FROM quotes WHERE article_id = ? ORDER BY start", (article_id,))],
    }
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))


@cli.command(context_settings={"ignore_unknown_options": True})
@DB_OPTION
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--private-originals", is_flag=True, help="Hide the raw bytes (originals, events.payload).")
@click.argument("datasette_options", nargs=-1, type=click.UNPROCESSED)
def serve(db_path, port, host, private_originals, datasette_options):
    """Browse the archive in Datasette (read-only), with metadata.yml and the newsfacts plugin.

    Options after the known ones go to `datasette serve` (e.g. --setting sql_time_limit_ms 10000).
    On a host other than this machine's loopback it warns that the archive becomes public."""
    from .serve import PUBLIC_SQL_TIME_LIMIT_MS, busy_message, exec_datasette, is_public

    if not db_path.exists():
        raise click.ClickException(f"{db_path} does not exist: run `newsfacts ingest` first")
    if message := busy_message(host, port):
        raise click.ClickException(message)
    _open(db_path, write=False).close()  # bring it to the current schema before Datasette opens it read-only
    public = is_public(host)
    if public:
        click.echo(f"warning: serving on {host}: the archive becomes public to anyone who can reach this "
                   f"machine, its SQL page included (queries limited to {PUBLIC_SQL_TIME_LIMIT_MS} ms); "
                   + ("originals are private" if private_originals
                      else "the raw bytes in originals too (--private-originals hides them)"), err=True)
    exec_datasette(db_path, host, port, datasette_options, public=public, private_originals=private_originals)


@cli.command("schema")
def schema_cmd():
    """Print the JSON Schema of the claims document (the public contract of `extract`)."""
    from newsfacts.schema.claims import Claims

    click.echo(json.dumps(Claims.model_json_schema(), indent=2))


from .speakers_cli import speakers  # noqa: E402 (registered after the group exists)

cli.add_command(speakers)

from .factcheck.cli import register as _register_factcheck  # noqa: E402  (verdicts, ClaimReview, checks, groups)

_register_factcheck(cli)

from .cli_trust import COMMANDS as _TRUST  # noqa: E402 - keygen, checkpoint, verify, prove, reseal, backup

for _command in _TRUST:
    cli.add_command(_command)
