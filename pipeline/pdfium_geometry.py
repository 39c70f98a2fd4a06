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

import pypdfium2.raw as pdfium_c
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


def path_edges(path_objects, height: float) -> list[dict]:
    """The edges pdfplumber's `page.edges` would hold for these path objects."""
    edges: list[dict] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in path_objects:
        matrix = obj.get_matrix()
        if obj.level and obj.container is not None:  # inside a form XObject
            matrix = matrix.multiply(obj.container.get_matrix())
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


def words(textpage, height: float) -> list[dict]:
    """pdfplumber's `extract_words` over PDFium's characters."""
    return WordExtractor(**WORD_SETTINGS).extract_words(_chars(textpage, height))


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
    descent, matrix = ctypes.c_float(), pdfium_c.FS_MATRIX()
    out: list[dict] = []
    last_obj, size, bottom, upright = None, 0.0, 0.0, True
    for i in range(n):
        ch = text[i] if aligned else chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD)
        if (ch.isspace() or ch == "\x02") and pdfium_c.FPDFText_IsGenerated(raw, i):
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
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
        out.append({"text": ch, "x0": box.left, "x1": box.right, "top": bottom - size, "bottom": bottom,
                    "doctop": bottom - size, "upright": upright})
    return out
