"""Attendance (`deltakere`) from a protocol's front matter.

Sections open with a heading (`Følgende faste medlemmer møtte:`, `Møtande medlemmer`,
`Forfall:`, `Fra administrasjonen møtte:` ...; regler/vedtak.yaml). Their rows are read
as a column table by position when a header row (`Navn Funksjon Representerer`) is
printed, otherwise as running lists (`Kari Nordmann (AP), Ola Hansen (SP)`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..parse.votes import parse_name_list
from ..records import Deltaker
from ..rules import load_rules
from ..structure import Row, item_start
from ..text import fold

COLUMN_TOLERANCE = 12.0  # points a cell may start left of its header
# A person's name as printed: two to six words, the first capitalised, no digits or colons.
_NAME = re.compile(r"^[A-ZÆØÅÉÜ][^\W\d_]+(?:[ \-](?:[A-ZÆØÅÉÜa-zæøå][^\W\d_]*\.?)){1,5}$")


@lru_cache(maxsize=None)
def _rules() -> dict:
    return load_rules("vedtak")["deltakere"]


def section_heading(text: str) -> tuple[dict, str] | None:
    """The attendance heading a row starts with, and the text after it on the row."""
    text = fold(text)
    for h in _rules()["overskrifter"]:
        m = re.match(h["monster"], text, re.IGNORECASE)
        if m:
            rest = text[m.end():].lstrip(" :")
            # A heading is short: `Forfall:` or `Forfall: Kari Nordmann (AP)`, never a sentence.
            if re.match(r"^[\wæøå ]*\s*(?:hadde|møtte|som)\b", rest, re.IGNORECASE):
                rest = re.sub(r"^[\wæøå ]*?\b(?:hadde forfall|møtte for|møtte|som)\b\s*:?", "", rest, flags=re.IGNORECASE).strip()
            if ":" not in text[: m.end() + 2] and rest and not text.rstrip().endswith(":"):
                # `Til stede var alle ...` is prose, not a heading, unless a list follows.
                if not parse_name_list(rest) or len(rest.split()) > 12 and "(" not in rest:
                    return None
            return h, rest
    return None


def _column_of(header: Row) -> list[tuple[float, str]] | None:
    cols = []
    kolonner = _rules()["kolonner"]
    for seg in header.segments:
        t = fold(seg.text)
        for name, pat in kolonner.items():
            if re.match(pat, t, re.IGNORECASE):
                cols.append((seg.x0, name))
                break
        else:
            return None
    return cols if any(n == "navn" for _, n in cols) and len(cols) >= 2 else None


def _cells(row: Row, cols: list[tuple[float, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for seg in row.segments:
        name = cols[0][1]
        for x, n in cols:
            if seg.x0 + COLUMN_TOLERANCE >= x:
                name = n
        out[name] = fold((out.get(name, "") + " " + seg.text))
    return out


def _ends(text: str) -> bool:
    t = fold(text)
    if any(re.match(p, t, re.IGNORECASE) for p in _rules()["slutt"]):
        return True
    return False


def _split_inline(item: str, status: str, funksjon: str) -> dict | None:
    """One running-list item: `Ordfører Kari Nordmann (AP)`, `Per Dal (H) møtte for Kari Holm`."""
    item = fold(item).strip(" .")
    mott_for = ""
    parts = re.split(_rules()["mott_for"], item, maxsplit=1, flags=re.IGNORECASE)
    if len(parts) == 2 and status == "tilstede":
        item, mott_for = parts[0].strip(), re.sub(r"\s*\([^)]*\)\s*$", "", parts[1]).strip()
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*(.*)$", item)
    navn, parti, after = (m.group(1), m.group(2), m.group(3)) if m else (item, "", "")
    funk = funksjon
    words = _rules()["funksjoner"]
    first = navn.split(" ", 1)
    if len(first) == 2 and first[0].lower() in words:
        funk, navn = first[0].lower(), first[1]
    after = after.strip(" ,-")
    if after.lower() in words:
        funk = after.lower()
    if not _NAME.match(navn):
        return None
    return {"navn": navn, "parti": parti, "funksjon": funk, "mott_for": mott_for}


def extract_deltakere(rows: tuple[Row, ...], mote_id: str, dokument_id: str) -> list[Deltaker]:
    """Attendance rows from the rows before the first case (or the whole front page)."""
    out: list[Deltaker] = []
    seen: set[str] = set()
    section: dict | None = None
    cols = None
    for row in rows:
        if item_start(row) is not None and row.segments and re.match(r"^[A-Za-z]{2,}", row.segments[0].text.strip()):
            break  # the first case: attendance is over
        head = section_heading(row.text)
        if head:
            section, rest = head
            cols = None
            status = section["status"]
            funksjon = section.get("funksjon", "")
            for item in _inline_items(rest):
                rec = _split_inline(item, status, funksjon)
                if rec:
                    _add(out, seen, rec, status, row, mote_id, dokument_id)
            continue
        if section is None:
            continue
        if _ends(row.text):
            section = None
            continue
        status = section["status"]
        funksjon = section.get("funksjon", "")
        header = _column_of(row)
        if header:
            cols = header
            continue
        if cols:
            cells = _cells(row, cols)
            navn = cells.get("navn", "")
            if not _NAME.match(navn):
                continue
            funk = (cells.get("funksjon") or cells.get("stilling") or "").lower()
            if not funk and funksjon:
                funk = funksjon
            rec = {"navn": navn, "parti": cells.get("parti", ""), "funksjon": funk,
                   "mott_for": cells.get("mott_for", "") if status == "tilstede" else ""}
            _add(out, seen, rec, status, row, mote_id, dokument_id)
            continue
        text = fold(row.text)
        if len(text.split()) > 3 and text.endswith(".") and "(" not in text and "," not in text:
            section = None  # a sentence of prose: the list is over
            continue
        for item in _inline_items(text):
            rec = _split_inline(item, status, funksjon)
            if rec:
                _add(out, seen, rec, status, row, mote_id, dokument_id)
    return out


def _inline_items(text: str) -> list[str]:
    text = fold(text)
    if not text:
        return []
    # Split on commas/semicolons and ` og ` outside parentheses, keeping `(AP)` with its name.
    items, depth, cur = [], 0, ""
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch in ",;":
            items.append(cur)
            cur = ""
            continue
        cur += ch
    items.append(cur)
    out = []
    for it in items:
        out.extend(p for p in re.split(r"\s+og\s+(?=[A-ZÆØÅ])", it) if p.strip())
    return out


def _add(out, seen, rec, status, row, mote_id, dokument_id):
    key = rec["navn"].casefold()
    if key in seen:
        return
    seen.add(key)
    out.append(Deltaker(mote_id=mote_id, dokument_id=dokument_id, navn=rec["navn"], funksjon=rec["funksjon"],
                        parti=rec["parti"], status=status, mott_for=rec["mott_for"],
                        side=row.page, bbox=row.bbox))
