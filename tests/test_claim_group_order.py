"""Claim groups are a function of the claims, not of the order their articles arrived in; copies
of a quote cost a counter, not a comparison; a claim that leaves takes the archive back to where
it would be had the claim never been there.

Articles go through the real write path (store.record) with claims written here, so many orders
cost no NLP."""

from __future__ import annotations

import random
from datetime import date

from newsfacts.archive.db import connect
from newsfacts.archive.store import record
from newsfacts.schema.article import Article
from newsfacts.schema.claims import Claims, Quote, SpeakerRef

from .conftest import table_rows

FULL = "We will rebuild the northern harbour wall before the winter storms and we will pay for it ourselves"
SAID = [  # (key, speaker, published, quote)
    ("full", "Ada Brennan", "2024-05-02", FULL),
    ("part", "Ada Brennan", "2024-05-03", "rebuild the northern harbor wall before the winter storms"),
    ("tail", "Ada Brennan", "2024-05-01", "northern harbour wall before the winter"),
    ("other", "Ada Brennan", "2024-05-04", "We will rebuild the northern harbour wall, she said, and the "
                                           "southern pier before the summer"),
    ("loose", "Ada Brennan", "2024-05-05", "they would rebuild the northern harbour wall before the storms this winter"),
    ("copy", "Ada Brennan", "2024-05-02", FULL + "."),
    ("someone", "Bo Keller", "2024-05-02", FULL),
    ("plan1", "Bo Keller", "2024-05-06", "Plan 1 will change how we work"),
    ("plan7", "Bo Keller", "2024-05-07", "Plan 7 will change how we work"),
]
GROUP_TABLES = ("claim_groups", "claim_group_members", "claim_group_suggestions", "quote_wordings",
                "quote_wording_links", "quote_prints")


def _article(key: str, speaker: str, published: str, text: str, n: int = 0) -> tuple[Article, Claims]:
    body = f"“{text},” said {speaker}, speaking in Osterby."
    day = date.fromisoformat(published)
    url = f"https://{key}.example/harbour/{n}"
    art = Article(text=body, title=f"Harbour wall {key}", outlet=f"{key.title()} News", published=day, url=url)
    quote = Quote(text=text, kind="direct", speaker=SpeakerRef(name=speaker, kind="person"), cue="said",
                  start=1, end=1 + len(text), attribution="named")
    return art, Claims(extractor="test", published=day, quotes=[quote], speakers=[{"name": speaker, "kind": "person"}])


def _quotes(conn) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute("SELECT speaker_id, text, group_id FROM quotes"))


def _archive(path, order) -> dict:
    conn = connect(path)
    for key, speaker, published, text in order:
        record(conn, *_article(key, speaker, published, text), "test")
    out = {t: table_rows(conn, t) for t in GROUP_TABLES}
    out["quotes"] = _quotes(conn)
    conn.close()
    return out


def test_any_order_of_arrival_gives_the_same_groups(tmp_path):
    orders = [SAID, SAID[::-1]] + [random.Random(seed).sample(SAID, len(SAID)) for seed in range(4)]
    results = [_archive(tmp_path / f"a{i}.db", order) for i, order in enumerate(orders)]
    assert all(r == results[0] for r in results[1:])
    groups = {text: g for who, text, g in results[0]["quotes"] if who == "ada-brennan"}
    assert groups[FULL] == groups[FULL + "."] == groups[SAID[1][3]] == groups[SAID[2][3]]
    assert groups[SAID[3][3]] != groups[FULL]  # another statement sharing a phrase: not chained in
    assert len({g for who, text, g in results[0]["quotes"] if text == FULL}) == 2  # another speaker's words
    bo = {text: g for who, text, g in results[0]["quotes"] if who == "bo-keller"}
    assert bo["Plan 1 will change how we work"] != bo["Plan 7 will change how we work"]
    conn = connect(tmp_path / "a0.db")
    row = conn.execute("SELECT words, first_published, claims, articles FROM claim_groups WHERE id = ?",
                       (groups[FULL],)).fetchone()
    assert tuple(row) == (FULL + ".", "2024-05-01", 4, 4)  # the fullest words; the earliest member first
    suggested = {r[0] for r in conn.execute("SELECT q.text FROM claim_group_suggestions s JOIN quotes q "
                                            "ON q.id = s.claim_id WHERE s.status = 'suggested'")}
    assert SAID[4][3] in suggested and "Plan 1 will change how we work" in suggested


def test_copies_of_a_quote_add_no_prints_and_count_once_each(tmp_path):
    conn = connect(tmp_path / "archive.db")
    record(conn, *_article("full", "Ada Brennan", "2024-05-02", FULL), "test")
    prints = conn.execute("SELECT COUNT(*) FROM quote_prints").fetchone()[0]
    for n in range(1, 40):
        record(conn, *_article("full", "Ada Brennan", "2024-05-02", FULL, n), "test")
    assert conn.execute("SELECT COUNT(*) FROM quote_prints").fetchone()[0] == prints
    assert tuple(conn.execute("SELECT COUNT(*), SUM(quotes) FROM quote_wordings").fetchone()) == (1, 40)
    assert tuple(conn.execute("SELECT claims, articles FROM claim_groups").fetchone()) == (40, 40)


def test_a_quote_that_leaves_takes_the_groups_back(tmp_path):
    """A revision drops the full quote: its fragments regroup as if it had never been there."""
    keep = [s for s in SAID if s[0] != "full"]
    expected = _archive(tmp_path / "never.db", keep)
    conn = connect(tmp_path / "left.db")
    for order in SAID:
        record(conn, *_article(*order), "test")
    art, _ = _article(*SAID[0])
    revised = art.model_copy(update={"text": "The minister spoke about the harbour, said Ada Brennan."})
    record(conn, revised, Claims(extractor="test", published=art.published), "test")
    got = {t: table_rows(conn, t) for t in GROUP_TABLES}
    got["quotes"] = _quotes(conn)
    assert got == expected
