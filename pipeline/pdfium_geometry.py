"""Ruled tables and word boxes from PDFium's objects, through pdfplumber's algorithms.

pdfplumber finds tables well, but it gets its objects from pdfminer, which builds a
Python dict per character and costs ~100 ms a page; that was most of motedata's time.
Here PDFium (already open in the reading stage) supplies the same objects: drawn paths
become the edges pdfminer/pdfplumber would make of them (lines, rectangles, curves,
subpaths split), characters get pdfminer's boxes (advance width; baseline + descent to
font size), and pdfplumber's own `TableFinder` and `WordExtractor` run on them
unchanged. tests/test_pdfium_geometry.py checks that every ruled korpus page gives the
same tables, cell boxes and cell texts both ways.

Pages where the two libraries place coordinates differently (rotated pages, a crop or
media box not at the origin) return None: the caller reads those with pdfplumber.
"""
from __future__ import annotations

import ctypes
from functools import partial
from typing import NamedTuple

import pypdfium2.raw as pdfium_c
from pypdfium2 import PdfMatrix
from pdfplumber.table import TableFinder
from pdfplumber.utils.text import WordExtractor

WORD_SETTINGS = {"x_tolerance": 3, "y_tolerance": 3}  # pdfplumber's extract_words defaults


class _EdgePage:
    """What `TableFinder` reads from a page under the "lines" strategies: its edges and box."""

    def __init__(self, edges: list[dict], bbox: tuple[float, float, float, float]):
        self.edges = edges
        self.bbox = bbox


def same_coordinates(page) -> bool:
    """True when PDFium's user space is pdfplumber's (flipped at the page height)."""
    if page.get_rotation() % 360:
        return False
    media = tuple(round(v, 3) for v in page.get_mediabox())
    return media[:2] == (0, 0) and tuple(round(v, 3) for v in page.get_cropbox()) == media


def find_tables(path_objects, width: float, height: float, settings: dict) -> list:
    """pdfplumber tables (with `.bbox`, `.rows[].cells`) from PDFium path objects."""
    edges = path_edges(path_objects, height)
    return TableFinder(_EdgePage(edges, (0, 0, width, height)), settings).tables


class DrawnPath(NamedTuple):
    raw: object  # FPDF_PAGEOBJECT
    matrix: PdfMatrix  # path space to page space (form XObject matrices included)


def _matrix(raw) -> PdfMatrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(raw, m):
        return PdfMatrix()
    return PdfMatrix.from_raw(m)


def drawn_objects(page, max_depth: int = 2) -> tuple[list[DrawnPath], int]:
    """Path objects and the number of images on a page, in content order (as pypdfium2's
    `get_objects`), through form XObjects down to `max_depth` levels."""
    paths: list[DrawnPath] = []
    images = 0

    def walk(form, form_matrix: PdfMatrix | None, level: int) -> None:
        nonlocal images
        if form is None:
            count, get = pdfium_c.FPDFPage_CountObjects(page.raw), partial(pdfium_c.FPDFPage_GetObject, page.raw)
        else:
            count, get = pdfium_c.FPDFFormObj_CountObjects(form), partial(pdfium_c.FPDFFormObj_GetObject, form)
        for i in range(max(count, 0)):
            raw = get(i)
            if not raw:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(raw)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                matrix = _matrix(raw)
                paths.append(DrawnPath(raw, matrix if form_matrix is None else matrix.multiply(form_matrix)))
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < max_depth - 1:
                matrix = _matrix(raw)
                walk(raw, matrix if form_matrix is None else matrix.multiply(form_matrix), level + 1)

    walk(None, None, 0)
    return paths, images


def path_edges(path_objects: list[DrawnPath], height: float) -> list[dict]:
    """The edges pdfplumber's `page.edges` would hold for these path objects."""
    edges: list[dict] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in path_objects:
        matrix = obj.matrix
        ops: list[list] = []
        start = None
        for i in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
            pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            px, py = matrix.on_point(x.value, y.value)
            point = (px, height - py)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                ops.append(["m", point])
                start = point
            else:
                ops.append(["l" if kind == pdfium_c.FPDF_SEGMENT_LINETO else "c", point])
                if pdfium_c.FPDFPathSegment_GetClose(seg):
                    # PDFium closes a subpath by flagging (or adding) a line back to its start;
                    # pdfminer records that as "h".
                    if ops[-1][0] == "l" and point == start:
                        ops[-1][0] = "h"
                    else:
                        ops.append(["h", start])
        subpath: list = []
        for op in _curves_as_pdfminer(ops):
            if op[0] == "m" and subpath:
                edges.extend(_subpath_edges(subpath))
                subpath = []
            subpath.append(op)
        if subpath:
            edges.extend(_subpath_edges(subpath))
    return edges


def _curves_as_pdfminer(ops: list[list]) -> list[list]:
    """PDFium gives a Bézier curve as three points; pdfminer keeps only its end point."""
    out, i = [], 0
    while i < len(ops):
        if ops[i][0] == "c" and i + 2 < len(ops):
            out.append(["c", ops[i + 2][1]])
            i += 3
        else:
            out.append(ops[i])
            i += 1
    return out


def _subpath_edges(path: list) -> list[dict]:
    """pdfminer's LTLine / LTRect / LTCurve for one subpath, as pdfplumber's edges."""
    shape = "".join(op for op, _ in path)
    if shape[:1] != "m":
        return []
    pts = [p for _, p in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        (ax, ay), (bx, by) = pts[0], pts[1]
        x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        return [_edge("line", x0, top, x1, bottom, "h" if top == bottom else "v")]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts[:5]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            left, right, top, bottom = min(x0, x2), max(x0, x2), min(y0, y2), max(y0, y2)
            return [
                _edge("rect_edge", left, top, right, top, "h"),
                _edge("rect_edge", left, bottom, right, bottom, "h"),
                _edge("rect_edge", left, top, left, bottom, "v"),
                _edge("rect_edge", right, top, right, bottom, "v"),
            ]
    return [
        _edge("curve_edge", min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]),
              "v" if a[0] == b[0] else ("h" if a[1] == b[1] else None))
        for a, b in zip(pts, pts[1:])
    ]


def _edge(kind: str, x0: float, top: float, x1: float, bottom: float, orientation: str | None) -> dict:
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation}


LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}  # pdfplumber's


def words(textpage, height: float) -> list[dict]:
    """pdfplumber's `extract_words` over PDFium's characters."""
    return extract_words(_chars(textpage, height))


def extract_words(chars: list[dict]) -> list[dict]:
    """pdfplumber's `WordExtractor(x_tolerance=3, y_tolerance=3).extract_words(chars)`, same words in
    the same order; for upright text without pdfplumber's generic machinery (a third of the time).

    Lines are clusters of tops less than the tolerance apart (in order of height), characters
    in a line sorted by x0, a word ends at a space, a step back, a gap over the tolerance or
    a change of height over it. Pages with rotated text go to pdfplumber itself.
    """
    if not chars:
        return []
    if not all(c["upright"] for c in chars):
        return WordExtractor(**WORD_SETTINGS).extract_words(chars)
    xt, yt = WORD_SETTINGS["x_tolerance"], WORD_SETTINGS["y_tolerance"]
    cluster_of, index, last = {}, 0, None
    for top in sorted({c["top"] for c in chars}):
        if last is not None and top > last + yt:
            index += 1
        cluster_of[top] = index
        last = top
    lines: list[list[dict]] = [[] for _ in range(index + 1)]
    for c in chars:
        lines[cluster_of[c["top"]]].append(c)
    out: list[dict] = []

    def emit(word: list[dict]) -> None:
        if word:
            x0, top = min(c["x0"] for c in word), min(c["top"] for c in word)
            x1, bottom = max(c["x1"] for c in word), max(c["bottom"] for c in word)
            out.append({"text": "".join(LIGATURES.get(c["text"], c["text"]) for c in word), "x0": x0, "x1": x1,
                        "top": top, "doctop": top, "bottom": bottom, "upright": True,
                        "height": bottom - top, "width": x1 - x0, "direction": "ltr"})

    for line in lines:
        line.sort(key=lambda c: c["x0"])
        word: list[dict] = []
        for c in line:
            text = c["text"]
            if text.isspace():
                emit(word)
                word = []
            elif text == "":  # pdfplumber: "" is `in` its (empty) punctuation string
                emit(word)
                emit([c])
                word = []
            elif word and (c["x0"] < word[-1]["x0"] or c["x0"] > word[-1]["x1"] + xt
                           or abs(c["top"] - word[-1]["top"]) > yt):
                emit(word)
                word = [c]
            else:
                word.append(c)
        emit(word)
    return out


# A private prototype of FPDFText_GetTextObject that returns the address as an int, so
# consecutive characters of one text object are recognised without a ctypes cast each.
_text_object_address = ctypes.CFUNCTYPE(ctypes.c_void_p, pdfium_c.FPDF_TEXTPAGE, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
)


def _chars(textpage, height: float) -> list[dict]:
    """Characters with pdfminer's boxes; PDFium's generated spaces and line breaks left out.

    pdfminer's box runs from baseline + descent up by the font size. Size, descent,
    direction and (for upright text) the baseline are the same for all characters of one
    text object (one show-text operator), so they are asked for once per object.
    """
    raw = textpage.raw
    n = textpage.count_chars()
    text = textpage.get_text_range()
    aligned = len(text) == n  # one UTF-16 unit per character (no surrogate pairs)
    box, ox, oy = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    box_ref = ctypes.byref(box)
    descent, matrix = ctypes.c_float(), pdfium_c.FS_MATRIX()
    loose_box, is_generated = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_IsGenerated
    out: list[dict] = []
    last_obj, size, bottom, upright = None, 0.0, 0.0, True
    for i in range(n):
        ch = text[i] if aligned else chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD)
        if (ch.isspace() or ch == "\x02") and is_generated(raw, i):
            continue
        address = _text_object_address(raw, i)
        if not address:
            continue
        if address != last_obj or not upright:
            if address != last_obj:
                last_obj = address
                size = pdfium_c.FPDFText_GetFontSize(raw, i)
                font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, i))
                pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
                pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
                upright = 0 < matrix.a * matrix.d and matrix.b * matrix.c <= 0
            pdfium_c.FPDFText_GetCharOrigin(raw, i, ox, oy)
            bottom = height - (oy.value + descent.value)
        loose_box(raw, i, box_ref)
        out.append({"text": ch, "x0": box.left, "x1": box.right, "top": bottom - size, "bottom": bottom,
                    "doctop": bottom - size, "upright": upright})
    return out
