"""Commands that keep the log trustworthy: keys, checkpoints, proofs, verify, reseal, backup."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

DB = click.option("--db", "db_path", default="archive.db", show_default=True,
                  type=click.Path(dir_okay=False, path_type=Path), help="The archive file.")
KEY = click.option("--key", "key_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                   help="The signing key [default: $NEWSFACTS_KEY or ~/.config/newsfacts/checkpoint.key].")
PUBLIC = click.option("--public-key", "public_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                      help="Require checkpoints signed by this key (its .pub file).")
CHECKPOINTS = click.option("--checkpoint", "checkpoint_files", multiple=True,
                           type=click.Path(exists=True, dir_okay=False, path_type=Path),
                           help="A checkpoint file the log must extend (repeatable).")


def _pinned(public_path: Path | None) -> bytes | None:
    from .keys import load_public

    return load_public(public_path) if public_path else None


def _readonly(db_path: Path):
    from .verify import NotAnArchive, open_readonly

    try:
        return open_readonly(db_path)
    except NotAnArchive as e:
        raise click.ClickException(str(e)) from None


@click.command()
@KEY
def keygen(key_path):
    """Make an Ed25519 signing key for checkpoints (never overwrites one; mode 0600;
    encrypted when $NEWSFACTS_KEY_PASSPHRASE is set). Keep it; publish the .pub file."""
    from .keys import default_key_path, generate

    path = key_path or default_key_path()
    pub, kid = generate(path)
    click.echo(f"key {kid}: private {path}, public {pub}")


@click.command()
@DB
@KEY
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write it here (else printed).")
@click.option("--no-record", is_flag=True, help="Do not record it in the log (a read-only archive or a copy).")
def checkpoint(db_path, key_path, out, no_record):
    """Sign a checkpoint of the log (size, Merkle tree head, time), record it in the log and print
    it (or write it to --out). Keep it somewhere the archive's owner cannot change it."""
    from contextlib import nullcontext
    from dataclasses import asdict

    from . import checkpoint as cp
    from .cli import _open
    from .db import transaction
    from .keys import default_key_path, load_private
    from .log import append, utc_now
    from .projections import apply

    key = load_private(key_path or default_key_path())
    conn = _readonly(db_path) if no_record else _open(db_path)
    with transaction(conn) if not no_record else nullcontext():  # the head and its event: one moment
        try:
            lt = cp.signable(conn)
        except ValueError as e:
            raise click.ClickException(str(e)) from None
        if lt.size == 0:
            raise click.ClickException("the log is empty: there is nothing to checkpoint")
        made = cp.make(lt, key, utc_now())
        if not no_record:
            apply(conn, append(conn, cp.STREAM, "checkpoint.recorded", asdict(made)))
    text = json.dumps(cp.to_file(lt, made), indent=1)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
        click.echo(f"checkpoint of {made.size} events, head {made.root[:16]}..., key {made.key_id} -> {out}")
    else:
        click.echo(text)


@click.command()
@DB
@CHECKPOINTS
@PUBLIC
@click.option("--tables", is_flag=True, help="Also check every derived table against a replay of the log.")
@click.option("--complete", is_flag=True,
              help="Also require that no event follows the newest checkpoint given but the one recording it.")
def verify(db_path, checkpoint_files, public_path, tables, complete):
    """Check the hash chain, every payload (through its own schema version), the append-only
    triggers, and that the log extends every checkpoint given and every one it records."""
    from . import verify as v

    conn = _readonly(db_path)
    chain, lt = v.chain_and_tree(conn)
    lines = [chain, *v.protections(conn), *v.checkpoints(conn, list(checkpoint_files), _pinned(public_path), lt)]
    if complete:
        lines.append(v.covered(conn, list(checkpoint_files)))
    if tables:
        lines += v.tables(conn)
    for line in lines:
        click.echo(line.text, err=not line.ok)
    sys.exit(0 if all(line.ok for line in lines) else 1)


@click.command()
@click.argument("event", type=int)
@DB
@click.option("--checkpoint", "checkpoint_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Prove against this checkpoint [default: the latest the log records].")
def prove(event, db_path, checkpoint_file):
    """Print an inclusion proof of EVENT (its number) against the latest checkpoint: anyone can
    check it with `newsfacts verify-proof`, without the archive."""
    from . import checkpoint as cp

    conn = _readonly(db_path)
    if checkpoint_file:
        made = cp.from_file(checkpoint_file.read_text(encoding="utf-8"))[0]
    else:
        recorded = cp.recorded(conn)
        if not recorded:
            raise click.ClickException("the log records no checkpoint yet: run `newsfacts checkpoint`")
        made = recorded[-1][1]
    try:
        proof = cp.inclusion(cp.read_tree(conn, made.size), conn, event, made)
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    click.echo(json.dumps(proof, indent=1, ensure_ascii=False))


@click.command("verify-proof")
@click.argument("proof_file", type=click.File("r", encoding="utf-8"))
@PUBLIC
def verify_proof(proof_file, public_path):
    """Check an inclusion proof from `newsfacts prove` (no archive needed)."""
    from .checkpoint import check_inclusion

    try:
        proof = json.load(proof_file)
    except ValueError as e:
        raise click.ClickException(f"{proof_file.name}: not JSON ({e})") from None
    finding = check_inclusion(proof, _pinned(public_path))
    click.echo(("ok: " if finding.ok else "") + finding.message, err=not finding.ok)
    sys.exit(0 if finding.ok else 1)


@click.command()
@DB
@CHECKPOINTS
@PUBLIC
def reseal(db_path, checkpoint_files, public_path):
    """Put the append-only triggers back, only on a log that verifies (against the checkpoints
    given, if any): for an archive whose triggers someone removed."""
    import sqlite3

    from . import verify as v
    from .guard import reseal as run

    conn = _readonly(db_path)
    lines = [v.chain(conn), *v.checkpoints(conn, list(checkpoint_files), _pinned(public_path))]
    conn.close()
    bad = [line.text for line in lines if not line.ok]
    if bad:
        raise click.ClickException("not resealed, the log does not verify: " + "; ".join(bad))
    rw = sqlite3.connect(db_path, isolation_level=None, timeout=30)
    rw.execute("BEGIN IMMEDIATE")
    redone = run(rw)
    rw.execute("COMMIT")
    click.echo(f"re-created {', '.join(redone)}" if redone else "the triggers were in place: nothing to do")
    if not checkpoint_files:
        click.echo("note: no checkpoint was given, so a rewritten history would not have been seen", err=True)


@click.command("backup")
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@DB
@CHECKPOINTS
@PUBLIC
def backup_cmd(dest, db_path, checkpoint_files, public_path):
    """Copy the archive to DEST while it is in use (SQLite's online backup), then verify the copy:
    its chain, and against the latest checkpoint it records and any given."""
    from . import checkpoint as cp
    from . import verify as v
    from .backup import backup

    _readonly(db_path).close()
    try:
        pages = backup(db_path, dest)
    except FileExistsError as e:
        raise click.ClickException(str(e)) from None
    copy = _readonly(dest)
    lines = [v.chain(copy), *v.checkpoints(copy, list(checkpoint_files), _pinned(public_path))]
    recorded = cp.recorded(copy)
    for line in lines:
        click.echo(line.text, err=not line.ok)
    if not all(line.ok for line in lines):
        raise click.ClickException(f"{dest} was written but does not verify")
    against = f"against the checkpoint of size {recorded[-1][1].size}" if recorded else \
        "(no checkpoint yet: `newsfacts checkpoint` makes one)"
    click.echo(f"backup {dest}: {pages} pages, verified {against}")


COMMANDS = [keygen, checkpoint, verify, prove, verify_proof, reseal, backup_cmd]
