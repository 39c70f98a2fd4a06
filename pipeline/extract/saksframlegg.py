"""A saksframlegg's own header: title, arkivsaksnr, Saksgang table, and its innstilling.

The Saksgang table (Utvalg | Utvalgssak | Møtedato) is what links a case paper to the
meetings that treat it, so one case met in several committees stays one case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import BBox, union
from ..parse.saksnr import normalize_arkivsaksnr
from ..rules import load_rules, pattern
from ..structure import Behandling, Row, is_saksgang_header, read_saksgang, rows_after
from ..text import join_lines


@dataclass(frozen=True)
class Saksframlegg:
    side: int
    bbox: BBox
    tittel: str
    arkivsaksnr: str
    saksgang: tuple[Behandling, ...]
    innstilling: str
    innstilling_side: int | None
    innstilling_bbox: BBox | None


@lru_cache(maxsize=None)
def _arkiv_label() -> re.Pattern:
    labels = "|".join(load_rules("saksframlegg")["arkivsaksnr"])
    return re.compile(rf"^(?:{labels})\s*:?\s*(.*)$", re.IGNORECASE)


def arkivsaksnr_label(text: str) -> str:
    """The arkivsaksnr after a label such as `Arkivsak: 24/118` or `Saksmappe: 2016/67`, else ""."""
    m = _arkiv_label().match(text.strip())
    return normalize_arkivsaksnr(m.group(1)) if m else ""


def find_innstilling(rows: tuple[Row, ...], start: int, end: int) -> tuple[str, int | None, BBox | None]:
    """Text under the first innstilling heading between start and end, with provenance."""
    heading = pattern("saksframlegg", "innstilling")
    for i in range(start, end):
        if heading.match(rows[i].text):
            body = rows_after(rows[:end], i, stop=_opens_section)
            body = tuple(r for r in body if not _signature(r))
            text = join_lines([r.text for r in body])
            if pattern("saksframlegg", "tilbakeholdt").match(text) or pattern("saksframlegg", "uten_innstilling").search(text):
                return "", None, None  # withheld (closed item) or explicitly no proposal
            if body:
                return text, body[0].page, union(r.bbox for r in body)
    return "", None, None


def _opens_section(text: str) -> bool:
    """A row that opens the next section (`seksjon_ord`, `seksjon` in regler/saksframlegg.yaml)."""
    if pattern("saksframlegg", "seksjon_ord").match(text):
        return True
    return bool(pattern("saksframlegg", "seksjon").match(text)) and not pattern("saksframlegg", "innledning").search(text)


def _signature(row: Row) -> bool:
    # Signature blocks print names side by side: two or more short segments, no sentence.
    return len(row.segments) >= 2 and all(len(s.text) < 40 and not s.text.rstrip().endswith(".") for s in row.segments)


def _header_label(text: str) -> bool:
    """A header line such as `Dato: 25.11.2024`, `Arkivsak-dok. 24/00156-9` or
    `Sakshandsamar Anne Britt Skeie`: a known label, not the case's title."""
    return bool(pattern("saksframlegg", "hodeetikett").match(text.strip())) or bool(arkivsaksnr_label(text))


def _title_after(rows: tuple[Row, ...], start: int, end: int) -> list[Row]:
    """Title rows printed under the Saksgang table, up to the first section heading."""
    out: list[Row] = []
    for r in rows[start:min(end, start + 3)]:
        if pattern("saksframlegg", "innstilling").match(r.text) or _opens_section(r.text) or _header_label(r.text):
            break
        if out and (r.page != out[-1].page or r.top - out[-1].top > 24):
            break
        out.append(r)
    return out


def read_saksframlegg(rows: tuple[Row, ...]) -> list[Saksframlegg]:
    heading = pattern("saksframlegg", "overskrift")
    starts = [i for i, r in enumerate(rows) if heading.match(r.text)]
    found = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(rows)
        # Header labels stand just above or beside the heading on the same page.
        arkiv = ""
        for r in rows[max(0, start - 12):end]:
            if r.page != rows[start].page:
                continue
            arkiv = arkivsaksnr_label(r.text)
            if arkiv:
                break
        title_rows, saksgang, j = [], [], start + 1
        while j < end and j < start + 8 and not is_saksgang_header(rows[j]):
            if rows[j].page != rows[start].page:
                break
            title_rows.append(rows[j])
            j += 1
        title_rows = [r for r in title_rows if not _header_label(r.text)]
        if j < end and is_saksgang_header(rows[j]):
            saksgang, after = read_saksgang(rows, j)
            if not title_rows:  # ACOS, Public 360: labels, Saksgang, then the title
                title_rows = _title_after(rows, after, end)
        else:
            title_rows, after = title_rows[:1], start + 2
        innstilling, iside, ibox = find_innstilling(rows, after, end)
        found.append(Saksframlegg(
            side=rows[start].page, bbox=union(r.bbox for r in [rows[start], *title_rows]),
            tittel=join_lines([r.text for r in title_rows]), arkivsaksnr=arkiv, saksgang=tuple(saksgang),
            innstilling=innstilling, innstilling_side=iside, innstilling_bbox=ibox,
        ))
    return found
