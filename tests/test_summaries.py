"""Summary tables: the counts facets and row counts read are the counts of the rows themselves,
kept by triggers through every kind of event, and the pages read them."""

from __future__ import annotations

import asyncio
import re

import pytest
import yaml
from datasette.app import Datasette

from newsfacts.archive import summaries
from newsfacts.archive.db import connect
from newsfacts.archive.rebuild import rebuild

from .conftest import ROOT, run_cli, write
from .texts import SAMPLE, article


def counts(conn) -> list[tuple]:
    return [tuple(r) for r in conn.execute("SELECT * FROM facet_counts ORDER BY page, col, given, value")]


@pytest.fixture
def history(tmp_path, archive):
    """The two-article archive plus a revision, more articles, a verdict, a merge and a split."""
    conn = connect(archive)
    write(tmp_path / "more", "copy.txt", SAMPLE.replace("two years", "three years"))
    for n in range(4):
        write(tmp_path / "more", f"a{n}.txt", article(n, published=f"2024-0{n + 1}-18"))
    assert run_cli("ingest", tmp_path / "more", "--db", archive, "-q").exit_code == 0
    qid = conn.execute("SELECT id FROM quotes LIMIT 1").fetchone()[0]
    assert run_cli("verdict", qid, "mostly-false", "--db", archive).exit_code == 0
    top = [r[0] for r in conn.execute("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL "
                                      "GROUP BY speaker_id ORDER BY COUNT(*) DESC, speaker_id LIMIT 3")]
    assert len(top) == 3
    assert run_cli("speakers", "merge", top[1], top[0], "--db", archive).exit_code == 0
    assert run_cli("speakers", "merge", top[2], top[0], "--db", archive).exit_code == 0
    assert run_cli("speakers", "split", top[2], "--db", archive).exit_code == 0
    return conn


def test_triggers_keep_the_counts_of_a_group_by(history):
    kept = counts(history)
    assert any(r[0] == "claims_by_date" for r in kept) and any(r[1] == "kind|speaker_id" for r in kept)
    summaries.fill(history)  # recounted from the rows, with one GROUP BY per page
    assert counts(history) == kept


def test_counts_are_the_pages_own_counts(history):
    conn = history
    for page, col in [("quotes", "speaker"), ("speaker_quotes", "speaker"), ("claims_by_date", "date"),
                      ("claims", "claim"), ("articles", "month")]:
        expect = [tuple(r) for r in conn.execute(
            f"SELECT [{col}], COUNT(*) FROM [{page}] WHERE [{col}] IS NOT NULL GROUP BY 1 ORDER BY 1")]
        got = [tuple(r) for r in conn.execute(
            "SELECT value, n FROM facet_counts WHERE page = ? AND col = ? AND given = '' ORDER BY value", (page, col))]
        assert got == expect and got, (page, col)
        total = conn.execute(f"SELECT COUNT(*) FROM [{page}]").fetchone()[0]
        assert conn.execute("SELECT n FROM facet_counts WHERE page = ? AND col = '*'", (page,)).fetchone()[0] == total


def test_rebuild_gives_the_same_counts(history):
    before = counts(history)
    rebuild(history)
    assert counts(history) == before


def _datasette(archive, **settings):
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    return Datasette([str(archive)], metadata=metadata, settings={"trace_debug": True, "suggest_facets": False, **settings})


def _get(ds, path):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.text[:300])
    return response.json()


def _sqls(data) -> list[str]:
    return [t["sql"] for t in data["_trace"]["traces"] if t.get("type") == "sql"]


def test_pages_read_facets_and_counts_from_the_summary(history, archive):
    conn, ds = history, _datasette(archive)
    data = _get(ds, "/archive/quotes.json?_facet=kind&_trace=1")
    sqls = _sqls(data)
    assert any("facet_counts" in s for s in sqls)
    assert not [s for s in sqls if "count(*)" in s and "from quotes" in s], "a count or facet scanned quotes"
    assert data["filtered_table_rows_count"] == conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    kinds = {r["value"]: r["count"] for r in data["facet_results"]["kind"]["results"]}
    assert kinds == dict(conn.execute("SELECT kind, COUNT(*) FROM quotes GROUP BY kind").fetchall())
    speaker = conn.execute("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id "
                           "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
    one = _get(ds, f"/archive/quotes.json?speaker_id={speaker}&_facet=cue&_trace=1")
    assert any("facet_counts" in s for s in _sqls(one))
    cues = {r["value"]: r["count"] for r in one["facet_results"]["cue"]["results"]}
    assert cues == dict(conn.execute("SELECT cue, COUNT(*) FROM quotes WHERE speaker_id = ? AND cue IS NOT NULL "
                                     "GROUP BY cue", (speaker,)).fetchall())
    assert one["filtered_table_rows_count"] == conn.execute(
        "SELECT COUNT(*) FROM quotes WHERE speaker_id = ?", (speaker,)).fetchone()[0]


def test_other_filters_and_searches_still_count_the_rows(history, archive):
    conn, ds = history, _datasette(archive)
    data = _get(ds, "/archive/quotes.json?kind=direct&_facet=outlet")
    assert data["filtered_table_rows_count"] == conn.execute(
        "SELECT COUNT(*) FROM quotes WHERE kind = 'direct'").fetchone()[0]
    outlets = {r["value"]: r["count"] for r in data["facet_results"]["outlet"]["results"]}
    assert outlets == dict(conn.execute("SELECT outlet, COUNT(*) FROM quotes WHERE kind = 'direct' "
                                        "AND outlet IS NOT NULL GROUP BY outlet").fetchall())


def test_speaker_quote_counts_and_claims_on_date_answer_as_before(history, archive):
    conn, ds = history, _datasette(archive)
    rows = _get(ds, "/archive/speaker_quote_counts.json?_shape=array")
    expect = conn.execute("SELECT s.id, COUNT(q.id), COUNT(DISTINCT q.article_id) FROM speakers s "
                          "JOIN quotes q ON q.speaker_id = s.id GROUP BY s.id").fetchall()
    assert sorted((r["id"], r["quotes"], r["articles"]) for r in rows) == sorted(map(tuple, expect))
    assert [r["quotes"] for r in rows] == sorted((r["quotes"] for r in rows), reverse=True)
    for date in ("2024", "2024-03", "2024-03-17", "202"):
        got = _get(ds, f"/archive/claims_on_date.json?date={date}&_shape=array")
        want = conn.execute("SELECT claim_id FROM claims_by_date WHERE date = ? OR date LIKE ? || '-%'",
                            (date, date)).fetchall()
        assert sorted(r["claim_id"] for r in got) == sorted(r[0] for r in want), date
    assert _get(ds, "/archive/claims_on_date.json?date=2024&_shape=array"), "no claims about 2024 to compare"


def test_the_event_logs_page_reads_its_counts_without_scanning_the_log(history, archive):
    """The events page's facets and row count come from event_counts, kept by the projections for
    every event (a verdict, merges and a split included) and the same after a rebuild."""
    conn, ds = history, _datasette(archive)
    data = _get(ds, "/archive/events.json?_trace=1")
    sqls = _sqls(data)
    assert any("event_counts" in s for s in sqls)
    assert not [s for s in sqls if "count(*)" in s and "from events" in s], "a count or facet scanned the log"
    assert data["filtered_table_rows_count"] == conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    for col in ("type", "actor"):
        shown = {r["value"]: r["count"] for r in data["facet_results"][col]["results"]}
        assert shown == dict(conn.execute(f"SELECT {col}, COUNT(*) FROM events GROUP BY 1").fetchall()), col
    assert {"speaker.merged", "speaker.split", "verdict.recorded"} <= set(
        r["value"] for r in data["facet_results"]["type"]["results"])
    kept = conn.execute("SELECT * FROM event_counts ORDER BY col, value").fetchall()
    rebuild(conn)
    assert conn.execute("SELECT * FROM event_counts ORDER BY col, value").fetchall() == kept
    filtered = _get(ds, "/archive/events.json?type=speaker.merged&_facet=actor")  # a filter still counts rows
    assert filtered["filtered_table_rows_count"] == 2


def test_the_speaker_page_and_figures_about_read_through_indexes(history, archive):
    """The speaker page picks a speaker's quotes and figures from the speaker index before joining,
    and its chart's months from the summary; figures_about finds figures through the full-text
    index. Same rows as the queries that scanned, in the same order."""
    from newsfacts.archive.web import speaker_page

    conn = history
    speaker = conn.execute("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id "
                           "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
    old = conn.execute("SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? "
                       "ORDER BY a.published DESC, q.article_id DESC, q.start DESC LIMIT ?",
                       (speaker, speaker_page.SHOWN)).fetchall()
    new = conn.execute(speaker_page.QUOTES, {"s": speaker}).fetchall()
    assert [r[0] for r in new] == [r[0] for r in old] and new
    assert conn.execute(speaker_page.PER_MONTH_KEPT, {"s": speaker}).fetchall() == \
        conn.execute(speaker_page.PER_MONTH, {"s": speaker}).fetchall()
    plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + speaker_page.QUOTES, {"s": speaker}))
    assert "COVERING INDEX quotes_speaker" in plan and "TEMP B-TREE" not in plan.split("SCAN p")[0]
    ds = _datasette(archive)
    about = next(r for r in conn.execute("SELECT id, about FROM figures WHERE about IS NOT NULL")
                 if re.search(r"[A-Za-z]{4,}", r[1]))
    word = re.search(r"[A-Za-z]{4,}", about[1]).group(0)
    found = _get(ds, f"/archive/figures_about.json?word={word}&_shape=array")
    assert about[0] in {r["id"] for r in found}
    assert all(word.lower() in (r["about"] or "").lower() + " " + (r["sentence"] or "").lower() for r in found)
    assert [r["value"] for r in found] == sorted((r["value"] for r in found), reverse=True)
