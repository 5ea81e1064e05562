"""Each sentence stored once: claims.extracted (version 2) keeps a claim's sentence as a span of the
revision's text, and every reader gets the sentence back exactly as the extractor gave it."""

from __future__ import annotations

import json

from newsfacts.archive.db import connect
from newsfacts.archive.sentences import compact, expand
from newsfacts.ingest.extract import extract
from newsfacts.ingest.sources import read_path

from .conftest import ROOT, run_cli, write


def _payloads(conn):
    return [json.loads(p) for (p,) in conn.execute(
        "SELECT payload FROM events WHERE type = 'claims.extracted' ORDER BY seq")]


def test_the_log_holds_spans_and_gives_back_the_extracted_claims(conn, articles_dir, nlp):
    texts = dict(conn.execute("SELECT id, text FROM articles"))
    payloads = _payloads(conn)
    assert payloads
    for path in sorted(articles_dir.iterdir()):
        article = read_path(path)[0]
        extracted = extract(article, nlp).model_dump(mode="json")
        p = next(p for p in payloads if p["article_id"] == article.article_id)
        inline = [c["sentence"] for kind in ("quotes", "figures", "dates") for c in p["claims"][kind] if c["sentence"]]
        spans = [s for kind in p["sentences"].values() for s in kind if s]
        assert spans and len(inline) < len(spans)  # most sentences are offsets now, not words
        again = expand(p, texts[article.article_id])
        for kind in ("quotes", "figures", "dates"):
            assert again[kind] == extracted[kind]


def test_the_tables_show_each_claims_sentence(conn):
    for table in ("quotes", "figures", "dates"):
        rows = conn.execute(f"SELECT c.sentence, c.start, c.\"end\", a.text FROM {table} c "
                            "JOIN articles a ON a.id = c.article_id WHERE c.start IS NOT NULL").fetchall()
        assert rows
        for sentence, start, end, text in rows:
            assert sentence and sentence in text
            at = text.find(sentence)
            assert at <= start and end <= at + len(sentence) or text.count(sentence) > 1


def test_a_sentence_not_in_the_text_stays_inline():
    claims = {"quotes": [{"text": "b", "start": 2, "sentence": "a b."}, {"text": "x", "start": 0, "sentence": "not there"}],
              "figures": [], "dates": [{"text": "2020", "start": None, "sentence": None}]}
    doc, spans = compact(claims, "a b. c d.")
    assert spans == {"quotes": [[0, 4], None]}
    assert doc["quotes"][0]["sentence"] is None and doc["quotes"][1]["sentence"] == "not there"
    assert expand({"claims": doc, "sentences": spans}, "a b. c d.") == claims


def test_an_old_revision_gives_back_its_sentences_from_its_own_text(tmp_path):
    """An old revision's claims (read from the log by the article page's comparison, which
    test_pages checks) get their sentences from that revision's text, kept in revisions once
    it is superseded; the current revision's text is stored once, in articles."""
    folder = tmp_path / "rev"
    for n in (1, 2):
        name = f"invented-harbour-bridge-vote-{n}.txt"
        write(folder / str(n), name, (ROOT / "samples" / name).read_text("utf-8"))
    db = tmp_path / "rev.db"
    for n in (1, 2):
        result = run_cli("ingest", folder / str(n), "--db", db, "-q")
        assert result.exit_code == 0, result.output
    conn = connect(db)
    revs = conn.execute("SELECT article_id, revision, text FROM revisions ORDER BY revision").fetchall()
    assert [(r[1], r[2] is None) for r in revs] == [(1, False), (2, True)]
    aid, old_text = revs[0][0], revs[0][2]
    assert old_text != conn.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()[0]
    old = next(p for p in _payloads(conn) if p["revision"] == 1)
    sentences = [c["sentence"] for kind in ("quotes", "figures") for c in expand(old, old_text)[kind]]
    assert sentences and all(s and s in old_text for s in sentences)
    conn.close()
