"""Dates and times as printed in meeting papers: 12.06.2017, 7.6.17, 12. juni 2017, kl. 10.00."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..rules import load_rules
from .saksnr import full_year

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4}|\d{2})(?!\d)")
_TIME = re.compile(r"(?<![\d.:])([01]?\d|2[0-3])\s*[:.]\s*([0-5]\d)(?![\d.:])")


@lru_cache(maxsize=None)
def _named_re() -> re.Pattern:
    months = sorted(load_rules("datoer")["maaneder"], key=len, reverse=True)
    return re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s*({'|'.join(months)})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE)


def month_number(name: str) -> int | None:
    """The month a printed name (`juni`, `Des.`, `MAI`) stands for, or None.

    Matched the way the date patterns match, ignoring case with Unicode's rules, so a
    name the patterns accept is always found: `.lower()` is not enough, as the long s
    in `marſ` matches `mars` but does not lower-case to it.
    """
    name = name.rstrip(".")
    for printed, number in load_rules("datoer")["maaneder"].items():
        if re.fullmatch(re.escape(printed), name, re.IGNORECASE):
            return number
    return None


def _iso(day: int, month: int, year: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def find_dates(text: str) -> list[tuple[int, str]]:
    """All dates in `text` as (position, ISO date), in order of appearance."""
    found = []
    for m in _NUMERIC.finditer(text or ""):
        iso = _iso(int(m.group(1)), int(m.group(2)), full_year(m.group(3)))
        if iso:
            found.append((m.start(), iso))
    for m in _named_re().finditer(text or ""):
        iso = _iso(int(m.group(1)), month_number(m.group(2)), int(m.group(3)))
        if iso:
            found.append((m.start(), iso))
    return sorted(found)


def parse_date(text: str) -> str:
    """The first date in `text` as ISO 8601, or ""."""
    found = find_dates(text)
    return found[0][1] if found else ""


def parse_time(text: str) -> str:
    """The first clock time in `text` as HH:MM, or ""."""
    m = _TIME.search(text or "")
    return f"{int(m.group(1)):02d}:{m.group(2)}" if m else ""
