"""Norwegian numbers as printed in cost tables: pure functions, no I/O.

Handled forms: `1 049 076`, `1.049.076`, `38,2`, `-179 883`, `−179 883` (U+2212),
`–5` (en dash), `(12 500)`, `kr 238.500,-`, `4100,-`, `7 %`, `38,2 mill`, `1,2 mill. kr`.
A thousands group after the first is always exactly three digits, so phone numbers
(`77 18 92 00`), dates and case numbers never parse as one number.

`split_glued` splits a text-layer segment holding two numbers (`30000 304 980`) using
the x positions of the table's columns; it returns None rather than guess.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import fold

_MINUS = "-\u2212\u2013\u2012"
_SPACE = " \u00a0\u202f\u2009\u2007"

# Integer part: plain digits, or groups separated by one kind of separator.
_INT = r"(?:\d{1,3}(?:[ \u00a0\u202f\u2009\u2007]\d{3})+|\d{1,3}(?:\.\d{3})+|\d+)"
_NUM = re.compile(
    rf"""^
    (?P<open>\()?
    (?P<sign>[{_MINUS}+])?\s?
    (?P<int>{_INT})
    (?:,(?P<dec>\d+))?
    (?P<close>\))?
    $""",
    re.VERBOSE,
)
# A dot decimal (`1.3 mill`, `0.5`) only when it cannot be a thousands group.
_DOT_DEC = re.compile(rf"^(?P<open>\()?(?P<sign>[{_MINUS}+])?\s?(?P<int>\d+)\.(?P<dec>\d{{1,2}}|\d{{4,}})(?P<close>\))?$")

_PREFIX = re.compile(r"^(?:kr\.?|nok)\s*", re.IGNORECASE)
_SUFFIXES = [
    (re.compile(r"\s*%$"), "%"),
    (re.compile(r"\s*prosent$", re.IGNORECASE), "%"),
    (re.compile(r"\s*(?:mill(?:ioner|\.)?|mnok|mkr)\s*(?:kr(?:oner)?\.?|nok)?$", re.IGNORECASE), "mill kr"),
    (re.compile(r"\s*(?:mrd\.?|milliarder)\s*(?:kr(?:oner)?\.?)?$", re.IGNORECASE), "mrd kr"),
    (re.compile(r"\s*(?:tusen|tkr|t\.kr\.?)\s*(?:kr(?:oner)?\.?)?$", re.IGNORECASE), "1000 kr"),
    (re.compile(r"\s*(?:kr(?:oner)?\.?|nok)$", re.IGNORECASE), "kr"),
]
_DASH_END = re.compile(r",\s?[-\u2013\u2012]{1,2}$")  # 4100,-  238.500,--
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Tall:
    """A parsed number: its value as printed (before unit scaling) and the unit it carried."""

    verdi: float
    enhet: str = ""  # "" | "%" | "kr" | "1000 kr" | "mill kr" | "mrd kr"


def parse_number(text: str) -> Tall | None:
    """The number a whole cell prints, or None when the cell is not exactly one number."""
    if text is None:
        return None
    s = str(text)
    if not _DIGIT.search(s):  # every number form below needs a digit; most cells are words
        return None
    s = fold(s)
    if not s:
        return None
    unit = ""
    m = _PREFIX.match(s)
    if m and len(s) > m.end():
        s = s[m.end():]
        unit = "kr"
    if _DASH_END.search(s):
        s = _DASH_END.sub("", s)
        unit = unit or "kr"
    for pat, u in _SUFFIXES:
        m = pat.search(s)
        if m and m.start() > 0:
            s = s[: m.start()].rstrip()
            if not (u == "kr" and unit):
                unit = u
            break
    s = s.strip()
    m = _NUM.match(s)
    if m:
        int_part = m.group("int")
        dec = m.group("dec")
    else:
        m = _DOT_DEC.match(s)
        if not m:
            return None
        int_part = m.group("int")
        dec = m.group("dec")
    if bool(m.group("open")) != bool(m.group("close")):
        return None
    neg = bool(m.group("open")) or bool(m.group("sign") and m.group("sign") in _MINUS)
    digits = re.sub(r"[ .\u00a0\u202f\u2009\u2007]", "", int_part)
    value = float(f"{digits}.{dec}") if dec else float(digits)
    if not math.isfinite(value):  # hundreds of digits: no amount, and `inf` is no CSV value
        return None
    if neg:
        value = -value
    return Tall(value, unit)


def is_number(text: str) -> bool:
    return parse_number(text) is not None


def is_year(text: str) -> bool:
    t = (text or "").strip()
    return bool(re.fullmatch(r"(19|20)\d\d", t))


def to_nok(verdi: float | None, enhet: str) -> float | None:
    """Value in kroner for money units, None otherwise."""
    if verdi is None:
        return None
    factor = {"kr": 1, "1000 kr": 1000, "mill kr": 1_000_000, "mrd kr": 1_000_000_000}.get(enhet)
    if factor is None:
        return None
    out = round(verdi * factor, 6)
    return float(int(out)) if out == int(out) else out


def format_number(value: float, style: str = "space", decimals: int | None = None) -> str:
    """Print a number the Norwegian way (used by tests for round trips).

    style: space (`1 049 076`), dot (`1.049.076`), plain (`1049076`), paren (`(12 500)`),
    minus (`−179 883`), kr (`kr 238.500,-`), dash (`4100,-`).
    """
    neg = value < 0
    v = abs(value)
    if decimals is None:
        decimals = 0 if float(v).is_integer() else len(repr(float(v)).split(".")[1])
    whole = int(v)
    frac = f"{v:.{decimals}f}".split(".")[1] if decimals else ""
    digits = str(whole)
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    sep = {"space": " ", "dot": ".", "kr": ".", "paren": " ", "minus": " "}.get(style, "")
    body = sep.join(groups) + (f",{frac}" if frac else "")
    if style == "kr":
        return f"kr {'-' if neg else ''}{body},-"
    if style == "dash":
        return f"{'-' if neg else ''}{body},-"
    if style == "paren" and neg:
        return f"({body})"
    if style == "minus" and neg:
        return f"\u2212{body}"
    return f"{'-' if neg else ''}{body}"


# --------------------------------------------------------------------------- glued cells

_TOKEN = re.compile(r"\S+")
_MAX_GLUED_TOKENS = 40  # a segment with more tokens is no set of glued numbers


def split_glued(text: str, x0: float, x1: float, column_rights: list[float], tolerance: float = 12.0) -> list[tuple[str, float, float]] | None:
    """Split a segment holding several numbers into one part per column it spans.

    `column_rights` are the right edges of the table's value columns. Character
    positions are estimated proportionally over the segment's width. A split is
    returned only when exactly one grouping of the tokens into valid numbers puts
    each part's right edge near a distinct column edge; otherwise None.
    """
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if len(tokens) < 2 or not text:
        return None
    n = len(text)
    width = (x1 - x0) / n

    def xr(end: int) -> float:
        return x0 + end * width

    def xl(start: int) -> float:
        return x0 + start * width

    inside = sorted(c for c in column_rights if x0 - tolerance <= c <= x1 + tolerance)
    if len(inside) < 2 or len(tokens) > _MAX_GLUED_TOKENS:
        return None

    # Part k must end near column edge k. ways(i, k): how many splits of tokens[i:]
    # into the parts k, k+1, ... there are (counting stops at 2: only a unique split
    # is used). Memoised, so the search is polynomial where trying every grouping
    # was exponential in the number of tokens.
    @lru_cache(maxsize=None)
    def ways(i: int, k: int) -> int:
        if i == len(tokens):
            return 1 if k == len(inside) else 0
        if k == len(inside):
            return 0
        total = 0
        for j in range(i + 1, len(tokens) + 1):
            s, e = tokens[i][1], tokens[j - 1][2]
            if abs(xr(e) - inside[k]) > tolerance or parse_number(text[s:e]) is None:
                continue
            total += ways(j, k + 1)
            if total >= 2:
                return 2
        return total

    if ways(0, 0) != 1:
        return None
    parts, i = [], 0
    for k in range(len(inside)):
        for j in range(i + 1, len(tokens) + 1):
            s, e = tokens[i][1], tokens[j - 1][2]
            if abs(xr(e) - inside[k]) <= tolerance and parse_number(text[s:e]) is not None and ways(j, k + 1) == 1:
                parts.append((s, e))
                i = j
                break
    return [(text[s:e], round(xl(s), 2), round(xr(e), 2)) for s, e in parts]
