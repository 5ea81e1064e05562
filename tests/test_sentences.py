"""Each sentence stored once: claims.extracted (version 2) keeps a claim's sentence as a span of the
revision's text, version 3 its words too, and every reader gets them back exactly as the extractor
gave them."""

from __future__ import annotations

import json

from newsfacts.archive.db import connect, transaction
from newsfacts.archive.log import append, read
from newsfacts.archive.sentences import compact, expand
from newsfacts.ingest.extract import extract
from newsfacts.ingest.sources import read_path
from newsfacts.schema.claims import Claims
from newsfacts.schema.events import validate_payload

from .conftest import ROOT, run_cli, table_rows, write


def _payloads(conn):
    return [json.loads(p) for (p,) in conn.execute(
        "SELECT payload FROM events WHERE type = 'claims.extracted' ORDER BY seq")]


def test_the_log_holds_spans_and_gives_back_the_extracted_claims(conn, articles_dir, nlp):
    texts = dict(conn.execute("SELECT a.id, t.text FROM articles a JOIN texts t ON t.id = a.text_id"))
    payloads = _payloads(conn)
    assert payloads
    for path in sorted(articles_dir.iterdir()):
        article = read_path(path)[0]
        extracted = extract(article, nlp).model_dump(mode="json")
        p = next(p for p in payloads if p["article_id"] == article.article_id)
        stored = [c for kind in ("quotes", "figures", "dates") for c in p["claims"].get(kind, [])]
        inline = [c["sentence"] for c in stored if c.get("sentence")]
        spans = [s for kind in p["sentences"].values() for s in kind if s]
        assert spans and len(inline) < len(spans)  # most sentences are offsets now, not words
        # version 3: a claim's words are its span of the text (only a dateline keeps its own)
        assert all("text" not in c for c in stored if c.get("start") is not None)
        assert not [(k, v) for c in stored for k, v in c.items() if v in (None, False, [])]  # no defaults
        again = expand(p, texts[article.article_id])
        for kind in ("quotes", "figures", "dates"):
            assert again[kind] == extracted[kind]


def test_the_tables_show_each_claims_sentence(conn):
    for table in ("quotes", "figures", "dates"):
        rows = conn.execute(f"SELECT s.sentence, c.start, c.\"end\", t.text FROM {table} c "
                            f"JOIN {table[:-1]}_sentences s ON s.rowid = c.rowid "
                            "JOIN articles a ON a.id = c.article_id JOIN texts t ON t.id = a.text_id "
                            "WHERE c.start IS NOT NULL").fetchall()
        assert rows
        for sentence, start, end, text in rows:
            assert sentence and sentence in text
            at = text.find(sentence)
            assert at <= start and end <= at + len(sentence) or text.count(sentence) > 1


def test_a_sentence_or_words_not_in_the_text_stay_inline():
    claims = Claims.model_validate({
        "extractor": "x", "quotes": [{"text": "b", "kind": "partial", "start": 2, "end": 3, "sentence": "a b."},
                                     {"text": "x", "kind": "partial", "start": 0, "end": 1, "sentence": "not there"}],
        "dates": [{"text": "2020", "value": "2020", "precision": "year", "dateline": True}]}).model_dump(mode="json")
    doc, spans = compact(claims, "a b. c d.")
    assert spans == {"quotes": [[0, 4], None]}
    assert doc["quotes"][0]["sentence"] is None and doc["quotes"][1]["sentence"] == "not there"
    assert doc["quotes"][0]["text"] is None and doc["quotes"][1]["text"] == "x"  # "a" is at 0..1, not "x"
    assert doc["dates"][0]["text"] == "2020"  # a dateline has no span
    stored = validate_payload("claims.extracted", {"article_id": "a", "revision": 1, "extractor": "x",
                                                   "claims": doc, "sentences": spans})
    assert "text" not in stored["claims"]["quotes"][0] and stored["claims"]["quotes"][1]["text"] == "x"
    assert expand(stored, "a b. c d.") == claims
    assert expand(stored, None)["quotes"][0]["text"] is None  # the text not at hand: the words stay out


def test_an_old_revision_gives_back_its_sentences_from_its_own_text(tmp_path):
    """An old revision's claims (read from the log by the article page's comparison, which
    test_pages checks) get their sentences from that revision's text, kept in texts as every
    revision's is; the article names its current text."""
    folder = tmp_path / "rev"
    for n in (1, 2):
        name = f"invented-harbour-bridge-vote-{n}.txt"
        write(folder / str(n), name, (ROOT / "samples" / name).read_text("utf-8"))
    db = tmp_path / "rev.db"
    for n in (1, 2):
        result = run_cli("ingest", folder / str(n), "--db", db, "-q")
        assert result.exit_code == 0, result.output
    conn = connect(db)
    revs = conn.execute("SELECT r.article_id, r.revision, t.text, t.id = a.text_id FROM revisions r "
                        "JOIN texts t ON t.sha256 = r.text_sha256 JOIN articles a ON a.id = r.article_id "
                        "ORDER BY r.revision").fetchall()
    assert [(r[1], r[3]) for r in revs] == [(1, 0), (2, 1)]
    old_text = revs[0][2]
    assert old_text != revs[1][2]
    old = next(p for p in _payloads(conn) if p["revision"] == 1)
    sentences = [c["sentence"] for kind in ("quotes", "figures") for c in expand(old, old_text)[kind]]
    assert sentences and all(s and s in old_text for s in sentences)
    conn.close()


def _as_version_2(payload: dict, text: str) -> dict:
    """The payload as the last version wrote it: every claim's text and default inline, the
    sentences as spans."""
    full = expand(payload, text)
    doc, spans = compact(full, text)
    for kind in ("quotes", "figures", "dates"):
        for claim, extracted in zip(doc[kind], full[kind]):
            claim["text"] = extracted["text"]
    return {**payload, "claims": doc, "sentences": spans}


def test_a_version_2_log_replays_to_the_same_tables(conn, tmp_path):
    """An archive whose extractions were written at version 2 (texts inline) verifies and replays
    to the rows today's compact version 3 gives."""
    texts = {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT r.article_id, r.revision, t.text FROM revisions r JOIN texts t ON t.sha256 = r.text_sha256")}
    old = connect(tmp_path / "v2.db")
    with transaction(old):
        for e in read(conn):
            version, payload = e.schema_version, e.payload
            if e.type == "claims.extracted":
                version, payload = 2, _as_version_2(payload, texts[(payload["article_id"], payload["revision"])])
                assert all(c.get("text") for kind in ("quotes", "figures") for c in payload["claims"][kind])
            append(old, e.stream, e.type, payload, e.actor, e.recorded_at, schema_version=version)
    assert {v for (v,) in old.execute("SELECT schema_version FROM events WHERE type = 'claims.extracted'")} == {2}
    assert old.execute("SELECT sum(length(payload)) FROM events").fetchone()[0] > \
        conn.execute("SELECT sum(length(payload)) FROM events").fetchone()[0]
    old.close()
    db = tmp_path / "v2.db"
    assert run_cli("rebuild", "--db", db).exit_code == 0
    result = run_cli("verify", "--db", db, "--tables")
    assert result.exit_code == 0, result.output
    old = connect(db)
    for table in ("articles", "quotes", "figures", "dates", "speakers", "claim_groups"):
        assert table_rows(old, table) == table_rows(conn, table), table
    old.close()
