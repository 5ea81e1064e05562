"""`newsfacts speakers ...`: people's decisions about who is who, recorded as events."""

from __future__ import annotations

import json
from pathlib import Path

import click

DB_OPTION = click.option("--db", "db_path", default="archive.db", show_default=True,
                         type=click.Path(dir_okay=False, path_type=Path), help="The archive file.")


def _record(db_path: Path, check, event: str, payload) -> None:
    """Check the request against the archive, then append its event (or say why not, exit 1)."""
    from .db import connect
    from .guard import check_writable
    from .speaker_decisions import Refused
    from .store import append_and_apply

    conn = connect(db_path)
    check_writable(conn)  # a tampered log is refused before anything else is said
    try:
        ids = check(conn)
    except Refused as e:
        raise click.ClickException(str(e)) from None
    body = payload(ids)
    e = append_and_apply(conn, f"speaker:{body['speaker_id']}", event, body)
    return e, ids


@click.group()
def speakers():
    """Fix speaker identities across the archive (recorded as events, kept through rebuilds and
    re-extraction). A speaker is given by its id or its exact name."""


@speakers.command("merge")
@click.argument("speaker")
@click.argument("into")
@DB_OPTION
@click.option("--reason")
def merge(speaker, into, db_path, reason):
    """Merge SPEAKER into INTO: its quotes count, and show, as INTO's."""
    from .speaker_decisions import check_merge

    e, (src, dst) = _record(db_path, lambda c: check_merge(c, speaker, into), "speaker.merged",
                            lambda ids: {"speaker_id": ids[0], "into": ids[1], "reason": reason})
    click.echo(f"event {e.seq}: {src} merged into {dst}")


@speakers.command("split")
@click.argument("speaker")
@DB_OPTION
@click.option("--reason")
@click.option("--name", "variant", help="Split this one name, joined into SPEAKER automatically, off as a speaker of its own.")
def split(speaker, db_path, reason, variant):
    """Undo the merge of SPEAKER: its quotes become its own again, and stay apart. With --name:
    that name of SPEAKER (and its quotes, roles and aliases) becomes a speaker of its own."""
    from .speaker_decisions import check_name_split, check_split

    if variant is not None:
        e, (sid, name) = _record(db_path, lambda c: check_name_split(c, speaker, variant), "speaker.name_split",
                                 lambda ids: {"speaker_id": ids[0], "variant": ids[1], "reason": reason})
        click.echo(f"event {e.seq}: {name!r} split off {sid}")
        return
    e, (sid, frm) = _record(db_path, lambda c: check_split(c, speaker), "speaker.split",
                            lambda ids: {"speaker_id": ids[0], "from_speaker": ids[1], "reason": reason})
    click.echo(f"event {e.seq}: {sid} split from {frm}")


@speakers.command("distinct")
@click.argument("speaker")
@click.argument("other")
@DB_OPTION
@click.option("--reason")
def distinct(speaker, other, db_path, reason):
    """Mark SPEAKER and OTHER as different sources: never joined or suggested again."""
    from .speaker_decisions import check_distinct

    e, (a, b) = _record(db_path, lambda c: check_distinct(c, speaker, other), "speaker.distinct",
                        lambda ids: {"speaker_id": ids[0], "other_id": ids[1], "reason": reason})
    click.echo(f"event {e.seq}: {a} and {b} are distinct")


@speakers.command("link")
@click.argument("speaker")
@click.argument("external_id")
@DB_OPTION
@click.option("--reason")
def link(speaker, external_id, db_path, reason):
    """Link SPEAKER to EXTERNAL_ID (a Wikidata QID such as Q22686, or a URI); nothing goes on
    the network. Two speakers linked to the same id become one."""
    from .speaker_decisions import check_link

    e, sid = _record(db_path, lambda c: check_link(c, speaker, external_id), "speaker.linked",
                     lambda sid: {"speaker_id": sid, "external_id": external_id, "reason": reason})
    click.echo(f"event {e.seq}: {sid} linked to {external_id}")


@speakers.command("suggestions")
@DB_OPTION
@click.option("--limit", default=20, show_default=True)
def suggestions(db_path, limit):
    """Joins the archive thinks likely but did not make, best first (JSON lines)."""
    from .db import connect

    conn = connect(db_path)
    for r in conn.execute("SELECT * FROM speaker_suggestions ORDER BY score DESC, speaker_id, other_id LIMIT ?", (limit,)):
        click.echo(json.dumps({**dict(r), "evidence": json.loads(r["evidence"])}, ensure_ascii=False))
