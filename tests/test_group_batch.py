"""An article's claims join their groups together (archive/factcheck/group_batch.py): the tables are
those that joining them one by one (claim_groups.assign_quote, claim_groups.add) gives, on ingest
and on rebuild.

Articles go through the real write path (store.record) with claims written here: quotes whose
wordings are known (copies), a new wording in the middle of an article (the run is split there),
a fuller wording arriving after its fragments (it moves them into its tree while the article's
other quotes wait), two quotes of one group in one article (ties on date and article), and
figures of one measure across articles and within one."""

from __future__ import annotations

from datetime import date

import pytest

from newsfacts.archive.db import connect
from newsfacts.archive.factcheck import claim_groups, group_batch
from newsfacts.archive.rebuild import rebuild
from newsfacts.archive.store import record
from newsfacts.schema.article import Article
from newsfacts.schema.claims import Claims, Figure, Quote, SpeakerRef

from .conftest import snapshot

FULL = "We will rebuild the northern harbour wall before the winter storms and we will pay for it ourselves"
PART = "rebuild the northern harbour wall before the winter storms"
TAIL = "northern harbour wall before the winter"
OTHER = "The ferry will run twice a day from the first of June until the end of August"
ARTICLES = [  # (key, published, [(speaker, quote)], [turnout figures])
    ("a", "2024-05-02", [("Ada Brennan", PART), ("Bo Keller", OTHER), ("Ada Brennan", TAIL)], [61.0]),
    ("b", "2024-05-01", [("Ada Brennan", PART), ("Bo Keller", OTHER), ("Ada Brennan", TAIL)], [61.0, 62.5]),
    ("c", "2024-05-02", [("Ada Brennan", TAIL), ("Ada Brennan", "a new thing she said only here today"),
                         ("Bo Keller", OTHER), ("Ada Brennan", PART + ".")], [63.0]),
    ("d", "2024-05-03", [("Bo Keller", OTHER), ("Ada Brennan", FULL), ("Ada Brennan", PART),
                         ("Ada Brennan", TAIL), ("Bo Keller", "short words")], [61.0]),
    ("e", "2024-05-02", [("Ada Brennan", FULL), ("Ada Brennan", FULL + "."), ("Bo Keller", OTHER)], []),
]


def _article(key: str, published: str, said: list[tuple[str, str]], turnout: list[float]) -> tuple[Article, Claims]:
    body, quotes, figures = "", [], []
    for speaker, words in said:
        start = len(body) + 1
        body += f"“{words},” said {speaker}.\n"
        quotes.append(Quote(text=words, kind="direct", speaker=SpeakerRef(name=speaker, kind="person"), cue="said",
                            start=start, end=start + len(words), attribution="named"))
    for value in turnout:
        text = f"{value} percent"
        start = len(body) + len("Turnout was ")
        body += f"Turnout was {text} in the harbour ward.\n"
        figures.append(Figure(text=text, value=value, unit="percent", about="turnout", start=start,
                              end=start + len(text)))
    day = date.fromisoformat(published)
    art = Article(text=body, title=f"Harbour {key}", outlet=f"{key.upper()} News", published=day,
                  url=f"https://{key}.example/harbour")
    speakers = [{"name": n, "kind": "person"} for n in dict.fromkeys(s for s, _ in said)]
    return art, Claims(extractor="test", published=day, quotes=quotes, figures=figures, speakers=speakers)


def _archive(path) -> dict:
    conn = connect(path)
    for spec in ARTICLES:
        record(conn, *_article(*spec), "test")
    out = snapshot(conn)
    conn.close()
    return out


def _columns(path, table: str, *names: str) -> list[int]:
    """Where the named columns are in a snapshot's rows (rows are tuples in the table's order)."""
    conn = connect(path)
    order = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    conn.close()
    return [order.index(n) for n in names]


def _one_by_one(monkeypatch) -> None:
    monkeypatch.setattr(group_batch, "assign_quotes", lambda conn, quotes, decided: [
        claim_groups.assign_quote(conn, q, decided) for q in quotes])
    monkeypatch.setattr(group_batch, "add_all", lambda conn, kind, aid, members: [
        claim_groups.add(conn, kind, m.claim_id, aid, m.group_id, m.wording_id, m.words) for m in members])


def test_claims_joined_together_equal_claims_joined_one_by_one(tmp_path, monkeypatch):
    """Ingested together, replayed one by one, and the other way round: the same rows (the events,
    times included, are the same in a replay; two ingests would differ in their times)."""
    runs = []
    real = group_batch._known_run
    monkeypatch.setattr(group_batch, "_known_run", lambda conn, quotes, *a: runs.append(len(quotes))
                        or real(conn, quotes, *a))
    together = _archive(tmp_path / "together.db")
    assert 3 in runs and 1 in runs  # whole articles of known wordings, and runs split by new ones
    text, article, group = _columns(tmp_path / "together.db", "quotes", "text", "article_id", "group_id")
    groups = {(r[text], r[article]): r[group] for r in together["quotes"]}
    assert len({g for (text, _), g in groups.items() if text in (FULL, PART, TAIL, PART + ".")}) == 1
    turnout = [r for r in together["claim_groups"] if r[1] == "figure"]
    assert sorted((r[-2], r[-1]) for r in turnout) == [(5, 4)]  # five figures of one measure in four articles
    conn = connect(tmp_path / "together.db")
    with monkeypatch.context() as m:
        _one_by_one(m)
        rebuild(conn)
        assert snapshot(conn) == together
        one_by_one = _archive(tmp_path / "one-by-one.db")
    conn = connect(tmp_path / "one-by-one.db")
    runs.clear()
    rebuild(conn)
    assert snapshot(conn) == one_by_one and 3 in runs


@pytest.mark.parametrize("decision", ["confirm", "reject"])
def test_an_article_with_a_decided_quote_joins_one_by_one(tmp_path, monkeypatch, decision):
    """A revision of an article one of whose quotes a person decided on: its quotes go one by one
    (the decision pins that quote), the others' together, and the rebuild equals the ingest."""
    from .conftest import run_cli

    db = tmp_path / "archive.db"
    conn = connect(db)
    a, b, c = ARTICLES[:3]
    for spec in (a, b):
        record(conn, *_article(*spec), "test")
    claim, group = conn.execute("SELECT q.id, q.group_id FROM quotes q JOIN articles a ON a.id = q.article_id "
                                "WHERE q.text = ? AND a.url LIKE 'https://b.%'", (TAIL,)).fetchone()
    other = conn.execute("SELECT group_id FROM quotes WHERE text = ?", (OTHER,)).fetchone()[0]
    result = run_cli("groups", decision, claim, other if decision == "confirm" else group, "--db", db)
    assert result.exit_code == 0, result.output
    revised = (b[0], b[1], [*b[2], ("Bo Keller", "one more thing about the ferry timetable")], b[3])
    for spec in (revised, c):  # the revision keeps the decided quote's span, so its claim id
        record(conn, *_article(*spec), "test")
    expected = other if decision == "confirm" else "g" + claim
    assert conn.execute("SELECT group_id FROM quotes WHERE id = ?", (claim,)).fetchone()[0] == expected
    runs = []
    real = group_batch._known_run
    monkeypatch.setattr(group_batch, "_known_run", lambda c, quotes, *a: runs.append(len(quotes)) or real(c, quotes, *a))
    before = snapshot(conn)
    rebuild(conn)
    assert snapshot(conn) == before
    assert runs == [3, 1, 2]  # b's first revision, then c's two runs; b's second one by one
