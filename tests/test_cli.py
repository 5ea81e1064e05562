"""The extract command's claims document (a public contract) and the small commands."""

from __future__ import annotations

import json

from newsfacts.schema.claims import Claims

from .conftest import run_cli, write
from .texts import SAMPLE, article


def test_extract_json_one_document(tmp_path):
    path = write(tmp_path, "sample.txt", SAMPLE)
    result = run_cli("extract", path)
    assert result.exit_code == 0
    doc = json.loads(result.output)
    Claims.model_validate(doc)
    assert doc["source"] == str(path) and doc["published"] == "2024-03-18"
    assert any(q["kind"] == "direct" for q in doc["quotes"])
    assert any(d["value"] == "2024-03-17" and d["text"] == "Sunday" for d in doc["dates"])
    for claim in doc["quotes"] + doc["figures"]:
        text = SAMPLE.split(" ", 2)[2]
        assert text[claim["start"]:claim["end"]] == claim["text"]


def test_extract_jsonl_many_and_a_bad_file(tmp_path):
    paths = [write(tmp_path, f"a{n}.txt", article(n)) for n in range(3)]
    bad = write(tmp_path, "bad.txt", b"")
    result = run_cli("extract", paths[0], bad, paths[1], paths[2], "--format", "jsonl")
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [d["source"] for d in lines] == [str(p) for p in paths]
    assert "bad.txt: empty file" in result.output


def test_extract_json_many_is_a_list(tmp_path):
    paths = [write(tmp_path, f"a{n}.txt", article(n)) for n in range(2)]
    result = run_cli("extract", *paths)
    assert isinstance(json.loads(result.output), list)


def test_schema_command_prints_the_claims_schema():
    schema = json.loads(run_cli("schema").output)
    assert schema["title"] == "Claims"
    assert {"quotes", "figures", "dates", "speakers"} <= set(schema["properties"])


def test_serve_refuses_a_missing_archive(tmp_path):
    result = run_cli("serve", "--db", tmp_path / "none.db")
    assert result.exit_code != 0 and "does not exist" in result.output


def test_published_json_schema_is_current():
    """schema/claims.schema.json is the contract fact-checkers' tools read: regenerate it with
    `newsfacts schema > schema/claims.schema.json` when the models change."""
    from .conftest import ROOT

    published = json.loads((ROOT / "schema" / "claims.schema.json").read_text("utf-8"))
    assert published == Claims.model_json_schema()
