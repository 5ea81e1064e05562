"""Which page gets which extra data: the article, claim and speaker row pages, and the chart of
`figures_about`. A page is a module with a `context(...)` coroutine; add one by adding a rule."""

from __future__ import annotations

from datasette.utils import tilde_decode, urlsafe_components

from . import article_page, charts, claim_page, speaker_page
from .tables import rows

ROW_PAGES = {
    "articles": ("article", lambda ds, db, pk, request: article_page.context(ds, db, pk, request)),
    "speakers": ("speaker", lambda ds, db, pk, request: speaker_page.context(ds, db, pk)),
    "quotes": ("claim", lambda ds, db, pk, request: claim_page.context(ds, db, "quotes", pk)),
    "figures": ("claim", lambda ds, db, pk, request: claim_page.context(ds, db, "figures", pk)),
    "dates": ("claim", lambda ds, db, pk, request: claim_page.context(ds, db, "dates", pk)),
}
"""Row pages read as pages: table -> (the template nf_<name>.html, its context)."""

FIGURE_CHART = ("SELECT f.published, f.value, f.text FROM figures f "
                "WHERE f.rowid IN (SELECT (SELECT MAX(c.rowid) FROM figures c WHERE c.words_id = figure_words_fts.rowid) "
                "FROM figure_words_fts WHERE figure_words_fts MATCH "
                "'{about sentence} : \"' || replace(:word, '\"', '\"\"') || '\" *' ORDER BY rowid DESC LIMIT 2000)")
"""The figures the figures_about query ranks (metadata.yml), the newest 2,000 matching wordings, each as
its newest figure: found through the full-text index, as a scan of every figure's sentence costs
seconds at a million claims, and newest first, so that the chart draws the points the list was
chosen from (a wire story's copies of a figure are one wording, one point). A figure's row holds its
article's publication date (as the list's outlet and date), so neither looks up 2,000 articles."""


async def row_page(datasette, database: str, table: str, request) -> dict:
    rule = ROW_PAGES.get(table)
    pks = request.url_vars.get("pks")
    if rule is None or not pks or request.url_vars.get("format"):
        return {}
    name, build = rule
    found = await build(datasette, database, urlsafe_components(pks)[0], request)
    return {"nf_page": f"nf_{name}.html", "nf": found} if found else {}


async def figures_chart(datasette, database: str, request) -> dict:
    word = (request.args.get("word") or "").strip()
    if not word:
        return {}
    found = await rows(datasette.get_database(database), FIGURE_CHART, {"word": word})
    series = [(r["published"], r["value"], r["text"]) for r in found]
    return {"nf_chart": charts.points(series, f"Values of figures about {word} over time")}


async def extra_vars(template, database, table, view_name, request, datasette) -> dict:
    if request is None or database is None:
        return {}
    if template == "row.html" and table:
        return await row_page(datasette, database, table, request)
    query = tilde_decode(request.url_vars.get("table") or "")
    if template.startswith("query") and query == "figures_about":
        return await figures_chart(datasette, database, request)
    return {}
