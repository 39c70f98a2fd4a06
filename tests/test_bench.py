"""`motedata bench` runs on a tiny set and prints every figure (no assertion on the speeds)."""
from __future__ import annotations

import re

from click.testing import CliRunner

from pipeline.bench import (born_digital, build_long_document, build_set, ocr_seconds_per_page, page_count,
                            in_turns, ratios)
from pipeline.cli import main
from tests.conftest import KORPUS, make_scanned


def test_bench_prints_every_figure():
    result = CliRunner().invoke(main, ["bench", "--pages", "20", "--repeat", "1", "--workers", "2",
                                       "--long-pages", "20", "--scaling-pages", "40", "--no-ocr"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.output
    number = r"\s+\d+\.\d sider/s"
    assert re.search(r"motedata bench: \d+ dokumenter, \d+ sider", out)
    assert re.search(r"full pipeline \(lese, strukturere, trekke ut, skrive\):" + number, out)
    assert re.search(r"naiv pdfplumber \(extract_text \+ extract_tables\):" + number, out)
    assert re.search(r"forhold \(målt etter tur\):\s+\d+\.\dx \(median \d+\.\dx\)", out)
    assert len(re.findall(r"1 prosess :" + number + r".*1\.00x av 1 prosess", out)) == 2  # the set, the longer batch
    assert len(re.findall(r"2 prosesser:" + number + r".*\d\.\d\dx av 1 prosess", out)) == 2
    batches = [int(n) for n in re.findall(r"\d+ dokumenter, (\d+) sider:", out)]
    assert len(batches) == 2 and batches[0] < 40 <= batches[1]
    assert re.search(r"topp minne \(RSS\) per arbeidsprosess over settene: \d+ MB", out)
    assert re.search(r"ren CPU-løkke på denne maskinen nå: \d+\.\d\dx fra 1 til 2 prosesser", out)
    assert re.search(r"lesearbeidet uten skriver og kø .*: median \d+\.\d\dx \(runder \d+\.\d\d–\d+\.\d\dx\) fra 1 til 2 prosesser", out)
    assert re.search(r"dokument på \d+ sider: \d+ MB", out)


def test_bench_set_and_long_document_have_the_pages_asked_for(tmp_path):
    sources = born_digital(KORPUS)
    paths = build_set(sources, 50, tmp_path / "sett")
    total = sum(page_count(p) for p in paths)
    assert total >= 50 and total - page_count(paths[-1]) < 50
    assert len({p.read_bytes() for p in paths}) == len(paths)  # distinct files, none skipped as known
    assert page_count(build_long_document(sources, 120, tmp_path / "lang.pdf")) >= 120


def test_ocr_figure_says_when_ocr_is_missing(tmp_path, monkeypatch):
    korpus = tmp_path / "korpus"
    korpus.mkdir()
    make_scanned(korpus / "side_skannet.pdf")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert ocr_seconds_per_page(korpus, tmp_path).startswith("ikke tilgjengelig")


def test_measures_are_taken_in_turns_and_ratios_are_per_round():
    order = []

    def measure(key):
        order.append(key)
        return {"a": 10.0, "b": 5.0}[key] + len(order) / 100  # later rounds slower, as on a machine getting busy

    seconds = in_turns(measure, ["a", "b"], 3)
    assert order == ["a", "b", "a", "b", "a", "b"]
    assert seconds == {"a": [10.01, 10.03, 10.05], "b": [5.02, 5.04, 5.06]}
    best, median = ratios(seconds["a"], seconds["b"])
    assert best == 10.01 / 5.02 and median == 10.03 / 5.04
