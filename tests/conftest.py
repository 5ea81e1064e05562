"""Fixtures: real archives built in tmp_path with the real ingest code and the real pipeline."""

from __future__ import annotations

import shutil
import socket
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.app import DEFAULT_SETTINGS

from newsfacts.archive.cli import cli
from newsfacts.archive.db import connect

from .texts import SAMPLE

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def patient_datasette(monkeypatch):
    """The tests check what a page answers, not how fast (bench/ measures that): on a loaded machine
    Datasette's 1 s query limit and 200 ms facet limit would turn a slow answer into a failed or
    facet-less page. A test of the limits passes its own settings."""
    monkeypatch.setitem(DEFAULT_SETTINGS, "sql_time_limit_ms", 30_000)
    monkeypatch.setitem(DEFAULT_SETTINGS, "facet_time_limit_ms", 30_000)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def ingest_articles(tmp_path_factory, articles: dict[str, str]) -> tuple[Path, Path]:
    """A folder of the given files (name: text) and the archive one ingest of it makes."""
    folder = tmp_path_factory.mktemp("in")
    for name, text in articles.items():
        write(folder, name, text)
    db = tmp_path_factory.mktemp("db") / "archive.db"
    result = run_cli("ingest", folder, "--db", db, "-q", "--workers", "1")
    assert result.exit_code == 0, result.output
    return folder, db


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cli(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def table_rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
    return [tuple(r) for r in conn.execute(f"SELECT * FROM [{table}] ORDER BY {', '.join(f'[{c}]' for c in cols)}")]


DERIVED = ["texts", "articles", "revisions", "extractions", "quotes", "figures", "dates", "speakers",
           "speaker_redirects", "sightings", "originals", "verdicts",
           # the fact store (archive/factcheck)
           "verdict_history", "claim_reviews", "claim_review_links", "claim_groups", "claim_group_members",
           "claim_group_suggestions", "claim_group_decisions", "quote_wordings", "quote_wording_links",
           "quote_prints", "checks", "event_counts", "ratings", "speaker_quote_tally",
           # each distinct wording of a claim, which its full-text index reads
           "quote_words", "figure_words", "date_words"]


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every derived table, row for row, plus what full-text search finds."""
    snap = {t: table_rows(conn, t) for t in DERIVED}
    snap["fts"] = [tuple(r) for r in conn.execute(
        "SELECT id FROM quotes WHERE words_id IN (SELECT rowid FROM quote_words_fts WHERE quote_words_fts MATCH "
        "'city OR plan') ORDER BY id")]
    return snap


CLAIM_WORDS = {"quotes": ("quote_sentences", "text, speaker, sentence"),
               "figures": ("figure_sentences", "text, about, sentence"), "dates": ("date_sentences", "text, sentence")}


def claim_matches(conn: sqlite3.Connection, table: str, query: str) -> list[str]:
    """The ids of the claim rows whose words match an FTS5 query, each row indexed on its own (as the
    claims' full-text indexes did before a wording was indexed once for all its copies): every row
    a search of the table must find."""
    view, cols = CLAIM_WORDS[table]
    conn.execute(f"CREATE VIRTUAL TABLE temp.each_claim USING fts5({cols})")
    try:
        conn.execute(f"INSERT INTO temp.each_claim (rowid, {cols}) SELECT rowid, {cols} FROM {view}")
        return sorted(r[0] for r in conn.execute(
            f"SELECT id FROM {table} WHERE rowid IN (SELECT rowid FROM temp.each_claim WHERE each_claim MATCH ?)",
            (query,)))
    finally:
        conn.execute("DROP TABLE temp.each_claim")


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline, loaded once for the whole session."""
    from newsfacts.ingest.extract.pipeline import load

    return load()


@pytest.fixture(scope="session")
def parse(nlp):
    """Text to Doc the way ingest parses it (no-break spaces made plain first)."""
    from newsfacts.ingest.extract.pipeline import parse_input

    return lambda text: nlp(parse_input(text))


@pytest.fixture(scope="session")
def who_speaks(parse):
    """Text to its quotes as (words, kind, speaker's name) and the article's speaker list, the way
    the extractor finds them."""
    from newsfacts.ingest.extract.quotes import find_quotes
    from newsfacts.schema.article import Article

    def run(text):
        quotes, speakers = find_quotes(parse(text), Article(text=text))
        return [(q.text, q.kind, q.speaker.name if q.speaker else None) for q in quotes], speakers
    return run


def speaker_of(quotes, words):
    """The speaker of the one quote holding `words`."""
    return next(name for text, _, name in quotes if words in text)


@pytest.fixture(scope="session")
def samples_archive(tmp_path_factory) -> Path:
    """samples/ ingested once, for tests that only read it (copy it before writing)."""
    folder = tmp_path_factory.mktemp("samples")
    shutil.copytree(ROOT / "samples", folder / "in")
    db = folder / "archive.db"
    assert run_cli("ingest", folder / "in", "--db", db, "-q", "--workers", "1").exit_code == 0
    return db


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write(folder, "sample.txt", SAMPLE)
    write(folder, "caledonia.txt", (ROOT / "samples" / "new-caledonia-referendum-2021.txt").read_text("utf-8"))
    return folder


@pytest.fixture
def archive(tmp_path: Path, articles_dir: Path) -> Path:
    """archive.db with the two articles ingested through the CLI."""
    db = tmp_path / "archive.db"
    result = run_cli("ingest", articles_dir, "--db", db, "-q")
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def conn(archive: Path):
    c = connect(archive)
    yield c
    c.close()


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a long test (a real cluster, a big archive); CI still runs it")
