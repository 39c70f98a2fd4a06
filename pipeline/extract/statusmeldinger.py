"""Reports in a later paper on earlier decisions (`statusmeldinger`), for follow-up status.

Two kinds of evidence: a row of a vedtaksoppfølging table (a saksnr column and a status
column), and a sentence citing an earlier decision (`i sak 022/24, 14.03.2024`) with a
status phrase in it or the next sentence. (A later paper on the same arkivsak is the
third kind; it needs no extraction beyond `saker`.) Linking to tasks happens across
documents in pipeline/link.py. Vocabulary: regler/oppfolging.yaml (`status`, `tabell`, `referanse`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Table, union
from ..parse.dates import parse_date
from ..parse.saksnr import parse_saksnr
from ..records import Statusmelding
from ..rules import load_rules
from ..text import fold, join_lines
from .base import Kontekst

_SAKSNR_IN_CELL = re.compile(r"(?:(?:PS|Sak|sak|RS)\s*)?(\d{1,3}/\d{2,4})")


@lru_cache(maxsize=1)
def _rules() -> dict:
    r = load_rules("oppfolging")
    return {
        "status": {k: [re.compile(p, re.IGNORECASE) for p in v] for k, v in r["status"].items()},
        "ukjent": [re.compile(p, re.IGNORECASE) for p in r["status_ukjent"]],
        "tabell": {k: re.compile(p, re.IGNORECASE) for k, p in r["tabell"].items()},
        "referanse": [re.compile(p, re.IGNORECASE) for p in r["referanse"]],
        "punkt": re.compile(r["punkt"], re.IGNORECASE),
    }


def status_of(text: str) -> str:
    """The status a text reports: the phrase that ends last wins (ties: the longer one);
    "" when the text names no status at all."""
    best: tuple[int, int, str] | None = None
    for status, pats in _rules()["status"].items():
        for p in pats:
            for m in p.finditer(text or ""):
                key = (m.end(), -m.start(), status)
                if best is None or key[:2] > best[:2]:
                    best = key
    if best:
        return best[2]
    if any(p.search(text or "") for p in _rules()["ukjent"]):
        return "ukjent"
    return ""


def _punkt(text: str) -> str:
    m = _rules()["punkt"].search(text or "")
    return m.group("punkt").rstrip(")") if m else ""


def _ref(saksnr_text: str) -> tuple[str, int | None, int | None]:
    m = _SAKSNR_IN_CELL.search(saksnr_text or "")
    if not m:
        return "", None, None
    s = parse_saksnr(m.group(1))
    return (fold(m.group(0)), s.lopenr, s.saksaar) if s else ("", None, None)


def _header_columns(row) -> dict[str, int]:
    pats = _rules()["tabell"]
    cols: dict[str, int] = {}
    for i, cell in enumerate(row):
        if cell is None:
            continue
        text = fold(cell.text).rstrip(":")
        for name, pat in pats.items():
            if name not in cols and pat.match(text):
                cols[name] = i
    return cols


def _table_reports(tables: list[Table], dok_id: str) -> list[Statusmelding]:
    """Rows of vedtaksoppfølging tables; a table continued on the next page without its
    header keeps the columns of the last header seen."""
    out: list[Statusmelding] = []
    cols: dict[str, int] = {}
    for table in tables:
        rows = list(table.rows)
        if rows:
            found = _header_columns(rows[0])
            if "saksnr" in found and "status" in found:
                cols, rows = found, rows[1:]
            elif not (cols and len(rows[0]) > max(cols.values())):
                cols = {}
                continue
        for row in rows:
            def cell(name: str) -> str:
                i = cols.get(name)
                return fold(row[i].text) if i is not None and i < len(row) and row[i] else ""

            printed, lopenr, aar = _ref(cell("saksnr"))
            if lopenr is None:
                continue
            status_cell, kommentar = cell("status"), cell("kommentar")
            status = status_of(status_cell) or status_of(kommentar) or "ukjent"
            boxes = [c.bbox for c in row if c]
            out.append(Statusmelding(
                dokument_id=dok_id, ref_saksnr=printed, ref_lopenr=lopenr, ref_saksaar=aar,
                ref_motedato=parse_date(cell("dato")) or parse_date(cell("saksnr")), ref_utvalg=cell("utvalg"),
                ref_punkt=_punkt(cell("punkt")) or _punkt(cell("saksnr")), status=status,
                tekst=" | ".join(t for t in (status_cell, kommentar) if t), kilde="tabell",
                side=table.page, bbox=union(boxes),
            ))
    return out


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])", text) if s]


def _paragraphs(page) -> list[list]:
    """Text segments grouped into paragraphs by position: a segment joins the paragraph
    whose last line sits right above it and overlaps it sideways. Two-column pages
    (Public 360) thus read column by column instead of across."""
    paras: list[list] = []
    for seg in sorted(page.lines, key=lambda s: (round(s.top), s.x0)):
        height = max(seg.bottom - seg.top, 6.0)
        best = None
        for para in paras:
            last = para[-1]
            gap = seg.top - last.bottom
            if -2 <= gap < 0.9 * height and min(seg.x1, last.x1) - max(seg.x0, last.x0) > 0:
                if best is None or last.top > best[-1].top:
                    best = para
        if best is None:
            paras.append([seg])
        else:
            best.append(seg)
    return paras


def _prose_reports(ktx: Kontekst, skip_pages: set[int]) -> list[Statusmelding]:
    """Sentences citing an earlier decision; the status phrase may stand in the sentences after
    it, up to the next citation in the paragraph."""
    out: list[Statusmelding] = []
    for page in ktx.dokument.pages:
        if page.nr in skip_pages:
            continue
        for para in _paragraphs(page):
            text = fold(join_lines([s.text for s in para]))
            sentences = _sentences(text)
            refs = [next((m for pat in _rules()["referanse"] for m in [pat.search(x)] if m), None) for x in sentences]
            for i, sentence in enumerate(sentences):
                m = refs[i]
                if m is None:
                    continue
                d = m.groupdict()
                printed, lopenr, aar = _ref(d.get("saksnr") or "")
                dato = parse_date(d.get("dato") or "")
                if lopenr is None and not dato:
                    continue
                # The report on it runs to the next sentence that cites another decision.
                nxt = next((k for k in range(i + 1, len(sentences)) if refs[k] is not None), len(sentences))
                window = " ".join(sentences[i:nxt])
                status = status_of(sentence) or status_of(" ".join(sentences[i + 1:nxt])) or "ukjent"
                out.append(Statusmelding(
                    dokument_id=ktx.dokument_id, ref_saksnr=printed, ref_lopenr=lopenr, ref_saksaar=aar,
                    ref_motedato=dato, ref_utvalg=(d.get("utvalg") or "").strip(), ref_punkt=_punkt(window),
                    status=status, tekst=window, kilde="tekst", side=page.nr, bbox=union(s.bbox for s in para),
                ))
    return out


def extract_statusmeldinger(ktx: Kontekst, found: dict) -> dict[str, list]:
    dok = ktx.dokument
    tables = [t for p in dok.pages for t in p.tables]
    table_reports = _table_reports(tables, ktx.dokument_id)
    report_pages = {m.side for m in table_reports}
    return {"statusmeldinger": table_reports + _prose_reports(ktx, report_pages)}
