"""OCR of scanned pages (issue 9): what reads, what is cached, what fails and how.

The scans are made the way a scanner makes them: born-digital pages rendered to a
grey JPEG at 200 dpi and embedded as the page's only content. Each test OCRs at most
two small pages; failures are simulated with stand-in `ocrmypdf` scripts.
"""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import os
import shutil
import stat
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.evaluate import evaluate, values_equal
from pipeline.ocr import CACHE_ENV, OcrSettings, good_share, merge_words, page_need, repair_ocr
from pipeline.model import Line
from pipeline.read import ReadSettings, read_pdf
from tests.conftest import KORPUS, make_innkalling

HAVE_OCR = shutil.which("ocrmypdf") is not None and shutil.which("tesseract") is not None
needs_ocr = pytest.mark.skipif(not HAVE_OCR, reason="ocrmypdf/tesseract not installed (make sysdeps)")
SAKER = ["PS 4/17", "RS 48/17", "RS 51/17", "PS 5/17", "PS 6/17"]


def scan_of(src: Path, out: Path, pages: list[int] | None = None, dpi: int = 200) -> Path:
    """An image-only copy of `src`'s pages (0-based), as a scanner without OCR makes it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    pdf = pdfium.PdfDocument(str(src))
    c = Canvas(str(out), pagesize=A4, invariant=1)
    for i in pages if pages is not None else range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=80)
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    pdf.close()
    return out


def fake_ocrmypdf(folder: Path, body: str) -> Path:
    """A stand-in `ocrmypdf` executable (a shell script) with the given body."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ocrmypdf"
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def counting_ocrmypdf(folder: Path) -> tuple[Path, Path]:
    """The real ocrmypdf behind a script that logs each call's arguments."""
    log = folder / "calls.log"
    real = shutil.which("ocrmypdf")
    return fake_ocrmypdf(folder, f'echo "$@" >> "{log}"\nexec "{real}" "$@"'), log


def calls(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def settings(cache: Path, mode: str = "auto", program: str | None = None) -> ReadSettings:
    return ReadSettings(ocr=OcrSettings.from_rules(mode, cache_dir=cache, program=program))


def run(*args):
    return CliRunner().invoke(main, ["run", *map(str, args)], catch_exceptions=False)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict[str, Path]:
    """A born-digital innkalling, its scan, and a mixed copy (page 1 text, page 2 scanned)."""
    d = tmp_path_factory.mktemp("papers")
    digital = make_innkalling(d / "innkalling.pdf")
    scanned = scan_of(digital, d / "skannet.pdf")
    mixed = pdfium.PdfDocument.new()
    for src, idx in ((digital, 0), (scanned, 1)):
        doc = pdfium.PdfDocument(str(src))
        mixed.import_pages(doc, [idx])
        doc.close()
    mixed.save(str(d / "blandet.pdf"))
    mixed.close()
    return {"digital": digital, "scanned": scanned, "mixed": d / "blandet.pdf"}


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ocr-cache")


# ----------------------------------------------------------------------------- page checks
def test_page_need_tells_missing_and_garbage_text_layers():
    prose = "Rullering av lokal lønnspolitikk for 2017-2018 godkjennes, jf. Offl. § 13 «første ledd»."
    assert page_need(prose, images=0, min_text_chars=20) == ""
    assert page_need(prose, images=3, min_text_chars=20) == ""
    assert page_need("-3-", images=1, min_text_chars=20) == "tomt"  # a scan with a stamped page number
    assert page_need("-3-", images=0, min_text_chars=20) == ""  # an empty page is not a scan
    glyph_codes = "".join(chr(0xE000 + (i * 7) % 90) for i in range(120))  # no ToUnicode: private use
    assert page_need(glyph_codes, images=0, min_text_chars=20) == "ubrukelig"
    controls = "\x03\x04\x05\x11 \x12\x13\x14\x15 " * 10
    assert page_need(controls + "PS 5/17", images=0, min_text_chars=20) == "ubrukelig"
    assert good_share(prose) == 1.0
    assert good_share(unicodedata.normalize("NFD", prose)) == 1.0  # decomposed å, ø stays
    assert good_share("\ufffd" * 10 + "abc") < 0.3


def test_born_digital_korpus_pages_are_never_sent_to_ocr():
    # A false alarm would rasterise a good text layer; the korpus covers tables,
    # numbers, nynorsk and cost tables with U+2212 minus.
    for name in ("ulvik_hst_2024-03-14_protokoll", "kommune_okonomiplan_2025_2028", "kragero_stab_og_stotte_2018"):
        dok = read_pdf(KORPUS / f"{name}.pdf")
        assert {p.tekstlag for p in dok.pages} == {"tekst"}, name


def test_ocr_words_become_segments_split_at_column_gaps():
    words = (Line("RS", 69, 158, 80, 167), Line("48/17", 83, 158, 108, 167), Line("Protokoll", 143, 158, 181, 167),
             Line("-", 185, 158, 187, 167), Line("brann", 191, 159, 215, 168), Line("2017/20", 466, 158, 502, 167),
             Line("neste", 69, 175, 95, 184))
    merged = merge_words(words)
    assert [s.text for s in merged] == ["RS 48/17", "Protokoll - brann", "2017/20", "neste"]
    assert merged[1].bbox == (143, 158, 215, 168)


def test_ocr_confusions_are_repaired_by_rules():
    assert repair_ocr("Unntatt offentlighet, Offl. $ 13 jf. fvl. $ 13") == "Unntatt offentlighet, Offl. § 13 jf. fvl. § 13"
    assert repair_ocr("jf. garantiforskriften 8 3.") == "jf. garantiforskriften § 3."
    assert repair_ocr("Sak 8 3 og loven 8 år") == "Sak 8 3 og loven 8 år"


# ----------------------------------------------------------------------------- reading with OCR
@needs_ocr
def test_scan_is_ocrd_once_then_read_from_cache_and_original_untouched(papers, tmp_path):
    program, log = counting_ocrmypdf(tmp_path / "bin")
    cache = tmp_path / "cache"
    folder_before = snapshot(papers["scanned"].parent)
    first = read_pdf(papers["scanned"], settings=settings(cache, program=str(program)))
    assert len(calls(log)) == 1
    assert "-l nor" in calls(log)[0] and "--force-ocr" in calls(log)[0]
    assert [p.tekstlag for p in first.pages] == ["ocr", "ocr"] and first.tekstlag == "ocr"
    assert "Møteinnkalling" in first.pages[0].text and "Administrasjonsutvalget" in first.pages[0].text
    assert any(s.text.startswith("RS 48/17") for s in first.pages[1].lines)
    assert all(p.ocr_seconds and p.ocr_seconds > 0 and not p.ocr_cached for p in first.pages)

    second = read_pdf(papers["scanned"], settings=settings(cache, program=str(program)))
    assert len(calls(log)) == 1  # the cache answered; ocrmypdf was not started again
    assert all(p.ocr_cached for p in second.pages)
    assert [p.text for p in second.pages] == [p.text for p in first.pages]
    assert [p.lines for p in second.pages] == [p.lines for p in first.pages]
    assert [p.ocr_seconds for p in second.pages] == [p.ocr_seconds for p in first.pages]

    # The original is only read: same bytes, same id, nothing written beside it.
    assert snapshot(papers["scanned"].parent) == folder_before
    assert second.sha256 == hashlib.sha256(papers["scanned"].read_bytes()).hexdigest()
    assert second.dokument_id == second.sha256[:16]
    cached = sorted(p.suffix for p in cache.iterdir())
    assert cached == [".json", ".pdf"] and not list(cache.glob("*.tmp"))


@needs_ocr
def test_only_pages_without_text_layer_are_ocrd(papers, tmp_path):
    cache = tmp_path / "cache"
    plain = read_pdf(papers["digital"])
    dok = read_pdf(papers["mixed"], settings=settings(cache))
    assert [p.tekstlag for p in dok.pages] == ["tekst", "ocr"] and dok.tekstlag == "ocr"
    assert dok.pages[0].text == plain.pages[0].text and dok.pages[0].lines == plain.pages[0].lines
    assert dok.pages[0].ocr_seconds is None
    assert "Saksliste" in dok.pages[1].text
    meta = json.loads(next(cache.glob("*.json")).read_text(encoding="utf-8"))
    assert meta["sider"] == [2]  # OCRmyPDF saw page 2 only


@needs_ocr
def test_cli_reads_a_scanned_innkalling_like_the_born_digital_one(papers, tmp_path, monkeypatch, shared_cache):
    monkeypatch.setenv(CACHE_ENV, str(shared_cache))
    out = tmp_path / "ut"
    result = run(papers["scanned"], "--out", out, "--workers", 1, "--ocr", "auto")
    assert result.exit_code == 0, result.output
    assert read_csv(out / "feil.csv") == []
    dok = read_csv(out / "dokumenter.csv")[0]
    assert (dok["tekstlag"], dok["dokumenttype"], dok["utvalg"], dok["motedato"]) == (
        "ocr", "moteinnkalling", "Administrasjonsutvalget", "2017-06-12")
    saker = {s["saksnr"]: s for s in read_csv(out / "saker.csv")}
    assert list(saker) == SAKER
    # Titles as eval scores them (similarity >= 0.9: OCR may miss a letter); numbers exact.
    assert values_equal("tittel", "Protokoll - Ansettelse brannkonstabel i deltidskorps brann", saker["RS 48/17"]["tittel"])
    assert saker["RS 48/17"]["arkivsaksnr"] == "2017/20" and saker["RS 51/17"]["arkivsaksnr"] == "2011/263"
    body = json.loads((out / "dokumenter" / f"{dok['dokument_id']}.json").read_text(encoding="utf-8"))
    assert [s["tekstlag"] for s in body["sider"]] == ["ocr", "ocr"]
    assert all(s["ocr_sekunder"] > 0 for s in body["sider"])


@needs_ocr
def test_always_ocrs_pages_that_have_a_text_layer_too(papers, tmp_path):
    dok = read_pdf(papers["mixed"], settings=settings(tmp_path / "cache", mode="always"))
    assert [p.tekstlag for p in dok.pages] == ["ocr", "ocr"]
    assert "Administrasjonsutvalget" in dok.pages[0].text


def with_glyph_code_layer(scan: Path, out: Path) -> Path:
    """`scan` with an invisible text layer in a font without ToUnicode: PDFium returns raw glyph codes."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    codes = bytes([c for c in range(1, 28) if not chr(c).isspace()] * 4)
    layer = PdfWriter()
    page = layer.add_blank_page(595.28, 841.89)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): layer._add_object(font)})})
    content = DecodedStreamObject()
    content.set_data(b"BT 3 Tr /F1 10 Tf 60 700 Td <" + codes.hex().encode() + b"> Tj ET")
    page[NameObject("/Contents")] = layer._add_object(content)
    writer = PdfWriter()
    base = writer.add_page(PdfReader(str(scan)).pages[0])
    base.merge_page(page)
    with open(out, "wb") as fh:
        writer.write(fh)
    return out


@needs_ocr
def test_garbage_text_layer_is_replaced_by_ocr(papers, tmp_path):
    scan = scan_of(papers["digital"], tmp_path / "side.pdf", pages=[0])
    path = with_glyph_code_layer(scan, tmp_path / "uten_tounicode.pdf")
    plain = read_pdf(path)
    assert plain.pages[0].merknad  # there is a text layer, judged unusable (read_checks.text_problem) ...
    assert plain.pages[0].tekstlag == "skannet" and plain.pages[0].text == ""  # ... and not passed on as text
    dok = read_pdf(path, settings=settings(tmp_path / "cache"))
    assert dok.pages[0].tekstlag == "ocr"
    assert "Møteinnkalling" in dok.pages[0].text and "Administrasjonsutvalget" in dok.pages[0].text
    assert good_share(dok.pages[0].text) > 0.95


# ----------------------------------------------------------------------------- when OCR is not done
def test_never_keeps_the_feil_row_that_says_how_to_ocr(papers, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    out = tmp_path / "ut"
    result = run(papers["scanned"], "--out", out, "--workers", 1, "--ocr", "never")
    assert result.exit_code == 1
    feil = read_csv(out / "feil.csv")
    assert len(feil) == 1 and feil[0]["steg"] == "ocr"
    assert str(papers["scanned"]) in feil[0]["feilmelding"] and "--ocr auto" in feil[0]["feilmelding"]
    assert read_csv(out / "dokumenter.csv")[0]["tekstlag"] == "skannet"
    assert not cache.exists()  # nothing was OCR'd


def test_missing_ocrmypdf_gives_install_message_exit_1_and_the_rest_is_written(papers, tmp_path, monkeypatch):
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))  # no ocrmypdf anywhere
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))  # and nothing cached
    out = tmp_path / "ut"
    result = run(papers["digital"], papers["mixed"], "--out", out, "--workers", 1)
    assert result.exit_code == 1
    feil = read_csv(out / "feil.csv")
    assert len(feil) == 1 and feil[0]["fil"] == str(papers["mixed"]) and feil[0]["steg"] == "ocr"
    msg = feil[0]["feilmelding"]
    assert str(papers["mixed"]) in msg and "make sysdeps" in msg and "apt-get install ocrmypdf tesseract-ocr-nor" in msg
    docs = {d["fil"]: d for d in read_csv(out / "dokumenter.csv")}
    mixed = docs[str(papers["mixed"])]
    assert (mixed["utvalg"], mixed["motedato"]) == ("Administrasjonsutvalget", "2017-06-12")  # page 1 still read
    assert docs[str(papers["digital"])]["tekstlag"] == "tekst"
    assert [s["saksnr"] for s in read_csv(out / "saker.csv") if s["dokument_id"] == docs[str(papers["digital"])]["dokument_id"]] == SAKER


def test_missing_language_model_gives_install_message(papers, tmp_path):
    program = fake_ocrmypdf(tmp_path / "bin", 'echo "OCR engine does not have language data for the following '
                                              'requested languages: nor" >&2\nexit 3')
    dok = read_pdf(papers["scanned"], settings=settings(tmp_path / "cache", program=str(program)))
    assert [p.kind for p in dok.problems] == ["feil"]
    assert "språkmodellen 'nor'" in dok.problems[0].message and "tesseract-ocr-nor" in dok.problems[0].message
    assert dok.tekstlag == "skannet"


def test_ocr_failure_is_a_feil_row_and_the_batch_goes_on(papers, tmp_path, monkeypatch):
    fake_ocrmypdf(tmp_path / "bin", 'echo "pikepdf: unable to read page tree" >&2\nexit 2')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    out = tmp_path / "ut"
    result = run(papers["scanned"], papers["digital"], "--out", out, "--workers", 1)
    assert result.exit_code == 1
    feil = read_csv(out / "feil.csv")
    assert [(f["fil"], f["steg"]) for f in feil] == [(str(papers["scanned"]), "ocr")]
    assert "feilet" in feil[0]["feilmelding"] and "unable to read page tree" in feil[0]["feilmelding"]
    assert len(read_csv(out / "dokumenter.csv")) == 2 and len(read_csv(out / "saker.csv")) == len(SAKER)
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())  # a failure is not cached


def test_page_without_ocr_text_and_unwritable_cache_are_warnings(papers, tmp_path, monkeypatch):
    # A stand-in that "OCRs" by copying its input: the pages come back without text.
    fake_ocrmypdf(tmp_path / "bin", 'for a; do src="$dst"; dst="$a"; done\ncp "$src" "$dst"')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    blocker = tmp_path / "fil"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "ocr"))
    out = tmp_path / "ut"
    result = run(papers["scanned"], "--out", out, "--workers", 1)
    assert result.exit_code == 0  # warnings, not failures
    assert read_csv(out / "dokumenter.csv")[0]["tekstlag"] == "ocr"
    advarsler = read_csv(out / "advarsler.csv")
    assert sorted(a["side"] for a in advarsler if "ingen tekst" in a["melding"]) == ["1", "2"]
    assert any("kunne ikke lagres" in a["melding"] and CACHE_ENV in a["melding"] for a in advarsler)


def test_ocr_timeout_stops_ocrmypdf_and_is_a_feil_row(papers, tmp_path):
    program = fake_ocrmypdf(tmp_path / "bin", "sleep 60")
    base = OcrSettings.from_rules("auto", cache_dir=tmp_path / "cache", program=str(program))
    quick = dataclasses.replace(base, timeout_start=0.5, timeout_per_page=0.1)
    dok = read_pdf(papers["scanned"], settings=ReadSettings(ocr=quick))
    assert len(dok.problems) == 1 and "avbrutt" in dok.problems[0].message
    assert "tidsgrense_per_side" in dok.problems[0].message
    assert dok.tekstlag == "skannet"


# ----------------------------------------------------------------------------- the bar
@needs_ocr
def test_scanned_korpus_copies_score_as_their_born_digital_originals(tmp_path):
    """Saker recall and vedtak utfall on the scans within 0.05 of the same documents born digital.

    Uses the user's OCR cache, so only the first run on a machine OCRs (6 pages).
    """
    prefix = "dyroy_adm_2017-06-12_"
    scans, digital = tmp_path / "skannet", tmp_path / "digital"
    scans.mkdir()
    digital.mkdir()
    for name in ("innkalling_skannet", "protokoll_skannet"):
        for ext in (".pdf", ".gold.json"):
            shutil.copy(KORPUS / f"{prefix}{name}{ext}", scans / f"{name}{ext}")
    # The innkalling scan is the innkalling's two pages plus page 17 of the sakspapirer.
    same = pdfium.PdfDocument.new()
    for src, idx in (("innkalling", [0, 1]), ("sakspapirer", [16])):
        doc = pdfium.PdfDocument(str(KORPUS / f"{prefix}{src}.pdf"))
        same.import_pages(doc, idx)
        doc.close()
    same.save(str(digital / "innkalling.pdf"))
    same.close()
    shutil.copy(KORPUS / f"{prefix}innkalling_skannet.gold.json", digital / "innkalling.gold.json")
    for ext in (".pdf", ".gold.json"):
        shutil.copy(KORPUS / f"{prefix}protokoll{ext}", digital / f"protokoll{ext}")

    s, d = evaluate(scans, workers=2), evaluate(digital)  # two scans OCR side by side on a cold cache
    assert all(not doc["feil"] for doc in s["per_dokument"])
    assert s["tabeller"]["saker"]["gull"] == d["tabeller"]["saker"]["gull"] == 22
    assert s["tabeller"]["saker"]["tilbakekalling"] >= d["tabeller"]["saker"]["tilbakekalling"] - 0.05
    assert s["felt"]["vedtak.utfall"]["antall"] == 3
    assert s["felt"]["vedtak.utfall"]["nøyaktighet"] >= d["felt"]["vedtak.utfall"]["nøyaktighet"] - 0.05
    assert s["felt"]["dokumenter.tekstlag"]["nøyaktighet"] == 1.0  # both say `ocr`


def test_ocr_cache_key_changes_with_the_tesseract_version(tmp_path, monkeypatch):
    from pipeline.ocr import tesseract_version

    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'tesseract 9.9.9'\necho ' leptonica-1.82.0'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    tesseract_version.cache_clear()
    try:
        assert tesseract_version() == "tesseract 9.9.9"
        settings = OcrSettings.from_rules("auto", cache_dir=tmp_path / "cache")
        key = settings.cache_key("a" * 64, (1, 2))
        assert key == settings.cache_key("a" * 64, (1, 2), engine="tesseract 9.9.9")
        assert key != settings.cache_key("a" * 64, (1, 2), engine="tesseract 5.3.0")
        monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
        tesseract_version.cache_clear()
        assert tesseract_version() == ""  # not installed: the key still works, OCR itself reports the missing tool
    finally:
        tesseract_version.cache_clear()
