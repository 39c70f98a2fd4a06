"""Members declared disqualified (inhabil, nynorsk ugild) in a case's treatment.

Protocols often name the person in full once (`Per Olav Gjermstad (Sp) ba om å få sin
habilitet vurdert`) and then by surname (`Gjermstad ble erklært inhabil`); a bare
surname is completed from a full name printed earlier in the same text or from the
meeting's attendance list. Patterns live in regler/vedtak.yaml (`inhabil`,
`inhabil_liste`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..rules import load_rules
from .votes import parse_name_list
from ..text import fold

_NAME_PARTY = re.compile(r"(?P<navn>[A-ZÆØÅ][\wæøåé\-]+(?:\s+[A-ZÆØÅ][\wæøåé\-]+){1,3})\s*\((?P<parti>[\wæøåÆØÅ. \-]+)\)")
_NEGATION = re.compile(r"\b(?:ikke|ikkje|ikke\s+ble|ikkje\s+vart)\s+\S*\s*(?:erklært\s+)?(?:inhabil|ugild)", re.IGNORECASE)
# Words that can open a sentence before a name but are not part of it.
_LEAD = re.compile(r"^(?:Da|Så|Og|Men|Derfor|Deretter|Etter|Representanten|Medlemmet|Varamedlemmet)\s+")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    rules = load_rules("vedtak")
    return (tuple(re.compile(p) for p in rules["inhabil"]),
            tuple(re.compile(p, re.IGNORECASE) for p in rules["inhabil_liste"]))


_PRONOUN = re.compile(r"^(?:Han|Hun|Ho|Vedkommende|Vedkomande|Representanten)$")


def _complete(navn: str, parti: str, text: str, at: int, kjente: list[tuple[str, str]]) -> tuple[str, str]:
    """A surname alone becomes the full name printed earlier with the same surname; a
    pronoun (`Ho vart kjend ugild`) the last name printed with its party before it."""
    if " " in navn:
        return navn, parti
    printed = [(m.group("navn"), m.group("parti").strip()) for m in _NAME_PARTY.finditer(text)]
    if _PRONOUN.match(navn):
        before = [(m.group("navn"), m.group("parti").strip()) for m in _NAME_PARTY.finditer(text[:at])]
        return before[-1] if before else ("", "")
    for full, p in printed + list(kjente):
        if full.split()[-1] == navn:
            return full, parti or p
    return navn, parti


def find_inhabile(text: str, kjente: list[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """(navn, parti) of each person the text declares inhabil, in printed order, once each.

    `kjente` are (navn, parti) pairs known from elsewhere (the attendance list).
    """
    text = fold(text)
    if not text:
        return []
    sentence_pats, list_pats = _patterns()
    found: list[tuple[int, str, str]] = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", text):
        if _NEGATION.search(sentence):
            continue
        offset = text.find(sentence)
        for pat in list_pats:
            m = pat.search(sentence)
            if m:
                for navn, parti in parse_name_list(m.group("navn")):
                    found.append((offset + m.start(), navn, parti))
        for pat in sentence_pats:
            for m in pat.finditer(sentence):
                navn = _LEAD.sub("", m.group("navn")).strip()
                found.append((offset + m.start(), navn, (m.group("parti") or "").strip()))
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for at, navn, parti in sorted(found, key=lambda f: f[0]):
        navn, parti = _complete(navn, parti, text, at, list(kjente))
        if navn and navn.casefold() not in seen:
            seen.add(navn.casefold())
            out.append((navn, parti))
    return out
