"""Rows as a person reads them in a terminal (aligned columns) or a script does (CSV, JSON).

Shared by `motedata query` and `motedata sok`. Cells are folded to one line and cut
with "…" at a column's width, numbers are right-aligned, so long decision texts and
line breaks never tear the table apart.
"""
from __future__ import annotations

import csv
import io
import json

from .text import fold


def _cell(value) -> str:
    if value is None:
        return ""
    return fold(str(value))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def aligned(columns: list[str], rows: list, max_width: int = 60, widths: dict[str, int] | None = None) -> str:
    """A header, a rule and one line per row; `widths` caps single columns."""
    widths = widths or {}
    cells = [[_cell(v) for v in r] for r in rows]
    numeric = [all(isinstance(r[i], (int, float)) and not isinstance(r[i], bool) for r in rows if r[i] is not None)
               and any(r[i] is not None for r in rows) for i in range(len(columns))]
    sizes = [min(widths.get(c, max_width), max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, sizes)).rstrip(), "  ".join("-" * w for w in sizes)]
    for r in cells:
        parts = [(_cut(v, w).rjust(w) if num else _cut(v, w).ljust(w)) for v, w, num in zip(r, sizes, numeric)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def to_csv(columns: list[str], rows: list) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows([["" if v is None else v for v in r] for r in rows])
    return buf.getvalue()


def to_json(columns: list[str], rows: list) -> str:
    return json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=1)
