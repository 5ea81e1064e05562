"""Every claim names the rule that found it (the `rule` field of the claims document and the
`rule` column of the tables), so a wrong claim can be traced to one rule."""

from __future__ import annotations

import sqlite3

from newsfacts.ingest.extract.indirect import CONTENT_RULES
from newsfacts.ingest.extract.quote_cues import CUE_RULES
from newsfacts.ingest.extract.figure_cores import READERS
from newsfacts.ingest.extract.date_expressions import PATTERNS

from .conftest import run_cli, write

TEXT = """date 2024-03-08
Harbour dues will rise by 12 percent, according to the port authority.
“We cannot keep the quay open for free,” said Mark Delaney, the harbour master.
Delaney said the new dues would take effect on Monday.
"""


def _claims(tmp_path):
    import json

    path = write(tmp_path, "harbour.txt", TEXT)
    result = run_cli("extract", path, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_each_claim_names_its_rule(tmp_path):
    claims = _claims(tmp_path)
    rules = {q["text"].split()[1]: q["rule"] for q in claims["quotes"]}
    assert rules == {"cannot": "tag", "new": "content_clause", "dues": "according_to"}, rules
    assert [f["rule"] for f in claims["figures"]] == ["digits"]
    assert {d["text"]: d["rule"] for d in claims["dates"]} == {"2024-03-08": "dateline", "Monday": "weekday"}


def test_rule_names_are_unique_in_every_table():
    for table in (CUE_RULES, CONTENT_RULES, READERS, PATTERNS):
        names = [row[0] for row in table]
        assert len(names) == len(set(names)), names


def test_the_tables_keep_each_claims_rule(tmp_path):
    path = write(tmp_path, "in/harbour.txt", TEXT)
    db = tmp_path / "archive.db"
    assert run_cli("ingest", path, "--db", db).exit_code == 0
    conn = sqlite3.connect(db)
    assert ("tag",) in conn.execute("SELECT rule FROM quotes").fetchall()
    assert conn.execute("SELECT rule FROM figures").fetchall() == [("digits",)]
    assert ("weekday",) in conn.execute("SELECT rule FROM dates").fetchall()
