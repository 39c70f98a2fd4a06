"""`motedata serve`: metadata for every column, canned queries, the PDF route, links, search page.

Datasette runs in-process here (its test client, no port); tests/test_browser.py drives a
real `motedata serve` in Chromium.
"""
from __future__ import annotations

import asyncio
import hashlib
import re
import shutil
import sqlite3

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

import pipeline.serve as serve_pkg
from pipeline.cli import main
from pipeline.oppfolging_view import open_tasks
from pipeline.records import TABLES, columns
from pipeline.serve import PLUGINS_DIR, TEMPLATES_DIR, build_metadata, datasette_args, load_metadata


def datasette_for(out, pdf_dirs=()):
    return Datasette([str(out / "motedata.sqlite")], metadata=build_metadata(out, list(pdf_dirs)),
                     plugins_dir=str(PLUGINS_DIR), template_dir=str(TEMPLATES_DIR))


def fetch(ds, *paths):
    async def go():
        await ds.invoke_startup()
        return [await ds.client.get(p) for p in paths]
    return asyncio.run(go())


@pytest.fixture(scope="module")
def ds(korpus_ut):
    return datasette_for(korpus_ut)


def test_every_contract_column_has_a_norwegian_description():
    tables = load_metadata()["databases"]["motedata"]["tables"]
    for name, cls in TABLES.items():
        assert tables[name]["description"], name
        described = tables[name].get("columns", {})
        missing = [c for c in columns(cls) if not (described.get(c) or "").strip()]
        assert not missing, f"{name}: no description for {missing}"
        assert set(described) <= set(columns(cls)), f"{name}: described columns that do not exist"


def test_facets_exist_and_views_are_described(korpus_ut):
    meta = build_metadata(korpus_ut, [])
    con = sqlite3.connect(korpus_ut / "motedata.sqlite")
    for name, table in meta["databases"]["motedata"]["tables"].items():
        cols = {r[1] for r in con.execute(f'PRAGMA table_info("{name}")')}
        assert cols, f"{name} is not in the database"
        assert set(table.get("facets", [])) <= cols, name
        if name in ("saker_oversikt", "vedtak_oversikt", "kostnader_aar"):
            assert set(table["columns"]) == cols and all(table["columns"].values()), name
    assert {"kommune", "utvalg", "aar", "tema", "utfall"} <= set(meta["databases"]["motedata"]["tables"]
                                                                ["vedtak_oversikt"]["facets"])


def test_every_canned_query_returns_rows(ds, korpus_ut):
    names = list(build_metadata(korpus_ut, [])["databases"]["motedata"]["queries"])
    assert names == ["apne_oppfolginger", "vedtak_utvalg_aar", "endret_fra_innstilling",
                     "ikke_enstemmige_voteringer", "kostnader_kostra_over_aar"]
    responses = fetch(ds, *[f"/motedata/{n}.json?_shape=array" for n in names])
    for name, r in zip(names, responses):
        assert r.status_code == 200, (name, r.text[:300])
        assert len(r.json()) > 0, name


def test_open_tasks_query_lists_the_same_tasks_as_the_oppfolging_command(ds, korpus_ut):
    (r,) = fetch(ds, "/motedata/apne_oppfolginger.json?_shape=array")
    served = [(t["frist"], t["saksnr"], t["punkt"]) for t in r.json()]
    cli = [(t["frist"], t["saksnr"], t["punkt"]) for t in open_tasks(korpus_ut / "motedata.sqlite")]
    assert sorted(served) == sorted(cli) and [f for f, _, _ in served] == [f for f, _, _ in cli]


def test_one_utvalg_one_year_and_changed_decisions(ds):
    one, changed = fetch(ds, "/motedata/vedtak_utvalg_aar.json?_shape=array&utvalg=kommunestyret&aar=2024",
                         "/motedata/endret_fra_innstilling.json?_shape=array")
    assert {(v["utvalg"], v["motedato"][:4]) for v in one.json()} == {("Kommunestyret", "2024")}
    assert len(one.json()) == 15
    assert changed.json() and all(v["innstilling"] != v["vedtakstekst"] for v in changed.json())


def test_pdf_is_served_exactly_as_read(ds, korpus_ut):
    con = sqlite3.connect(korpus_ut / "motedata.sqlite")
    dokument_id, fil, sha = con.execute("SELECT dokument_id, fil, sha256 FROM dokumenter LIMIT 1").fetchone()
    ok, unknown, traversal, redirected = fetch(ds, f"/-/pdf/{dokument_id}.pdf", "/-/pdf/0123456789abcdef.pdf",
                                               "/-/pdf/..%2F..%2Fetc%2Fpasswd", "/-/pdf/~2E~2E~2F~2E~2E~2Fetc~2Fpasswd")
    assert ok.status_code == 200 and ok.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(ok.content).hexdigest() == sha
    assert unknown.status_code == 404 and "finnes ikke i databasen" in unknown.text
    assert traversal.status_code in (302, 404) and redirected.status_code == 404  # no path leaves the list


def test_a_changed_file_is_not_served(tmp_path, innkalling, monkeypatch):
    pdf = tmp_path / "papirer" / "innkalling.pdf"
    pdf.parent.mkdir()
    shutil.copy(innkalling, pdf)
    out = tmp_path / "ut"
    # a relative `fil`, as when a person runs motedata from the folder above the papers
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["run", "papirer/innkalling.pdf", "--out", "ut", "-q"]).exit_code == 0
    dokument_id = sqlite3.connect(out / "motedata.sqlite").execute("SELECT dokument_id FROM dokumenter").fetchone()[0]
    (elsewhere,) = fetch(datasette_for(out, [tmp_path / "annen_mappe"]), f"/-/pdf/{dokument_id}.pdf")
    assert elsewhere.status_code == 404 and "--pdf-dir" in elsewhere.text
    (found,) = fetch(datasette_for(out, [tmp_path]), f"/-/pdf/{dokument_id}.pdf")
    assert found.status_code == 200
    pdf.write_bytes(pdf.read_bytes() + b"\n% endret\n")
    (changed,) = fetch(datasette_for(out, [tmp_path]), f"/-/pdf/{dokument_id}.pdf")
    assert changed.status_code == 404


def test_rows_link_to_their_pdf_page(ds, korpus_ut):
    con = sqlite3.connect(korpus_ut / "motedata.sqlite")
    dokument_id, side = con.execute("SELECT dokument_id, side FROM vedtak WHERE side IS NOT NULL LIMIT 1").fetchone()
    vedtak, saker, query = fetch(ds, "/motedata/vedtak", "/motedata/saker", "/motedata/endret_fra_innstilling")
    assert f'href="/-/pdf/{dokument_id}.pdf#page={side}"' in vedtak.text
    kilde = con.execute("SELECT dokument_id, kilde_side FROM saker LIMIT 1").fetchone()
    assert f'href="/-/pdf/{kilde[0]}.pdf#page={kilde[1]}"' in saker.text
    assert 'class="pdf-lenke"' in query.text and "#page=" in query.text


def test_search_page_shows_hits_and_messages(ds):
    hit, bad, filtered = fetch(ds, "/-/sok?q=skolestrukturen", "/-/sok?q=%22skole",
                               "/-/sok?q=barnehage&kommune=Ulvik")
    assert hit.status_code == 200 and "Skolestruktur i Levanger" in hit.text and "<mark>" in hit.text
    assert 'class="sok-feil"' in bad.text and "anførselstegn" in bad.text
    assert "Ulvik" in filtered.text and "Levanger" not in filtered.text.split("<tbody>")[1]


def test_no_scripts_or_styles_from_the_network(ds):
    pages = fetch(ds, "/", "/motedata", "/motedata/vedtak_oversikt", "/motedata/apne_oppfolginger", "/-/sok?q=skole")
    for page in pages:
        assets = re.findall(r'<script[^>]*\ssrc="([^"]+)"', page.text)
        assets += re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', page.text)
        assert assets and all(a.startswith("/") for a in assets), assets


def test_serve_binds_to_this_machine_by_default(korpus_ut, monkeypatch):
    seen = {}
    monkeypatch.setattr(serve_pkg, "serve", lambda out, host, port, dirs: seen.update(host=host, port=port))
    result = CliRunner().invoke(main, ["serve", "--out", str(korpus_ut)])
    assert result.exit_code == 0, result.output
    assert seen == {"host": "127.0.0.1", "port": 8001}
    args = datasette_args(korpus_ut / "motedata.sqlite", korpus_ut / "m.json", seen["host"], seen["port"])
    assert args[args.index("--host") + 1] == "127.0.0.1"


def test_serve_without_database_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "kjør `motedata run` først" in result.output
