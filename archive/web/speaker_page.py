"""A speaker's row page: their newest quotes and figures, with outlets and articles, how many there
are in all with a link to the table pages that list every one, and a chart of their quotes per
month over the whole archive."""

from __future__ import annotations

from urllib.parse import urlencode

from . import charts
from .tables import existing, one, related, rows

SHOWN = 100
"""Quotes and figures the page draws, newest first. Drawing a row costs more than finding it: a
page of 2,000 rows took half a second at a million quotes, where the 100 newest take what they
take in a small archive. The table pages linked from here (quotes?speaker_id=...) page through
every one of them."""

# The speaker's newest quotes and figures, picked from the speaker's index (speaker_id, published,
# article_id, start: schema/tables.sql), read backwards, before the join: a speaker quoted a
# hundred thousand times costs what one quoted a hundred times does.
QUOTES = ("WITH picked AS (SELECT rowid AS r FROM quotes WHERE speaker_id = :s "
          f"ORDER BY published DESC, article_id DESC, start DESC LIMIT {SHOWN}) "
          "SELECT q.id, q.kind, q.text, q.cue, a.outlet, a.published, a.month, a.headline, q.article_id "
          "FROM picked p JOIN quotes q ON q.rowid = p.r JOIN articles a ON a.id = q.article_id "
          "ORDER BY q.published DESC, q.article_id DESC, q.start DESC")
FIGURES = ("WITH picked AS (SELECT rowid AS r FROM figures WHERE speaker_id = :s "
           f"ORDER BY published DESC, article_id DESC, start DESC LIMIT {SHOWN}) "
           "SELECT f.id, f.text, f.value, f.unit, f.about, a.outlet, a.published, a.headline, f.article_id "
           "FROM picked p JOIN figures f ON f.rowid = p.r JOIN articles a ON a.id = f.article_id "
           "ORDER BY f.published DESC, f.article_id DESC, f.start DESC")
QUOTE_COUNT = "SELECT COUNT(*) AS n FROM quotes WHERE speaker_id = :s"
QUOTE_COUNT_KEPT = ("SELECT coalesce((SELECT n FROM facet_counts WHERE page = 'quotes' AND col = '*|speaker_id' "
                    "AND given = :s AND value = '*'), 0) AS n")
FIGURE_COUNT = "SELECT COUNT(*) AS n FROM figures WHERE speaker_id = :s"
"""Counted in the speaker index (figures_speaker), which holds only this speaker's entries."""
PER_MONTH = ("SELECT a.month, COUNT(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id "
             "WHERE q.speaker_id = :s AND a.month IS NOT NULL GROUP BY a.month ORDER BY a.month")
PER_MONTH_KEPT = ("SELECT value AS month, n FROM facet_counts WHERE page = 'quotes' AND col = 'month|speaker_id' "
                  "AND given = :s ORDER BY value")
"""The same counts, kept by the summaries (archive/summaries.py) with the rows: no scan of the quotes."""


def months_between(first: str, last: str) -> list[str]:
    """Every YYYY-MM from first to last, so a month without quotes shows as a gap."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04}-{m:02}" <= last and len(out) < 600:
        out.append(f"{y:04}-{m:02}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


async def context(datasette, database: str, speaker_id: str) -> dict | None:
    db = datasette.get_database(database)
    speaker = await one(db, "SELECT * FROM speakers WHERE id = :s", {"s": speaker_id})
    if speaker is None:
        return None
    params = {"s": speaker_id}
    quotes, figures = await rows(db, QUOTES, params), await rows(db, FIGURES, params)
    kept = bool(await existing(db, "facet_counts"))
    per_month = PER_MONTH_KEPT if kept else PER_MONTH
    totals = {"quotes": (await one(db, QUOTE_COUNT_KEPT if kept else QUOTE_COUNT, params))["n"],
              "figures": (await one(db, FIGURE_COUNT, params))["n"]}
    counts = {r["month"]: r["n"] for r in await rows(db, per_month, params) if r["month"]}
    series = [(m, counts.get(m, 0)) for m in months_between(min(counts), max(counts))] if counts else []
    for item in quotes + figures:
        item["href"] = datasette.urls.row(database, "quotes" if "kind" in item else "figures", item["id"])
        item["article_href"] = datasette.urls.row(database, "articles", item["article_id"]) + f"#claim-{item['id']}"
    return {
        "speaker": speaker,
        "quotes": quotes,
        "figures": figures,
        "totals": totals,
        "every": {t: datasette.urls.table(database, t) + "?" + urlencode({"speaker_id": speaker_id})
                  for t in ("quotes", "figures")},
        "related": await related(datasette, database, "speaker_id", speaker_id, {"speakers", "quotes", "figures"}),
        "outlets": sorted({q["outlet"] for q in quotes if q["outlet"]}),
        "chart": charts.bars(series, f"Quotes of {speaker['name']} per month"),
    }
