"""rapport.html: written by every run, from the database, self-contained, with failures and eval figures."""
from __future__ import annotations

import html
import re
import shutil
import sqlite3

from click.testing import CliRunner

from pipeline.cli import main
from pipeline.evaluate import evaluate
from pipeline.records import TABLES

from conftest import KORPUS


def section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start:end if end > 0 else None]


def cells(fragment: str) -> list[list[str]]:
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", fragment, re.S) if "<td" in row]


def test_counts_documents_and_charts_match_the_database(korpus_ut):
    page = (korpus_ut / "rapport.html").read_text(encoding="utf-8")
    con = sqlite3.connect(korpus_ut / "motedata.sqlite")
    counts = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in TABLES}
    assert {name: int(n) for name, n in cells(section(page, "tabeller"))} == counts
    listed = [row[0] for row in cells(section(page, "dokumenter"))]
    assert sorted(listed) == sorted(r[0] for r in con.execute("SELECT fil FROM dokumenter"))
    decisions = section(page, "vedtak")
    assert "<svg" in decisions and "Levanger – Kommunestyret" in decisions and "sendt tilbake" in decisions
    costs = section(page, "kostnader")
    assert "<svg" in costs and "202" in costs and "Grunnskole" in costs
    # self-contained: nothing loaded from elsewhere
    assert not re.search(r"<(script|link|img)\b[^>]*(src|href)=", page)


def test_failures_are_listed_with_their_message(tmp_path, innkalling):
    empty = tmp_path / "tom.pdf"
    empty.write_bytes(b"")
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["run", str(innkalling), str(empty), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1
    page = (out / "rapport.html").read_text(encoding="utf-8")
    feil = cells(section(page, "feil"))
    message = sqlite3.connect(out / "motedata.sqlite").execute("SELECT feilmelding FROM feil").fetchone()[0]
    assert [(r[0], r[2]) for r in feil] == [(str(empty), message)]
    assert "1 med feil" in page
    assert 'id="eval"' not in page  # no gold beside these PDFs


def test_eval_figures_equal_motedata_eval_when_gold_lies_beside(tmp_path):
    papers = tmp_path / "papirer"
    papers.mkdir()
    for name in ("dyroy_adm_2017-06-12_protokoll.pdf", "dyroy_adm_2017-06-12_protokoll.gold.json"):
        shutil.copy(KORPUS / name, papers / name)
    out = tmp_path / "ut"
    assert CliRunner().invoke(main, ["run", str(papers), "--out", str(out), "-q"]).exit_code == 0
    page = (out / "rapport.html").read_text(encoding="utf-8")
    shown = {row[0]: row[1:] for row in cells(section(page, "eval"))[:20] if row[0] in TABLES}
    expected = evaluate(papers)["tabeller"]
    assert shown and set(shown) == set(expected)
    for table, s in expected.items():
        assert shown[table] == [str(s["gull"]), str(s["funnet"]), str(s["treff"]),
                                f"{s['presisjon']:.3f}", f"{s['tilbakekalling']:.3f}"], table
