"""The article page: `/archive/articles/<id>` read as an article, its claims marked in the text,
with their verdicts, the article's revisions (what changed, claim by claim) and its sightings."""

from __future__ import annotations

import json

from . import marks, revisions
from .tables import existing, one, related, rows

SHOWN = {"articles", "quotes", "figures", "dates", "revisions", "sightings", "verdicts"}
"""Tables the page shows itself; every other table with an article_id is linked under "Elsewhere"."""

QUOTES = "SELECT id, kind, text, speaker_id, speaker, cue, start, \"end\", paragraph FROM quotes WHERE article_id = :a"
FIGURES = ("SELECT id, text, value, unit, approx, about, quote_id, speaker_id, start, \"end\", paragraph "
           "FROM figures WHERE article_id = :a")
DATES = "SELECT id, text, value, precision, dateline, start, \"end\", paragraph FROM dates WHERE article_id = :a"


def _title(kind: str, c: dict) -> str:
    if kind == "quote":
        return f"{c['kind']} quote" + (f" of {c['speaker']}" if c.get("speaker") else "")
    if kind == "figure":
        unit = f" {c['unit']}" if c.get("unit") else ""
        return f"figure: {c['value']:g}{unit}" + (f" ({c['about']})" if c.get("about") else "")
    return f"date: {c['value']} ({c['precision']})"


def row_href(datasette, database: str):
    """href(table, id): what `datasette.urls.row(database, table, id)` gives, with each table's
    prefix built once. An article page links a few hundred rows (its claims, their speakers, the
    articles each claim also appears in), and building every link from the database's route up
    cost more than the queries of the page."""
    prefixes: dict[str, str] = {}

    def href(table: str, row_id) -> str:
        if table not in prefixes:
            prefixes[table] = datasette.urls.table(database, table) + "/"
        return prefixes[table] + str(row_id)

    return href


def claim_marks(datasette, database: str, quotes, figures, dates, href=None) -> list[marks.Mark]:
    href = href or row_href(datasette, database)
    out = []
    for kind, table, found in (("quote", "quotes", quotes), ("figure", "figures", figures), ("date", "dates", dates)):
        for c in found:
            if c.get("start") is None or c.get("end") is None:
                continue
            speaker = c.get("speaker") if kind == "quote" else None
            out.append(marks.Mark(
                claim_id=c["id"], kind=kind, start=c["start"], end=c["end"],
                href=href(table, c["id"]), title=_title(kind, c),
                speaker_href=href("speakers", c["speaker_id"]) if speaker and c.get(
                    "speaker_id") else None,
                speaker=speaker))
    return out


async def _verdicts(db, ids: list[str]) -> dict[str, list[dict]]:
    if not ids or not await existing(db, "verdicts"):
        return {}
    found = await rows(db, "SELECT * FROM verdicts WHERE claim_id IN (SELECT value FROM json_each(:ids)) "
                       "ORDER BY event_seq", {"ids": json.dumps(ids)})
    out: dict[str, list[dict]] = {}
    for v in found:
        out.setdefault(v["claim_id"], []).append(v)
    return out


async def _facts(db, article_id: str) -> dict:
    """Checks, matching published reviews, other appearances (the fact store's own module)."""
    if not await existing(db, "checks"):
        return {}
    from ..factcheck.article_facts import article_facts

    return await db.execute_fn(lambda conn: article_facts(conn, article_id))


async def _revisions(db, article_id: str, args) -> dict:
    if not await existing(db, "revisions"):
        return {"list": []}
    listed = await rows(db, "SELECT revision, title, recorded_at, source FROM revisions WHERE article_id = :a "
                        "ORDER BY revision", {"a": article_id})
    numbers = [r["revision"] for r in listed]
    if len(numbers) < 2:
        return {"list": listed}
    try:
        frm, to = int(args.get("from") or numbers[-2]), int(args.get("to") or numbers[-1])
    except ValueError:
        frm, to = numbers[-2], numbers[-1]
    return {"list": listed, "from": frm, "to": to, "numbers": numbers,
            "changes": await revisions.changes(db, article_id, frm, to)}


async def context(datasette, database: str, article_id: str, request) -> dict | None:
    db = datasette.get_database(database)
    article = await one(db, "SELECT a.*, t.text FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = :a",
                        {"a": article_id})  # each distinct text is stored once (archive/texts.py)
    if article is None:
        return None
    params = {"a": article_id}
    quotes, figures, dates = await rows(db, QUOTES, params), await rows(db, FIGURES, params), await rows(db, DATES, params)
    href = row_href(datasette, database)
    placed = claim_marks(datasette, database, quotes, figures, dates, href)
    claims = sorted(
        [{"claim": "quote", **q} for q in quotes] + [{"claim": "figure", **f} for f in figures]
        + [{"claim": "date", **d} for d in dates], key=lambda c: (c.get("start") is not None, c.get("start") or 0))
    for c in claims:
        c["href"] = href(c["claim"] + "s", c["id"])
    sightings = (await rows(db, "SELECT source, reader, read_at, recorded_at FROM sightings WHERE article_id = :a "
                            "ORDER BY event_seq", params)) if await existing(db, "sightings") else []
    return {
        "article": article,
        "paragraphs": marks.render(article["text"], placed),
        "claims": claims,
        "dateline": [d for d in dates if d.get("start") is None],
        "verdicts": await _verdicts(db, [c["id"] for c in claims]),
        "revisions": await _revisions(db, article_id, request.args),
        "sightings": sightings,
        "facts": await _facts(db, article_id),
        "related": await related(datasette, database, "article_id", article_id, SHOWN),
        "counts": {"quote": len(quotes), "figure": len(figures), "date": len(dates)},
        "href": href,
        "links": {"claims": datasette.urls.database(database) + "/article_claims?article_id=" + article_id,
                  "speakers": datasette.urls.table(database, "speakers")},
    }
