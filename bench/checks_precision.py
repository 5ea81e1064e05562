"""Precision and recall of the number checks on the labelled test articles.

    .venv/bin/python bench/checks_precision.py [--articles DIR] [--show]

Ingests the invented articles of tests/factcheck_articles/articles (and the seed article) into a
fresh archive, and compares the checks marked `inconsistent` with labels.json, which lists every
inconsistency a careful reader finds in each file (its kind and the values involved). A flagged
check is right when a label of one of its articles has its kind and all its values are among the
check's figures; precision is right flags over all flags, recall found labels over all labels.
`unclear` checks are counted apart (they are neither a flag nor a miss)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "factcheck_articles" / "articles"
SEED = ROOT / "samples" / "new-caledonia-referendum-2021.txt"
SEED_LABELS = [{"kind": "shares_sum", "values": [43.9, 56.13]},
               {"kind": "hedged_summary", "values": [66.67, 56.13, 1.43, 1.56]}]


def _matches(label: dict, check: dict, values: list[float]) -> bool:
    return label["kind"] == check["kind"] and all(
        any(abs(v - w) < 0.01 for w in values) for v in label["values"])


def score(conn, labels: dict[str, list[dict]]) -> dict:
    """Counts and rates of the checks in an archive against labels keyed by file name."""
    files = {r[0]: Path(r[1] or "").name for r in conn.execute("SELECT id, source FROM articles")}
    value = {r[0]: r[1] for r in conn.execute("SELECT id, value FROM figures")}
    found: set[tuple[str, int]] = set()
    flags, right, wrong, unclear = 0, 0, [], 0
    for row in conn.execute("SELECT kind, status, article_ids, figure_ids, explanation FROM checks ORDER BY id"):
        check = {"kind": row[0], "status": row[1], "articles": json.loads(row[2]), "figures": json.loads(row[3]),
                 "explanation": row[4]}
        if check["status"] == "unclear":
            unclear += 1
        if check["status"] != "inconsistent":
            continue
        flags += 1
        values = [value[f] for f in check["figures"] if f in value]
        hits = [(files[a], n) for a in check["articles"] for n, label in enumerate(labels.get(files[a], []))
                if _matches(label, check, values)]
        if hits:
            right += 1
            found.update(hits)
        else:
            wrong.append(check["explanation"])
    total = sum(len(v) for v in labels.values())
    missed = [f"{name}: {label}" for name, ls in labels.items() for n, label in enumerate(ls) if (name, n) not in found]
    return {"flags": flags, "right": right, "labels": total, "found": len(found), "unclear": unclear,
            "precision": right / flags if flags else 1.0, "recall": len(found) / total if total else 1.0,
            "false_alarms": wrong, "missed": missed}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, default=ARTICLES)
    ap.add_argument("--labels", default="labels.json", help="the labels file beside the articles folder")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--no-seed", action="store_true", help="leave the seed article out")
    ap.add_argument("--show", action="store_true", help="list false alarms and misses")
    args = ap.parse_args(argv)
    from newsfacts.archive.batch import ingest
    from newsfacts.archive.db import connect

    # --labels - : no labels (articles from elsewhere): every flag is one to inspect by hand
    labels = {} if args.labels == "-" else json.loads((args.articles.parent / args.labels).read_text(encoding="utf-8"))
    inputs = [str(args.articles)]
    if not args.no_seed:
        labels[SEED.name] = SEED_LABELS
        inputs.append(str(SEED))
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "archive.db")
        ingest(conn, inputs, workers=args.workers)
        result = score(conn, labels)
        conn.close()
    print(f"checks flagged inconsistent: {result['flags']}, right: {result['right']}, "
          f"labelled inconsistencies: {result['labels']}, found: {result['found']}, unclear: {result['unclear']}")
    print(f"precision {result['precision']:.2f}  recall {result['recall']:.2f}")
    if args.show:
        for line in result["false_alarms"]:
            print("false alarm:", line)
        for line in result["missed"]:
            print("missed:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
