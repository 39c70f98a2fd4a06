"""Untrusted text stays text: what a document prints is never executed, never a path,
never part of an SQL statement, never markup.

A møteinnkalling whose header, titles and file name hold SQL, shell, path, format-string
and HTML payloads is read; every payload must come out byte for byte in CSV, SQLite,
JSON and the search index, escaped in rapport.html, and nothing may be written outside
--out (the JSON is named by the file's SHA-256, never by its text).
"""
from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from xml.sax.saxutils import escape

from pipeline.cli import main
from tests.conftest import _font

PAYLOADS = {
    "PS 1/17": "'; DROP TABLE saker; --",
    "PS 2/17": "../../../../etc/passwd",
    "PS 3/17": "$(touch pwned) `touch pwned2` ; rm -rf /",
    "PS 4/17": "{0} %s %(fil)s {dokument_id!r} {__class__}",
    "PS 5/17": "<script>alert('x')</script><img src=x>",
    "PS 6/17": "=HYPERLINK(\"http://x.invalid\";\"klikk\")",  # kept as printed: see the report
}
MOTESTED = "Rådhuset'); DROP TABLE moter; --"
FILE_NAME = "$(touch pwned3) '; DROP TABLE dokumenter; -- <b>.pdf"


def make_hostile(path: Path) -> Path:
    font = _font()
    ss = getSampleStyleSheet()
    for st in ss.byName.values():
        st.fontName = font
    rows = [["Saksnr", "Innhold", "Lukket", "Arkivsaksnr"]]
    rows += [[nr, Paragraph(escape(title), ss["Normal"]), "", f"2017/{i + 10}"] for i, (nr, title) in enumerate(PAYLOADS.items())]
    table = Table(rows, colWidths=[50, 330, 40, 65])  # one line a title
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), font)]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1)
    doc.build([
        Paragraph("Dyrøy kommune", ss["Title"]),
        Paragraph("Møteinnkalling", ss["Heading1"]),
        Paragraph("Utvalg: Formannskapet", ss["Normal"]),
        Paragraph(escape(f"Møtested: {MOTESTED}"), ss["Normal"]),
        Paragraph("Dato: 12.06.2017", ss["Normal"]),
        Paragraph("Saksliste", ss["Heading2"]),
        table,
    ])
    return path


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("fiendtlig")
    inn = root / "inn"
    inn.mkdir()
    pdf = make_hostile(inn / FILE_NAME)
    cwd = root / "arbeidsmappe"
    cwd.mkdir()
    out = root / "ut"
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["run", str(pdf), "--out", str(out), "--workers", "1", "--ocr", "never"],
                                    catch_exceptions=False)
    finally:
        os.chdir(old)
    return result, root, pdf, out


def test_payloads_come_out_as_text_everywhere(hostile_run):
    result, _, pdf, out = hostile_run
    assert result.exit_code == 0, result.output
    saker = {s["saksnr"]: s for s in read_csv(out / "saker.csv")}
    assert {nr: s["tittel"] for nr, s in saker.items()} == PAYLOADS
    con = sqlite3.connect(out / "motedata.sqlite")
    assert dict(con.execute("SELECT saksnr, tittel FROM saker")) == PAYLOADS
    assert con.execute("SELECT motested FROM moter").fetchall() == [(MOTESTED,)]
    assert con.execute("SELECT fil FROM dokumenter").fetchall() == [(str(pdf),)]
    dok_id = hashlib.sha256(pdf.read_bytes()).hexdigest()[:16]
    body = json.loads((out / "dokumenter" / f"{dok_id}.json").read_text(encoding="utf-8"))
    assert {s["saksnr"]: s["tittel"] for s in body["saker"]} == PAYLOADS
    assert body["fil"] == str(pdf)


def test_every_table_still_exists(hostile_run):
    _, _, _, out = hostile_run
    con = sqlite3.connect(out / "motedata.sqlite")
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"saker", "moter", "dokumenter", "feil"} <= names
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_nothing_is_written_outside_out(hostile_run):
    _, root, pdf, out = hostile_run
    outside = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_relative_to(out))
    assert outside == ["arbeidsmappe", "inn", f"inn/{FILE_NAME}"]
    assert not [p for p in out.rglob("*") if "pwned" in p.name or "passwd" in p.name or "DROP" in p.name]
    assert {p.name for p in (out / "dokumenter").iterdir()} == {f"{hashlib.sha256(pdf.read_bytes()).hexdigest()[:16]}.json"}


def test_report_escapes_markup(hostile_run):
    _, _, _, out = hostile_run
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x>" not in text and "<b>.pdf" not in text


def test_search_and_query_take_payloads_as_text(hostile_run):
    _, _, _, out = hostile_run
    q = CliRunner().invoke(main, ["query", "SELECT tittel FROM saker WHERE saksnr = 'PS 1/17'", "--out", str(out), "--json"])
    assert q.exit_code == 0 and json.loads(q.output) == [{"tittel": PAYLOADS["PS 1/17"]}]
    con = sqlite3.connect(out / "motedata.sqlite")
    assert con.execute("SELECT count(*) FROM saker").fetchone()[0] == len(PAYLOADS)
    from pipeline.fts import search

    for words in ("DROP TABLE saker", "etc passwd", "script alert"):
        hits = search(con, words)
        assert hits and any(h["tittel"] in PAYLOADS.values() for h in hits), words
