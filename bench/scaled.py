"""A scaled archive: the claims of real extracted articles, copied under new URLs through the
project's own write path (`store.record`), so an archive of a million quotes costs no NLP per copy.

    python bench/scaled.py OUT.db --quotes 1000000 [--articles DIR] [--sources 120]

The real articles (by default the PolNeAR training articles beside the project; never copied into
the repository) are extracted once; their claims are cached outside the repository
(~/.cache/newsfacts-bench) keyed by extractor version, so a second run needs no NLP at all. Copy k
of an article gets the URL https://copies.bench.invalid/<k>/<id>, the outlet named by the file's
prefix (breitbart_2015-..., the PolNeAR convention) and original bytes of its own, so every copy is
a distinct article with its own original, revision and claims, as in a real newsroom archive.

The issue's archive is 926 sources copied about 65 times each; at 10,000 quotes, about `--sources 10`
gives that shape (579 articles, ~58 copies of ~17 quotes, as the issue's 16.5; check articles /
sources in the output), the default 120 about 7 copies each. Sizes per
article differ by a third between the two (bench/size.py): say which one a figure is of.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = Path("shared") / "eval" / "external" / "polnear" / "train" / "articles"
# beside the checkout (../shared), or beside the folder of clones (../../shared)
DEFAULT_ARTICLES = next((p / POLNEAR for p in (ROOT.parent, ROOT.parent.parent) if (p / POLNEAR).is_dir()),
                        ROOT.parent / POLNEAR)
CACHE = Path.home() / ".cache" / "newsfacts-bench"


@dataclass(frozen=True)
class Source:
    """One real article, read and extracted once."""

    article: object  # schema.article.Article
    claims: object  # schema.claims.Claims
    outlet: str


def _cache_file(extractor: str) -> Path:
    return CACHE / f"claims-{hashlib.sha256(extractor.encode()).hexdigest()[:12]}.jsonl"


def _outlet(f: Path) -> str:
    return f.name.split("_", 1)[0] if "_" in f.name else "unknown"


def spread(files: list[Path]) -> list[Path]:
    """The files taken in turn from each outlet (the first of each, then the second of each, ...),
    so that the first 120 of PolNeAR's sorted files are not all one outlet's: a real archive's
    outlet facet and outlet filters have several outlets to count."""
    by_outlet: dict[str, list[Path]] = {}
    for f in files:
        by_outlet.setdefault(_outlet(f), []).append(f)
    rounds = max((len(v) for v in by_outlet.values()), default=0)
    return [v[i] for i in range(rounds) for v in by_outlet.values() if i < len(v)]


def load_sources(folder: Path, limit: int, log=print) -> list[Source]:
    """The first `limit` articles of the folder with their claims; NLP only for those not cached."""
    from newsfacts.ingest.extract import EXTRACTOR_VERSION, extract_many
    from newsfacts.ingest.extract.pipeline import too_long
    from newsfacts.ingest.sources import read_path
    from newsfacts.schema.claims import Claims

    files = spread(sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")))[:limit]
    cache_path = _cache_file(EXTRACTOR_VERSION)
    cached: dict[str, dict] = {}
    if cache_path.exists():
        for line in cache_path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            cached[entry["key"]] = entry["claims"]
    articles = []
    for f in files:
        for a in read_path(f):
            if not too_long(a.text):
                articles.append((f, a))
    keys = {id(a): f"{f.name}:{a.content_hash}" for f, a in articles}
    todo = [a for _, a in articles if keys[id(a)] not in cached]
    if todo:
        started = time.perf_counter()
        CACHE.mkdir(parents=True, exist_ok=True)
        with cache_path.open("a", encoding="utf-8") as out:
            for a, claims in extract_many(todo):
                doc = claims.model_dump(mode="json")
                cached[keys[id(a)]] = doc
                out.write(json.dumps({"key": keys[id(a)], "claims": doc}, ensure_ascii=False) + "\n")
        log(f"extracted {len(todo)} source articles once in {time.perf_counter() - started:.1f}s")
    return [Source(article=a, claims=Claims.model_validate(cached[keys[id(a)]]),
                   outlet=_outlet(f))
            for f, a in articles]


def copies(sources: list[Source], quotes: int) -> Iterator[tuple[object, object]]:
    """(article, claims) copies, round-robin over the sources, until about `quotes` quotes."""
    if not any(s.claims.quotes for s in sources):
        raise ValueError("the source articles have no quotes")
    total, k = 0, 0
    while total < quotes:
        s = sources[k % len(sources)]
        url = f"https://copies.bench.invalid/{k}/{s.article.article_id}"
        raw = (s.article.raw or s.article.text.encode("utf-8")) + f"\n<!-- bench copy {k} -->\n".encode()
        art = s.article.model_copy(update={
            "url": url, "source": url, "outlet": s.outlet, "raw": raw,
            "raw_sha256": hashlib.sha256(raw).hexdigest()})
        yield art, s.claims.model_copy(update={"source": url})
        total += len(s.claims.quotes)
        k += 1


def build(db_path: Path, quotes: int, articles_dir: Path = DEFAULT_ARTICLES, n_sources: int = 120,
          log=print) -> dict:
    """Fill db_path with about `quotes` quotes; returns what it took (articles, seconds, rate)."""
    from newsfacts.archive.db import connect
    from newsfacts.archive.store import record
    from newsfacts.ingest.extract import EXTRACTOR_VERSION

    sources = load_sources(articles_dir, n_sources, log)
    conn = connect(db_path)
    started, n = time.perf_counter(), 0
    for art, claims in copies(sources, quotes):
        record(conn, art, claims, EXTRACTOR_VERSION, actor="bench")
        n += 1
        if n % 5000 == 0:
            log(f"  ... {n} articles ({n / (time.perf_counter() - started):.0f}/s)")
    seconds = time.perf_counter() - started
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("articles", "quotes", "figures", "dates", "speakers", "events")}
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"articles": n, "seconds": seconds, "rate": n / seconds if seconds else 0.0, **counts}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    ap.add_argument("--sources", type=int, default=120, help="real articles to extract and copy")
    args = ap.parse_args(argv)
    if args.db.exists():
        print(f"{args.db}: exists; the scaled archive is built into a new file", file=sys.stderr)
        return 2
    info = build(args.db, args.quotes, args.articles, args.sources)
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
