"""Cost tables in long form (`kostnader`), one row per number cell (issue 7).

Tables come from `tabell.py` (ruled tables from the reading stage, and text aligned
in columns). Here they are joined over page breaks, and each number cell becomes a
`Kostnad` with its row label, joined column header, unit (cell, column, row, caption
or text above; phrases in regler/enheter.yaml), KOSTRA function (regler/
kostra_funksjoner.csv) and sum-row mark. Sum rows are checked against their rows;
a difference becomes an `Advarsel` (steg "kostnader").
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..ids import short_hash
from ..parse.numbers import parse_number, to_nok
from ..records import Advarsel, Kostnad
from ..rules import load_rules, load_table
from ..text import fold
from .base import Kontekst
from .tabell import Rad, Rutenett, ruled_table, unruled_tables

STEG = "kostnader"


@lru_cache(maxsize=None)
def _rules() -> dict:
    r = load_rules("enheter")

    def comp(pats):
        return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) if pats else re.compile(r"(?!x)x")

    return {
        "enheter": [(e["enhet"], comp(e["fraser"])) for e in r.get("enheter", [])],
        "kolonne": [(u, comp(p)) for u, p in (r.get("kolonne_enheter") or {}).items()],
        "rad": [(u, comp(p)) for u, p in (r.get("rad_enheter") or {}).items()],
        "penger": comp(r.get("penger", [])),
        "ikke_verdi": comp(r.get("ikke_verdi_kolonner", [])),
        "sumrad": comp(r.get("sumrad", [])),
        "unit_any": comp([p for e in r.get("enheter", []) for p in e["fraser"] if e["enhet"] != "kr"]
                         + [r"\bbeløp\s+i\b", r"\btall\s+i\b"]),
    }


@lru_cache(maxsize=None)
def kostra_koder() -> frozenset[str]:
    return frozenset(row["kode"].strip() for row in load_table("kostra_funksjoner"))


_KOSTRA = re.compile(r"^\s*(?:(?:funksjon|f\.)\s*)?(\d{2,3}(?:\s*/\s*\d{2,3})*)\s+(?=[A-ZÆØÅa-zæøå])")
_ART = re.compile(r"\bart\s+(\d{3})\b", re.IGNORECASE)


def kostra_funksjon(label: str) -> str:
    """The KOSTRA function (`254`) or group (`120/180/190`, `20/21`) a row label starts with."""
    m = _KOSTRA.match(label or "")
    if not m:
        return ""
    codes = [c.strip() for c in m.group(1).split("/")]
    known = kostra_koder()
    for c in codes:
        if len(c) == 3 and c not in known:
            return ""
        if len(c) == 2 and not any(k.startswith(c) for k in known):
            return ""
    if len(codes) == 1 and len(codes[0]) != 3:
        return ""
    return "/".join(codes)


def kostra_art(label: str) -> str:
    m = _ART.search(label or "")
    return m.group(1) if m else ""


def unit_of_text(text: str) -> str:
    for enhet, pat in _rules()["enheter"]:
        if pat.search(text or ""):
            return enhet
    return ""


def column_unit(header: str) -> str:
    for enhet, pat in _rules()["kolonne"]:
        if pat.search(header or ""):
            return enhet
    return ""


def row_unit(label: str) -> str:
    for enhet, pat in _rules()["rad"]:
        if pat.search(label or ""):
            return enhet
    return ""


def is_sum_label(label: str) -> bool:
    return bool(_rules()["sumrad"].search(label or ""))


# --------------------------------------------------------------------------- tables

def _find_tables(ktx: Kontekst) -> list[Rutenett]:
    rules = _rules()
    by_page: dict[int, list] = {}
    for r in ktx.struktur.rows:
        by_page.setdefault(r.page, []).append(r)
    out: list[Rutenett] = []
    for page in ktx.dokument.pages:
        rows = by_page.get(page.nr, [])
        found = []
        for t in page.tables:
            above = [r for r in rows if r.bbox[3] <= t.bbox[1] + 1]
            g = ruled_table(page, t, above, rules["unit_any"])
            if g is not None:
                found.append(g)
        found += unruled_tables(page, rows, rules["unit_any"])
        found.sort(key=lambda g: g.bbox[1] if g.bbox else 0)
        out += found
    return out


def _same_columns(a: Rutenett, b: Rutenett) -> bool:
    if len(a.kolonner) != len(b.kolonner):
        return False
    return all(abs(x[1] - y[1]) <= 8 for x, y in zip(a.kolonner, b.kolonner))


def _is_continuation(prev: Rutenett, g: Rutenett, first_top: dict[int, float]) -> bool:
    if g.page != prev.end_page + 1 or not _same_columns(prev, g):
        return False
    top = g.bbox[1] if g.bbox else 0
    starts_page = top - first_top.get(g.page, 0) < 60
    # a repeated header may lack columns that hold no numbers on the new page
    return starts_page and all(prev.header.get(c) == t for c, t in g.header.items())


# --------------------------------------------------------------------------- records

def _header_excluded(h: str) -> bool:
    return bool(_rules()["ikke_verdi"].search(h or ""))


def extract_kostnader(ktx: Kontekst, found: dict) -> dict[str, list]:
    rules = _rules()
    grids = _find_tables(ktx)
    first_top: dict[int, float] = {}
    for r in ktx.struktur.rows:
        first_top.setdefault(r.page, r.top)
    # join tables continued over page breaks
    tables: list[list[Rutenett]] = []
    for g in grids:
        if tables and _is_continuation(tables[-1][-1], g, first_top):
            tables[-1].append(g)
            continue
        tables.append([g])
    kostnader: list[Kostnad] = []
    advarsler: list[Advarsel] = []
    for parts in tables:
        head = parts[0]
        if _is_contents(parts):
            continue
        n_k, n_a = len(kostnader), len(advarsler)
        tabell_id = "tab-" + short_hash(ktx.dokument_id, head.page, head.bbox)
        tittel = fold(head.tittel)
        context = " ".join([head.tittel] + list(head.header.values())
                           + [h for p in parts for r in p.rader if r.header for h in (c.tekst for c in r.celler.values())])
        table_unit = unit_of_text(" ".join([o for o in head.over if len(o) < 60] + [head.tittel]))
        money = table_unit or ("kr" if rules["penger"].search(context + " " + head.label_header) else "")
        # money units printed in some cells of a column hold for its bare numbers
        col_money: dict[int, str] = {}
        for p in parts:
            for r in p.rader:
                for ci, cell in r.celler.items():
                    t = parse_number(cell.tekst)
                    if t is not None and t.enhet in ("kr", "1000 kr", "mill kr"):
                        col_money.setdefault(ci, t.enhet)
        header = dict(head.header)
        section: list[tuple[Rad, dict[int, float]]] = []
        all_rows: list[tuple[Rad, dict[int, float]]] = []
        for part in parts:
            if part is not head and part.header and \
                    not all(head.header.get(c) == t for c, t in part.header.items()):
                header = dict(part.header)  # a repeated header keeps the section's names
            for rad in part.rader:
                if rad.header:
                    # a sub-header row names the columns below it; an empty cell keeps the column's name
                    header = {**header, **{c: cell.tekst for c, cell in rad.celler.items() if cell.tekst}}
                    section = []
                    continue
                label = fold(rad.label)
                values: dict[int, float] = {}
                is_sum = is_sum_label(label)
                for ci, cell in sorted(rad.celler.items()):
                    tall = parse_number(cell.tekst)
                    if tall is None:
                        continue
                    kol = fold(header.get(ci, ""))
                    if _header_excluded(kol):
                        continue
                    enhet = tall.enhet if tall.enhet and tall.enhet != "mrd kr" else ""
                    if tall.enhet == "mrd kr":
                        enhet, verdi = "mill kr", tall.verdi * 1000
                    else:
                        verdi = tall.verdi
                    if not enhet:
                        enhet = (column_unit(kol) or unit_of_text(kol)
                                 or (row_unit(label) if not money else "") or col_money.get(ci, "") or money)
                    if tall.enhet == "" and enhet == money and table_unit:
                        enhet = table_unit
                    if enhet != "%":  # percentages do not add up; no sum check on them
                        values[ci] = verdi
                    kostnader.append(Kostnad(
                        tabell_id=tabell_id, dokument_id=ktx.dokument_id, side=rad.page, tabell_tittel=tittel,
                        rad=label, kolonne=kol, verdi=verdi, enhet=enhet, verdi_nok=to_nok(verdi, enhet),
                        kostra_funksjon=kostra_funksjon(label), art=kostra_art(label), sumrad=is_sum,
                        bbox=tuple(round(v, 1) for v in cell.bbox),
                    ))
                if not values:
                    continue
                if is_sum:
                    rounded = table_unit in ("1000 kr", "mill kr")
                    msg = _check_sum(label, values, section, all_rows, header, rounded)
                    if msg:
                        advarsler.append(Advarsel(ktx.dokument_id, rad.page, STEG,
                                                  f"Tabell «{tittel or tabell_id}», side {rad.page}: {msg}"))
                    all_rows.append((rad, values))
                    section = []
                    continue
                section.append((rad, values))
                all_rows.append((rad, values))
        if not any(k.enhet for k in kostnader[n_k:]):
            # no unit anywhere (scores, ratings, codes): not a cost table
            del kostnader[n_k:]
            del advarsler[n_a:]
    # rows whose values equal the sum of the rows above them are total rows too
    return {"kostnader": _mark_totals(kostnader), "advarsler": advarsler}


def _is_contents(parts: list[Rutenett]) -> bool:
    """A table of contents or list with page numbers: one value column of small,
    non-decreasing integers, or a caption naming it."""
    head = parts[0]
    if re.search(r"\binnhold", head.tittel or "", re.IGNORECASE) and not head.header:
        return True
    cols = {c for p in parts for r in p.rader if not r.header for c in r.celler}
    if len(cols) != 1:
        return False
    vals = []
    for p in parts:
        for r in p.rader:
            for c in r.celler.values():
                t = parse_number(c.tekst)
                if t is not None:
                    vals.append(t.verdi)
    return bool(vals) and all(float(v).is_integer() and 0 < v < 1000 for v in vals) and vals == sorted(vals) \
        and not any(head.header.values())


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.51, 1e-6 * abs(a))


def _check_sum(label: str, values: dict[int, float], section, all_rows, header, rounded: bool = False) -> str:
    """A message when a sum row differs from every reading of the rows it sums, else "".

    Tables in 1000 kr or mill kr print rounded figures: half a unit per row is allowed.
    """
    # a sum may add only the rows named like it (`Sum manglende inndekning` <- `Manglende dekning ...`)
    found = [w for w in re.findall(r"[a-zæøå]{5,}", label.lower()) if w not in {"summen", "totalt", "samlet"}]
    words = set(found[:1])
    problems = []
    for ci, v in values.items():
        cands = []
        rows = [vals[ci] for _, vals in section if ci in vals]
        if rows:
            cands.append(sum(rows))
        # rows since the table's start (sub-sections with their own sums included once)
        plain = [vals[ci] for rad, vals in all_rows if ci in vals and not is_sum_label(rad.label)]
        if plain:
            cands.append(sum(plain))
        sums = [vals[ci] for rad, vals in all_rows if ci in vals and is_sum_label(rad.label)]
        if len(sums) >= 2:
            cands.append(sum(sums))
        related = [vals[ci] for rad, vals in section if ci in vals and words
                   and words & {w for w in re.findall(r"[a-zæøå]{5,}", rad.label.lower())}
                   and not is_sum_label(rad.label)]
        if related:
            cands.append(sum(related))
        if len(rows) < 2 and len(plain) < 2:
            continue
        step = min((_step(x) for x in rows + [v]), default=1.0)
        tol = 0.5 * step * max(len(rows), len(plain)) if rounded else 0.0
        if not any(_close(v, c) or abs(v - c) <= tol for c in cands):
            best = cands[0] if cands else 0
            kol = header.get(ci, "")
            problems.append(f"summen «{label}» ({kol}) er {_fmt(v)}, men radene over summerer til {_fmt(best)}")
    return "; ".join(problems)


def _step(v: float) -> float:
    """The last printed digit's place value (1 for 9476, 0.1 for 38.2)."""
    text = f"{abs(v):.6f}".rstrip("0").rstrip(".")
    return 10 ** -len(text.split(".")[1]) if "." in text else 1.0


def _fmt(v: float) -> str:
    return f"{v:,.0f}".replace(",", " ") if float(v).is_integer() else f"{v:,.2f}".replace(",", " ").replace(".", ",")


def _mark_totals(rows: list[Kostnad]) -> list[Kostnad]:
    from dataclasses import replace

    out = list(rows)
    by_col: dict[tuple, list[int]] = {}
    for i, k in enumerate(out):
        by_col.setdefault((k.tabell_id, k.kolonne), []).append(i)
    for idxs in by_col.values():
        acc = 0.0
        count = 0
        for i in idxs:
            k = out[i]
            if k.sumrad:
                acc, count = 0.0, 0
                continue
            if count >= 2 and k.verdi is not None and _close(k.verdi, acc) and abs(acc) >= 100:
                out[i] = replace(k, sumrad=True)
                acc, count = 0.0, 0
                continue
            acc += k.verdi or 0
            count += 1
    return out
