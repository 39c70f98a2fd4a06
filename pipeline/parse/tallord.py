"""Number words in vote texts (`vedtatt med tolv mot tre stemmer`) read as digits.

Protocols write small counts in words as often as in digits; the vote patterns in
regler/vedtak.yaml match digits, so words are turned into digits first. Only lower-case
words and a capitalised word opening a sentence are read: a capitalised word elsewhere
(after a colon too, where name lists start) is more likely a name (`Ni`, `To`) than a count. The word lists are regler/tallord.yaml.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..rules import load_rules


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int], re.Pattern]:
    rules = load_rules("tallord")
    enere = {str(k).casefold(): int(v) for k, v in rules["enere"].items()}
    tiere = {str(k).casefold(): int(v) for k, v in rules["tiere"].items()}
    units = "|".join(sorted((k for k, v in enere.items() if 1 <= v <= 9), key=len, reverse=True))
    alle = "|".join(sorted(enere, key=len, reverse=True))
    tens = "|".join(sorted(tiere, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\wæøåÆØÅ])(?:(?P<u>{units})\s+og\s+(?P<t1>{tens})"  # fem og tjue
        rf"|(?P<t2>{tens})(?P<u2>{units})?"  # tjue, tjuefem
        rf"|(?P<e>{alle}))(?![\wæøåÆØÅ])",
        re.IGNORECASE,
    )
    return enere, tiere, pattern


def _value(m: re.Match, enere: dict[str, int], tiere: dict[str, int]) -> int:
    g = {k: (v.casefold() if v else v) for k, v in m.groupdict().items()}
    if g["t1"]:
        return tiere[g["t1"]] + enere[g["u"]]
    if g["t2"]:
        return tiere[g["t2"]] + (enere[g["u2"]] if g["u2"] else 0)
    return enere[g["e"]]


def _opens_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?"


def words_to_digits(text: str) -> str:
    """`vedtatt med tolv mot tre stemmer` -> `vedtatt med 12 mot 3 stemmer`."""
    enere, tiere, pattern = _tables()

    def repl(m: re.Match) -> str:
        word = m.group(0)
        if word[:1].isupper() and not _opens_sentence(text, m.start()):
            return word
        return str(_value(m, enere, tiere))

    return pattern.sub(repl, text or "")
