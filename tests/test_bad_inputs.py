"""Bad input never crashes a batch: every kind of file an archive folder holds, in one run.

One `motedata run` reads a folder with every bad input of tests/badpdf.py plus a good
korpus document. Each file that cannot be read gets exactly one `feil` row naming the
file and saying what to do; each odd-but-valid file is read; the good document's rows
are the same as when it is read alone. Below that, the reader's defences one by one.
"""
from __future__ import annotations

import csv
import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.read import ReadError, ReadSettings, read_pdf
from pipeline.read_checks import Grenser, check_streams, join_glyph_boxes, page_ranges, text_problem
from tests import badpdf
from tests.conftest import KORPUS, make_innkalling

GOOD = KORPUS / "dyroy_adm_2017-06-12_innkalling.pdf"

# file name -> (how it is made, words the feil message must hold). Names have spaces and
# æøå on purpose: archive folders are named by people.
FAILS = {
    "tom.pdf": (badpdf.empty, "filen er tom"),
    "nedlastet side.pdf": (badpdf.html, "HTML-side"),
    "referat (Word).pdf": (badpdf.docx, "Word/ZIP"),
    "gammelt referat.pdf": (badpdf.old_word, "eldre Word"),
    "tilfeldige bytes.pdf": (badpdf.random_bytes, "ikke en PDF"),
    "bilde.pdf": (badpdf.png, "ser ut som et bilde"),
    "bare hode.pdf": (badpdf.pdf_header_only, "skadet og kan ikke åpnes"),
    "null sider.pdf": (badpdf.zero_pages, "skadet og kan ikke åpnes"),
    "avkortet.pdf": (lambda p: badpdf.truncated(make_innkalling(p.with_suffix(".kilde")), p), "avkortet"),
    "kryptert med passord.pdf": (lambda p: badpdf.encrypted_user(make_innkalling(p.with_suffix(".kilde")), p),
                                 "uten passord"),
    "sidetre i sløyfe.pdf": (badpdf.pages_cycle, "sidetreet i PDF-filen er skadet"),
    "påstår 3000 sider.pdf": (badpdf.lying_page_count, "side 2 av 3000"),
    "flate-bombe.pdf": (badpdf.flate_bomb, "PDF-bombe"),
}
# Files whose pages must go to OCR; the batch runs with --ocr never, so each gets a feil row
# saying how to OCR it (test_garbled_text_layer_is_read_by_ocr shows OCR taking them).
OCR_OR_FAIL = {
    "bare bilder.pdf": (badpdf.only_images, "OCR"),
    "uten ToUnicode, koder.pdf": (badpdf.no_tounicode_codes, "ToUnicode"),
    "uten ToUnicode, CID.pdf": (badpdf.no_tounicode_cid, "ToUnicode"),
    "uten ToUnicode, æøå mangler.pdf": (badpdf.no_tounicode_subset, "ToUnicode"),
}
READS = {
    "Møteinnkalling Formannskapet æøå ÆØÅ.pdf": make_innkalling,
    "bare eierpassord.pdf": lambda p: badpdf.encrypted_owner_only(make_innkalling(p.with_suffix(".kilde")), p),
    "ødelagt xref.pdf": lambda p: badpdf.broken_xref(make_innkalling(p.with_suffix(".kilde")), p),
    "2000 sider.pdf": badpdf.many_pages,
    "5000 tekstobjekter.pdf": badpdf.tiny_text_objects,
    "nestet 100000 dypt.pdf": badpdf.nested_arrays,
    "bildebombe.pdf": badpdf.image_bomb,
    "25000 streker.pdf": badpdf.many_paths,
}
INNKALLING_SAKER = ["PS 4/17", "RS 48/17", "RS 51/17", "PS 5/17", "PS 6/17"]
ACTIONS = ("Hent ", "Konverter ", "Be avsender", "Kjør OCR", "Kjør `motedata run --ocr", "Skriv ", "skriv den ut")


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def run(*args):
    return CliRunner().invoke(main, ["run", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One run over every input; returns (exit code, output folder, {name: path})."""
    root = tmp_path_factory.mktemp("arkiv")
    folder = root / "innboks 2017"
    folder.mkdir()
    paths = {}
    for name, (make, _) in {**FAILS, **OCR_OR_FAIL}.items():
        paths[name] = make(folder / name)
    for name, make in READS.items():
        paths[name] = make(folder / name)
    for src in folder.glob("*.kilde"):
        src.unlink()
    paths["god"] = Path(shutil.copy(GOOD, folder / GOOD.name))
    before = sorted((p.name, p.stat().st_size) for p in folder.iterdir())
    out = root / "ut"
    result = run(folder, "--out", out, "--workers", 1, "--ocr", "never")
    assert sorted((p.name, p.stat().st_size) for p in folder.iterdir()) == before  # inputs untouched
    return result, out, paths


def _feil_by_file(out: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for f in read_csv(out / "feil.csv"):
        rows.setdefault(f["fil"], []).append(f)
    return rows


def test_batch_exits_1_and_writes_every_table(batch):
    result, out, paths = batch
    assert result.exit_code == 1, result.output
    con = sqlite3.connect(out / "motedata.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM feil").fetchone()[0] == len(read_csv(out / "feil.csv"))
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("name", sorted(FAILS))
def test_unreadable_file_gets_one_actionable_feil_row(batch, name):
    _, out, paths = batch
    path = paths[name]
    rows = _feil_by_file(out).get(str(path), [])
    assert len(rows) == 1, rows
    msg = rows[0]["feilmelding"]
    assert msg.startswith(str(path) + ":"), msg  # names the file
    assert FAILS[name][1] in msg
    assert any(a in msg for a in ACTIONS), msg  # says what to do
    assert rows[0]["steg"] == "les" and rows[0]["tidspunkt"]
    assert str(path) not in {d["fil"] for d in read_csv(out / "dokumenter.csv")}


@pytest.mark.parametrize("name", sorted(OCR_OR_FAIL))
def test_page_without_usable_text_gets_feil_when_ocr_is_off(batch, name):
    _, out, paths = batch
    path = paths[name]
    dok = next(d for d in read_csv(out / "dokumenter.csv") if d["fil"] == str(path))
    assert dok["tekstlag"] == "skannet"
    rows = _feil_by_file(out).get(str(path), [])
    assert len(rows) == 1, rows
    msg = rows[0]["feilmelding"]
    assert msg.startswith(str(path) + ":") and OCR_OR_FAIL[name][1] in msg and "--ocr auto" in msg
    # Nothing of the unreadable text layer reached the tables as if it were text.
    for table in ("moter", "saker", "vedtak", "voteringer", "deltakere", "kostnader"):
        assert not [r for r in read_csv(out / f"{table}.csv") if r.get("dokument_id") == dok["dokument_id"]]


def test_only_the_bad_files_have_feil_rows(batch):
    _, out, paths = batch
    expected = {str(paths[n]) for n in FAILS} | {str(paths[n]) for n in OCR_OR_FAIL}
    assert set(_feil_by_file(out)) <= expected
    assert {str(paths[n]) for n in FAILS} <= set(_feil_by_file(out))


@pytest.mark.parametrize("name", sorted(READS))
def test_odd_but_valid_file_is_read(batch, name):
    _, out, paths = batch
    path = paths[name]
    assert str(path) not in _feil_by_file(out)
    docs = [d for d in read_csv(out / "dokumenter.csv") if d["fil"] == str(path)]
    assert len(docs) == 1 and docs[0]["tekstlag"] == "tekst"
    assert (out / "dokumenter" / f"{docs[0]['dokument_id']}.json").exists()


@pytest.mark.parametrize("name", ["Møteinnkalling Formannskapet æøå ÆØÅ.pdf", "bare eierpassord.pdf", "ødelagt xref.pdf"])
def test_repairable_innkalling_gives_its_saker(batch, name):
    _, out, paths = batch
    dok = next(d for d in read_csv(out / "dokumenter.csv") if d["fil"] == str(paths[name]))
    assert (dok["dokumenttype"], dok["kommune"], dok["motedato"], dok["sider"]) == ("moteinnkalling", "Dyrøy", "2017-06-12", "2")
    saker = [s["saksnr"] for s in read_csv(out / "saker.csv") if s["dokument_id"] == dok["dokument_id"]]
    assert saker == INNKALLING_SAKER


def test_2000_pages_are_all_read(batch):
    _, out, paths = batch
    dok = next(d for d in read_csv(out / "dokumenter.csv") if d["fil"] == str(paths["2000 sider.pdf"]))
    assert dok["sider"] == "2000" and dok["dokumenttype"] == "moteprotokoll"
    vedtak = [v for v in read_csv(out / "vedtak.csv") if v["dokument_id"] == dok["dokument_id"]]
    assert len(vedtak) == 1999
    last = next(v for v in vedtak if v["saksnr"] == "PS 1999/17")
    assert last["side"] == "2000" and last["vedtakstekst"] == "Kommunestyret bevilger 1999 000 kroner til veien."


def test_good_document_is_written_as_when_read_alone(batch, tmp_path):
    _, out, paths = batch
    alone = tmp_path / "alene"
    assert run(GOOD, "--out", alone).exit_code == 0
    dok_id = read_csv(alone / "dokumenter.csv")[0]["dokument_id"]
    for table in ("moter", "saker", "vedtak", "deltakere", "kostnader"):
        mine = [r for r in read_csv(out / f"{table}.csv") if r["dokument_id"] == dok_id]
        assert mine == read_csv(alone / f"{table}.csv"), table
    assert read_csv(alone / "saker.csv")  # the comparison is over real rows
    assert (out / "dokumenter" / f"{dok_id}.json").read_bytes().replace(
        str(paths["god"]).encode(), b"") == (alone / "dokumenter" / f"{dok_id}.json").read_bytes().replace(str(GOOD).encode(), b"")


def test_no_control_characters_in_any_output(batch):
    _, out, _ = batch
    for csv_file in out.glob("*.csv"):
        text = csv_file.read_text(encoding="utf-8")
        bad = [c for c in text if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\r"]
        assert not bad, (csv_file.name, bad[:5])


def test_files_are_written_only_in_out_and_named_by_sha(batch):
    _, out, paths = batch
    assert sorted(p.name for p in out.parent.iterdir()) == ["innboks 2017", "ut"]
    ids = {d["dokument_id"] for d in read_csv(out / "dokumenter.csv")}
    assert {p.name for p in (out / "dokumenter").iterdir()} == {f"{i}.json" for i in ids}
    stems = {Path(n).stem for n in paths if n != "god"} | {"innkalling"}
    named_after_input = [p for p in out.rglob("*") if any(s in p.name for s in stems)]
    assert named_after_input == []


# --------------------------------------------------------------------------- the reader's defences


def test_2000_page_pdf_is_read_page_by_page(tmp_path):
    dok = read_pdf(badpdf.many_pages(tmp_path / "mange.pdf"))
    assert len(dok.pages) == 2000
    assert "PS 1500/17 Vedlikehold av kommunal vei nummer 1500" in dok.pages[1500].text
    assert "Side 2000 av 2000" in dok.pages[-1].text


def test_page_limit_comes_from_regler_and_gives_a_clear_message(tmp_path):
    assert ReadSettings().max_pages == 5000  # regler/lesing.yaml grenser.maks_sider
    path = badpdf.many_pages(tmp_path / "mange.pdf", n=120)
    with pytest.raises(ReadError, match="120 sider er over grensen på 100"):
        read_pdf(path, settings=ReadSettings(max_pages=100))


def test_one_text_object_per_character_reads_as_words(tmp_path):
    from pipeline.structure import page_rows

    dok = read_pdf(badpdf.tiny_text_objects(tmp_path / "tiny.pdf"))
    expected = (badpdf.TINY_SENTENCE * 100)[:5000]
    assert "".join(dok.pages[0].text.split()) == "".join(expected.split())  # every character, in order
    rows = page_rows(dok)
    assert len(rows) == 36  # 5000 characters at 140 a line
    for i, row in enumerate(rows):  # words, not `K o m m u n e`
        assert row.text == " ".join(expected[i * 140:(i + 1) * 140].split())


def test_join_glyph_boxes_keeps_words_and_cells_apart():
    # (left, bottom, right, top): glyphs of one word touch; the next word is a space away
    # (more than 0.6 of the height); a one-letter cell is a cell padding away.
    text = {(0, 0, 3, 4): "K", (3.2, 0, 6, 4): "o", (6.1, 0, 9, 4): "m", (14, 0, 17, 4): "v",
            (100, 0, 160, 4): "Tabellcelle", (172, 0, 175, 4): "X"}
    joined = join_glyph_boxes(list(text), text.get)
    assert joined == [(0, 0, 9, 4), (14, 0, 17, 4), (100, 0, 160, 4), (172, 0, 175, 4)]


def test_join_glyph_boxes_joins_a_low_glyph_to_its_word():
    # PDFium cuts `<script>` at the `<`, whose box is lower than the letters'.
    text = {(132.5, 0, 159.6, 9.7): "script", (124.7, 2.5, 131.0, 7.9): "<", (160.9, 2.5, 167.2, 7.9): ">"}
    assert join_glyph_boxes(list(text), text.get) == [(124.7, 0, 167.2, 9.7)]


def test_broken_xref_and_owner_password_read_like_the_original(tmp_path):
    original = make_innkalling(tmp_path / "original.pdf")
    want = [p.text for p in read_pdf(original).pages]
    assert [p.text for p in read_pdf(badpdf.broken_xref(original, tmp_path / "xref.pdf")).pages] == want
    assert [p.text for p in read_pdf(badpdf.encrypted_owner_only(original, tmp_path / "eier.pdf")).pages] == want


def test_user_password_says_how_to_get_an_open_copy(tmp_path):
    path = badpdf.encrypted_user(make_innkalling(tmp_path / "o.pdf"), tmp_path / "k.pdf")
    with pytest.raises(ReadError) as err:
        read_pdf(path)
    assert "uten passord" in err.value.message and "qpdf" in err.value.message


@pytest.mark.parametrize("make", [badpdf.no_tounicode_codes, badpdf.no_tounicode_cid, badpdf.no_tounicode_subset])
def test_text_layer_without_unicode_map_is_dropped_not_passed_on(tmp_path, make):
    dok = read_pdf(make(tmp_path / "x.pdf"))
    page = dok.pages[0]
    assert page.merknad and page.tekstlag == "skannet"
    assert page.text == "" and page.lines == () and not page.tables


def test_flate_bomb_is_refused_before_pdfium_opens_it(tmp_path):
    path = badpdf.flate_bomb(tmp_path / "bombe.pdf")
    assert path.stat().st_size < 10_000
    with pytest.raises(ReadError, match="pakkes ut til over 200 MB"):
        read_pdf(path)


def test_stream_limit_is_a_setting(tmp_path):
    path = badpdf.big_flate_stream(tmp_path / "stor.pdf", megabytes=5)
    check_streams(path)  # 5 MB is ordinary
    with pytest.raises(ReadError, match="over 1 MB"):
        check_streams(path, Grenser(maks_strom_mb=1))
    check_streams(path, Grenser(maks_strom_mb=1, min_pakkeforhold=10_000))  # not bomb-like enough


def test_korpus_passes_the_stream_check():
    for pdf in sorted(KORPUS.glob("*.pdf")):
        check_streams(pdf)


def test_image_bomb_is_never_decoded(tmp_path):
    dok = read_pdf(badpdf.image_bomb(tmp_path / "bilde.pdf"))
    assert dok.pages[0].text == "Vedlegg: kart over planområdet"


def test_page_with_too_many_objects_skips_pdfplumber_but_keeps_text(tmp_path):
    dok = read_pdf(badpdf.many_paths(tmp_path / "streker.pdf"))
    assert dok.pages[0].geometry is False
    assert "Reguleringsplan for Storgata 12" in dok.pages[0].text


@pytest.mark.parametrize("make,words", [(badpdf.pages_cycle, "side 1 av 2"), (badpdf.lying_page_count, "side 2 av 3000")])
def test_damaged_page_tree_names_the_page(tmp_path, make, words):
    with pytest.raises(ReadError, match=words):
        read_pdf(make(tmp_path / "tre.pdf"))


@pytest.mark.parametrize("text", [
    "Møteprotokoll\nFormannskapet i Dyrøy kommune\nPS 4/17 Referatsaker",
    "Innhold\nSak 4/17 ................................................ 3\nSak 5/17 .................... 7" * 3,
    "\uf0b7 Punkt én om økonomi og budsjett\n\uf0b7 Punkt to om skole og barnehage\n\uf0b7 Punkt tre",
    "1 049 076\n-179 883\n(12 500)\n38,2 %\n2 345 678\n" * 4,
])
def test_real_text_is_usable(text):
    assert text_problem(text) == ""


@pytest.mark.parametrize("text,words", [
    ("\x01\x04\x05\x06\x07\x07\x08\x07\t\t\n\x0b\x07\x06\x0c\r\x0e\x0e\x0f\x08\r\x05\x04\x1c\x1d\x1e\x1f", "styretegn"),
    ("M\x01teprotokoll Formannskapet i Dyr\x01y kommune og R\x05dmannens innstilling", "styretegn"),
    ('!"#$%!%&%\'\'()%$*+,,-&+#"!./0*+,,",-(1,,-!1', "bokstaver eller tall"),
    ("\ue001\ue002\ue003\ue004 \ue005\ue006\ue007\ue008\ue009 \ue00a\ue00b\ue00c\ue00d\ue00e\ue00f\ue010\ue011\ue012\ue013\ue014", "private"),
])
def test_garbage_text_is_detected(text, words):
    assert words in text_problem(text)


def test_short_text_is_not_judged():
    assert text_problem("\x01\x02\x03") == ""


def test_page_ranges():
    assert page_ranges([7, 1, 2, 3]) == "1–3, 7"
    assert page_ranges([4]) == "4"


def test_damaged_file_after_encrypted_one_is_not_called_encrypted(tmp_path):
    # PDFium's last-error code is process-wide: a failure that sets none used to repeat
    # the previous file's "password" error.
    with pytest.raises(ReadError, match="kryptert"):
        read_pdf(badpdf.encrypted_user(make_innkalling(tmp_path / "o.pdf"), tmp_path / "k.pdf"))
    with pytest.raises(ReadError) as err:
        read_pdf(badpdf.zero_pages(tmp_path / "null.pdf"))
    assert "skadet" in err.value.message
    assert "kryptert" not in err.value.message and "password" not in err.value.message


@pytest.mark.skipif(shutil.which("ocrmypdf") is None or shutil.which("tesseract") is None,
                    reason="ocrmypdf/tesseract not installed (make sysdeps)")
def test_font_that_loses_aeoa_goes_to_ocr_and_gets_them_back(tmp_path):
    from pipeline.ocr import OcrSettings

    path = badpdf.no_tounicode_subset(tmp_path / "uten tounicode.pdf")
    dok = read_pdf(path, settings=ReadSettings(ocr=OcrSettings.from_rules("auto", cache_dir=tmp_path / "cache")))
    page = dok.pages[0]
    assert page.merknad and page.tekstlag == "ocr"
    assert "Møteprotokoll" in page.text and "Dyrøy" in page.text and "\x01" not in page.text


# --------------------------------------------------------------------------- fuzz findings

REGRESJON = sorted((Path(__file__).parent / "fuzz" / "regresjon").glob("*.pdf"))
# What each input found by tests/fuzz/fuzz_reader.py must give now ("" = read without feil).
REGRESJON_VENTET = {
    # A flate bomb whose packed bytes the fuzzer damaged: the stream check gave up at the
    # damage, PDFium inflated what came before it (1 GB, 935 MB resident).
    "flate-bombe-skadet.pdf": "PDF-bombe",
}


def test_every_fuzz_finding_has_an_expectation():
    assert REGRESJON and {p.name for p in REGRESJON} == set(REGRESJON_VENTET)


@pytest.mark.parametrize("path", REGRESJON, ids=lambda p: p.name)
def test_fuzz_finding_stays_fixed(path, tmp_path):
    from tests.fuzz.target import check_bytes

    outcome = check_bytes(path.read_bytes(), tmp_path)  # raises on what the fuzzer counts as a crash
    want = REGRESJON_VENTET[path.name]
    if want:
        assert len(outcome.feil) == 1 and want in outcome.feil[0].feilmelding
    else:
        assert outcome.result is not None and not outcome.feil


def test_operator_bomb_is_stopped_by_the_memory_limit_and_the_batch_goes_on(tmp_path):
    bomb = badpdf.operator_bomb(tmp_path / "tre millioner streker.pdf")
    assert bomb.stat().st_size < 200_000
    good = Path(shutil.copy(GOOD, tmp_path / "god.pdf"))
    out = tmp_path / "ut"
    result = run(bomb, good, "--out", out, "--workers", 1, "--memory", 400, "--ocr", "never")
    assert result.exit_code == 1
    feil = _feil_by_file(out)
    assert list(feil) == [str(bomb)]
    assert feil[str(bomb)][0]["steg"] == "grense" and "minnegrensen" in feil[str(bomb)][0]["feilmelding"]
    assert [d["fil"] for d in read_csv(out / "dokumenter.csv")] == [str(good)]
    assert read_csv(out / "saker.csv")
