"""Parsers for case numbers as printed: saksnr (PS 4/17) and arkivsaksnr (2017/136).

Both look like `N/M`; the difference is which side holds the year. A saksnr has
the running number first and the year last (2 or 4 digits); an arkivsaksnr has
the year first. Where both are possible the caller's context (column, label)
decides, never these functions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import load_rules
from ..text import fold


@dataclass(frozen=True)
class Saksnr:
    printed: str  # whitespace folded, as printed
    prefix: str
    lopenr: int
    saksaar: int
    sakstype: str


@lru_cache(maxsize=None)
def _saksnr_re() -> re.Pattern:
    prefix = load_rules("saksnr")["prefiks"]
    return re.compile(
        rf"(?<![\w/])(?:(?P<prefix>{prefix})\s*[-.]?\s*)?(?P<lopenr>\d{{1,4}})\s*/\s*(?P<aar>\d{{4}}|\d{{2}})(?![\d/])",
        re.IGNORECASE,
    )


def full_year(two_or_four: str) -> int:
    year = int(two_or_four)
    if len(two_or_four) == 4:
        return year
    return 2000 + year if year < 70 else 1900 + year


def parse_saksnr(text: str, require_prefix: bool = False) -> Saksnr | None:
    """Parse a saksnr at the start of `text` (leading spaces allowed)."""
    m = _saksnr_re().match(text.strip())
    if not m:
        return None
    prefix = m.group("prefix") or ""
    if require_prefix and not prefix:
        return None
    if len(m.group("aar")) == 4 and not prefix:
        return None  # 2017/136 is an arkivsaksnr, not a saksnr
    printed = fold(m.group(0))
    norm_prefix = _canonical_prefix(prefix)
    sakstype = load_rules("saksnr").get("sakstype", {}).get(norm_prefix, "")
    return Saksnr(printed, norm_prefix, int(m.group("lopenr")), full_year(m.group("aar")), sakstype)


def _canonical_prefix(prefix: str) -> str:
    if not prefix:
        return ""
    upper = prefix.upper()
    if upper in {"PS", "RS", "DS", "OS", "FO", "IP", "SP", "EV"}:
        return upper
    return prefix.capitalize()


_ARKIV = re.compile(r"(?<![\d/])(?P<aar>(?:19|20)\d{2}|\d{2})\s*/\s*(?P<nr>\d{1,6})(?:\s*-\s*\d+)?(?![\d/])")


def normalize_arkivsaksnr(text: str) -> str:
    """`17/136` -> `2017/136`, `12/1234-5` -> `2012/1234`; "" when none is found."""
    m = _ARKIV.search(text or "")
    if not m:
        return ""
    return f"{full_year(m.group('aar'))}/{int(m.group('nr'))}"


def is_arkivsaksnr(text: str) -> bool:
    """True for a cell that holds only an arkivsaksnr (`2017/136`, `17/136`, `12/1234-5`)."""
    return bool(re.fullmatch(_ARKIV.pattern, (text or "").strip()))
