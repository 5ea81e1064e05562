"""Claim grouping at scale: the cost of recording a batch of articles as the archive grows.

    .venv/bin/python bench/claim_groups.py [--quotes 100000] [--per-article 5] [--step 20000]
    .venv/bin/python bench/claim_groups.py --copies 100000 [--step 10000]

Records synthetic articles (random sentences over a 5,000-word vocabulary, 2,000 speakers; one
quote in ten repeats part of an earlier quote of the same speaker, with a spelling changed)
through the real write path (store.record: events, projections, grouping, checks), no NLP. At
every step it prints how long the last 1,000 articles took and how many repeated quotes were put
in their source's group. A flat time per batch while the archive grows shows that grouping does
not compare all pairs.

With --copies N it times the grouping alone (claim_groups.assign_quote on quote rows written
straight into the tables; wall and CPU time, since the machine may be shared) for one syndicated story of five quotes copied N times, a tenth of the
copies cut short: the case where every new quote's group holds all the earlier copies."""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quotes", type=int, default=100_000)
    ap.add_argument("--per-article", type=int, default=5)
    ap.add_argument("--step", type=int, default=20_000, help="report every this many quotes")
    ap.add_argument("--copies", type=int, default=0, help="time grouping alone on this many copies of a story")
    args = ap.parse_args(argv)
    if args.copies:
        return copies(args.copies, args.step)
    from newsfacts.archive.db import connect
    from newsfacts.archive.store import record
    from newsfacts.schema.article import Article
    from newsfacts.schema.claims import Claims, Quote, SpeakerRef

    rng = random.Random(7)
    vocab = [f"w{n}" for n in range(5000)]
    first = ["Anna", "Bruno", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
             "Kaia", "Luca", "Mira", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara"]
    last = [f"{a}{b}" for a in ("Berg", "Holm", "Lind", "Strand", "Vik", "Dahl", "Ek", "Nord", "Sand", "Fjell")
            for b in ("man", "gren", "qvist", "sson", "strom", "berg", "dal", "holm", "lund", "ved")]
    speakers = [f"{f} {s}" for f in first for s in last]  # 2,000 invented names
    said: dict[str, list[str]] = {}
    repeats: list[tuple[str, str]] = []  # (article id, text) of quotes that repeat earlier ones
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "archive.db")
        started, batch_start, n_quotes, articles = time.perf_counter(), time.perf_counter(), 0, 0
        while n_quotes < args.quotes:
            quotes, parts = [], []
            for _ in range(args.per_article):
                who = rng.choice(speakers)
                if said.get(who) and rng.random() < 0.1:
                    words = rng.choice(said[who]).split()
                    cut = rng.randint(0, max(0, len(words) - 8))
                    text = " ".join(words[cut:cut + rng.randint(8, 14)])
                    repeats.append((who, text))
                else:
                    text = " ".join(rng.choice(vocab) for _ in range(rng.randint(10, 25)))
                    said.setdefault(who, []).append(text)
                start = sum(len(p) + 2 for p in parts)
                parts.append(f"“{text},” said {who}.")
                quotes.append(Quote(text=text, kind="direct", speaker=SpeakerRef(name=who, kind="person"),
                                    cue="said", start=start + 1, end=start + 1 + len(text), attribution="named"))
            body = "\n\n".join(parts)
            published = date(2020, 1, 1) + timedelta(days=articles // 50)
            art = Article(text=body, title=f"Synthetic {articles}", outlet=f"Outlet {articles % 40}",
                          published=published, url=f"https://synthetic.example/{articles}")
            claims = Claims(extractor="bench", published=published, quotes=quotes,
                            speakers=[{"name": q.speaker.name, "kind": "person"} for q in quotes])
            record(conn, art, claims, "bench")
            articles += 1
            n_quotes += len(quotes)
            if articles % 1000 == 0 and n_quotes % args.step < args.per_article * 1000:
                took = time.perf_counter() - batch_start
                grouped = conn.execute("SELECT COUNT(*) FROM claim_groups WHERE kind = 'quote' AND claims > 1").fetchone()[0]
                print(f"{n_quotes:>8} quotes: last 1,000 articles in {took:.1f}s "
                      f"({took / (1000 * args.per_article) * 1000:.2f} ms a quote); groups with repeats: {grouped}")
            if articles % 1000 == 0:
                batch_start = time.perf_counter()
        found = sum(1 for who, text in repeats if conn.execute(
            "SELECT g.claims FROM quotes q JOIN claim_groups g ON g.id = q.group_id WHERE q.text = ? LIMIT 1",
            (text,)).fetchone()[0] > 1)
        print(f"{n_quotes} quotes in {time.perf_counter() - started:.0f}s; repeated quotes grouped with their "
              f"source: {found}/{len(repeats)}")
    return 0


STORY = ["We will rebuild the northern harbour wall before the winter storms and pay for it ourselves",
         "Nobody in this town should have to choose between heating and eating this year",
         "The ferry will run every hour from March until the end of October",
         "We have asked the ministry twice and we have heard nothing back from them",
         "This budget is the first in ten years that does not cut the library"]


def copies(n: int, step: int) -> int:
    from newsfacts.archive.db import connect
    from newsfacts.archive.factcheck.claim_groups import assign_quote

    step = min(step, n)
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "archive.db")
        conn.execute("INSERT INTO speakers (id, name, kind) VALUES ('ada-brennan', 'Ada Brennan', 'person')")
        started, block, spent, cpu = time.perf_counter(), 0.0, 0.0, 0.0
        conn.execute("BEGIN")
        for k in range(n):
            aid = f"a{k:09d}"
            day = (date(2024, 1, 1) + timedelta(days=k % 365)).isoformat()
            conn.execute("INSERT INTO articles (id, headline, published, revision, words, content_hash, first_seen, "
                         "updated_at, text) VALUES (?, 'copy', ?, 1, 10, ?, ?, ?, '')", (aid, day, aid, day, day))
            text = STORY[k % len(STORY)]
            if k % 7 == 6:
                text = " ".join(text.split()[2:-2])  # a partial quote
            qid = f"q{k:09d}"
            conn.execute("INSERT INTO quotes (id, article_id, revision, kind, text, speaker_id, published, paragraph, "
                         "start, \"end\") VALUES (?, ?, 1, 'direct', ?, 'ada-brennan', ?, 0, 0, ?)",
                         (qid, aid, text, day, len(text)))
            t, c = time.perf_counter(), time.process_time()
            assign_quote(conn, conn.execute("SELECT * FROM quotes WHERE id = ?", (qid,)).fetchone())
            spent += time.perf_counter() - t
            cpu += time.process_time() - c
            block += 1
            if (k + 1) % step == 0:
                groups = conn.execute("SELECT COUNT(*) FROM claim_groups").fetchone()[0]
                print(f"{k + 1:>8} copies: grouping {spent / block * 1000:.3f} ms a quote ({cpu / block * 1000:.3f} ms "
                      f"CPU) over the last {block:.0f}; {groups} groups", flush=True)
                block, spent, cpu = 0.0, 0.0, 0.0
        conn.execute("COMMIT")
        print(f"{n} copies in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
