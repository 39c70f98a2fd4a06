"""`motedata run` end to end: tables, exit codes, bad input, reruns, determinism."""
from __future__ import annotations

import csv
import hashlib
import json
import sqlite3

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.records import TABLES, columns


def run(*args):
    return CliRunner().invoke(main, ["run", *map(str, args)], catch_exceptions=False)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_run_writes_every_contract_table(innkalling, tmp_path):
    out = tmp_path / "ut"
    result = run(innkalling, "--out", out, "--workers", 1)
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(out / "motedata.sqlite")
    for name, cls in TABLES.items():
        with open(out / f"{name}.csv", encoding="utf-8") as fh:
            assert fh.readline().strip().split(",") == columns(cls)
        db_cols = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
        assert db_cols == columns(cls)
    dok = read_csv(out / "dokumenter.csv")[0]
    assert dok["dokumenttype"] == "moteinnkalling"
    assert dok["kommune"] == "Dyrøy"
    assert dok["utvalg"] == "Administrasjonsutvalget"
    assert dok["motedato"] == "2017-06-12"
    assert dok["sider"] == "2"
    assert dok["tekstlag"] == "tekst"
    assert dok["dokument_id"] == hashlib.sha256(innkalling.read_bytes()).hexdigest()[:16]
    body = json.loads((out / "dokumenter" / f"{dok['dokument_id']}.json").read_text(encoding="utf-8"))
    assert body["saker"] and all(s["kilde_side"] == 2 and len(s["bbox"]) == 4 for s in body["saker"])


def test_saksliste_items_from_ruled_table(innkalling, tmp_path):
    out = tmp_path / "ut"
    run(innkalling, "--out", out, "--workers", 1)
    saker = {s["saksnr"]: s for s in read_csv(out / "saker.csv")}
    assert list(saker) == ["PS 4/17", "RS 48/17", "RS 51/17", "PS 5/17", "PS 6/17"]
    assert saker["RS 48/17"]["tittel"] == "Protokoll - Ansettelse brannkonstabel i deltidskorps brann"
    assert saker["RS 48/17"]["arkivsaksnr"] == "2017/20"
    assert saker["RS 48/17"]["sakstype"] == "RS" and saker["RS 48/17"]["lopenr"] == "48"
    assert saker["RS 48/17"]["saksaar"] == "2017"
    assert saker["RS 51/17"]["lukket"] == "true" and saker["PS 5/17"]["lukket"] == "false"
    assert saker["PS 4/17"]["arkivsaksnr"] == ""
    moter = read_csv(out / "moter.csv")
    assert [(m["utvalg"], m["motedato"], m["tidspunkt"], m["motested"]) for m in moter] == [
        ("Administrasjonsutvalget", "2017-06-12", "10:00", "Kommunehuset, møterom 2")
    ]
    assert {s["mote_id"] for s in saker.values()} == {moter[0]["mote_id"]}


@pytest.mark.parametrize("kind,expected", [
    ("empty", "tom"), ("html", "HTML"), ("random", "ikke en PDF"), ("truncated", "avkortet"),
    ("word", "Word"), ("encrypted", "kryptert"), ("scanned", "OCR"),
])
def test_bad_input_gets_feil_row_and_exit_1(bad_inputs, innkalling, tmp_path, kind, expected):
    out = tmp_path / "ut"
    bad = bad_inputs[kind]
    result = run(innkalling, bad, "--out", out, "--workers", 1, "--ocr", "never")
    assert result.exit_code == 1
    feil = read_csv(out / "feil.csv")
    assert len(feil) == 1
    assert feil[0]["fil"] == str(bad)
    assert expected in feil[0]["feilmelding"] and str(bad) in feil[0]["feilmelding"]
    # The good document is still written in full.
    assert [d["fil"] for d in read_csv(out / "dokumenter.csv") if d["fil"] == str(innkalling)]
    assert len(read_csv(out / "saker.csv")) == 5


def test_scanned_document_is_recorded_as_skannet(bad_inputs, tmp_path):
    out = tmp_path / "ut"
    run(bad_inputs["scanned"], "--out", out, "--ocr", "never")
    assert read_csv(out / "dokumenter.csv")[0]["tekstlag"] == "skannet"


def test_usage_errors_exit_2(tmp_path):
    assert CliRunner().invoke(main, ["run"]).exit_code == 2
    assert CliRunner().invoke(main, ["run", str(tmp_path / "finnes-ikke.pdf")]).exit_code == 2
    assert CliRunner().invoke(main, ["run", str(tmp_path)]).exit_code == 2  # folder without PDFs


def test_rerun_is_byte_identical_and_never_duplicates(innkalling, tmp_path):
    from pipeline.write import MEMO_NAME

    def output(folder):  # every file but the hash memo, a cache of file times
        return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != MEMO_NAME}

    out = tmp_path / "ut"
    run(innkalling, "--out", out, "--workers", 1)
    first = output(out)
    assert "motedata.sqlite" in first and (out / MEMO_NAME).is_file()
    run(innkalling, "--out", out, "--workers", 1)
    assert output(out) == first
    fresh = tmp_path / "ny"
    run(innkalling, "--out", fresh, "--workers", 1)
    assert output(fresh) == first
    assert not [p for p in out.rglob("*.tmp")]


def test_rerun_keeps_other_documents_and_clears_fixed_failures(innkalling, tmp_path):
    from tests.conftest import make_innkalling

    out = tmp_path / "ut"
    other = make_innkalling(tmp_path / "annen.pdf")
    broken = tmp_path / "senere.pdf"
    broken.write_bytes(b"")
    assert run(innkalling, broken, "--out", out).exit_code == 1
    broken.write_bytes(other.read_bytes() + b"\n%ekstra\n")  # now a good, different file
    assert run(broken, "--out", out).exit_code == 0
    assert read_csv(out / "feil.csv") == []
    fils = sorted(d["fil"] for d in read_csv(out / "dokumenter.csv"))
    assert fils == sorted([str(innkalling), str(broken)])


def test_folder_input_is_recursive(innkalling, tmp_path):
    from tests.conftest import make_innkalling

    nested = tmp_path / "arkiv" / "2017" / "juni"
    nested.mkdir(parents=True)
    make_innkalling(nested / "a.PDF")
    (nested / "notat.txt").write_text("ikke pdf")
    out = tmp_path / "ut"
    assert run(tmp_path / "arkiv", "--out", out).exit_code == 0
    assert [d["fil"] for d in read_csv(out / "dokumenter.csv")] == [str(nested / "a.PDF")]


def test_failed_write_leaves_previous_output_intact(innkalling, tmp_path, monkeypatch):
    import pipeline.csvexport as csvexport
    import pipeline.write as write

    out = tmp_path / "ut"
    run(innkalling, "--out", out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(csvexport, "_csv_bytes", boom)
    with pytest.raises(OSError):
        write.write_output(out, [], [])
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after["motedata.sqlite"] == before["motedata.sqlite"]  # rebuilt from the same rows
    for name in before:
        if name.endswith(".csv"):
            assert after[name] == before[name]
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    con = sqlite3.connect(out / "motedata.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_atomic_write_keeps_the_old_file_when_a_write_fails(tmp_path, monkeypatch):
    import os

    import pipeline.atomic as atomic

    target = tmp_path / "ny" / "mappe" / "dok.json"
    atomic.atomic_write_bytes(target, b"first")  # a missing folder is made
    assert target.read_bytes() == b"first"

    def full(fd):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError, match="disk full"):
        atomic.atomic_write_bytes(target, b"second")
    monkeypatch.setattr(atomic.os, "fsync", os.fsync)
    assert target.read_bytes() == b"first"
    assert [p.name for p in target.parent.iterdir()] == ["dok.json"]  # no temporary left


def test_query_prints_table_and_reports_bad_sql(innkalling, tmp_path):
    out = tmp_path / "ut"
    run(innkalling, "--out", out)
    ok = CliRunner().invoke(main, ["query", "SELECT saksnr FROM saker ORDER BY lopenr", "--out", str(out)])
    assert ok.exit_code == 0 and "PS 4/17" in ok.output and "(5 rader)" in ok.output
    bad = CliRunner().invoke(main, ["query", "SELECT * FROM sakerr", "--out", str(out)])
    assert bad.exit_code == 2 and "no such table" in bad.output and "saker" in bad.output
