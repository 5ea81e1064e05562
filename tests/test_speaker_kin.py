"""Speaker identity where a plain rule does not decide: a surname alone with no evidence for the one
person of that name, a suffix on one name only, a compound surname; and a person splitting one
auto-joined name off a speaker. Invented articles through the real pipeline, pages through
Datasette's client."""

from __future__ import annotations

import asyncio
import json

import pytest
import yaml
from datasette.app import Datasette

from newsfacts.archive.db import connect

from .conftest import ROOT, ingest_articles, run_cli, snapshot, write

ARTICLES = {
    "fenn1.txt": "date 2024-07-01 The city council met on Monday to discuss bus routes.\n\n"
                 "“We need more buses on the east side,” said Alderman Walter Fenn, who chairs the transit committee.\n",
    "fenn2.txt": "date 2024-07-10 A radio host spoke about her morning show.\n\n"
                 "“People call us the loudest pair on the air,” said Fenn, a radio host.\n",
    "wrenn1.txt": "date 2024-07-02 The state budget was published on Tuesday.\n\n"
                  "“The reserves are the largest in a decade,” said Joseph P. Wrenn Jr., the state treasurer.\n",
    "wrenn2.txt": "date 2024-07-12 Bond markets reacted to the budget.\n\n"
                  "“Our credit rating will hold,” said Joe Wrenn, the state treasurer.\n",
    "quill1.txt": "date 2024-07-03 The party chose its candidates on Wednesday.\n\n"
                  "“This slate can win every district,” said Delia Moreno Quill, the party chair.\n",
    "quill2.txt": "date 2024-07-13 The party's campaign began in the north.\n\n"
                  "“We will knock on every door,” said Moreno Quill, the party chair.\n",
    "prager.txt": "date 2024-07-04 The inquiry into the contract ended on Friday.\n\n"
                  "“The inquiry is closed and nobody will be charged,” said agency director Nell\u00a0Prager.\n",
    "kell1.txt": "date 2024-07-05 Three candidates for mayor debated on Friday.\n\n"
                 "“Taxes must fall,” said Marta Kell, a dentist.\n\n"
                 "“The roads come first,” said Tomas Berglund, a builder.\n\n"
                 "“Schools need money,” said Ruth Damon, a teacher.\n",
    "kell2.txt": "date 2024-07-15 The candidates met again on Monday evening.\n\n"
                 "“I will cut the rates,” Kell said.\n\n"
                 "“I will fix the bridge,” Berglund said.\n\n"
                 "“I will hire more staff,” Damon said.\n",
    "hart1.txt": "date 2024-05-02 The water board met on Tuesday.\n\n"
                 "“We have never seen reservoirs this low in May,” said Lena Hart, the board's chair.\n",
    "hart2.txt": "date 2024-05-12 Farmers protested at the water board on Thursday.\n\n"
                 "“The rules are unfair to small farms,” said Hart, a dairy farmer.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return ingest_articles(tmp_path_factory, ARTICLES)


def speaker_of(conn, words: str) -> str:
    row = conn.execute("SELECT speaker_id FROM quotes WHERE text LIKE ?", (f"%{words}%",)).fetchone()
    assert row is not None, words
    return row[0]


def suggested(conn) -> set[tuple[str, str]]:
    return {tuple(r) for r in conn.execute("SELECT speaker_id, other_id FROM speaker_suggestions")}


def test_a_surname_alone_without_evidence_stays_apart_with_a_suggestion(built):
    conn = connect(built[1])
    alderman, host = speaker_of(conn, "more buses"), speaker_of(conn, "loudest pair")
    assert alderman != host  # the only Fenn the archive knows, but nothing in the article says it is him
    assert tuple(sorted((alderman, host))) in suggested(conn)


def test_a_surname_alone_joins_the_one_holder_whose_articles_quote_the_same_company(built):
    conn = connect(built[1])
    for first, again in (("Taxes must fall", "cut the rates"), ("roads come first", "fix the bridge"),
                         ("Schools need money", "hire more staff")):
        assert speaker_of(conn, first) == speaker_of(conn, again), (first, again)


def test_a_name_with_a_suffix_joins_the_same_name_without_when_a_role_is_shared(built):
    conn = connect(built[1])
    assert speaker_of(conn, "reserves are the largest") == speaker_of(conn, "credit rating")


def test_a_compound_surname_alone_joins_the_full_name(built):
    conn = connect(built[1])
    assert speaker_of(conn, "slate can win") == speaker_of(conn, "knock on every door")


def test_a_name_written_with_a_no_break_space_is_a_speaker(built):
    conn = connect(built[1])
    row = conn.execute("SELECT speaker, attribution FROM quotes WHERE text LIKE '%inquiry is closed%'").fetchone()
    assert row["speaker"] == "Nell Prager" and row["attribution"] != "unresolved", tuple(row)


def test_roles_of_a_merged_row_leave_with_its_split(built):
    db = built[1]
    conn = connect(db)
    alderman, host = speaker_of(conn, "more buses"), speaker_of(conn, "loudest pair")
    roles = lambda sid: json.loads(conn.execute("SELECT roles FROM speakers WHERE id = ?", (sid,)).fetchone()[0])  # noqa: E731
    assert run_cli("speakers", "merge", host, alderman, "--db", db).exit_code == 0
    assert "a radio host" in roles(alderman)
    assert run_cli("speakers", "split", host, "--db", db).exit_code == 0
    assert "a radio host" not in roles(alderman) and "a radio host" in roles(host)
    assert speaker_of(conn, "loudest pair") == host


def served(db):
    meta = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    ds = Datasette([str(db)], metadata=meta)
    return lambda path: asyncio.run(ds.client.get(path)).json()


def test_split_of_one_joined_name_takes_its_quotes_roles_and_survives_rebuild(built, tmp_path):
    folder, db = built
    conn = connect(db)
    hart = speaker_of(conn, "reservoirs")
    assert speaker_of(conn, "unfair to small farms") == hart  # `Hart` at the water board: the board's chair
    assert "a dairy farmer" in json.loads(conn.execute("SELECT roles FROM speakers WHERE id = ?", (hart,)).fetchone()[0])

    refused = run_cli("speakers", "split", hart, "--name", "Hartley", "--db", db)
    assert refused.exit_code == 1 and "has no name 'Hartley'" in refused.output
    result = run_cli("speakers", "split", hart, "--name", "Hart", "--db", db, "--reason", "a farmer, not the chair")
    assert result.exit_code == 0, result.output
    farmer = speaker_of(conn, "unfair to small farms")
    assert farmer != hart and speaker_of(conn, "reservoirs") == hart
    roles = {sid: json.loads(r) for sid, r in conn.execute("SELECT id, roles FROM speakers WHERE id IN (?, ?)", (hart, farmer))}
    assert "a dairy farmer" in roles[farmer] and "a dairy farmer" not in roles[hart]
    assert conn.execute("SELECT 1 FROM speaker_distinct WHERE speaker_id = ? AND other_id = ?", (farmer, hart)).fetchone()
    page = served(db)(f"/archive/quotes.json?_shape=objects&speaker_id={farmer}")
    assert [r["speaker"] for r in page["rows"]] == ["Hart"]

    again = run_cli("speakers", "split", farmer, "--name", "Hart", "--db", db)
    assert again.exit_code == 1 and "only name" in again.output

    write(folder, "hart3.txt", "date 2024-05-20 The farmers met the board again on Monday.\n\n"
                               "“We want a seat at the table,” said Hart, the dairy farmer.\n")
    assert run_cli("ingest", folder / "hart3.txt", "--db", db, "-q").exit_code == 0
    assert speaker_of(conn, "seat at the table") == farmer  # later articles writing the name join the split-off speaker
    before = snapshot(conn)
    tables = ("speakers", "speaker_names", "speaker_sources", "speaker_distinct")
    rows_before = {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in tables}
    assert run_cli("rebuild", "--db", db).exit_code == 0
    assert snapshot(conn) == before
    assert {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in tables} == rows_before
