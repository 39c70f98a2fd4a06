"""Text clean-up shared by the extractors: whitespace folding and hyphenation repair."""
from __future__ import annotations

import re

_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*([a-zæøå])")


def fold(text: str) -> str:
    """Fold whitespace to single spaces.

    str.split() splits on exactly the characters `\\s` matches in a str pattern, and is
    several times faster than re.sub on the extractors' hottest path.
    """
    return " ".join(text.split()) if text else ""


def join_lines(lines: list[str]) -> str:
    """Join printed lines into one text, repairing words hyphenated at line ends.

    `arbeids-\\nmiljø` becomes `arbeidsmiljø`; `barne- og` stays (a space follows the hyphen
    within the line, or the next word starts with a capital or `og`/`eller`).
    """
    text = "\n".join(ln.strip() for ln in lines if ln.strip())
    text = re.sub(r"(\w)-\n(?!(?:og|eller|el\.|and)\b)([a-zæøå])", r"\1\2", text)
    return fold(text)
