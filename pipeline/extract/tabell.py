"""Table geometry for cost tables: ruled tables and text aligned in columns -> `Rutenett`.

A `Rutenett` is a table as rows of cells placed in value columns, with its header
levels, caption and the text just above it. Interpretation (units, sums, KOSTRA)
happens in `kostnader.py`; this module only finds tables and places cells.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import BBox, Line, Page, Table, union
from ..parse.numbers import is_year, parse_number, split_glued
from ..structure import Row

GLUED = re.compile(r"^[\d\s.,()%\u2212\u2013-]+$")
MAX_ROW_GAP = 30.0  # points between rows of one table
HEADER_GAP = 22.0  # points between header rows / header and first data row
LEVEL_MERGE = 8.0  # header segments whose tops differ less are one header level


@dataclass
class Celle:
    tekst: str
    bbox: BBox


@dataclass
class Rad:
    page: int
    label: str
    label_bbox: BBox | None
    celler: dict[int, Celle] = field(default_factory=dict)  # column -> cell
    header: bool = False  # a header row inside the table (sub-header)
    top: float = 0.0


@dataclass
class Rutenett:
    page: int
    kolonner: list[tuple[float, float]]
    rader: list[Rad]
    header: dict[int, str]  # column -> joined header text
    tittel: str = ""
    over: list[str] = field(default_factory=list)  # text lines just above (caption, unit)
    ruled: bool = False
    bbox: BBox | None = None
    end_page: int = 0
    bottom: float = 0.0
    label_header: str = ""


def _num_like(text: str) -> bool:
    return parse_number(text) is not None


def _glued(text: str) -> bool:
    return bool(GLUED.match(text)) and len(text.split()) >= 2 and not _num_like(text)


def _overlap(a0, a1, b0, b1) -> float:
    return min(a1, b1) - max(a0, b0)


# --------------------------------------------------------------------------- headers

def assign_level(segs: list[Line], cols: list[tuple[float, float]]) -> dict[int, tuple[str, float, int]]:
    """Give each column the header segment above it; spanning segments cover the
    contiguous columns that centre them (DP over contiguous spans)."""
    segs = sorted(segs, key=lambda s: s.x0)
    n, k = len(cols), len(segs)
    if not segs:
        return {}
    must = {}
    for ci, (c0, c1) in enumerate(cols):
        best = max(range(k), key=lambda j: _overlap(segs[j].x0, segs[j].x1, c0, c1))
        if _overlap(segs[best].x0, segs[best].x1, c0, c1) > 0:
            must[ci] = best
    taken = set(must.values())
    for ci, (c0, c1) in enumerate(cols):
        if ci in must:
            continue
        # a left-aligned header over right-aligned numbers: inside the cell's region
        left = cols[ci - 1][1] if ci > 0 else c0 - 40
        inside = [j for j in range(k) if j not in taken and segs[j].x0 > left + 1 and segs[j].x1 <= c1 + 1]
        if len(inside) == 1:
            must[ci] = inside[0]
            taken.add(inside[0])
    PEN = 25.0  # cost of leaving a column without this level's header

    @lru_cache(maxsize=None)
    def best_from(ci: int, j: int) -> tuple[float, tuple]:
        # columns ci.. to assign, segments j.. available
        if ci == n:
            return (0.0, ())
        options = []
        if ci not in must:
            cost, rest = best_from(ci + 1, j)
            options.append((cost + PEN, (None,) + rest))
        later_must = [must[c] for c in range(ci, n) if c in must]
        for jj in range(j, k):
            if later_must and min(later_must) < jj:
                break
            own = [c for c, v in must.items() if v == jj]
            aligned = own and any(abs(segs[jj].x1 - cols[c][1]) <= 2.5 for c in own)
            for e in range(ci, n):
                if aligned and (ci != min(own) or e != max(own)):
                    continue
                if e in must and must[e] != jj:
                    break
                if any(must.get(c) == jj for c in range(e + 1, n)):
                    continue
                centre = (cols[ci][0] + cols[e][1]) / 2
                sc = (segs[jj].x0 + segs[jj].x1) / 2
                cost, rest = best_from(e + 1, jj + 1)
                options.append((cost + abs(centre - sc), (jj,) * (e + 1 - ci) + rest))
        if not options:
            return (1e9, (None,) * (n - ci))
        return min(options, key=lambda o: o[0])

    _, assign = best_from(0, 0)
    span = {j: assign.count(j) for j in set(assign) if j is not None}
    return {ci: (segs[j].text, segs[j].top, span[j]) for ci, j in enumerate(assign) if j is not None}


CELL_WRAP = 11.5  # points: header lines closer than this are one wrapped cell, not stacked headers


def join_levels(levels: list[dict], ncols: int) -> dict[int, str]:
    """Join header levels per column: stacked headers with ` / `, a cell's wrapped lines with a space."""
    out = {}
    for ci in range(ncols):
        parts = [lv[ci] if isinstance(lv[ci], tuple) else (lv[ci], None, 1) for lv in levels if lv.get(ci)]
        if not parts:
            continue
        text = parts[0][0]
        for prev, cur in zip(parts, parts[1:]):
            wrapped = prev[1] is not None and cur[1] is not None and prev[2] == 1 and cur[1] - prev[1] < CELL_WRAP
            text += (" " if wrapped else " / ") + cur[0]
        out[ci] = text
    return out


# --------------------------------------------------------------------------- unruled

def _in_box(row: Row, boxes: list[BBox]) -> bool:
    b = row.bbox
    cy = (b[1] + b[3]) / 2
    cx = (b[0] + b[2]) / 2
    return any(x0 - 2 <= cx <= x1 + 2 and y0 - 2 <= cy <= y1 + 2 for x0, y0, x1, y1 in boxes)


def _split_row(row: Row) -> tuple[list[Line], list[Line]]:
    """(label segments, value segments) of a row."""
    segs = list(row.segments)
    numeric = [_num_like(s.text) or _glued(s.text) for s in segs]
    first_text = next((i for i, num in enumerate(numeric) if not num), None)
    if first_text is None:
        return [], segs
    label = segs[: first_text + 1]
    rest = list(zip(segs[first_text + 1:], numeric[first_text + 1:]))
    # text segments right after the label that continue it (no gap to a value column yet)
    values = [s for s, num in rest if num]
    texts = [s for s, num in rest if not num]
    return label + [t for t in texts if not values or t.x1 < min(v.x0 for v in values)], \
        values + [t for t in texts if values and t.x1 >= min(v.x0 for v in values)]


def _is_prose(row: Row, page: Page) -> bool:
    return len(row.segments) == 1 and (row.bbox[2] - row.bbox[0]) > 0.55 * page.width


def unruled_tables(page: Page, rows: list[Row], unit_re) -> list[Rutenett]:
    ruled_boxes = [t.bbox for t in page.tables]
    rows = _attach_signs([r for r in rows if not _in_box(r, ruled_boxes)])
    info = []
    for r in rows:
        label, values = _split_row(r)
        numeric = [v for v in values if _num_like(v.text) or _glued(v.text)]
        years_only = numeric and all(is_year(v.text) for v in numeric) and (not label or len(numeric) >= 2)
        kind = "data" if numeric and not years_only else ("prose" if _is_prose(r, page) else "text")
        info.append((r, label, values, kind))
    out = []
    i = 0
    while i < len(info):
        if info[i][3] != "data":
            i += 1
            continue
        last_data = i
        k = i + 1
        while k < len(info):
            r, _, _, kind = info[k]
            if kind == "prose" or r.top - info[k - 1][0].top > MAX_ROW_GAP:
                break
            if kind == "data":
                last_data = k
            elif k - last_data > 3:
                break
            k += 1
        i0 = i
        h = max(1.0, info[i][0].bbox[3] - info[i][0].bbox[1])
        hl = max(1.0, info[last_data][0].bbox[3] - info[last_data][0].bbox[1])
        if last_data + 1 < len(info) and info[last_data + 1][3] == "text" and info[last_data + 1][1] \
                and not info[last_data + 1][2] and info[last_data + 1][0].top - info[last_data][0].top <= 1.3 * hl:
            last_data += 1
        while i0 > 0 and not info[i][1] and info[i0 - 1][3] == "text" and info[i0 - 1][1] \
                and not info[i0 - 1][2] and info[i][0].top - info[i0 - 1][0].top <= 1.3 * h:
            i0 -= 1
        grid = _build(page, info, i0, last_data, unit_re)
        if grid is not None:
            out.append(grid)
        i = last_data + 1
    return out


def _label_part(lab: list[Line], left_edge: float) -> list[Line]:
    """The row label: leading code segments and the first text segment, at the left edge."""
    if not lab or lab[0].x0 > left_edge + 25:
        return []
    out = []
    for s in lab:
        out.append(s)
        if not (_num_like(s.text) or _glued(s.text)):
            break
    return out


_SIGN = re.compile(r"^[\u2212\u2013\u2012-]$")


def _attach_signs(rows: list[Row]) -> list[Row]:
    """A minus drawn apart from its number (another font, its own text box) joins the number."""
    lone = [(i, s) for i, r in enumerate(rows) for s in r.segments if _SIGN.match(s.text)]
    if not lone:
        return rows
    segs = [list(r.segments) for r in rows]
    used = set()
    for i, sign in lone:
        best = None
        for j in range(max(0, i - 1), min(len(rows), i + 2)):
            for k, s in enumerate(segs[j]):
                if s is sign or not _num_like(s.text) or s.text[:1] in "-\u2212\u2013(":
                    continue
                if -1 <= s.x0 - sign.x1 <= 4 and abs((s.top + s.bottom) / 2 - (sign.top + sign.bottom) / 2) <= 6:
                    best = (j, k, s)
        if best:
            j, k, s = best
            segs[j][k] = Line("\u2212" + s.text, sign.x0, s.top, s.x1, s.bottom)
            used.add(id(sign))
    out = []
    for r, ss in zip(rows, segs):
        ss = [s for s in ss if id(s) not in used]
        if ss:
            out.append(Row(r.page, tuple(ss)))
    return out


def _columns(segs: list[Line]) -> list[tuple[float, float]]:
    ivs = sorted((s.x0, s.x1) for s in segs)
    cols: list[list[float]] = []
    for a, b in ivs:
        if cols and a <= cols[-1][1] - 1:
            cols[-1][1] = max(cols[-1][1], b)
        else:
            cols.append([a, b])
    return [tuple(c) for c in cols]


def _build(page: Page, info, i0: int, i1: int, unit_re) -> Rutenett | None:
    block = info[i0:i1 + 1]
    single = [v for r, lab, vals, kind in block if kind == "data" for v in vals if _num_like(v.text)]
    if not single:
        return None
    cols = _columns(single)
    rights = [c[1] for c in cols]
    rader: list[Rad] = []
    data_rows = 0
    pending: list[tuple[Row, list[Line]]] = []
    left_edge = min((lab[0].x0 for _, lab, _, kind in block if lab), default=0.0)
    for idx, (r, lab, vals, kind) in enumerate(block):
        if kind != "data":
            if lab and not vals and _label_part(lab, left_edge):
                pending.append((r, _label_part(lab, left_edge)))
            elif vals:  # text in value columns: a sub-header row
                lv = assign_level([v for v in vals], cols)
                if lv:
                    rad = Rad(page.nr, " ".join(s.text for s in lab), union(s.bbox for s in lab), {}, True, r.top)
                    rad.celler = {c: Celle(t[0], r.bbox) for c, t in lv.items()}
                    rader.append(rad)
                pending = []
            continue
        cells: dict[int, Celle] = {}
        for v in vals:
            parts = [(v.text, v.x0, v.x1)]
            if _glued(v.text):
                parts = split_glued(v.text, v.x0, v.x1, rights) or []
            for text, x0, x1 in parts:
                ci = max(range(len(cols)), key=lambda c: _overlap(x0, x1, *cols[c]))
                if _overlap(x0, x1, *cols[ci]) <= 0:
                    continue
                cells[ci] = Celle(text, (x0, v.top, x1, v.bottom))
        if not cells:
            continue
        label_segs = _label_part(lab, left_edge)
        h = max(1.0, r.bbox[3] - r.bbox[1])
        if not label_segs:
            # values centred between wrapped label lines: take the label rows around it
            around = [p for p in pending if abs(p[0].top - r.top) <= 1.3 * h]
            label_segs = [s for p in around for s in p[1]]
            nxt = block[idx + 1] if idx + 1 < len(block) else None
            if nxt and nxt[3] != "data" and nxt[1] and not nxt[2] and abs(nxt[0].top - r.top) <= 1.3 * h:
                label_segs += nxt[1]
        else:
            prev = [p for p in pending if r.top - p[0].top <= 1.6 * h]
            text0 = label_segs[0].text
            if prev and (text0[:1].islower() or prev[-1][1][-1].text.rstrip().endswith((",", "-", " og"))):
                label_segs = prev[-1][1] + label_segs
            nxt = block[idx + 1] if idx + 1 < len(block) else None
            if nxt and nxt[3] != "data" and nxt[1] and not nxt[2] and nxt[1][0].text[:1].islower() \
                    and nxt[0].top - r.top <= 1.6 * h:
                label_segs += nxt[1]
        pending = []
        label = " ".join(s.text for s in label_segs)
        rader.append(Rad(page.nr, label, union(s.bbox for s in label_segs), cells, False, r.top))
        data_rows += 1
    per_col = [sum(1 for rd in rader if not rd.header and c in rd.celler) for c in range(len(cols))]
    if data_rows < 2 or max(per_col) < 2:
        return None
    # header levels above the first row
    first_row = block[0][0]
    levels_rows: list[list[Line]] = []
    label_header = ""
    over: list[str] = []
    k = i0 - 1
    last_top = first_row.top
    min_x = cols[0][0]
    label_x1 = max([s.x1 for _, lab, _, kind in block if kind == "data" for s in lab if s.x1 < min_x] or [min_x - 10])
    while k >= 0:
        r, lab, vals, kind = info[k]
        if last_top - r.top > HEADER_GAP or kind == "prose":
            break
        if unit_re.search(r.text) and len(r.text) < 40:
            over.append(r.text)
            last_top = r.top
            k -= 1
            continue
        segs = list(r.segments)
        spill = [s for s in segs if s.x0 < label_x1 - 2 and s.x1 > min_x + 5]
        if spill or kind == "data":
            break
        in_values = [s for s in segs if s.x1 > min_x - 10 and s.x0 >= label_x1 - 2]
        if not in_values:
            break
        left = [s for s in segs if s not in in_values]
        if left:
            label_header = " ".join(s.text for s in left)
        if levels_rows and abs(levels_rows[-1][0].top - r.top) < LEVEL_MERGE:
            levels_rows[-1] = in_values + levels_rows[-1]
        else:
            levels_rows.append(in_values)
        last_top = r.top
        k -= 1
    levels = [assign_level(segs, cols) for segs in reversed(levels_rows)]
    header = join_levels(levels, len(cols))
    # caption and text above
    tittel = ""
    top_limit = last_top
    while k >= 0 and len(over) < 4:
        r, lab, vals, kind = info[k]
        if top_limit - r.top > 45:
            break
        if not tittel and not (unit_re.search(r.text) and len(r.text) < 40):
            tittel = r.text
        over.append(r.text)
        top_limit = r.top
        k -= 1
    bbox = union([rd.label_bbox for rd in rader] + [c.bbox for rd in rader for c in rd.celler.values()])
    return Rutenett(page=page.nr, kolonner=cols, rader=rader, header=header, tittel=tittel, over=over,
                    ruled=False, bbox=bbox, end_page=page.nr, bottom=bbox[3] if bbox else 0,
                    label_header=label_header)


# --------------------------------------------------------------------------- ruled

def ruled_table(page: Page, table: Table, rows_above: list[Row], unit_re) -> Rutenett | None:
    grid = [list(r) for r in table.rows]
    ncols = max(len(r) for r in grid)
    num = [0] * ncols
    txt = [0] * ncols
    for r in grid:
        for ci, c in enumerate(r):
            if c is None or not c.text.strip():
                continue
            if _num_like(c.text):
                num[ci] += 1
            else:
                txt[ci] += 1
    if sum(num) < 2:
        return None
    # the row label: the first column, or a code column and the text column after it
    label_end = 0 if txt[0] > num[0] or ncols < 3 else 1
    value_cols = [ci for ci in range(label_end + 1, ncols) if num[ci] > 0]
    if not value_cols:
        return None
    cols = []
    for ci in range(ncols):
        xs = [r[ci].bbox for r in grid if ci < len(r) and r[ci] is not None]
        cols.append((min(b[0] for b in xs), max(b[2] for b in xs)) if xs else (0.0, 0.0))
    rader: list[Rad] = []
    header_levels: list[dict[int, str]] = []
    started = False
    for r in grid:
        lab_cells = [c for c in r[: label_end + 1] if c is not None and c.text.strip()]
        label = " ".join(c.text.strip() for c in lab_cells)
        lbbox = union(c.bbox for c in lab_cells)
        cells = {ci: Celle(r[ci].text.strip(), r[ci].bbox) for ci in value_cols
                 if ci < len(r) and r[ci] is not None and r[ci].text.strip()}
        has_num = any(_num_like(c.tekst) for c in cells.values())
        if has_num and not started and not label and all(is_year(c.tekst) for c in cells.values()):
            has_num = False
        if not has_num and cells:
            # a merged header cell spans the columns pdfplumber leaves as None after it
            for ci in range(1, ncols):
                if ci in value_cols and ci not in cells and ci < len(r) and r[ci] is None:
                    left = next((cells[cj] for cj in range(ci - 1, -1, -1) if cj in cells), None)
                    if left is not None:
                        cells[ci] = left
        top = min((c.bbox[1] for c in r if c is not None), default=0.0)
        if not has_num and cells:
            # header row (top of table, or a sub-header inside it); one with its own
            # row label starts a new header rather than stacking on the one above
            if not started:
                if label and header_levels:
                    header_levels = []
                header_levels.append({ci: c.tekst for ci, c in cells.items()})
            else:
                rader.append(Rad(page.nr, label, lbbox, cells, True, top))
            continue
        if not has_num:
            continue
        started = True
        rader.append(Rad(page.nr, label, lbbox, cells, False, top))
    data = [rd for rd in rader if not rd.header]
    if len(data) < 2:
        return None
    label_header = ""
    header = join_levels(header_levels, ncols)
    # caption: nearest rows above the table
    over, tittel = [], ""
    last = table.bbox[1]
    for r in reversed(rows_above):
        if last - r.bbox[3] > 45 or len(over) >= 4:
            break
        if not tittel and not (unit_re.search(r.text) and len(r.text) < 40):
            tittel = r.text
        over.append(r.text)
        last = r.top
    return Rutenett(page=page.nr, kolonner=cols, rader=rader, header=header, tittel=tittel, over=over,
                    ruled=True, bbox=table.bbox, end_page=page.nr, bottom=table.bbox[3], label_header=label_header)
