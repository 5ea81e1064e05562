"""Pages that cost the same in a big archive as in a small one: what they draw is capped, what they
count is read from an index, and what they leave out is one link away, on a table page that pages
through every row (bench/pages.py times them at ten thousand and a million quotes).

The archive: one invented article extracted once, then recorded 60 times under new URLs and dates
through the write path (`store.record`, as bench/scaled.py does), so one speaker has more quotes
than a page draws."""

from __future__ import annotations

import asyncio
import hashlib
import re
from datetime import date, timedelta

import markupsafe
import pytest
import yaml
from datasette.app import Datasette

from newsfacts.archive.db import FTS_TABLES, connect
from newsfacts.archive.web import speaker_page

from .conftest import ROOT, write
from .texts import SAMPLE

COPIES = 60


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    from newsfacts.archive.store import record
    from newsfacts.ingest.extract import EXTRACTOR_VERSION, extract_many
    from newsfacts.ingest.sources import read_path

    folder = tmp_path_factory.mktemp("in")
    [source] = read_path(write(folder, "harbour.txt", SAMPLE))
    [(_, claims)] = list(extract_many([source]))
    db = tmp_path_factory.mktemp("db") / "archive.db"
    conn = connect(db)
    for k in range(COPIES):
        url = f"https://copies.test.invalid/{k}/harbour"
        raw = SAMPLE.encode() + f"\n<!-- copy {k} -->\n".encode()
        art = source.model_copy(update={"url": url, "source": url, "outlet": f"Outlet {k % 3} (invented)",
                                        "published": date(2024, 1, 1) + timedelta(days=k), "raw": raw,
                                        "raw_sha256": hashlib.sha256(raw).hexdigest()})
        record(conn, art, claims.model_copy(update={"source": url}), EXTRACTOR_VERSION, actor="test")
    speaker, n = conn.execute("SELECT speaker_id, COUNT(*) FROM quotes WHERE speaker_id IS NOT NULL "
                              "GROUP BY speaker_id ORDER BY 2 DESC LIMIT 1").fetchone()
    assert n > speaker_page.SHOWN, "the archive must hold more quotes of one speaker than a page draws"
    yield db, conn, speaker
    conn.close()


def _datasette(db):
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    return Datasette([str(db)], metadata=metadata, settings={"trace_debug": True, "suggest_facets": False})


def _get(ds, path):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.text[:300])
    return response


def test_the_speaker_page_draws_the_newest_quotes_and_links_to_every_one(big):
    db, conn, speaker = big
    ds = _datasette(db)
    html = _get(ds, f"/archive/speakers/{speaker}").text
    newest = [r[0] for r in conn.execute(
        "SELECT id FROM quotes WHERE speaker_id = ? ORDER BY published DESC, article_id DESC, start DESC LIMIT ?",
        (speaker, speaker_page.SHOWN))]
    drawn = re.findall(r'<td><a href="/archive/quotes/([^"]+)">', html)
    assert drawn == newest
    total = conn.execute("SELECT COUNT(*) FROM quotes WHERE speaker_id = ?", (speaker,)).fetchone()[0]
    assert f"{total:,} quotes</a>" in html and f"The newest {speaker_page.SHOWN} of {total:,}" in html
    every = re.search(r'<a href="(/archive/quotes\?speaker_id=[^"]+)">every quote</a>', html).group(1)
    seen, path = [], every.replace("/archive/quotes?", "/archive/quotes.json?") + "&_size=50"
    while path:
        page = _get(ds, path).json()
        seen += [r[0] for r in page["rows"]]
        path = page["next_url"] and page["next_url"].split("localhost", 1)[-1]
    assert sorted(seen) == sorted(r[0] for r in conn.execute("SELECT id FROM quotes WHERE speaker_id = ?",
                                                                (speaker,)))
    assert len(seen) == len(set(seen)) == total  # the table pages lose no row and repeat none


def test_quotes_of_speaker_gives_the_newest_hundred_of_every_speaker_named(big):
    db, conn, speaker = big
    name = conn.execute("SELECT name FROM speakers WHERE id = ?", (speaker,)).fetchone()[0]
    word = name.split()[-1][1:]  # part of a name
    found = _get(_datasette(db), f"/archive/quotes_of_speaker.json?speaker={word}&_shape=array").json()
    want = conn.execute(
        "SELECT q.id FROM quotes q JOIN speakers s ON s.id = q.speaker_id WHERE s.id = :w OR s.name LIKE '%' || :w "
        "|| '%' ORDER BY q.published DESC, q.article_id DESC, q.start DESC LIMIT 100", {"w": word}).fetchall()
    assert [r["id"] for r in found] == [r[0] for r in want] and len(found) == 100
    # an id names one speaker, found through the index: not the names that contain it
    by_id = _get(_datasette(db), f"/archive/quotes_of_speaker.json?speaker={speaker}&_shape=array").json()
    assert [r["id"] for r in by_id] == [r[0] for r in conn.execute(
        "SELECT id FROM quotes WHERE speaker_id = ? ORDER BY published DESC, article_id DESC, start DESC LIMIT 100",
        (speaker,))] and by_id


def test_a_search_counts_its_matches_in_the_full_text_index(big):
    db, conn, _ = big
    ds = _datasette(db)
    data = _get(ds, "/archive/quotes.json?_search=storm&_trace=1").json()
    sqls = [t["sql"] for t in data["_trace"]["traces"] if t.get("type") == "sql"]
    want = conn.execute("SELECT COUNT(*) FROM quote_sentences WHERE text LIKE '%storm%' OR sentence LIKE '%storm%'"
                        ).fetchone()[0]
    assert data["filtered_table_rows_count"] == want > 0
    # the count reads the index of the quotes' wordings (each wording once) and the quotes' index on
    # it, never a quote row
    count = next(s for s in sqls if s.startswith("select count(*) from quotes where words_id in (select rowid "
                                                 "from quote_words_fts"))
    plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + count.replace("escape_fts(:search)", "'storm'")))
    assert "COVERING INDEX quotes_words" in plan, plan
    # with a filter beside the search, Datasette's own count runs, and agrees
    outlet = conn.execute("SELECT outlet FROM quotes LIMIT 1").fetchone()[0]
    one = _get(ds, f"/archive/quotes.json?_search=storm&outlet={outlet}").json()
    assert one["filtered_table_rows_count"] == conn.execute(
        "SELECT COUNT(*) FROM quote_sentences s JOIN quotes q ON q.rowid = s.rowid "
        "WHERE (s.text LIKE '%storm%' OR s.sentence LIKE '%storm%') AND q.outlet = ?",
        (outlet,)).fetchone()[0] > 0


def test_the_search_query_ranks_the_newest_matches_of_each_kind(big):
    db, conn, _ = big
    rows = _get(_datasette(db), "/archive/search.json?q=storm&_shape=array").json()
    assert 0 < len(rows) <= 100 and "quote" in {r["kind"] for r in rows}
    assert all("storm" in (r["text"] + " " + (r["sentence"] or "")).lower() for r in rows)
    # fewer matches than the 2,000 ranked: the best 100 of all of them, as an unlimited ranking gives
    # (equals in rank: articles by id, claims newest first; a claim's rank is its wording's)
    every = conn.execute(
        "SELECT 'quote', q.id, s.rank, -q.rowid FROM quote_words_fts s JOIN quotes q ON q.words_id = s.rowid WHERE "
        "quote_words_fts MATCH 'storm' UNION ALL SELECT 'article', a.id, s.rank, a.id FROM texts_fts s JOIN articles a "
        "ON a.text_id = s.rowid WHERE texts_fts MATCH 'storm' UNION ALL SELECT 'figure', f.id, s.rank, -f.rowid FROM "
        "figure_words_fts s JOIN figures f ON f.words_id = s.rowid WHERE figure_words_fts MATCH 'storm' UNION ALL "
        "SELECT 'date', d.id, s.rank, -d.rowid FROM date_words_fts s JOIN dates d ON d.words_id = s.rowid WHERE "
        "date_words_fts MATCH 'storm' ORDER BY 3, 1, 4 LIMIT 100").fetchall()
    assert [(r["kind"], r["id"]) for r in rows] == [(k, i) for k, i, _, _ in every]


def test_a_one_filter_count_reads_the_columns_tally(big):
    db, conn, _ = big
    ds = _datasette(db)
    outlet = conn.execute("SELECT outlet FROM quotes LIMIT 1").fetchone()[0]
    data = _get(ds, f"/archive/quotes.json?outlet={outlet}&_trace=1").json()
    assert data["filtered_table_rows_count"] == conn.execute(
        "SELECT COUNT(*) FROM quotes WHERE outlet = ?", (outlet,)).fetchone()[0] > 0
    sqls = [t["sql"] for t in data["_trace"]["traces"] if t.get("type") == "sql"]
    assert not [s for s in sqls if s.startswith("select count(*) from quotes")], "the count scanned the quotes"
    for approx in (0, 1):  # a number, filtered as text
        got = _get(ds, f"/archive/figures.json?approx={approx}").json()["filtered_table_rows_count"]
        assert got == conn.execute("SELECT COUNT(*) FROM figures WHERE approx = ?", (approx,)).fetchone()[0]


@pytest.mark.parametrize("view, table", [("quote_sentences", "quotes"), ("figure_sentences", "figures"),
                                         ("date_sentences", "dates")])
def test_a_view_of_one_row_per_claim_counts_them_from_its_tables_tally(big, view, table):
    db, conn, _ = big
    data = _get(_datasette(db), f"/archive/{view}.json?_trace=1").json()
    want = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    assert data["filtered_table_rows_count"] == want == conn.execute(f"SELECT COUNT(*) FROM {view}").fetchone()[0] > 0
    sqls = [t["sql"] for t in data["_trace"]["traces"] if t.get("type") == "sql"]
    assert sqls and not [s for s in sqls if s.startswith(f"select count(*) from {view}")], "the count joined every row"


@pytest.mark.parametrize("path, facet", [
    ("/archive/quotes.json?_search=storm", "kind"), ("/archive/quotes.json?outlet=Outlet+1+(invented)", "kind"),
    ("/archive/articles.json?_search=storm", "outlet"),  # searched through texts: one text, every copy
])
def test_a_facet_over_too_many_rows_is_listed_as_timed_out(big, monkeypatch, path, facet):
    from newsfacts.archive import page_budget

    db, conn, _ = big
    ds = _datasette(db)
    counted = _get(ds, path + f"&_facet={facet}").json()
    rows = counted["filtered_table_rows_count"]
    assert 0 < rows and counted["facet_results"][facet]["results"]
    assert "timed out" not in _get(ds, path.replace(".json", "") + f"&_facet={facet}").text
    monkeypatch.setattr(page_budget, "FACET_ROWS", rows - 1)
    skipped = _get(ds, path + f"&_facet={facet}").json()
    assert facet not in skipped["facet_results"]
    assert skipped["rows"] == counted["rows"] and skipped["filtered_table_rows_count"] == rows
    html = _get(ds, path.replace(".json", "") + f"&_facet={facet}").text
    assert re.search(rf"These facets timed out: [^<]*\b{facet}\b", html)


def _every_row(ds, path):
    seen = []
    while path:
        page = _get(ds, path).json()
        seen += [r[0] for r in page["rows"]]
        path = page["next_url"] and page["next_url"].split("localhost", 1)[-1]
    return seen


@pytest.mark.parametrize("table, searched", [("quotes", "+words_id in (select rowid from quote_words_fts"),
                                             ("articles", "+text_id in (select rowid from texts_fts")])
def test_a_search_with_many_matches_walks_the_sort_index_and_returns_the_same_rows(big, monkeypatch, table, searched):
    from newsfacts.archive import page_budget

    db, conn, _ = big
    ds = _datasette(db)
    monkeypatch.setattr(page_budget, "WALK_FACTOR", 10**9)  # never walk
    looked_up = _every_row(ds, f"/archive/{table}.json?_search=storm&_size=7")
    monkeypatch.setattr(page_budget, "WALK_FACTOR", 0)  # always walk
    data = _get(ds, f"/archive/{table}.json?_search=storm&_size=7&_trace=1").json()
    sqls = [t["sql"] for t in data["_trace"]["traces"] if t.get("type") == "sql"]
    assert any(searched in s for s in sqls)
    walked = _every_row(ds, f"/archive/{table}.json?_search=storm&_size=7")
    assert walked == looked_up and len(walked) == data["filtered_table_rows_count"] == len(set(walked))


def test_a_filtered_event_log_page_still_counts_its_rows(big):
    db, conn, _ = big
    data = _get(_datasette(db), "/archive/events.json?type=article.revised&_facet=actor").json()
    want = conn.execute("SELECT COUNT(*) FROM events WHERE type = 'article.revised'").fetchone()[0]
    assert data["filtered_table_rows_count"] == want == COPIES
    assert {r["value"]: r["count"] for r in data["facet_results"]["actor"]["results"]} == {"test": COPIES}
def test_a_speakers_row_page_counts_their_quotes_from_the_tally(big):
    db, conn, speaker = big
    data = _get(_datasette(db), f"/archive/speakers/{speaker}.json?_extras=foreign_key_tables&_trace=1").json()
    counts = {(t["other_table"], t["other_column"]): t["count"] for t in data["foreign_key_tables"]}
    for table in ("quotes", "figures"):
        assert counts[(table, "speaker_id")] == conn.execute(
            f"SELECT COUNT(*) FROM {table} WHERE speaker_id = ?", (speaker,)).fetchone()[0]
    assert counts[("quotes", "speaker_id")] > speaker_page.SHOWN
    sqls = [t["sql"] for t in data["_trace"]["traces"] if t.get("type") == "sql"]
    assert not [s for s in sqls if "(select count(*) from quotes where speaker_id=:id)" in s]


def test_a_view_labels_each_claim_id_with_the_claims_words(big):
    """A view has no foreign keys: the newsfacts cell renderer links each claim id to its row and
    labels it, reading the label query of each table once, not for every cell."""
    db, conn, _ = big
    ds = _datasette(db)
    cells = []
    for claim in ("quote", "figure", "quote"):
        html = _get(ds, f"/archive/claims_by_date?claim={claim}&_size=30").text
        cells += re.findall(r'<a href="/archive/(quotes|figures)/([^"]+)">\2</a> <em>([^<]*)</em>', html)
    assert len(cells) == 90 and {table for table, _, _ in cells} == {"quotes", "figures"}
    for table, claim_id, label in cells:
        text = conn.execute(f"SELECT text FROM {table} WHERE id = ?", (claim_id,)).fetchone()[0]
        shown = text if len(text) <= 80 else text[:79] + "…"
        assert label == str(markupsafe.escape(shown)), (table, claim_id)


def test_the_article_page_marks_every_claim_once_and_links_its_row(big):
    db, conn, _ = big
    ds = _datasette(db)
    article = conn.execute("SELECT id FROM articles ORDER BY quotes DESC, id LIMIT 1").fetchone()[0]
    html = _get(ds, f"/archive/articles/{article}").text
    placed = conn.execute(
        "SELECT 'quotes', id FROM quotes WHERE article_id = :a AND start IS NOT NULL UNION ALL SELECT 'figures', "
        "id FROM figures WHERE article_id = :a AND start IS NOT NULL UNION ALL SELECT 'dates', id FROM dates "
        "WHERE article_id = :a AND start IS NOT NULL", {"a": article}).fetchall()
    assert len(placed) > 10
    for table, claim_id in placed:
        assert html.count(f'id="claim-{claim_id}"') == 1, claim_id
        assert f'href="{ds.urls.row("archive", table, claim_id)}"' in html
    others = conn.execute("SELECT DISTINCT o.article_id FROM claim_group_members m JOIN claim_group_members o "
                          "ON o.group_id = m.group_id AND o.article_id != m.article_id WHERE m.article_id = ?",
                          (article,)).fetchall()
    assert others and all(f'href="{ds.urls.row("archive", "articles", o[0])}"' in html for o in others)


def test_figures_about_ranks_the_newest_matches_and_charts_them(big):
    db, conn, _ = big
    about = conn.execute("SELECT about FROM figures WHERE about IS NOT NULL GROUP BY about "
                         "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
    word = max(re.findall(r"[A-Za-z]{4,}", about), key=len)
    ds = _datasette(db)
    rows = _get(ds, f"/archive/figures_about.json?word={word}&_shape=array").json()
    # fewer matches than the 2,000 ranked: the largest of all of them, as an unlimited ranking gives, each
    # wording once (its newest figure: a wire story's copies of a figure are one wording)
    newest = ("SELECT MAX(rowid) FROM figures WHERE words_id IN (SELECT rowid FROM figure_words_fts WHERE "
              "figure_words_fts MATCH '{about sentence} : \"' || ? || '\" *') GROUP BY words_id")
    want = conn.execute(f"SELECT f.id FROM figures f WHERE f.rowid IN ({newest}) ORDER BY f.value DESC, f.id LIMIT 100",
                        (word,)).fetchall()
    assert [r["id"] for r in rows] == [r[0] for r in want] and rows
    articles = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, outlet, published FROM articles")}
    assert all((r["outlet"], r["published"]) == articles[r["article_id"]] for r in rows)  # the article's, read off the row
    every = conn.execute(
        "SELECT COUNT(*) FROM figures f JOIN articles a ON a.id = f.article_id WHERE a.published IS NOT NULL AND "
        f"f.rowid IN ({newest})", (word,)).fetchone()[0]
    chart = _get(ds, f"/archive/figures_about?word={word}").text
    assert chart.count("<circle") == every > len(rows) // 2  # the chart draws every match the list ranked


def test_a_speakers_row_page_counts_what_points_at_them_through_indexes(big):
    """Datasette counts the rows of every table that points at a speaker; a speaker merged into
    another, a redirect and a claim group are found through an index, not a scan of every row."""
    db, conn, speaker = big
    data = _get(_datasette(db), f"/archive/speakers/{speaker}.json?_extras=foreign_key_tables&_trace=1").json()
    [sql] = [t["sql"] for t in data["_trace"]["traces"] if "from speaker_redirects where target_id" in t.get("sql", "")]
    counted = re.findall(r"select count\(\*\) from (\w+) where (\w+)=:id", sql)
    assert {("speakers", "merged_into"), ("speaker_redirects", "target_id"), ("claim_groups", "speaker_id")} <= set(counted)
    for table, column in counted:
        plan = " ".join(r[3] for r in conn.execute(
            f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM {table} WHERE {column} = ?", (speaker,)))
        if table in ("speakers", "speaker_redirects", "claim_groups"):
            assert plan.startswith("SEARCH"), (table, column, plan)


def _bench_module(name):
    import importlib.util
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_multiplied_archive_counts_and_searches_as_its_rows_say(big, tmp_path):
    """bench/multiplied.py builds the summaries and full-text indexes once, in bulk: they hold what
    the triggers would have kept for the same rows."""
    from newsfacts.archive import summaries

    db, conn, _ = big
    out = tmp_path / "m.db"
    counts = _bench_module("multiplied").build(db, out, 3, log=lambda m: None)
    assert counts["quotes"] == 3 * conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] > 0
    m = connect(out)
    kept = [tuple(r) for r in m.execute("SELECT * FROM facet_counts ORDER BY 1, 2, 3, 4")]
    for page, col in [("quotes", "speaker"), ("quotes", "outlet"), ("speaker_quotes", "speaker"),
                      ("claims_by_date", "date"), ("claims", "claim"), ("figures", "unit"), ("dates", "month")]:
        expect = [tuple(r) for r in m.execute(
            f"SELECT [{col}], COUNT(*) FROM [{page}] WHERE [{col}] IS NOT NULL GROUP BY 1 ORDER BY 1")]
        got = [(r[3], r[4]) for r in kept if r[0] == page and r[1] == col and r[2] == ""]
        assert got == expect and got, (page, col)
    per_speaker = [tuple(r) for r in m.execute(
        "SELECT speaker_id, kind, COUNT(*) FROM quotes WHERE speaker_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")]
    assert [(r[2], r[3], r[4]) for r in kept if r[1] == "kind|speaker_id"] == per_speaker and per_speaker
    # the triggers, put back after the load, keep the counts from here on, as a recount gives
    m.execute("BEGIN")
    m.execute("DELETE FROM quotes WHERE rowid IN (SELECT rowid FROM quotes ORDER BY rowid LIMIT 5)")
    after = [tuple(r) for r in m.execute("SELECT * FROM facet_counts ORDER BY 1, 2, 3, 4")]
    summaries.fill(m)
    assert after == [tuple(r) for r in m.execute("SELECT * FROM facet_counts ORDER BY 1, 2, 3, 4")] != kept
    m.execute("ROLLBACK")
    for table in FTS_TABLES:
        m.execute(f"INSERT INTO [{table}_fts] ([{table}_fts]) VALUES ('integrity-check')")
        assert not m.execute(f"SELECT 1 FROM [{table}_fts_config] WHERE k = 'hashsize'").fetchone()
    word = "storm"
    searched = ("SELECT COUNT(*) FROM quotes WHERE words_id IN (SELECT rowid FROM quote_words_fts "
                "WHERE quote_words_fts MATCH ?)")
    assert m.execute(searched, (word,)).fetchone()[0] == 3 * conn.execute(searched, (word,)).fetchone()[0] > 0
    m.close()


def test_an_html_table_page_draws_its_budget_of_cells_and_pages_through_every_row(big):
    from newsfacts.archive.web.page_rows import CELLS, rows_for

    db, conn, _ = big
    ds = _datasette(db)
    columns = len(conn.execute("SELECT * FROM quotes LIMIT 0").description)
    size = rows_for(columns, ds.page_size)
    total = conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    assert size and size * columns <= CELLS and total > size
    seen, path, pages = [], "/archive/quotes", 0
    while path:
        html = _get(ds, path).text
        drawn = re.findall(r'<td class="col-id type-pk"><a href="/archive/quotes/([^"]+)">', html)
        assert len(drawn) == min(size, total - len(seen))
        seen += drawn
        pages += 1
        found = re.search(r'<a href="([^"]+)">Next page</a>', html)
        path = found and markupsafe.Markup(found.group(1)).unescape().split("localhost", 1)[-1]
    assert pages > 1 and len(seen) == len(set(seen)) == total
    # JSON, and a page that names its size, page by Datasette's size as before
    assert len(_get(ds, "/archive/quotes.json").json()["rows"]) == min(ds.page_size, total)
    assert html_rows(_get(ds, f"/archive/quotes?_size={size + 3}").text) == size + 3
    assert html_rows(_get(ds, "/archive/speakers").text) == min(ds.page_size, conn.execute(
        "SELECT COUNT(*) FROM speakers").fetchone()[0])  # a narrow table draws the full page


def html_rows(html: str) -> int:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")
