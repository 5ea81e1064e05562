"""Summary tables: the counts that facets and row counts read instead of scanning a million rows.

`facet_counts` holds, for each page (a table or a view) and each faceted column, how many of its
rows hold each value, and the page's row count (column `*`). Some counts are also kept given one
filter (`kind|speaker_id`: the kinds of one speaker's quotes), for the pages filtered that way
(a speaker's quotes). Triggers on the derived tables keep the counts in the same transaction as
the rows, so incremental ingest and replay keep them without any code in the projections; a bulk
rebuild drops the triggers, loads the rows and counts each page once with GROUP BY (`fill`).

The event log's own page is not summarised: no trigger of ours goes on `events`, whose triggers
are the log's guards (archive/guard.py counts them).

Each count is a named `Tally`: which page and column it counts, which table's rows feed it, the
value of a row (SQL over `{r}`, the row) and which rows count (`when`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Tally:
    page: str  # the table or view whose page shows the count
    column: str  # the facet column, '*' for the row count
    source: str  # the table whose rows are counted
    value: str  # the value a source row adds one to ({r} is the row)
    when: str = "1"  # which source rows count
    given: str = ""  # a column the count is kept per value of ('' : over all rows)
    bulk: str = ""  # SELECT value, given, n for fill(); default: GROUP BY over the page itself


def _facets(page: str, source: str, columns: list[str], when: str = "1") -> list[Tally]:
    return [Tally(page=page, column=c, source=source, value=f"{{r}}.[{c}]", when=when) for c in columns] + [
        Tally(page=page, column="*", source=source, value="'*'", when=when)]


def _given(page: str, columns: list[str], given: str) -> list[Tally]:
    return [Tally(page=page, column=c, source=page, value=f"{{r}}.[{c}]" if c != "*" else "'*'", given=given)
            for c in [*columns, "*"]]


# `speaker_quotes` shows quotes joined to their speaker; its speaker column is the speaker's name
_SPEAKER_NAME = "(SELECT name FROM speakers WHERE id = {r}.speaker_id)"
_WITH_SPEAKER = "{r}.speaker_id IS NOT NULL"
# a speaker counts an article once: for the first (or last remaining) quote of theirs in it
_FIRST_IN_ARTICLE = ("{r}.speaker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quotes x WHERE x.article_id = "
                     "{r}.article_id AND x.speaker_id = {r}.speaker_id AND x.id != {r}.id)")

TALLIES: list[Tally] = [
    *_facets("articles", "articles", ["outlet", "month", "reader"]),
    *_facets("revisions", "revisions", ["revision"]),
    *_facets("extractions", "extractions", ["extractor"]),
    *_facets("quotes", "quotes", ["speaker", "kind", "outlet", "month", "cue", "speaker_id"]),
    *_given("quotes", ["speaker", "kind", "outlet", "month", "cue"], "speaker_id"),
    *_facets("figures", "figures", ["unit", "approx", "outlet"]),
    *_facets("dates", "dates", ["year", "month", "precision"]),
    *_facets("speakers", "speakers", ["kind", "anonymous"]),
    *_facets("speaker_names", "speaker_names", ["how", "kind"]),
    *_facets("sightings", "sightings", ["reader"]),
    *_facets("originals", "originals", []),
    *_facets("verdicts", "verdicts", ["verdict", "claim_table", "actor"]),
    *_facets("speaker_quotes", "quotes", ["outlet", "month", "kind"], when=_WITH_SPEAKER),
    Tally(page="speaker_quotes", column="speaker", source="quotes", value=_SPEAKER_NAME, when=_WITH_SPEAKER),
    *[t for s in ("quote", "figure", "date") for t in (
        Tally(page="claims", column="claim", source=s + "s", value=f"'{s}'"),
        Tally(page="claims", column="*", source=s + "s", value="'*'"))],
    Tally(page="speaker_quote_counts", column="articles", source="quotes", value="{r}.speaker_id",
          when=_FIRST_IN_ARTICLE, bulk="SELECT speaker_id, '', COUNT(DISTINCT article_id) FROM quotes "
                                       "WHERE speaker_id IS NOT NULL GROUP BY speaker_id"),
]


@dataclass(frozen=True)
class PairTally:
    """claims_by_date pairs each non-dateline date with the quotes and figures of its paragraph:
    a new quote adds one to each date of its paragraph, a new date one per claim there."""

    column: str  # date, claim or *
    date_value: str  # over the date row d
    claim_value: str  # over the claim row c ({kind} is quote or figure)


PAIRS = [PairTally("date", "d.value", "d.value"), PairTally("claim", "'{kind}'", "'{kind}'"),
         PairTally("*", "'*'", "'*'")]

DDL = """CREATE TABLE IF NOT EXISTS facet_counts (
    page   TEXT NOT NULL,
    col    TEXT NOT NULL,
    given  TEXT NOT NULL DEFAULT '',
    value  NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (page, col, given, value)
) WITHOUT ROWID"""
INDEX = "CREATE INDEX IF NOT EXISTS facet_counts_top ON facet_counts(page, col, given, n DESC, value)"
# a count that falls to zero is no value of the page any more
CLEANUP = ("CREATE TRIGGER IF NOT EXISTS facet_counts_zero AFTER UPDATE OF n ON facet_counts WHEN NEW.n <= 0 "
           "BEGIN DELETE FROM facet_counts WHERE page = NEW.page AND col = NEW.col AND given = NEW.given "
           "AND value = NEW.value; END")


def _col(t: Tally) -> str:
    return f"{t.column}|{t.given}" if t.given else t.column


UPSERT = ("INSERT INTO facet_counts (page, col, given, value, n) SELECT p, c, g, v, k FROM ({rows}) "
          "WHERE v IS NOT NULL AND g IS NOT NULL AND k != 0 "
          "ON CONFLICT (page, col, given, value) DO UPDATE SET n = n + excluded.n;")


def _tally_rows(tallies: list[Tally], r: str, sign: int) -> str:
    """One SELECT arm per tally: the count a row adds (sign 1) or takes away (-1)."""
    arms = []
    for t in tallies:
        given = f"{r}.[{t.given}]" if t.given else "''"
        arms.append(f"SELECT '{t.page}' AS p, '{_col(t)}' AS c, {given} AS g, {t.value.format(r=r)} AS v, "
                    f"CASE WHEN {t.when.format(r=r)} THEN {sign} ELSE 0 END AS k")
    return " UNION ALL ".join(arms)


def _pair_rows(kind: str, r: str, sign: int, date_side: bool) -> str:
    """The claims_by_date pairs a new (sign 1) or removed row makes or breaks."""
    arms = []
    for p in PAIRS:
        if date_side:  # a date row: one pair per claim of this kind in its paragraph
            value = p.date_value.format(kind=kind).replace("d.", f"{r}.")
            arms.append(f"SELECT 'claims_by_date' AS p, '{p.column}' AS c, '' AS g, {value} AS v, {sign} * COUNT(*) "
                        f"AS k FROM {kind}s c WHERE c.article_id = {r}.article_id AND c.paragraph = {r}.paragraph "
                        f"AND {r}.dateline = 0")
        else:  # a claim row: one pair per non-dateline date of its paragraph
            arms.append(f"SELECT 'claims_by_date' AS p, '{p.column}' AS c, '' AS g, {p.claim_value.format(kind=kind)} "
                        f"AS v, {sign} * COUNT(*) AS k FROM dates d WHERE d.article_id = {r}.article_id "
                        f"AND d.paragraph = {r}.paragraph AND d.dateline = 0 GROUP BY 4")
    return " UNION ALL ".join(arms)


# a speaker shown under another name (a merge, a fuller variant): its quotes in speaker_quotes move
RENAMED = UPSERT.format(rows=" UNION ALL ".join(
    f"SELECT 'speaker_quotes' AS p, 'speaker' AS c, '' AS g, {r}.name AS v, "
    f"{sign} * (SELECT COUNT(*) FROM quotes WHERE speaker_id = {r}.id) AS k WHERE OLD.name IS NOT NEW.name"
    for r, sign in (("OLD", -1), ("NEW", 1))))


def _body(src: str, r: str, sign: int) -> list[str]:
    """The statements a row of `src` inserted (NEW, 1) or deleted (OLD, -1) runs."""
    out = []
    tallies = [t for t in TALLIES if t.source == src]
    if tallies:
        out.append(UPSERT.format(rows=_tally_rows(tallies, r, sign)))
    if src in ("quotes", "figures"):
        out.append(UPSERT.format(rows=_pair_rows(src[:-1], r, sign, date_side=False)))
    if src == "dates":
        out.append(UPSERT.format(rows=" UNION ALL ".join(
            _pair_rows(kind, r, sign, date_side=True) for kind in ("quote", "figure"))))
    return out


UNCOUNTED = frozenset({"group_id"})
"""Columns no tally reads, set after their row is written (the fact store's claim group): an
update of them alone re-counts nothing. A syndicated quote's copies would otherwise each re-count
every facet of the row when they join their group."""


@lru_cache(maxsize=None)
def _columns(src: str) -> tuple[str, ...]:
    from .db import _sql, _statements

    mem = sqlite3.connect(":memory:")
    for statement in _statements(_sql("tables.sql")):
        mem.execute(statement)
    cols = tuple(r[1] for r in mem.execute(f"PRAGMA table_info([{src}])"))
    mem.close()
    return cols


def _update_of(src: str) -> str:
    """'UPDATE OF the counted columns' when the table has uncounted ones, else 'UPDATE'."""
    cols = _columns(src)
    if not UNCOUNTED & set(cols):
        return "UPDATE"
    return "UPDATE OF " + ", ".join(f"[{c}]" for c in cols if c not in UNCOUNTED)


def triggers() -> list[str]:
    """The CREATE TRIGGER statements that keep facet_counts in step with the derived tables."""
    sources = sorted({t.source for t in TALLIES} | {"quotes", "figures", "dates"})
    out = []
    for src in sources:
        ins, dele = _body(src, "NEW", 1), _body(src, "OLD", -1)
        upd = dele + ins + ([RENAMED] if src == "speakers" else [])
        for name, event, body in (("ins", "INSERT", ins), ("del", "DELETE", dele), ("upd", _update_of(src), upd)):
            out.append(f"CREATE TRIGGER IF NOT EXISTS facet_counts_{src}_{name} AFTER {event} ON {src} "
                       f"BEGIN {' '.join(body)} END")
    return out


def trigger_names(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'facet\\_counts\\_%' ESCAPE '\\' "
        "AND name != 'facet_counts_zero'")]


def create(conn: sqlite3.Connection, with_triggers: bool = True) -> None:
    """The summary table (counted from the current rows) and, unless bulk loading, its triggers."""
    conn.execute(DDL)
    conn.execute(INDEX)
    conn.execute(CLEANUP)
    fill(conn)
    if with_triggers:
        for statement in triggers():
            conn.execute(statement)


def drop_triggers(conn: sqlite3.Connection) -> None:
    """Before a bulk load: rows go in without counting; fill() counts them after."""
    for name in trigger_names(conn):
        conn.execute(f"DROP TRIGGER IF EXISTS [{name}]")


def fill(conn: sqlite3.Connection) -> None:
    """Count every tally from the rows as they are: one GROUP BY per page over all its counted
    columns together, each column's counts then summed from those groups. At a million quotes one
    sort of the rows replaces a dozen (the quotes page's six columns over all rows and again per
    speaker; claims_by_date's three counts over the same join)."""
    conn.execute("DELETE FROM facet_counts")
    pages: dict[str, dict[str, Tally]] = {}
    for t in TALLIES:
        pages.setdefault(t.page, {}).setdefault(_col(t), t)
    for page, tallies in pages.items():
        plain = [t for t in tallies.values() if not t.bulk]
        columns = sorted({c for t in plain for c in (t.column, t.given) if c and c != "*"})
        rows = _counts(page, plain, columns, _grouped(conn, page, columns)) if plain else []
        for t in tallies.values():
            if t.bulk:
                rows += [(page, _col(t), given, value, n) for value, given, n in conn.execute(t.bulk)]
        conn.executemany("INSERT INTO facet_counts (page, col, given, value, n) VALUES (?, ?, ?, ?, ?)", rows)
    pairs = conn.execute("SELECT date, claim, COUNT(*) FROM claims_by_date GROUP BY 1, 2").fetchall()
    conn.executemany("INSERT INTO facet_counts (page, col, given, value, n) VALUES ('claims_by_date', ?, '', ?, ?)",
                     [(col, value, n) for (col, value), n in _pair_counts(pairs).items()])
    conn.execute("DELETE FROM facet_counts WHERE n <= 0")


def _grouped(conn: sqlite3.Connection, page: str, columns: list[str]) -> list[tuple]:
    """(value of each column..., rows) of every distinct combination of the page's columns."""
    cols = ", ".join(f"[{c}]" for c in columns)
    if not cols:
        return [tuple(r) for r in conn.execute(f"SELECT COUNT(*) FROM [{page}]")]
    return [tuple(r) for r in conn.execute(f"SELECT {cols}, COUNT(*) FROM [{page}] GROUP BY {cols}")]


def _counts(page: str, tallies: list[Tally], columns: list[str], groups: list[tuple]) -> list[tuple]:
    """(page, col, given, value, n) of each tally, summed over the groups: a row counts where its
    value (and its given column, if the tally has one) is not NULL, as a GROUP BY of that column
    counts it; the row count '*' counts every row."""
    at = {c: i for i, c in enumerate(columns)}
    out: dict[tuple, int] = {}
    for t in tallies:
        key = _col(t)
        for row in groups:
            given = row[at[t.given]] if t.given else ""
            value = "*" if t.column == "*" else row[at[t.column]]
            if given is not None and value is not None:
                out[(page, key, given, value)] = out.get((page, key, given, value), 0) + row[-1]
    return [(*k, n) for k, n in out.items()]


def _pair_counts(pairs: list[tuple]) -> dict[tuple, int]:
    """claims_by_date's counts by date, by claim kind and in all, from its (date, claim, n) groups."""
    out: dict[tuple, int] = {}
    for date, claim, n in pairs:
        for key in (("date", date), ("claim", claim), ("*", "*")):
            out[key] = out.get(key, 0) + n
    return out
