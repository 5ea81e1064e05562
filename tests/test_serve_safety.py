"""Safe to serve (issue 13): what Datasette's SQL must not reach on a public archive, through
Datasette's own client with the plugin registered by the package's entry point."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from datasette.app import Datasette

from newsfacts.archive.serve import datasette_args

from .conftest import ROOT, run_cli


@pytest.fixture
def metadata() -> dict:
    return yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))


def client(archive, metadata, settings=None, private=False):
    if private:
        metadata = {**metadata, "plugins": {"newsfacts-safety": {"private_originals": True}}}
    ds = Datasette([str(archive)], metadata=metadata, settings=settings)

    def get(path: str, **params):
        return asyncio.run(ds.client.get(path, params=params or None))

    return get


def test_dangerous_functions_are_denied_on_every_connection(archive, metadata):
    get = client(archive, metadata)
    for sql in ["select fts3_tokenizer('simple')", "select hex(fts3_tokenizer('simple'))",
                "select load_extension('/tmp/x')", "select length(zeroblob(100000000))"]:
        r = get("/archive.json", sql=sql)
        assert r.status_code == 400 and "not authorized" in r.text, (sql, r.text[:200])
    r = get("/archive.json", sql="with recursive s(x) as (select 'abcdefgh' union all select x || x from s "
                                 "where length(x) < 200000000) select max(length(x)) from s")
    assert r.status_code == 400 and "too big" in r.text  # 128 MB strings: past the per-query length limit
    ok = get("/archive.json", sql="select count(*) as n from articles", _shape="array")
    assert ok.status_code == 200 and ok.json() == [{"n": 2}]


def test_the_archive_path_is_not_disclosed(archive, metadata):
    get = client(archive, metadata)
    r = get("/archive.json", sql="select * from pragma_database_list", _shape="array")
    assert r.status_code == 200 and r.json()[0]["name"] == "main" and r.json()[0]["file"] is None
    dbs = get("/-/databases.json")
    assert dbs.status_code == 200 and [d["name"] for d in dbs.json()] == ["archive"]
    for r in (r, dbs, get("/archive"), get("/archive.json")):
        assert str(archive.parent) not in r.text
    assert get("/archive/articles.json").status_code == 200  # Datasette's own pages still work


def test_originals_can_be_kept_private_by_a_setting(archive, metadata):
    public = client(archive, metadata)
    assert public("/archive/originals.json").status_code == 200
    private = client(archive, metadata, private=True)
    assert private("/archive/originals.json").status_code == 403
    sha256 = public("/archive/originals.json", _shape="array").json()[0]["sha256"]
    assert public(f"/archive/-/original/{sha256}").status_code == 200
    assert private(f"/archive/-/original/{sha256}").status_code == 403
    r = private("/archive.json", sql="select content from originals", _shape="array")
    assert r.status_code == 200 and r.json() and all(row["content"] is None for row in r.json())
    r = private("/archive.json", sql="select type, payload from events where type = 'original.stored'",
                _shape="array")
    assert r.json() and all(row["payload"] is None for row in r.json())
    assert private("/archive/quotes.json").status_code == 200


def settings_of(args: list[str]) -> dict:
    return {args[i + 1]: int(args[i + 2]) for i, a in enumerate(args) if a == "--setting"}


def test_a_public_server_has_a_short_time_limit_per_query(archive, metadata, tmp_path):
    settings = settings_of(datasette_args(archive, public=True))
    assert settings["sql_time_limit_ms"] == 1000
    get = client(archive, metadata, settings=settings)
    slow = ("with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000000) "
            "select count(*) from n")
    r = get("/archive.json", sql=slow)
    assert r.status_code == 400 and "took too long" in r.text


def test_serve_on_all_interfaces_warns_that_the_archive_becomes_public(archive, monkeypatch):
    from newsfacts.archive import serve

    calls = []
    monkeypatch.setattr(serve.os, "execv", lambda path, args: calls.append(args))  # instead of becoming Datasette
    result = run_cli("serve", "--db", archive, "--host", "0.0.0.0", "--port", "0")
    assert "warning: serving on 0.0.0.0: the archive becomes public" in result.output
    assert calls[-1][calls[-1].index("sql_time_limit_ms") + 1] == "1000"
    result = run_cli("serve", "--db", archive, "--port", "0")
    assert "warning" not in result.output and calls[-1][calls[-1].index("sql_time_limit_ms") + 1] == "5000"
    run_cli("serve", "--db", archive, "--host", "0.0.0.0", "--port", "0", "--private-originals")
    meta = calls[-1][calls[-1].index("--metadata") + 1]
    assert yaml.safe_load(open(meta))["plugins"]["newsfacts-safety"] == {"private_originals": True}
