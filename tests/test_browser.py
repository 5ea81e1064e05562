"""The pages in a real browser (Debian's chromium, headless) against a served archive of samples/:
the article page marks every claim and its links work; index, quotes with facets and the speaker
page render without console errors. Each test keeps its screenshots in its tmp_path."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, free_port

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium; CI installs it and fails without it)",
                allow_module_level=True)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    shutil.copytree(ROOT / "samples", folder / "in")
    db = folder / "archive.db"
    newsfacts = str(Path(sys.executable).parent / "newsfacts")
    subprocess.run([newsfacts, "ingest", str(folder / "in"), "--db", str(db), "-q", "--workers", "1"], check=True)
    port = free_port()
    serve = subprocess.Popen([newsfacts, "serve", "--db", str(db), "--port", str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=5).read()
            break
        except OSError:
            assert time.monotonic() < deadline and serve.poll() is None, "serve did not start"
            time.sleep(0.3)
    yield base, db
    serve.send_signal(signal.SIGTERM)
    serve.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser, width: int = 1400, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, errors


def claims(db: Path, article_id: str) -> set[str]:
    conn = sqlite3.connect(db)
    return {r[0] for r in conn.execute(
        "SELECT id FROM quotes WHERE article_id = :a UNION SELECT id FROM figures WHERE article_id = :a "
        "UNION SELECT id FROM dates WHERE article_id = :a", {"a": article_id})}


def test_the_article_page_marks_every_claim_and_its_links_work(served, browser, tmp_path):
    base, db = served
    conn = sqlite3.connect(db)
    article_id = conn.execute("SELECT id FROM articles WHERE revision = 2").fetchone()[0]
    page, errors = open_page(browser)
    page.goto(f"{base}/archive/articles/{article_id}")
    page.screenshot(path=str(tmp_path / "article-1400.png"), full_page=True)
    marked = set(page.eval_on_selector_all("[data-claim-id]", "els => els.map(e => e.dataset.claimId)"))
    assert marked == claims(db, article_id)
    assert page.locator(".nf-text a.nf-mark").count() >= len(marked) - 1  # the dateline is in the header
    first = page.locator(".nf-text a.nf-quote").first
    claim_id = first.get_attribute("data-claim-id")
    first.click()
    page.wait_for_url(f"**/archive/quotes/{claim_id}")
    page.screenshot(path=str(tmp_path / "quote.png"), full_page=True)
    page.locator("a.nf-place").click()
    page.wait_for_url(f"**/archive/articles/{article_id}#claim-{claim_id}")
    assert page.locator(f"#claim-{claim_id}").is_visible()
    page.locator(".nf-text a.nf-speaker", has_text="Ines Calder").first.click()
    page.wait_for_url("**/archive/speakers/ines-calder")
    assert page.locator("h1").first.inner_text() == "Ines Calder"
    assert errors == []


def test_the_article_page_fits_a_phone(served, browser, tmp_path):
    base, db = served
    article_id = sqlite3.connect(db).execute("SELECT id FROM articles WHERE revision = 2").fetchone()[0]
    page, errors = open_page(browser, width=390, height=844)
    page.goto(f"{base}/archive/articles/{article_id}")
    page.screenshot(path=str(tmp_path / "article-phone.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{overflow}px wider than the phone"
    box = page.locator(".nf-text").bounding_box()
    assert box["width"] <= 390 and box["width"] > 300
    assert errors == []


@pytest.mark.parametrize("path, selector", [("/", "h1"), ("/archive/quotes", ".facet-results"),
                                            ("/archive/speakers/ines-calder", ".nf-chart rect"),
                                            ("/archive/figures_about?word=bridge", ".nf-chart circle")])
def test_pages_render_without_console_errors(served, browser, tmp_path, path, selector):
    base, _ = served
    page, errors = open_page(browser)
    response = page.goto(base + path)
    assert response.status == 200
    page.wait_for_selector(selector)
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    assert errors == []


def test_column_descriptions_are_folded_until_clicked(served, browser, tmp_path):
    base, _ = served
    page, errors = open_page(browser)
    page.goto(f"{base}/archive/quotes")
    descriptions = page.locator("dl.column-descriptions")
    assert not descriptions.is_visible()
    first_row = page.locator("table.rows-and-columns tbody tr").first.bounding_box()
    assert first_row["y"] < 1200, f"the first row starts {first_row['y']}px down"
    page.locator("details.nf-columns-help > summary").click()
    assert descriptions.is_visible()
    page.screenshot(path=str(tmp_path / "quotes-open.png"))
    assert errors == []
