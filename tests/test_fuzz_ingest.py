"""No input makes ingest crash or leaves the archive inconsistent (generated inputs)."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.archive.batch import ingest
from newsfacts.archive.db import connect
from newsfacts.archive.log import verify
from newsfacts.archive.rebuild import rebuild

from .conftest import snapshot
from .texts import article

GOOD = article(7).encode()

mutations = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.builds(lambda cut: GOOD[:cut], st.integers(0, len(GOOD))),
    st.builds(lambda cut: gzip.compress(GOOD)[:cut], st.integers(0, 60)),
    st.builds(lambda pos, b: GOOD[:pos] + bytes([b]) + GOOD[pos + 1:], st.integers(0, len(GOOD) - 1),
              st.integers(0, 255)),
    st.sampled_from([b"<html><body></body></html>", b"<rss><channel><item><title>x", b"[{", b'{"title": 1}\n{',
                     b"WARC/1.0\r\nWARC-Type: response\r\n\r\n", b"date 2021-13-45 text", b"\xef\xbb\xbf",
                     b"title: t\n---\n", b'[{"text": "", "url": 5}]']),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations, min_size=1, max_size=4))
def test_generated_inputs_never_break_the_archive(inputs):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / "good.txt").write_bytes(GOOD)
        for i, data in enumerate(inputs):
            (folder / f"input{i}.bin").write_bytes(data)
        conn = connect(Path(tmp) / "archive.db")
        summary = ingest(conn, [str(folder)])
        assert summary.counts["ingested"] + summary.counts["sighted"] + summary.counts["revised"] >= 1
        assert all(reason.strip() and "\n" not in reason for _, reason in summary.failures)
        checked, problem = verify(conn)
        assert problem is None
        n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert n == conn.execute("SELECT COUNT(*) FROM events WHERE type = 'claims.extracted'").fetchone()[0]
        before = snapshot(conn)
        rebuild(conn)
        assert snapshot(conn) == before
        conn.close()
