"""The fact store's commands: verdict, verdicts, export claimreview, import claimreview, checks,
groups. Registered on the `newsfacts` group by archive/cli.py; thin over the modules here."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import click

DB_OPTION = click.option("--db", "db_path", default="archive.db", show_default=True,
                         type=click.Path(dir_okay=False, path_type=Path), help="The archive file.")


def _open(db_path: Path):
    from ..db import connect

    return connect(db_path)


def _fail(message: str):
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@click.command()
@click.argument("claim_id")
@click.argument("rating")
@DB_OPTION
@click.option("--note", help="The fact-checker's note (the review's body).")
@click.option("--url", help="Where the review is published.")
@click.option("--actor", help="Who gives the verdict [default: $NEWSFACTS_ACTOR or the login name].")
def verdict(claim_id, rating, db_path, note, url, actor):
    """Rate a quote, figure or date on the archive's rating scale (true, mostly-true, ...).

    A second verdict by the same actor on the same claim supersedes the first; both stay in the log."""
    from . import rating_table, ratings, settings, verdicts

    conn = _open(db_path)
    try:
        path = settings.load(db_path).ratings
        scale = ratings.load_scale(path)
        verdicts.claim_table(conn, claim_id), ratings.lookup(scale, rating)  # refused before anything is appended
        rating_table.record_if_changed(conn, scale, str(path) if path else "default", actor)
        e = verdicts.record(conn, claim_id, rating, scale, note=note, url=url, actor=actor)
    except (verdicts.UnknownClaim, ratings.UnknownRating, ValueError) as err:
        _fail(str(err))
    click.echo(f"event {e.seq}: {e.payload['rating']} on {e.payload['claim_table']} {claim_id} by {e.actor}")


@click.command("ratings")
@DB_OPTION
def ratings_cmd(db_path):
    """The rating scale in force (the default or the settings' ratings file), recorded in the
    archive's `ratings` table when it changed."""
    from . import rating_table, ratings, settings

    conn = _open(db_path)
    try:
        path = settings.load(db_path).ratings
        scale = ratings.load_scale(path)
    except (OSError, ValueError) as err:
        _fail(str(err))
    e = rating_table.record_if_changed(conn, scale, str(path) if path else "default")
    click.echo(json.dumps({"recorded": e.seq if e else None,
                           "ratings": [dict(zip(("name", "rating_value", "best_rating", "worst_rating",
                                                 "alternate_name"), r)) for r in rating_table.recorded(conn)]},
                          ensure_ascii=False, indent=2))


@click.command("verdicts")
@click.argument("claim_id")
@DB_OPTION
def verdicts_cmd(claim_id, db_path):
    """The current verdicts on a claim, every earlier one, and the published reviews it matches."""
    from . import review_links, verdicts

    conn = _open(db_path)
    out = {"claim_id": claim_id, "current": verdicts.current(conn, claim_id),
           "history": verdicts.history(conn, claim_id), "checked_by": review_links.checked_by(conn, claim_id)}
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))


@click.group("export")
def export_group():
    """Export from the archive in other formats."""


@export_group.command("claimreview")
@DB_OPTION
@click.option("--since", help="Only verdicts recorded at or after this UTC time (ISO 8601).")
def export_claimreview(db_path, since):
    """Print the current verdicts as a JSON-LD array of schema.org ClaimReview objects."""
    from . import claimreview_out, settings

    conn = _open(db_path)
    click.echo(json.dumps(claimreview_out.export(conn, settings.load(db_path), since), ensure_ascii=False, indent=2))


@click.group("import")
def import_group():
    """Import into the archive from other formats."""


@import_group.command("claimreview")
@click.argument("source")
@DB_OPTION
def import_claimreview(source, db_path):
    """Record published fact-checks (ClaimReview JSON-LD: a file, a page or a URL) and link them to
    the quotes they match. A malformed input stores nothing."""
    from ..store import append_and_apply
    from .claimreview_in import BadReviews, parse, read_source

    try:
        data = read_source(source)
        reviews = parse(data, source)
    except BadReviews as err:
        _fail(str(err))
    conn = _open(db_path)
    sha = hashlib.sha256(data).hexdigest()
    if conn.execute("SELECT 1 FROM events WHERE stream = ?", (f"claimreview:{sha}",)).fetchone():
        click.echo(f"{source}: already imported")
        return
    e = append_and_apply(conn, f"claimreview:{sha}", "claimreview.imported",
                         {"source": source, "sha256": sha, "reviews": reviews})
    links = conn.execute("SELECT COUNT(*) FROM claim_review_links l JOIN claim_reviews r ON r.id = l.review_id "
                         "WHERE r.event_seq = ?", (e.seq,)).fetchone()[0]
    click.echo(f"event {e.seq}: {len(reviews)} reviews from {source}, linked to {links} quotes")


@click.command("checks")
@click.argument("article_id", required=False)
@DB_OPTION
@click.option("--status", type=click.Choice(["consistent", "inconsistent", "unclear"]))
def checks_cmd(article_id, db_path, status):
    """The checks of the numbers of one article (or of all), as JSON."""
    from . import checks

    rows = checks.listing(_open(db_path), article_id)
    click.echo(json.dumps([r for r in rows if not status or r["status"] == status], ensure_ascii=False, indent=2))


@click.command("facts")
@click.argument("article_id")
@DB_OPTION
def facts_cmd(article_id, db_path):
    """What the fact store knows of an article: checks, verdicts, published reviews, other appearances."""
    from .article_facts import article_facts

    conn = _open(db_path)
    if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
        _fail(f"no article {article_id!r}")
    click.echo(json.dumps(article_facts(conn, article_id), ensure_ascii=False, indent=2))


@click.group("groups")
def groups_group():
    """Claim groups: the same words or measure in several articles."""


@groups_group.command("suggestions")
@DB_OPTION
def groups_suggestions(db_path):
    """Groups the archive is unsure of, for a person to confirm or reject."""
    conn = _open(db_path)
    rows = conn.execute("SELECT s.claim_id, q.text, s.group_id, g.words, s.score FROM claim_group_suggestions s "
                        "JOIN quotes q ON q.id = s.claim_id JOIN claim_groups g ON g.id = s.group_id "
                        "WHERE s.status = 'suggested' ORDER BY s.score DESC, s.claim_id").fetchall()
    click.echo(json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=2))


def _decide(decision: str):
    @click.argument("claim_id")
    @click.argument("group_id")
    @DB_OPTION
    @click.option("--reason")
    def command(claim_id, group_id, db_path, reason):
        from ..store import append_and_apply

        conn = _open(db_path)
        if not conn.execute("SELECT 1 FROM claim_group_members WHERE claim_id = ?", (claim_id,)).fetchone():
            _fail(f"no quote or figure {claim_id!r} in any group")
        if not conn.execute("SELECT 1 FROM claim_groups WHERE id = ?", (group_id,)).fetchone():
            _fail(f"no claim group {group_id!r}")
        e = append_and_apply(conn, f"claim:{claim_id}", "claim_group.decided",
                             {"claim_id": claim_id, "group_id": group_id, "decision": decision, "reason": reason})
        click.echo(f"event {e.seq}: {claim_id} {decision} in {group_id}")

    command.__doc__ = f"Record that CLAIM_ID is {'' if decision == 'confirmed' else 'not '}in GROUP_ID (an event)."
    return command


groups_group.command("confirm")(_decide("confirmed"))
groups_group.command("reject")(_decide("rejected"))


def register(cli: click.Group) -> None:
    for command in (verdict, ratings_cmd, verdicts_cmd, export_group, import_group, checks_cmd, facts_cmd, groups_group):
        cli.add_command(command)
