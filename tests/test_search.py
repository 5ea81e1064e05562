"""Search takes what people type: every typed query answers 200, phrases and prefixes still work,
and one query searches every claim kind."""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

import pytest
import yaml
from datasette.app import Datasette

from newsfacts.archive.web.search import MATCH_NOTHING, fts_query

from .conftest import ROOT

TYPED = ["Trump's", "O'Malley", "U.S.", '"wall', "pro-independence", "Noumea accords", "NOUMEA", "noumea",
         "referend*", '"full legal force"', "Lecornu's “No”", "43.9%", "$45 million", "a OR", "OR", "NOT",
         "AND barrier", "*", '"', "'", "(", "col:value", "NEAR(a b)", "-", "barrier OR zeppelin", "x*y",
         "Duarte NOT zeppelin", "“smart quotes”", "d'Arc-en-ciel", "1.2.3", "^start", "a+b"]


@pytest.fixture
def ds(archive):
    return Datasette([str(archive)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8")))


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def rows(ds, path):
    response = get(ds, path)
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return response.json()


def test_typed_text_becomes_a_safe_query():
    assert fts_query("Trump's") == '"Trump\'s"'
    assert fts_query("referend*") == '"referend"*'
    assert fts_query('"full legal force" Macron') == '"full legal force" "Macron"'
    assert fts_query('"wall') == '"wall"'
    assert fts_query("a OR b") == '"a" OR "b"'
    assert fts_query("OR a") == '"OR" "a"'
    assert fts_query("'") == fts_query("") == fts_query(None) == MATCH_NOTHING
    assert fts_query("“No”") == '"No"'


@pytest.mark.parametrize("table", ["articles", "quotes", "figures", "dates"])
def test_every_typed_search_answers(ds, table):
    for typed in TYPED:
        for extra in ({}, {"_sort": "id"}):
            rows(ds, f"/archive/{table}.json?{urlencode({'_search': typed, '_shape': 'array', **extra})}")


def test_phrase_prefix_case_and_punctuation_find_the_text(ds):
    def hits(table, typed):
        return rows(ds, f"/archive/{table}.json?{urlencode({'_search': typed, '_shape': 'array'})}")

    assert len(hits("articles", "referend*")) == 1
    assert len(hits("articles", '"full legal force"')) == 1
    assert hits("articles", '"legal full force"') == []
    assert len(hits("articles", "pro-independence")) == 1
    assert len(hits("articles", "NOUMEA Accords")) == 1
    assert len(hits("articles", "barrier OR referendum")) == 2
    assert len(hits("articles", "engineer's report")) == 1  # the possessive the text has
    assert hits("articles", "zeppelin") == []
    assert hits("quotes", "Noumea accords")


def test_raw_fts_syntax_only_when_asked(ds):
    response = get(ds, "/archive/articles.json?" + urlencode({"_search": "referend* NOT barrier",
                                                               "_searchmode": "raw", "_shape": "array"}))
    assert response.status_code == 200 and len(response.json()) == 1


def test_one_box_searches_every_claim_kind(ds):
    found = rows(ds, "/archive/search.json?" + urlencode({"q": "referendum", "_shape": "array"}))
    assert {r["kind"] for r in found} >= {"article", "quote"}
    money = rows(ds, "/archive/search.json?" + urlencode({"q": "$45 million", "_shape": "array"}))
    assert "figure" in {r["kind"] for r in money}
    monday = rows(ds, "/archive/search.json?" + urlencode({"q": "Monday", "_shape": "array"}))
    assert "date" in {r["kind"] for r in monday}
    for typed in TYPED:
        rows(ds, "/archive/search.json?" + urlencode({"q": typed, "_shape": "array"}))


def test_named_queries_without_their_parameters_say_what_to_enter(ds):
    for name, param in [("quotes_of_speaker", "speaker"), ("figures_about", "word"), ("search", "q"),
                        ("article_claims", "article_id"), ("claims_on_date", "date")]:
        for query in ("", f"?{param}=", f"?{param}=%20"):
            response = get(ds, f"/archive/{name}.json{query}")
            assert response.status_code == 400, (name, query)
            assert param in response.json()["error"]
            page = get(ds, f"/archive/{name}{query}")
            assert page.status_code == 200 and f'name="{param}"' in page.text and "Enter" in page.text
    assert get(ds, "/archive/speaker_quote_counts.json").status_code == 200
    assert get(ds, "/archive/claims_as_of.json?article_id=x").json()["error"].startswith("claims_as_of needs as_of")
