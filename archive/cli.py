"""The `newsfacts` command line: thin commands over the Python API."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsfacts.ingest.sources import ReadError, iter_paths, read_path


@click.group()
@click.version_option(package_name="newsfacts")
def cli():
    """newsfacts: an event-sourced archive of news articles and their claims."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True)
def extract(files, fmt):
    """Print the claims document of each FILE (quotes, figures, dates, speakers).

    The pipeline is loaded once for the whole batch. With json, one document prints as an object
    and several as a list; with jsonl, one line per document.
    """
    from newsfacts.ingest.extract import extract_many

    articles, failed = [], 0
    for path in iter_paths(files):
        try:
            articles.extend(read_path(path))
        except ReadError as e:
            click.echo(f"error: {e}", err=True)
            failed += 1
    docs = [c.model_dump(mode="json") for _, c in extract_many(articles)]
    if fmt == "jsonl":
        for d in docs:
            click.echo(json.dumps(d, ensure_ascii=False))
    else:
        click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)


@cli.command("schema")
def schema_cmd():
    """Print the JSON Schema of the claims document."""
    from newsfacts.schema.claims import Claims

    click.echo(json.dumps(Claims.model_json_schema(), indent=2))
