"""Archive-level speaker identity, scored against a hand-checked gold mapping of names to sources.

    python bench/speaker_identity.py ARCHIVE.db --gold bench/speaker_gold.tsv [--min-quotes 2]

The gold maps each name an article's extraction gave a speaker (`quotes.named_as`, or
`quotes.speaker` in archives older than it) to the real source it denotes, `JUNK` (no source: a
pronoun, a headline, a number ...) or `ANON` (an unnamed source, kept per article); a third
column, an article id, overrides the label for that article. It holds names and labels only.

Over the speaker rows holding at least --min-quotes quotes it reports: speaker rows per real source
(how many rows hold each source's quotes, averaged over sources), rows joining two different
sources, the share of all quotes whose speaker is junk, and how much of it the gold covers.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections import defaultdict
from pathlib import Path


def load_gold(path: Path) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    names, overrides = {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2]:
            overrides[(parts[0], parts[2])] = parts[1]
        else:
            names[parts[0]] = parts[1]
    return names, overrides


def quotes(conn: sqlite3.Connection):
    cols = {r[1] for r in conn.execute("PRAGMA table_info(quotes)")}
    named = "named_as" if "named_as" in cols else "speaker"
    anon = {r[0] for r in conn.execute("SELECT id FROM speakers WHERE anonymous = 1")}
    for sid, name, aid in conn.execute(f"SELECT speaker_id, {named}, article_id FROM quotes"):
        yield sid, name, aid, sid in anon


def score(conn: sqlite3.Connection, gold: Path, min_quotes: int = 2) -> dict:
    names, overrides = load_gold(gold)

    def label(name, aid):
        return overrides.get((name, aid)) or names.get(name)

    rows: dict[str, list] = defaultdict(list)
    total = junk = unlabeled_junkable = 0
    for sid, name, aid, anon in quotes(conn):
        total += 1
        if sid is None:
            continue
        lab = label(name, aid) if name else None
        rows[sid].append((lab, anon))
        if lab == "JUNK":
            junk += 1
        elif lab is None:
            unlabeled_junkable += 1
    considered = {sid: qs for sid, qs in rows.items() if len(qs) >= min_quotes and not qs[0][1]}
    holders: dict[str, set[str]] = defaultdict(set)
    joins, labeled, covered = [], 0, 0
    for sid, qs in considered.items():
        sources = {lab for lab, _ in qs if lab not in (None, "JUNK", "ANON")}
        covered += sum(1 for lab, _ in qs if lab is not None)
        labeled += len(qs)
        for s in sources:
            holders[s].add(sid)
        if len(sources) > 1:
            joins.append({"row": sid, "sources": sorted(sources)})
    per_source = sum(len(v) for v in holders.values()) / max(len(holders), 1)
    return {
        "quotes": total, "rows_considered": len(considered), "real_sources": len(holders),
        "rows_per_source": round(per_source, 4), "rows_joining_sources": len(joins),
        "junk_quote_share": round(junk / max(total, 1), 4), "junk_quotes": junk,
        "gold_coverage": round(covered / max(labeled, 1), 4),
        "quotes_with_speaker_unlabeled": unlabeled_junkable,
        "split_sources": sorted(((s, sorted(v)) for s, v in holders.items() if len(v) > 1), key=lambda x: -len(x[1]))[:40],
        "joins": joins[:40],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--gold", default=str(Path(__file__).with_name("speaker_gold.tsv")))
    ap.add_argument("--min-quotes", type=int, default=2)
    ap.add_argument("--details", action="store_true", help="List split sources and joining rows too.")
    args = ap.parse_args()
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    result = score(conn, Path(args.gold), args.min_quotes)
    if not args.details:
        result = {k: v for k, v in result.items() if k not in ("split_sources", "joins")}
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
