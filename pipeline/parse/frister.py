"""Deadlines in decision text: `innen 1. juni 2025`, `i løpet av 2. kvartal 2025`, `innan utgangen av 2024`.

`resolve_frist(text, motedato)` is a pure function: it finds the first deadline phrase
of regler/frister.yaml in `text` and returns `(iso, printed)`. `iso` is "" when the
phrase names no day (`til kommunestyrets møte i desember`, `innen sommeren 2025`) or
when relative words need a meeting date that is not given; `printed` is the phrase as
printed (whitespace folded), or "" when the text has no deadline.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..rules import load_rules
from .dates import month_number
from .saksnr import full_year
from ..text import fold


@dataclass(frozen=True)
class Fristregel:
    navn: str
    monster: re.Pattern
    losning: str
    aar_pluss: int = 0


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def fristregler() -> tuple[Fristregel, ...]:
    rules = load_rules("frister")
    fill = {
        "prefiks": rules["prefiks"],
        "maaned": _alternatives(load_rules("datoer")["maaneder"]),
        "ordenstall": _alternatives(str(k) for k in rules["ordenstall"]),
    }
    out = []
    for row in rules["frister"]:
        text = row["monster"]
        for key, value in fill.items():
            text = text.replace("{" + key + "}", value)
        out.append(Fristregel(row["navn"], re.compile(text, re.IGNORECASE), row["losning"],
                              int(row.get("aar_pluss", 0))))
    return tuple(out)


def _month(value: str) -> int | None:
    if value.isdigit():
        return int(value)
    return month_number(value)


def _ordinal(value: str) -> int | None:
    table = {str(k).lower(): v for k, v in load_rules("frister")["ordenstall"].items()}
    return table.get(re.sub(r"\s+", "", value.lower()))


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except (ValueError, TypeError):
        return ""


def _last_day(year: int, month: int) -> str:
    if not 1 <= month <= 12:
        return ""
    return _iso(year, month, calendar.monthrange(year, month)[1])


def _meeting(motedato: str) -> date | None:
    try:
        return date.fromisoformat(motedato) if motedato else None
    except ValueError:
        return None


def _resolve(regel: Fristregel, m: re.Match, motedato: str) -> str:
    g = m.groupdict()
    how = regel.losning
    if how == "ingen":
        return ""
    if how == "dato":
        month = _month(g["maaned"])
        return _iso(full_year(g["aar"]), month, int(g["dag"])) if month else ""
    if how == "dato_uten_aar":
        meeting, month = _meeting(motedato), _month(g["maaned"])
        if meeting is None or not month:
            return ""
        iso = _iso(meeting.year, month, int(g["dag"]))
        if iso and iso < meeting.isoformat():
            iso = _iso(meeting.year + 1, month, int(g["dag"]))
        return iso
    if how == "maaned_slutt":
        month = _month(g["maaned"])
        return _last_day(int(g["aar"]), month) if month else ""
    if how == "aar_slutt":
        return _iso(int(g["aar"]), 12, 31)
    if how == "kvartal_slutt":
        nr = _ordinal(g["nr"])
        return _last_day(int(g["aar"]), 3 * nr) if nr and 1 <= nr <= 4 else ""
    if how == "halvaar_slutt":
        nr = _ordinal(g["nr"])
        return _last_day(int(g["aar"]), 6 * nr) if nr and 1 <= nr <= 2 else ""
    if how == "moteaar_slutt":
        meeting = _meeting(motedato)
        return _iso(meeting.year + regel.aar_pluss, 12, 31) if meeting else ""
    raise ValueError(f"regler/frister.yaml: ukjent losning '{how}' i regelen '{regel.navn}'")


def find_frist(text: str, motedato: str = "") -> tuple[str, str, str]:
    """(iso, printed, rule name) of the first deadline in `text`; ("", "", "") when none."""
    best = None
    for order, regel in enumerate(fristregler()):
        m = regel.monster.search(text or "")
        if m and (best is None or (m.start(), -(m.end() - m.start()), order) < best[0]):
            best = ((m.start(), -(m.end() - m.start()), order), regel, m)
    if best is None:
        return "", "", ""
    _, regel, m = best
    printed = fold(m.group(0))
    return _resolve(regel, m, motedato), printed, regel.navn


def resolve_frist(text: str, motedato: str = "") -> tuple[str, str]:
    """(ISO date or "", deadline as printed or "") for the first deadline in `text`."""
    iso, printed, _ = find_frist(text, motedato)
    return iso, printed
