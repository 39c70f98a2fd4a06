"""Parsers for printed votes and name lists: `Enst. vedtatt`, `Vedtatt med 12 mot 3 stemmer`,
`For forslaget stemte 25: Kari Nordmann (AP), ...`, `Samrøystes vedteke`.

Pure functions of a string; the phrases themselves live in regler/vedtak.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..rules import load_rules
from .tallord import words_to_digits
from ..text import fold


@lru_cache(maxsize=None)
def _pats(*path: str) -> tuple[re.Pattern, ...]:
    node = load_rules("vedtak")
    for p in path:
        node = node[p]
    if isinstance(node, str):
        node = [node]
    return tuple(re.compile(p, re.IGNORECASE) for p in node)


def _search(path: tuple[str, ...], text: str) -> re.Match | None:
    for p in _pats(*path):
        m = p.search(text)
        if m:
            return m
    return None


@dataclass
class Vote:
    """What one printed vote sentence says."""

    enstemmig: bool | None = None
    antall_for: int | None = None
    antall_mot: int | None = None
    resultat: str = "ukjent"  # vedtatt | falt | ukjent
    flertall: bool = False
    dobbeltstemme: bool = False
    navn_for: list[tuple[str, str]] = field(default_factory=list)
    navn_mot: list[tuple[str, str]] = field(default_factory=list)
    n_for_printed: int | None = None  # count printed before a name list
    n_mot_printed: int | None = None

    @property
    def is_vote(self) -> bool:
        return bool(self.enstemmig or self.antall_for is not None or self.navn_for or self.navn_mot
                    or self.resultat != "ukjent" or self.flertall)


def _count(digits: str) -> int | None:
    """A printed vote count; None for a digit run no vote has (int() refuses over 4,300 digits)."""
    return int(digits) if len(digits) <= 6 else None


_PAREN = re.compile(r"\(([^()]*)\)")


def parse_name_list(text: str) -> list[tuple[str, str]]:
    """`Kari Nordmann (AP), Ola Hansen (Sp) og Per Dal (H)` -> [(navn, parti), ...].

    Items are split on commas, semicolons and ` og `/` and ` outside parentheses; a
    party printed once after several names (`Kari Nordmann, Ola Hansen (AP)`) is not
    spread to the others. Empty input gives [].
    """
    text = fold(text).rstrip(".")
    if not text:
        return []
    parts, depth, cur = [], 0, ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and ch in ",;":
            parts.append(cur)
            cur = ""
            i += 1
            continue
        if depth == 0:
            m = re.match(r" (?:og|and) ", text[i:])
            if m:
                parts.append(cur)
                cur = ""
                i += len(m.group(0))
                continue
        cur += ch
        i += 1
    parts.append(cur)
    out = []
    for part in parts:
        part = part.strip(" .:")
        if not part:
            continue
        m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", part)
        navn, parti = (m.group(1).strip(), m.group(2).strip()) if m else (part, "")
        if not re.match(r"^[A-ZÆØÅÉ]", navn) or len(navn) > 60:
            continue
        out.append((navn, parti))
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a vote text; abbreviations such as `Enst.` and `(SP).` do not end one early."""
    text = fold(text)
    if not text:
        return []
    # A sentence ends at . ! ? followed by a space and a capital letter or a digit,
    # unless the dot ends a short abbreviation (Enst., nr., jf.).
    pieces, start = [], 0
    for m in re.finditer(r"[.!?](?=\s+[A-ZÆØÅ0-9«\"])", text):
        before = text[start:m.start() + 1]
        word = re.search(r"(\S+)$", before[:-1])
        if word and re.fullmatch(r"(?i)(?:enst|nr|jf|jfr|ca|pkt|kl|f\.eks|bl\.a|evt|stk|st)", word.group(1)):
            continue
        pieces.append(before.strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def parse_vote(text: str) -> Vote:
    """What a vote sentence says: unanimity, counts, result, named voters."""
    text = words_to_digits(fold(text))
    v = Vote()
    if not text:
        return v
    names_at = len(text)
    mf = _search(("stemmer", "for_navn"), text)
    mm = _search(("stemmer", "mot_navn"), text)
    if mf:
        names_at = min(names_at, mf.start())
        raw = mf.group("navn")
        if mm and mm.start() > mf.start():
            raw = text[mf.start("navn"):mm.start()]
        v.navn_for = parse_name_list(raw)
        if mf.group("n"):
            v.n_for_printed = _count(mf.group("n"))
    if mm:
        names_at = min(names_at, mm.start())
        raw = mm.group("navn")
        if mf and mf.start() > mm.start():
            raw = text[mm.start("navn"):mf.start()]
        v.navn_mot = parse_name_list(raw)
        if mm.group("n"):
            v.n_mot_printed = _count(mm.group("n"))
    head = text[:names_at]
    if _search(("stemmer", "enstemmig"), head):
        v.enstemmig = True
    m = _search(("stemmer", "tall"), head)
    if m:
        d = m.groupdict()
        if d.get("for") is not None:
            v.antall_for = _count(d["for"])
        if d.get("mot") is not None:
            v.antall_mot = _count(d["mot"])
    if v.antall_for is None and v.n_for_printed is not None:
        v.antall_for = v.n_for_printed
    if v.antall_mot is None and v.n_mot_printed is not None:
        v.antall_mot = v.n_mot_printed
    if v.antall_for is None and v.navn_for:
        v.antall_for = len(v.navn_for)
    if v.antall_mot is None and v.navn_mot:
        v.antall_mot = len(v.navn_mot)
    v.dobbeltstemme = bool(_search(("stemmer", "dobbeltstemme"), text))
    v.flertall = bool(_search(("stemmer", "flertall"), head)) or (v.antall_mot or 0) > 0
    if _search(("stemmer", "falt"), head):
        v.resultat = "falt"
    elif _search(("stemmer", "vedtatt"), head):
        v.resultat = "vedtatt"
    if v.enstemmig and v.resultat == "ukjent":
        v.resultat = "vedtatt"
    if v.enstemmig is None and (v.flertall or v.antall_mot):
        v.enstemmig = False
    return v


def count_mismatches(v: Vote) -> list[str]:
    """Messages where a printed count and the printed names disagree."""
    out = []
    if v.n_for_printed is not None and v.navn_for and v.n_for_printed != len(v.navn_for):
        out.append(f"{v.n_for_printed} stemmer for trykt, {len(v.navn_for)} navn listet")
    if v.n_mot_printed is not None and v.navn_mot and v.n_mot_printed != len(v.navn_mot):
        out.append(f"{v.n_mot_printed} stemmer mot trykt, {len(v.navn_mot)} navn listet")
    return out


def classify_utfall(text: str) -> str:
    """Outcome phrase in a decision or vote text: ikke_vedtatt, utsatt, trukket, sendt_tilbake,
    tatt_til_orientering, or "" when none is printed."""
    text = fold(text)
    for kind in ("ikke_vedtatt", "utsatt", "trukket", "sendt_tilbake", "tatt_til_orientering"):
        if _search(("utfall", kind), text):
            return kind
    return ""


def has_result(text: str) -> bool:
    """True when the text prints a result word (vedtatt, falt, ...), not only `enstemmig`."""
    text = fold(text)
    return bool(_search(("stemmer", "vedtatt"), text) or _search(("stemmer", "falt"), text))
