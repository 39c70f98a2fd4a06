"""What the reading stage hands on: an immutable picture of one PDF.

Nothing after `read` opens the PDF again, so everything later stages may need
(text, line boxes, ruled tables, word boxes on geometry pages) lives here.
Coordinates are PDF points with the origin at the top left, as pdfplumber uses
(`x0, top, x1, bottom`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]


def union(boxes) -> BBox | None:
    """Smallest box holding all given boxes (None when there are none)."""
    boxes = [b for b in boxes if b]
    if not boxes:
        return None
    return (
        round(min(b[0] for b in boxes), 1),
        round(min(b[1] for b in boxes), 1),
        round(max(b[2] for b in boxes), 1),
        round(max(b[3] for b in boxes), 1),
    )


@dataclass(frozen=True)
class Line:
    """One printed line (or line segment) of text with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


# A word box (pdfplumber, geometry pages) has the same shape as a text segment.
Word = Line


@dataclass(frozen=True)
class Cell:
    text: str
    bbox: BBox


@dataclass(frozen=True)
class Table:
    """A table as the page draws it: rows of cells (None where a cell is merged away)."""

    page: int
    bbox: BBox
    rows: tuple[tuple[Cell | None, ...], ...]
    ruled: bool = True


@dataclass(frozen=True)
class Page:
    nr: int  # 1-based
    width: float
    height: float
    text: str
    lines: tuple[Line, ...]
    tekstlag: str = "tekst"  # tekst | skannet | ocr
    words: tuple[Word, ...] = ()  # only on pages with ruled tables
    tables: tuple[Table, ...] = ()
    geometry: bool = False  # True when the page draws rulings and was searched for tables
    ocr_seconds: float | None = None  # OCR wall time per page when this page's text came from OCR
    ocr_cached: bool = False  # the OCR result came from the cache (ocr_seconds is from when it was made)
    merknad: str = ""  # why the text layer was dropped (read_checks.text_problem), if it was


@dataclass(frozen=True)
class ReadProblem:
    """Something the reading stage could not do, while the rest of the document was read.

    `kind` "feil" becomes a `feil` row (exit 1), "advarsel" an `advarsler` row.
    """

    steg: str
    message: str
    kind: str = "feil"
    side: int | None = None


@dataclass(frozen=True)
class Dokument:
    fil: str
    sha256: str
    dokument_id: str
    pages: tuple[Page, ...] = field(default_factory=tuple)
    problems: tuple[ReadProblem, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    @property
    def tekstlag(self) -> str:
        if not self.pages:
            return "tekst"
        scanned = sum(1 for p in self.pages if p.tekstlag == "skannet")
        if scanned * 2 >= len(self.pages):
            return "skannet"
        if any(p.tekstlag == "ocr" for p in self.pages):
            return "ocr"
        return "tekst"
