"""The benchmark: the archive at scale, then ingest speed, in one run.

    ./dev bench [--quotes 1000000] [--small 10000] [--articles DIR] [--limit N] [--workers 1,2]
                [--only scale|ingest]

Scale (bench/scale.py): a scaled archive of --small quotes (real extracted claims copied through
the write path) and one of --quotes quotes multiplied from it in SQL; p50/p95 and SQL time of every
page at both sizes with the ratio and the pages over target; rebuild against verify of the small
one, its bytes per article by part, and the write path's articles/s.

Ingest:

Reads real articles from outside the repository (by default the PolNeAR training articles beside
the project, ../shared/eval/external/polnear/train/articles; they are never copied here), ingests
them into a fresh archive in a temporary folder, and prints:
- articles/s and words/s of the whole ingest, per worker count;
- the share of an ingest spent inside the spaCy pipeline, against everything else (reading, the
  rule-based extractors, validation, events, tables, FTS), from a run that extracts in this process
  (`--time-limit 0`: the worker runs extract in child processes, which this process cannot time);
- the rate of `nlp.pipe` alone on the same texts in the same run, for comparison;
- peak resident memory of this process and of the worker processes.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from scaled import DEFAULT_ARTICLES as DEFAULT  # noqa: E402


class TimedPipeline:
    """Wraps a spaCy Language and counts the seconds spent inside its pipe()."""

    def __init__(self, nlp):
        self.nlp, self.seconds = nlp, 0.0

    def pipe(self, items, **kwargs):
        it = self.nlp.pipe(items, **kwargs)
        while True:
            t = time.perf_counter()
            try:
                out = next(it)
            except StopIteration:
                self.seconds += time.perf_counter() - t
                return
            self.seconds += time.perf_counter() - t
            yield out

    def __getattr__(self, name):
        return getattr(self.nlp, name)


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def ingest_run(files: list[Path], workers: int, in_process: bool = False) -> tuple[float, dict]:
    """Seconds and outcome counts of one ingest of `files` into a fresh archive: extraction in
    `workers` worker processes with the per-article time limit (as `newsfacts ingest` does), or in
    this process without one."""
    from newsfacts.archive.batch import ingest
    from newsfacts.archive.db import connect
    from newsfacts.archive.workers import TIME_LIMIT

    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "archive.db")
        done = [0]

        def progress(summary, source):
            done[0] += 1
            if done[0] % 50 == 0:
                print(f"  ... {done[0]}/{len(files)} ({summary.line()})", file=sys.stderr, flush=True)

        start = time.perf_counter()
        summary = ingest(conn, [str(f) for f in files], workers=workers, progress=progress,
                         time_limit=None if in_process else TIME_LIMIT)
        seconds = time.perf_counter() - start
        counts = dict(summary.counts, failed=summary.failed)
        conn.close()
    return seconds, counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=60, help="how many articles to ingest (0: all)")
    ap.add_argument("--workers", default="1,2", help="worker counts to measure, comma-separated")
    ap.add_argument("--quotes", type=int, default=1_000_000, help="quotes of the large scaled archive")
    ap.add_argument("--small", type=int, default=10_000, help="quotes of the small scaled archive")
    ap.add_argument("--repeat", type=int, default=7, help="requests per page")
    ap.add_argument("--only", choices=["scale", "ingest"])
    args = ap.parse_args(argv)
    started = time.perf_counter()
    lines: list[str] = []
    if args.only != "ingest":
        import scale

        with tempfile.TemporaryDirectory(prefix="newsfacts-bench-") as tmp:
            out = scale.run(Path(tmp), args.small, args.quotes, args.articles, args.repeat,
                            log=lambda m: print(m, file=sys.stderr, flush=True))
        scale.report(out, print_=lambda m: (print(m), lines.append(m)))
    if args.only != "scale":
        ingest_bench(args)
    print(f"\nbench: {time.perf_counter() - started:.0f}s in all")
    return 0


def ingest_bench(args) -> int:

    if not args.articles.is_dir():
        print(f"no articles at {args.articles}: pass --articles DIR", file=sys.stderr)
        return 2
    files = sorted(p for p in args.articles.iterdir() if p.is_file())
    files = files[: args.limit] if args.limit else files

    from newsfacts.ingest.extract import pipeline
    from newsfacts.ingest.sources import read_path

    texts = [a.text for f in files for a in read_path(f)]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(files)} articles, {words:,} words, from {args.articles}")

    t = time.perf_counter()
    nlp = pipeline.load()
    print(f"pipeline load: {time.perf_counter() - t:.1f}s")

    # the pipeline alone on the same texts
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    pipe_alone = time.perf_counter() - t
    print(f"nlp.pipe alone: {pipe_alone:.1f}s = {len(texts) / pipe_alone:.1f} articles/s, "
          f"{words / pipe_alone:,.0f} words/s")

    import newsfacts.ingest.extract as extract

    timed = TimedPipeline(nlp)
    pipeline.load = lambda: timed  # the ingest below runs the same pipeline, timed
    rules = {"seconds": 0.0}
    claims_from_doc = extract.claims_from_doc

    def timed_claims(article, doc):
        t = time.perf_counter()
        try:
            return claims_from_doc(article, doc)
        finally:
            rules["seconds"] += time.perf_counter() - t

    extract.claims_from_doc = timed_claims  # (in this process only: workers are not timed)
    results = {}
    for workers in [int(w) for w in args.workers.split(",")]:
        seconds, counts = ingest_run(files, workers)
        results[workers] = seconds
        print(f"ingest, {workers} worker{'s' if workers > 1 else ''}: {seconds:.1f}s = "
              f"{len(files) / seconds:.1f} articles/s, {words / seconds:,.0f} words/s  {counts}")
    seconds, counts = ingest_run(files, 1, in_process=True)
    rest = seconds - timed.seconds - rules["seconds"]
    print(f"ingest in this process (--time-limit 0): {seconds:.1f}s = {len(files) / seconds:.1f} articles/s; "
          f"time in the spaCy pipeline: {timed.seconds:.1f}s ({timed.seconds / seconds:.0%}); "
          f"rule-based extractors: {rules['seconds']:.1f}s ({rules['seconds'] / seconds:.0%}); "
          f"everything else (reading, events, tables): {rest:.1f}s ({rest / seconds:.0%})")
    print(f"peak memory: {peak_mb():.0f} MB (this process), "
          f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB (largest worker)")
    if 1 in results and 2 in results:
        print(f"ingest rates: {len(files) / results[1]:.1f} articles/s with 1 worker, "
              f"{len(files) / results[2]:.1f} with 2, nlp.pipe alone {len(texts) / pipe_alone:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
