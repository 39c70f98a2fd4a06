"""The fast table path (pdfplumber's algorithms on PDFium's objects) gives what pdfplumber gives.

`read_pdf` finds ruled tables from PDFium's paths and characters; `_read_geometry` is the
pdfminer-based pdfplumber reading it replaced. Every ruled page must come out the same:
table boxes, cell boxes and cell texts.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.read import _read_geometry, read_pdf
from tests.conftest import KORPUS

BORN_DIGITAL = [p for p in sorted(KORPUS.glob("*.pdf")) if "skannet" not in p.name]


def _as_plumber(path: Path):
    dok = read_pdf(path)
    ruled = [p.nr for p in dok.pages if p.geometry]
    reference = _read_geometry(path, ruled)
    return dok, ruled, reference


@pytest.mark.parametrize("path", BORN_DIGITAL, ids=lambda p: p.stem)
def test_korpus_tables_same_as_pdfplumber(path):
    dok, ruled, reference = _as_plumber(path)
    for nr in ruled:
        assert dok.pages[nr - 1].tables == reference[nr][1], f"{path.name} side {nr}"


def test_korpus_has_ruled_tables_to_compare():
    found = sum(len(p.tables) for path in BORN_DIGITAL for p in read_pdf(path).pages)
    assert found >= 25  # the comparison above is over real tables, not empty pages


def _grid(c, x0=100, top=700, rows=4, cols=(100, 200, 300, 400)):
    for i in range(rows + 1):
        c.line(cols[0], top - 20 * i, cols[-1], top - 20 * i)
    for x in cols:
        c.line(x, top, x, top - 20 * rows)
    for i in range(rows):
        for j, x in enumerate(cols[:-1]):
            c.drawString(x + 5, top - 20 * (i + 1) + 5, f"rad{i} kol{j} {i * j},5")


def test_form_xobject_rectangles_and_rotated_page(tmp_path):
    """Tables inside a scaled form XObject, rectangles, rounded boxes; a rotated page falls back."""
    path = tmp_path / "former.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.beginForm("tabell")
    _grid(c)
    c.endForm()
    c.saveState()
    c.translate(20, -50)
    c.scale(1.1, 1.1)
    c.doForm("tabell")
    c.restoreState()
    c.rect(50, 100, 200, 100)
    c.roundRect(300, 100, 200, 100, 10)
    c.showPage()
    c.setPageRotation(90)
    _grid(c)
    c.showPage()
    c.save()
    dok, ruled, reference = _as_plumber(path)
    assert ruled == [1, 2]
    assert [len(p.tables) for p in dok.pages] == [1, 1]  # a lone box is one cell, not a table
    assert dok.pages[0].tables[0].rows[1][1].text == "rad1 kol1 1,5"
    for nr in ruled:
        assert dok.pages[nr - 1].tables == reference[nr][1]


def _korpus_pages():
    import pypdfium2 as pdfium

    for path in sorted(KORPUS.glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(path))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                try:
                    yield path.name, i + 1, textpage, page.get_size()[1]
                finally:
                    textpage.close()
                    page.close()
        finally:
            pdf.close()


def test_word_builder_same_as_pdfplumber_word_extractor():
    """Every korpus page's characters give the same words, in the same order, as pdfplumber's."""
    from pdfplumber.utils.text import WordExtractor

    from pipeline import pdfium_geometry

    pages = 0
    for name, nr, textpage, height in _korpus_pages():
        chars = pdfium_geometry._chars(textpage, height)
        expected = WordExtractor(**pdfium_geometry.WORD_SETTINGS).extract_words(chars)
        assert pdfium_geometry.extract_words(chars) == expected, f"{name} side {nr}"
        pages += bool(expected)
    assert pages > 100


def test_segments_same_as_two_call_bounded_text():
    """One FPDFText_GetBoundedText call per text rectangle gives what pypdfium2's two calls give."""
    from pipeline.model import Line
    from pipeline.read import _clean, _segments

    def reference(textpage, height):
        out = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = _clean(textpage.get_text_bounded(left, bottom, right, top)).replace("\n", " ").strip()
            if text:
                out.append(Line(text, round(left, 2), round(height - top, 2), round(right, 2), round(height - bottom, 2)))
        out.sort(key=lambda s: (round(s.top / 3), s.x0))
        return tuple(out)

    for name, nr, textpage, height in _korpus_pages():
        assert _segments(textpage, height) == reference(textpage, height), f"{name} side {nr}"
