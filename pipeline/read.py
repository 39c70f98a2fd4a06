"""Reading stage: the only code that opens a PDF.

Text and positioned text segments come from PDFium (pypdfium2) for every page: it
is ~50x faster than pdfminer and its text rectangles already split a line where
the text layer has gaps (table cells). On pages that draw rulings, pdfplumber's
table finder runs on PDFium's paths and characters (`pdfium_geometry`), so no
page needs pdfminer; only pages PDFium cannot place as pdfplumber does (rotated,
offset page boxes) are opened with pdfplumber, those pages only, each closed after
use. Each page is parsed once per library.

Pages without a usable text layer (an image with almost no text, or text that
extracts as glyph codes) are OCR'd by `pipeline/ocr.py` when the settings ask for it;
their text and segments are then read from the OCR'd copy with PDFium like any other
page, and they get tekstlag `ocr`. The original file is only ever read.
"""
from __future__ import annotations

import ctypes
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import pdfium_geometry
from .model import Cell, Dokument, Line, Page, ReadProblem, Table, Word
from .ocr import OcrError, OcrResult, OcrSettings, ocr_pages, ocr_segments, ocr_text, page_need
from .read_checks import (check_streams, grenser, join_glyph_boxes, load_page,
                          looks_encrypted, text_problem)
from .rules import load_rules


class ReadError(Exception):
    """A document could not be read; `message` tells a person what to do."""

    def __init__(self, steg: str, message: str):
        super().__init__(message)
        self.steg = steg
        self.message = message


@dataclass(frozen=True)
class ReadSettings:
    min_ruling_objects: int = 4  # path objects on a page before pdfplumber looks for tables
    min_text_chars: int = 20  # fewer visible characters than this: no usable text layer
    max_pages: int = field(default_factory=lambda: grenser().maks_sider)
    ocr: OcrSettings | None = None  # None: no OCR (pages without a usable text layer stay `skannet`)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def dokument_id_for(sha256: str) -> str:
    return sha256[:16]


def _check_bytes(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise ReadError("les", f"{path}: filen er tom (0 byte). Hent dokumentet på nytt fra arkivet.")
    with open(path, "rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%PDF-" not in head:
        kind = _guess_kind(head)
        raise ReadError(
            "les",
            f"{path}: er ikke en PDF ({kind}). Konverter den til PDF eller fjern den fra mappen.",
        )
    if b"%%EOF" not in tail:
        raise ReadError(
            "les",
            f"{path}: PDF-filen er avkortet (slutten mangler, trolig avbrutt nedlasting eller kopi). "
            "Hent filen på nytt.",
        )


def _guess_kind(head: bytes) -> str:
    lower = head.lower().lstrip()
    if lower.startswith(b"<!doctype html") or lower.startswith(b"<html"):
        return "ser ut som en HTML-side"
    if head.startswith(b"PK\x03\x04"):
        return "ser ut som et Word/ZIP-dokument"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ser ut som et eldre Word/Excel-dokument"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8"):
        return "ser ut som et bilde"
    return "ukjent filtype"


_SPACES = re.compile(r"[ \t\u00a0]+")


def _clean(text: str) -> str:
    # PDFium marks a hyphen it found at a line end as \x02; keep it as a hyphen so the
    # structure stage can repair the word.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-").replace("\ufffe", "-")
    text = text.replace("\u00ad", "-")
    return "\n".join(ln.strip() for ln in _SPACES.sub(" ", text).split("\n"))


def _segments(textpage, height: float) -> tuple[Line, ...]:
    out = []
    raw = textpage.raw
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    # One buffer for every rectangle: the text in a rectangle is at most the page's characters
    # plus a line break per character; PDFium is then asked once per rectangle, not twice.
    size = 3 * textpage.count_chars() + 16
    buffer = (ctypes.c_ushort * size)()
    rects: list[tuple[tuple[float, float, float, float], str]] = []
    for i in range(textpage.count_rects()):
        if not pdfium_c.FPDFText_GetRect(raw, i, left, top, right, bottom):
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        n = pdfium_c.FPDFText_GetBoundedText(raw, x0, y1, x1, y0, buffer, size)  # counts the closing NUL
        if n <= 1:
            continue
        words = (ctypes.string_at(buffer, 2 * (n - 1)).decode("utf-16-le", errors="ignore") if n < size
                 else textpage.get_text_bounded(x0, y0, x1, y1))
        rects.append(((x0, y0, x1, y1), words))
    # Layouts that write every glyph as its own object give one rectangle per glyph;
    # read_checks joins touching ones, and only a joined rectangle is asked for its text again.
    texts = dict(rects)
    for box in join_glyph_boxes([r for r, _ in rects], lambda r: texts.get(r, "")):
        x0, y0, x1, y1 = box
        words = texts[box] if box in texts else textpage.get_text_bounded(x0, y0, x1, y1)
        text = _clean(words).replace("\n", " ").strip()
        if not text:
            continue
        out.append(Line(text, round(x0, 2), round(height - y1, 2), round(x1, 2), round(height - y0, 2)))
    out.sort(key=lambda s: (round(s.top / 3), s.x0))
    return tuple(out)


def _open_pdfium(path: Path):
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg and looks_encrypted(path):  # PDFium's error code can be stale from an earlier file
            raise ReadError(
                "les",
                f"{path}: PDF-filen er kryptert og kan ikke åpnes uten passord. Be avsender om en utgave uten passord, "
                "eller fjern passordet hvis du har det (f.eks. qpdf --password=PASSORD --decrypt inn.pdf ut.pdf).",
            ) from exc
        reason = "" if "password" in msg else f" ({exc})"  # a stale "password" reason would mislead
        raise ReadError(
            "les",
            f"{path}: PDF-filen er skadet og kan ikke åpnes{reason}. Hent en ny kopi eller skriv den ut til PDF på nytt.",
        ) from exc


def read_pdf(path: Path, fil: str | None = None, settings: ReadSettings = ReadSettings()) -> Dokument:
    """Open a PDF once and return everything later stages need."""
    path = Path(path)
    fil = fil if fil is not None else str(path)
    _check_bytes(path)
    check_streams(path)
    sha = file_sha256(path)
    pdf = _open_pdfium(path)
    try:
        n = len(pdf)
        if n == 0:
            raise ReadError("les", f"{path}: PDF-filen har ingen sider.")
        if n > settings.max_pages:
            raise ReadError(
                "les",
                f"{path}: {n} sider er over grensen på {settings.max_pages}. Del filen eller øk grensen i regler/lesing.yaml.",
            )
        fast, merknader = [], {}
        table_settings = _table_settings()
        for i in range(n):
            page = load_page(pdf, i, path)
            try:
                paths, images = _drawn_objects(page)  # bounded: a page of millions of paths skips table finding
                ruled = len(paths) >= settings.min_ruling_objects
                width, height, text, segments, geometry = _page_text(page, paths if ruled else (), table_settings, nr=i + 1)
            finally:
                page.close()
            need = page_need(text, images, settings.min_text_chars)
            if merknad := text_problem(text) or (need == "ubrukelig" and "for få vanlige tegn"):
                # glyph codes, not text: OCR reads the page, or it stays empty; never passed on as text
                text, segments, ruled, geometry, merknader[i + 1] = "", (), False, None, merknad
            tekstlag = "skannet" if need or merknad else "tekst"
            fast.append(_FastPage(i + 1, width, height, text, segments, tekstlag, ruled, geometry=geometry))
        problems = _apply_ocr(pdf, fil, sha, fast, settings.ocr, settings.min_text_chars) if settings.ocr else ()
    finally:
        pdf.close()

    # Pages PDFium cannot place as pdfplumber does (rotated, offset boxes) are read by pdfplumber.
    slow_pages = [f.nr for f in fast if f.ruled and f.geometry is None]
    geometry = _read_geometry(path, slow_pages) if slow_pages else {}
    pages = []
    for f in fast:
        words, tables = f.geometry or geometry.get(f.nr, ((), ()))
        pages.append(
            Page(nr=f.nr, width=round(f.width, 2), height=round(f.height, 2), text=f.text, lines=f.segments,
                 tekstlag=f.tekstlag, words=words, tables=tables, geometry=f.ruled,
                 ocr_seconds=f.ocr.seconds_per_page if f.ocr else None, ocr_cached=f.ocr.cached if f.ocr else False,
                 merknad=merknader.get(f.nr, ""))
        )
    return Dokument(fil=fil, sha256=sha, dokument_id=dokument_id_for(sha), pages=tuple(pages), problems=problems)


@dataclass
class _FastPage:
    """What the PDFium pass found on one page; OCR may replace its text before it becomes a Page."""

    nr: int
    width: float
    height: float
    text: str
    segments: tuple[Line, ...]
    tekstlag: str
    ruled: bool
    ocr: OcrResult | None = None
    geometry: tuple | None = None  # (words, tables) found with PDFium; None: pdfplumber reads the page


def _page_text(page, paths=(), table_settings: dict | None = None, nr: int = 0):
    """Size, text and segments of a page, and its ruled tables when `paths` (its drawn paths) are given.

    The tables are found while the text page is open, so no page is parsed twice.
    """
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        text, segments = _clean(textpage.get_text_range()), _segments(textpage, height)
        geometry = None
        if paths and pdfium_geometry.same_coordinates(page):
            try:
                geometry = _geometry_from_pdfium(nr, paths, textpage, width, height, table_settings or _table_settings())
            except MemoryError:
                raise
            except Exception:  # an odd path or font: pdfplumber reads the page instead
                geometry = None
        return width, height, text, segments, geometry
    finally:
        textpage.close()


def _scaled(lines: tuple[Line, ...], sx: float, sy: float) -> tuple[Line, ...]:
    """Boxes of an OCR'd page in the original page's points (OCRmyPDF keeps the size; be sure)."""
    if abs(sx - 1) < 1e-3 and abs(sy - 1) < 1e-3:
        return lines
    return tuple(Line(ln.text, round(ln.x0 * sx, 2), round(ln.top * sy, 2), round(ln.x1 * sx, 2), round(ln.bottom * sy, 2))
                 for ln in lines)


def _apply_ocr(pdf, fil: str, sha: str, fast: list[_FastPage], ocr: OcrSettings,
               min_text_chars: int) -> tuple[ReadProblem, ...]:
    """OCR the pages that need it (all pages with mode `always`) and put their text in `fast`.

    An OCR'd page without text gets a warning: a blank sheet, or Tesseract ran out of
    time on it (OCRmyPDF then keeps the page without text).
    """
    if ocr.mode == "never":
        return ()
    wanted = tuple(f.nr for f in fast if ocr.mode == "always" or f.tekstlag == "skannet")
    if not wanted:
        return ()
    try:
        result = ocr_pages(pdf, sha, wanted, ocr, fil)
        done = pdfium.PdfDocument(result.pdf_bytes)
    except OcrError as exc:
        return (ReadProblem("ocr", exc.message),)
    except pdfium.PdfiumError as exc:
        return (ReadProblem("ocr", f"{fil}: OCR-resultatet kunne ikke leses ({exc}). Tøm OCR-mellomlageret og prøv igjen."),)
    problems = []
    try:
        for index, nr in enumerate(wanted):
            page = done[index]
            try:
                width, height, text, words, _ = _page_text(page)
            finally:
                page.close()
            f = fast[nr - 1]
            f.text = ocr_text(text)
            f.segments = ocr_segments(_scaled(words, f.width / width, f.height / height))
            f.tekstlag = "ocr"
            f.ruled = False  # the rulings of a scan are pixels: no pdfplumber tables from them
            f.geometry = None
            f.ocr = result
            if len(re.sub(r"\s", "", f.text)) < min_text_chars:
                problems.append(ReadProblem(
                    "ocr", f"{fil}: side {nr}: OCR fant ingen tekst (blank side, eller Tesseract nådde tidsgrensen "
                    "i regler/lesing.yaml). Se på siden; skann den på nytt om den har tekst.", kind="advarsel", side=nr))
    finally:
        done.close()
    if result.warning:
        problems.append(ReadProblem("ocr", f"{fil}: {result.warning}", kind="advarsel"))
    return tuple(problems)


def _drawn_objects(page) -> tuple[list, int]:
    """The page's path objects (rulings, table borders) and its number of images, in one pass.

    Paths come as `pdfium_geometry.DrawnPath` (the raw object and its matrix to page space),
    down to one level of form XObjects; asked for through PDFium's C calls, so the page's
    text objects cost no Python object each. Past `maks_objekter_tabellside` paths
    (regler/lesing.yaml: a map, or millions of tiny paths in a hostile file) none are
    returned, so no table finder parses the page; its text still comes from PDFium.
    """
    paths, images = pdfium_geometry.drawn_objects(page, max_depth=2)
    return (paths if len(paths) <= grenser().maks_objekter_tabellside else []), images


def _table_settings() -> dict:
    settings = load_rules("lesing").get("tabeller", {})
    return {
        "vertical_strategy": "lines",
        "horizontal_strategy": "lines",
        "snap_tolerance": settings.get("snap_tolerance", 3),
        "intersection_tolerance": settings.get("intersection_tolerance", 3),
    }


def _geometry_from_pdfium(nr: int, paths, textpage, width: float, height: float,
                          table_settings: dict) -> tuple[tuple[Word, ...], tuple[Table, ...]]:
    """Ruled tables and, where there are any, word boxes, from the open PDFium page."""
    found = pdfium_geometry.find_tables(paths, width, height, table_settings)
    if not found:
        return (), ()
    words = _words(pdfium_geometry.words(textpage, height))
    return words, _tables(nr, found, words)


_SPECIAL = ("\x02", "\ufffe", "\u00ad")


def _words(raw_words) -> tuple[Word, ...]:
    # A word holds no whitespace, so of `_clean` only the hyphen markers can change it.
    return tuple(
        Word(_clean(w["text"]) if any(c in w["text"] for c in _SPECIAL) else w["text"],
             round(w["x0"], 2), round(w["top"], 2), round(w["x1"], 2), round(w["bottom"], 2))
        for w in raw_words
    )


def _tables(nr: int, found, words: tuple[Word, ...]) -> tuple[Table, ...]:
    """pdfplumber tables as motedata's: each cell's text from the words centred in it."""
    centred = [((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2, w) for w in words]
    tables = []
    for table in found:
        x0, top, x1, bottom = table.bbox  # every cell lies inside the table's box
        near = [c for c in centred if x0 <= c[0] <= x1 and top <= c[1] <= bottom]
        rows = []
        for row in table.rows:
            boxes = [b for b in row.cells if b is not None]
            if boxes:
                row_top, row_bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
                in_row = [c for c in near if row_top <= c[1] <= row_bottom]
            else:
                in_row = []
            cells = []
            for box in row.cells:
                if box is None:
                    cells.append(None)
                    continue
                inside = [w for cx, cy, w in in_row if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]]
                inside.sort(key=lambda w: (round(w.top / 3), w.x0))
                cells.append(Cell(" ".join(w.text for w in inside), tuple(round(v, 2) for v in box)))
            rows.append(tuple(cells))
        if rows and any(len(r) > 1 for r in rows):
            tables.append(Table(page=nr, bbox=(round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)),
                                rows=tuple(rows), ruled=True))
    return tuple(tables)


def _read_geometry(path: Path, page_numbers: list[int]) -> dict[int, tuple[tuple[Word, ...], tuple[Table, ...]]]:
    """Ruled tables and word boxes from pdfplumber (pdfminer), for the given pages only."""
    import pdfplumber

    table_settings = _table_settings()
    out = {}
    try:
        with pdfplumber.open(str(path)) as pdf:
            for nr in page_numbers:
                page = pdf.pages[nr - 1]
                try:
                    words = _words(page.extract_words(keep_blank_chars=False, use_text_flow=False))
                    out[nr] = (words, _tables(nr, page.find_tables(table_settings), words))
                finally:
                    page.close()
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many types on broken files
        raise ReadError(
            "les",
            f"{path}: sidene med tabeller kunne ikke tolkes ({type(exc).__name__}: {exc}). "
            "Skriv dokumentet ut til PDF på nytt.",
        ) from exc
    return out
