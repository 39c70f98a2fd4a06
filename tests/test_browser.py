"""End to end in headless Chromium: `motedata serve` on korpus output, as a person uses it.

Starts the real command on a free port, then searches, opens every canned query and
follows a link to a PDF page. Needs Debian's chromium and chromium-driver (listed in
debian-packages.txt); skipped only when they are missing outside CI.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.serve import build_metadata

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HAVE_BROWSER = Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()

pytestmark = pytest.mark.skipif(not HAVE_BROWSER and not os.environ.get("CI"),
                                reason="chromium/chromium-driver missing (make sysdeps installs them)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(korpus_ut, tmp_path_factory):
    """`motedata serve` as a subprocess on a free port; yields its base URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    motedata = Path(sys.executable).with_name("motedata")
    with open(log, "wb") as fh:
        proc = subprocess.Popen([str(motedata), "serve", "--out", str(korpus_ut), "--port", str(port)],
                                stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"motedata serve did not start:\n{log.read_text(errors='replace')}")
                time.sleep(0.3)
        yield {"base": base, "log": log, "port": port}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def rows(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")


def test_serve_listens_on_localhost_only(server):
    assert f"Uvicorn running on http://127.0.0.1:{server['port']}" in server["log"].read_text(errors="replace")


def test_search_from_the_front_page_finds_the_case(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server["base"] + "/")
    box = browser.find_element(By.ID, "motedata-q")
    box.send_keys("skolestrukturen")
    box.submit()
    assert "/-/sok?q=skolestrukturen" in browser.current_url
    table = browser.find_element(By.CSS_SELECTOR, "table.sok-treff")
    assert "Skolestruktur i Levanger" in table.text and "Sak 44/24" in table.text
    assert browser.find_element(By.CSS_SELECTOR, "table.sok-treff mark").text.casefold().startswith("skolestruktur")


def test_search_filters_on_kommune(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server["base"] + "/-/sok?q=barnehage")
    assert {"Levanger", "Ulvik"} <= {r.find_elements(By.TAG_NAME, "td")[3].text for r in rows(browser)}
    Select(browser.find_element(By.ID, "kommune")).select_by_visible_text("Ulvik")
    browser.find_element(By.CSS_SELECTOR, "form.motedata-sok input[type=submit]").click()
    assert "kommune=Ulvik" in browser.current_url
    assert {r.find_elements(By.TAG_NAME, "td")[3].text for r in rows(browser)} == {"Ulvik"}


def test_a_bad_query_shows_a_message(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server["base"] + "/-/sok?q=%22ny+barnehage")
    assert "anførselstegn" in browser.find_element(By.CSS_SELECTOR, "p.sok-feil").text


def test_every_canned_query_opens_with_rows(server, browser, korpus_ut):
    from selenium.webdriver.common.by import By

    queries = build_metadata(korpus_ut, [])["databases"]["motedata"]["queries"]
    browser.get(server["base"] + "/motedata")
    listed = {a.text for a in browser.find_elements(By.CSS_SELECTOR, "a")}
    for name, q in queries.items():
        assert q["title"] in listed, name
        browser.get(server["base"] + "/motedata")
        browser.find_element(By.LINK_TEXT, q["title"]).click()
        assert browser.current_url.split("?")[0].endswith(f"/motedata/{name}")
        assert len(rows(browser)) > 0, name


def test_facets_on_the_decisions_view(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server["base"] + "/motedata/vedtak_oversikt")
    facets = {f.get_attribute("data-column") for f in browser.find_elements(By.CSS_SELECTOR, ".facet-info")}
    assert {"kommune", "utvalg", "aar", "tema", "utfall"} <= facets
    browser.find_element(By.CSS_SELECTOR, '.facet-info[data-column="kommune"] a[href*="kommune=Ulvik"]').click()
    assert len(rows(browser)) == 10


def test_a_page_link_opens_the_pdf_at_that_page(server, browser, korpus_ut):
    from selenium.webdriver.common.by import By

    browser.get(server["base"] + "/motedata/endret_fra_innstilling")
    link = browser.find_elements(By.CSS_SELECTOR, "td.col-side a.pdf-lenke")[0]
    href, page = link.get_attribute("href"), link.text
    assert href.endswith(f"#page={page}")
    link.click()
    deadline = time.monotonic() + 10
    while not browser.current_url.endswith(f"#page={page}") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert browser.current_url == href
    with urllib.request.urlopen(href.split("#")[0], timeout=10) as resp:
        assert resp.status == 200 and resp.headers["content-type"] == "application/pdf"
        body = resp.read()
    dokument_id = href.rsplit("/", 1)[1].split(".pdf")[0]
    sha = sqlite3.connect(korpus_ut / "motedata.sqlite").execute(
        "SELECT sha256 FROM dokumenter WHERE dokument_id = ?", (dokument_id,)).fetchone()[0]
    assert hashlib.sha256(body).hexdigest() == sha


def test_the_run_report_is_served(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server["base"] + "/-/rapport")
    assert browser.find_element(By.TAG_NAME, "h1").text == "motedata – rapport"
    assert browser.find_elements(By.CSS_SELECTOR, "figure svg")
