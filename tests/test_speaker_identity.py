"""Speakers as entities across the archive: name variants joined, namesakes kept apart with a
suggestion, junk names never a speaker; built from invented articles with the real pipeline."""

from __future__ import annotations

import json

import pytest

from newsfacts.archive.db import connect
from newsfacts.archive.store import record
from newsfacts.ingest.sources import read_path
from newsfacts.schema.claims import Claims

from .conftest import ingest_articles, run_cli, snapshot, write

ARTICLES = {
    "hart1.txt": "date 2024-05-02 The water board met on Tuesday.\n\n"
                 "“We have never seen reservoirs this low in May,” said Sen. Lena M. Hart, the board's chair.\n",
    "hart2.txt": "date 2024-05-09 Rationing began in the valley on Monday.\n\n"
                 "“Every household will have to cut its use by a fifth,” Lena Hart told reporters.\n",
    "hart3.txt": "date 2024-05-12 Farmers protested on Thursday.\n\n"
                 "“The rules are fair to everyone,” said Hart, who chairs the water board.\n",
    "org1.txt": "date 2024-05-03 The drought deepened in the north.\n\n"
                "“Supplies will last until August,” the Valley Water Authority said in a statement.\n",
    "org2.txt": "date 2024-05-20 Prices for water rose again.\n\n"
                "“We will review every contract,” the VWA said on Monday.\n",
    "ortega1.txt": "date 2024-06-01 The port reopened.\n\n"
                   "“Ships are moving again,” said Marco Ortega, the harbour master.\n",
    "ortega2.txt": "date 2024-06-02 The festival was cancelled.\n\n"
                   "“Safety comes first,” said Ines Ortega, the festival's director.\n",
    "ortega3.txt": "date 2024-06-03 Rain fell across the region.\n\n"
                   "“We expect more of it,” Ortega said.\n",
    "brandt1.txt": "date 2024-06-04 The mill closed its doors.\n\n"
                   "“It was a hard decision,” said Paul Brandt, the mill's founder.\n",
    "brandt2.txt": "date 2024-06-05 The mill's new owner spoke.\n\n"
                   "“We will reopen in spring,” said Paul Brandt Jr., who runs the firm now.\n",
    "quist1.txt": "date 2024-06-06 The lake froze early this year.\n\n"
                  "“Nobody remembers ice in October,” Quist said at the marina.\n",
    "quist2.txt": "date 2024-06-20 The park reopened its trails.\n\n"
                  "“The trails are safe again,” said Nora Quist, a park ranger.\n",
    "lunde1.txt": "date 2024-06-07 Crowds gathered for the rally.\n\n"
                  "“I came to hear him myself,” said Bob Lunde, a retired letter carrier.\n",
    "lunde2.txt": "date 2024-06-08 A study of rumours was published.\n\n"
                  "“Facts travel slower than rumours,” said Robert Lunde, a professor of media studies.\n",
    "varga1.txt": "date 2024-06-09 The town hall was sold.\n\n"
                  "“It was the right price,” said Edward Varga, the former mayor.\n",
    "varga2.txt": "date 2024-06-10 The sale was challenged in court.\n\n"
                  "“I stand by the sale,” said Ed Varga, the former mayor.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return ingest_articles(tmp_path_factory, ARTICLES)


def speaker_of(conn, words: str) -> tuple[str, str]:
    row = conn.execute("SELECT speaker_id, speaker FROM quotes WHERE text LIKE ?", (f"%{words}%",)).fetchone()
    assert row is not None, words
    return tuple(row)


def test_name_variants_of_one_person_are_one_speaker(built):
    conn = connect(built[1])
    ids = {speaker_of(conn, w)[0] for w in ("reservoirs", "Every household", "fair to everyone")}
    assert len(ids) == 1, ids  # Sen. Lena M. Hart, Lena Hart, and Hart alone (the only Hart)
    (sid,) = ids
    row = conn.execute("SELECT name, aliases FROM speakers WHERE id = ?", (sid,)).fetchone()
    assert row["name"] in ("Lena Hart", "Lena M. Hart")
    names = {r[0] for r in conn.execute("SELECT variant FROM speaker_names WHERE speaker_id = ?", (sid,))}
    assert {"Lena Hart", "Hart"} <= names, names


def test_an_organisations_short_name_joins_its_long_name(built):
    conn = connect(built[1])
    assert speaker_of(conn, "Supplies will last")[0] == speaker_of(conn, "review every contract")[0]


def test_namesakes_stay_apart_with_a_suggestion(built):
    conn = connect(built[1])
    marco, ines, bare = (speaker_of(conn, w)[0] for w in ("Ships are moving", "Safety comes first", "expect more"))
    assert len({marco, ines, bare}) == 3
    pairs = {(r["speaker_id"], r["other_id"]): json.loads(r["evidence"])
             for r in conn.execute("SELECT * FROM speaker_suggestions")}
    assert tuple(sorted((bare, marco))) in pairs and tuple(sorted((bare, ines))) in pairs, pairs
    assert "Marco Ortega" in pairs[tuple(sorted((bare, marco)))]["names"]


def test_father_and_son_are_never_joined(built):
    conn = connect(built[1])
    assert speaker_of(conn, "hard decision")[0] != speaker_of(conn, "reopen in spring")[0]


def test_a_surname_alone_takes_a_full_name_only_when_its_article_gives_it(built):
    conn = connect(built[1])
    assert speaker_of(conn, "ice in October")[0] != speaker_of(conn, "trails are safe")[0]


def test_a_short_given_name_joins_only_with_a_shared_role(built):
    conn = connect(built[1])
    assert speaker_of(conn, "hear him myself")[0] != speaker_of(conn, "Facts travel")[0]  # Bob is not Robert here
    assert speaker_of(conn, "right price")[0] == speaker_of(conn, "stand by the sale")[0]  # Ed is Edward, both mayors
    pairs = {tuple(r) for r in conn.execute("SELECT speaker_id, other_id FROM speaker_suggestions")}
    assert tuple(sorted((speaker_of(conn, "hear him myself")[0], speaker_of(conn, "Facts travel")[0]))) in pairs


def test_identity_is_a_function_of_the_log(built):
    conn = connect(built[1])
    tables = ["speakers", "quotes", "speaker_names", "speaker_forms", "speaker_suggestions"]
    before = {t: v for t, v in snapshot(conn).items()}
    before.update({t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in tables})
    assert run_cli("rebuild", "--db", built[1]).exit_code == 0
    after = {t: v for t, v in snapshot(conn).items()}
    after.update({t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in tables})
    assert after == before


def _claims(article, *speakers):
    """What a faulty extractor could emit: quotes whose speaker names are junk."""
    quotes, text = [], article.text
    for name, words in speakers:
        start = text.index(words)
        quotes.append({"text": words, "kind": "direct", "start": start, "end": start + len(words),
                       "speaker": {"name": name, "mention": name}, "attribution": "named"})
    return Claims.model_validate({"extractor": "faulty", "quotes": quotes,
                                  "speakers": [{"name": n, "kind": "person"} for n, _ in speakers]})


JUNK = "date 2024-07-01 Mara Quill Slams Budget Plan\n\nQ: Is it true?\n\n" \
       "“Wait, it gets better,” said the tour guide. “Prices rose,” said 14 percent of voters. " \
       "“Nobody asked us,” said Mara Quill, a council member. “Read it” at 2016\">.@MaraQ online. " \
       "RENO, Nev. (“Cold again”) and the Department said “no comment”. “Case closed” in Quill v. Quill. " \
       "“Never” says a Valley businessman. “Soon” Quill told the Courier. “Both” from Lazar, Song.\n"


def test_junk_names_are_no_speaker(tmp_path):
    path = write(tmp_path / "in", "junk.txt", JUNK)
    (article,) = read_path(path)
    claims = _claims(article, ("it", "Wait, it gets better"), ("Q", "Is it true?"), ("14 percent", "Prices rose"),
                     ("Mara Quill Slams", "Nobody asked us"), ('2016">.@MaraQ', "Read it"),
                     ("RENO, Nev. (", "Cold again"), ("Department", "no comment"), ("Quill v. Quill", "Case closed"),
                     ("Valley businessman", "Never"), ("Quill told the Courier", "Soon"), ("Lazar, Song", "Both"))
    conn = connect(tmp_path / "archive.db")
    record(conn, article, claims, "faulty")
    rows = {r["text"]: (r["speaker"], r["speaker_id"], r["attribution"]) for r in conn.execute("SELECT * FROM quotes")}
    assert rows["Nobody asked us"][0] == "Mara Quill"  # the headline's words repaired from the body
    for words in ("Wait, it gets better", "Is it true?", "Prices rose", "Read it", "Cold again", "no comment",
                  "Case closed", "Never", "Soon", "Both"):
        assert rows[words] == (None, None, "unresolved"), (words, rows[words])
    assert [r[0] for r in conn.execute("SELECT name FROM speakers")] == ["Mara Quill"]
