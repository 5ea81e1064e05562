"""The bounds on work per input, measured (issue 13): time and peak memory of the worst inputs.

    .venv/bin/python bench/bounds.py [--quick]

- the malformed corpus of the tests (tests/malformed.py: gzip bombs, entity bombs, deep nesting,
  a million quotation marks, ...) read by one `newsfacts ingest`: its time and peak RSS;
- the largest text the memory ceiling admits (pipeline.MAX_TEXT_CHARS), extracted in a worker
  process: its time and peak RSS (the per-article ceiling);
- a text of a million quotation marks and one of 40,000 in a row: refused before spaCy, in how long.
Peaks are ru_maxrss of the process that did the work.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD_PEAK = """
import resource, sys
from newsfacts.archive.cli import cli
try:
    cli(sys.argv[1:])
finally:
    print(f"peak_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}", file=sys.stderr)
"""

EXTRACT_ONE = """
import resource, sys, time
sys.path.insert(0, sys.argv[2])
from newsfacts.ingest.extract import extract_many
from newsfacts.ingest.extract.pipeline import load
from newsfacts.schema.article import Article
nlp = load()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
text = open(sys.argv[1], encoding="utf-8").read()
start = time.monotonic()
list(extract_many([Article(text=text)], nlp))
print(f"{len(text)} {time.monotonic() - start:.1f} {base} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}")
"""


def corpus_run(tmp: Path) -> None:
    from tests.malformed import corpus

    folder = tmp / "corpus"
    n = len(corpus(folder))
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", CHILD_PEAK, "ingest", str(folder), "--db", str(tmp / "c.db"), "-q"],
                          capture_output=True, text=True, errors="replace")
    took = time.monotonic() - start
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("error: ")]
    peak = next(ln.split()[1] for ln in proc.stderr.splitlines() if ln.startswith("peak_mb"))
    print(f"malformed corpus: {n} inputs, {len(lines)} error lines, exit {proc.returncode}, "
          f"{took:.1f} s, peak {peak} MB")


def largest_article(tmp: Path, quick: bool) -> None:
    from newsfacts.ingest.extract.pipeline import MAX_TEXT_CHARS
    from tests.texts import article

    body, n = [], 0
    limit = MAX_TEXT_CHARS // (10 if quick else 1)
    while sum(map(len, body)) + 400 < limit:
        body.append(article(n).split(" ", 2)[2])
        n += 1
    path = tmp / "largest.txt"
    path.write_text("\n\n".join(body), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", EXTRACT_ONE, str(path), str(ROOT)], capture_output=True, text=True)
    chars, secs, base, peak = out.stdout.split()
    print(f"largest admissible article: {int(chars):,} characters, {secs} s to extract, peak {peak} MB "
          f"({int(peak) - int(base)} MB over the loaded pipeline)")


def refusals() -> None:
    from newsfacts.ingest.extract.pipeline import too_long

    for label, text in (("a million quotation marks", "“" * 1_000_000),
                        ("40,000 marks in a row", "The statement: " + "“”" * 20_000)):
        start = time.monotonic()
        reason = too_long(text)
        print(f"{label}: refused in {1000 * (time.monotonic() - start):.1f} ms ({reason[:60]}...)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the largest article")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus_run(Path(tmp))
        largest_article(Path(tmp), args.quick)
        refusals()


if __name__ == "__main__":
    main()
