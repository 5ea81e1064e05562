"""Table pages drawn small, through Datasette's own client, on an archive of samples/: a claim's
sentence shows in its row, a foreign key into `texts` is a link with a short label (not the whole
text), the rows drawn by the plugin's `_table.html` are Datasette's own markup, and the startup
heap is frozen out of full collections (archive/web/table_cells.py, rows_html.py, heap.py)."""

from __future__ import annotations

import asyncio
import gc
import re
from html import unescape

import pytest
import yaml
from datasette.app import Datasette
from jinja2 import BaseLoader

from newsfacts.archive.db import connect
from newsfacts.archive.web import heap
from newsfacts.archive.web.table_cells import LABEL_CHARS

from .conftest import ROOT

CELL = re.compile(r'<td class="col-(\w+) type-\w+">(.*?)</td>', re.S)


def _datasette(db) -> Datasette:
    return Datasette([str(db)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8")))


@pytest.fixture(scope="module")
def ds(samples_archive):
    return _datasette(samples_archive)


def get(ds, path: str) -> str:
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.status_code, response.text[:400])
    return response.text


def rows(html: str) -> list[dict[str, str]]:
    """The table's rows as {column: cell HTML}."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [dict(CELL.findall(tr)) for tr in body.split("<tr>")[1:]]


@pytest.mark.parametrize("table", ["quotes", "figures", "dates"])
def test_a_claim_table_shows_each_claims_sentence(ds, samples_archive, table):
    conn = connect(samples_archive)
    sentences = {r[0]: r[1] for r in conn.execute(f"SELECT id, sentence FROM {table[:-1]}_sentences")}
    drawn = rows(get(ds, f"/archive/{table}?_size=max"))
    assert len(drawn) == len(sentences) > 0 and any(s is not None for s in sentences.values())
    for row in drawn:
        claim = re.search(r">([^<]+)</a>", row["id"]).group(1)
        shown = unescape(row["sentence_text"])
        assert shown == (sentences[claim] if sentences[claim] is not None else "\xa0"), claim


@pytest.mark.parametrize("table", ["quotes", "articles"])
def test_a_text_id_is_a_link_with_a_short_label(ds, samples_archive, table):
    conn = connect(samples_archive)
    texts = {r[0]: r[1] for r in conn.execute("SELECT id, text FROM texts")}
    drawn = rows(get(ds, f"/archive/{table}?_size=max"))
    assert drawn
    for row in drawn:
        m = re.fullmatch(r'<a href="/archive/texts/(\d+)">(.*?)</a>&nbsp;<em>(\d+)</em>', row["text_id"], re.S)
        assert m and m.group(1) == m.group(3), row["text_id"]
        text, label = texts[int(m.group(1))], unescape(m.group(2))
        assert len(label) <= LABEL_CHARS
        assert label == text or (label.endswith("…") and text.startswith(label[:-1])), label


def test_short_labels_stay_datasettes(ds, samples_archive):
    """A label under the cut (an article's headline) is Datasette's own link, untouched."""
    conn = connect(samples_archive)
    heads = dict(conn.execute("SELECT id, headline FROM articles").fetchall())
    for row in rows(get(ds, "/archive/quotes?_size=max")):
        m = re.fullmatch(r'<a href="/archive/articles/(\w+)">(.*?)</a>&nbsp;<em>\1</em>', row["article_id"], re.S)
        assert m and unescape(m.group(2)) == heads[m.group(1)], row["article_id"]


def _with_datasettes_table_template(ds: Datasette) -> Datasette:
    original = ds.jinja_env.loader

    class DatasettesTable(BaseLoader):
        def get_source(self, environment, template):
            return original.get_source(environment, "default:_table.html" if template == "_table.html" else template)

    ds.jinja_env.loader = DatasettesTable()
    return ds


@pytest.mark.parametrize("path", ["/archive/quotes?_size=max", "/archive/speakers", "/archive/events",
                                  "/archive/claims", "/archive/figures?_sort=value"])
def test_the_rows_are_drawn_as_datasette_draws_them(ds, samples_archive, path):
    ours = get(ds, path)
    theirs = get(_with_datasettes_table_template(_datasette(samples_archive)), path)
    assert "<tbody>" in ours and "nf_cells" not in ours

    def table(html):
        return re.sub(r">\s+<", "><", html.split('<table class="rows-and-columns">', 1)[1].split("</table>", 1)[0])

    assert table(ours) == table(theirs)


def test_the_startup_heap_is_frozen_once(ds):
    get(ds, "/archive/quotes")  # a started Datasette
    assert gc.get_freeze_count() > 0
    assert heap.freeze_once() is False  # a second Datasette in the process freezes nothing more
