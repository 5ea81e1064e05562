"""How the fact store follows the log: handlers run after the archive's own (archive/projections.py)
for the same event, plus the handlers of the fact store's own events.

After an article's current extraction changes, its quotes and figures are (re)grouped, its numbers
rechecked, its measures rechecked across articles, and published fact-checks linked to its quotes.
After a speaker merge, split or link, that speaker's quotes are regrouped: groups use speaker ids
only. (The speakers' projection never changes an earlier quote's speaker id at ingest; people's
merges, splits and links, which do, are events followed here.)"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..log import Event
from ..sentences import sentence_sql
from ..texts import article_text
from . import checks, claim_groups, cross_checks, group_batch, review_links
from .change_rules import said_as_change
from .figure_facts import Fig, article_figures
from .rating_table import apply_scale
from .verdicts import apply_verdict

VERSION = 4
"""Bump when a rule or a handler here changes what rows it writes: archives rebuild on next open."""


def _current(conn, aid: str, rev: int) -> bool:
    row = conn.execute("SELECT revision FROM articles WHERE id = ?", (aid,)).fetchone()
    return row is not None and row[0] == rev


def period(conn: sqlite3.Connection, f: Fig, named: dict[str | None, list] | None = None) -> str | None:
    """The period a figure refers to: its article's month, unless its sentence names a date of
    another month or year ('turnout in 2018 was 80 percent'). `named`: sentence_dates() of its
    article, when the caller has read them."""
    month = f.published[:7] if f.published else None
    named = sentence_dates(conn, f.article_id) if named is None else named
    for value, precision in named.get(f.sentence, ()) if f.sentence is not None else ():
        named_period = value[:4] if precision == "year" else value[:7]
        if month is None or not month.startswith(named_period):
            return named_period
    return month


def sentence_dates(conn: sqlite3.Connection, aid: str) -> dict[str | None, list]:
    """An article's dates (no dateline) by sentence, in text order: one read for all its figures."""
    out: dict[str | None, list] = {}
    for sentence, value, precision in conn.execute(
            f"SELECT {sentence_sql('d')}, value, precision FROM dates d WHERE article_id = ? AND dateline = 0 "
            "ORDER BY start",
            (aid,)):
        out.setdefault(sentence, []).append((value, precision))
    return out


def group_figures(conn: sqlite3.Connection, aid: str, text: str, figs: list[Fig]) -> set[str]:
    """Each figure with a measure in its measure's group, all of the article's together."""
    named = sentence_dates(conn, aid)
    joining = []
    for f in figs:
        if said_as_change(f, text) or not f.published:
            continue  # 'the S&P 500 rose 0.68%' is a change over a span the text may not give
        gid = claim_groups.figure_group_key(f.measure, f.unit, period(conn, f, named))
        if gid is not None:
            joining.append((f, gid))
    claims = {r[0]: tuple(r[1:]) for r in conn.execute(
        "SELECT id, about, speaker_id, unit, published, article_id, start FROM figures WHERE article_id = ?", (aid,))}
    group_batch.add_all(conn, "figure", aid, [group_batch.Member(claim_id=f.id, group_id=gid, me=claims[f.id],
                                                                 words=f.measure) for f, gid in joining])
    return {gid for _, gid in joining}


def on_claims_extracted(conn: sqlite3.Connection, e: Event) -> None:
    aid, rev = e.payload["article_id"], e.payload["revision"]
    if not _current(conn, aid, rev):
        return
    old = [r[0] for r in conn.execute("SELECT claim_id FROM claim_group_members WHERE article_id = ?", (aid,))]
    touched = claim_groups.leave(conn, old)
    decided = claim_groups.decided_claims(conn, aid)
    group_batch.assign_quotes(conn, conn.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY start",
                                                 (aid,)).fetchall(), decided)
    text = article_text(conn, aid) or ""
    figs = article_figures(conn, aid, text)  # read once: grouping them sets only their group_id
    touched |= group_figures(conn, aid, text, figs)
    checks.recheck_article(conn, aid, figs)
    cross_checks.recheck_figure_groups(conn, {g for g in touched if g.startswith("f")})
    review_links.link_article(conn, aid)


def regroup_speakers(conn: sqlite3.Connection, speaker_ids: set[str]) -> None:
    ids = [r[0] for r in conn.execute(
        f"SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_id IN "
        f"({','.join('?' * len(speaker_ids))}) ORDER BY q.id", sorted(speaker_ids))]
    claim_groups.leave(conn, ids)
    conn.executemany("UPDATE quotes SET group_id = NULL WHERE id = ?", [(i,) for i in ids])
    for qid in ids:
        claim_groups.assign_quote(conn, conn.execute("SELECT * FROM quotes WHERE id = ?", (qid,)).fetchone())


def on_speaker_changed(conn: sqlite3.Connection, e: Event) -> None:
    """A merge, split or link: the quotes of every speaker it names (and where they now point)."""
    p = e.payload
    ids = {x for x in (p.get("speaker_id"), p.get("into"), p.get("from"), p.get("other_id")) if x}
    if p.get("variant"):  # a name split off: the speaker now holding it
        ids |= {r[0] for r in conn.execute("SELECT speaker_id FROM speaker_names WHERE variant = ?", (p["variant"],))}
    ids |= {r[0] for r in conn.execute(
        f"SELECT target_id FROM speaker_redirects WHERE speaker_id IN ({','.join('?' * len(ids))})", sorted(ids))}
    regroup_speakers(conn, ids)


def on_group_decided(conn: sqlite3.Connection, e: Event) -> None:
    p = e.payload
    conn.execute("INSERT INTO claim_group_decisions VALUES (?, ?, ?, ?, ?, ?)",
                 (e.seq, p["claim_id"], p["group_id"], p["decision"], e.actor, p.get("reason")))
    conn.execute("UPDATE claim_group_suggestions SET status = ?, event_seq = ? WHERE claim_id = ? AND group_id = ?",
                 (p["decision"], e.seq, p["claim_id"], p["group_id"]))
    member = conn.execute("SELECT group_id, kind FROM claim_group_members WHERE claim_id = ?", (p["claim_id"],)).fetchone()
    if member is None:
        return
    if p["decision"] == "confirmed" and conn.execute("SELECT 1 FROM claim_groups WHERE id = ?", (p["group_id"],)).fetchone():
        claim_groups.move(conn, member[1], p["claim_id"], p["group_id"])
    elif p["decision"] == "rejected" and member[0] == p["group_id"]:
        claim_groups.move(conn, member[1], p["claim_id"], "g" + p["claim_id"])


REPLAY_SAFE = frozenset({"claims.extracted", "original.stored", "article.sighted", "checkpoint.recorded"})
"""Events that change nothing a figure group's cross-check reads, except by rechecking the groups
they change: a replay may leave those rechecks to the end of a run of such events."""


def _replay_safe(conn: sqlite3.Connection, e: Event) -> bool:
    """A new article's first revision is safe too (no group holds its figures yet); a later one may
    change the outlet, date or headline a check shows."""
    if e.type == "article.revised":
        return conn.execute("SELECT 1 FROM articles WHERE id = ?", (e.payload["article_id"],)).fetchone() is None
    return e.type in REPLAY_SAFE


@contextmanager
def replaying(conn: sqlite3.Connection) -> Iterator[Callable[[Event], None]]:
    """For a replay of many events: cross-checks of the figure groups that claims.extracted events
    touch are done once, before the next event that is not safe and at the end, instead of after
    every article (a measure reported by N copies was rechecked N times over N figures). Each
    recheck reads the rows as incremental ingest would have left them, so the checks are the same
    row for row. Yields what to call before applying each event."""
    with cross_checks.deferred(conn) as flush:
        yield lambda e: None if _replay_safe(conn, e) else flush()


FOLLOWERS = {
    "claims.extracted": (on_claims_extracted,),
    "speaker.merged": (on_speaker_changed,),
    "speaker.split": (on_speaker_changed,),
    "speaker.linked": (on_speaker_changed,),
    "speaker.name_split": (on_speaker_changed,),
    "verdict.recorded": (apply_verdict,),
    "claim_group.decided": (on_group_decided,),
    "claimreview.imported": (review_links.apply_import,),
    "ratings.scale_set": (apply_scale,),
}
