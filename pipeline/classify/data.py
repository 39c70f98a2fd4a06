"""The labelled titles in korpus/tema/titler.csv and their fixed train/dev/test split.

The split is a column of the file, not drawn at training time, so the test items stay
the same held-out items across retraining. Near-duplicates (a bokmål title and its
nynorsk twin, the same case in two kommuner) are kept in one split: otherwise the
test score would measure memory, not generalisation.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..rules import load_rules
from ..text import fold

FIELDS = ["tittel", "tekst", "tema", "maalform", "kilde", "split"]
SPLITS = ("train", "dev", "test")
SHARES = {"train": 0.6, "dev": 0.2, "test": 0.2}
# Two titles whose character trigrams overlap this much (Jaccard) count as one item.
NEAR_DUPLICATE = 0.5


@dataclass(frozen=True)
class Rad:
    tittel: str
    tekst: str
    tema: str
    maalform: str
    kilde: str
    split: str = ""


def data_path() -> Path:
    return Path(__file__).resolve().parent.parent.parent / "korpus" / "tema" / "titler.csv"


def labels() -> list[str]:
    """The label set, in the order of regler/tema.yaml."""
    return list(load_rules("tema")["etiketter"])


def read_rows(path: Path | None = None) -> list[Rad]:
    path = path or data_path()
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(FIELDS) - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: mangler kolonnene {sorted(missing)}; se korpus/tema/README.md")
        return [Rad(**{f: fold(r[f]) for f in FIELDS}) for r in reader]


def rows_csv(rows: list[Rad]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(FIELDS)
    for r in rows:
        w.writerow([getattr(r, f) for f in FIELDS])
    return buf.getvalue().encode("utf-8")


def model_text(tittel: str, tekst: str = "", max_tegn: int | None = None) -> str:
    """What the classifier reads: the title, then the first characters of the proposal.

    The title goes first and alone on its line, so a record without a saksframlegg
    reads the same as a training title without `tekst`.
    """
    if max_tegn is None:
        max_tegn = int(load_rules("tema").get("tekst_tegn", 200))
    tittel, tekst = fold(tittel), fold(tekst)
    if not tekst or max_tegn <= 0:
        return tittel
    if len(tekst) > max_tegn:
        tekst = tekst[:max_tegn].rsplit(" ", 1)[0]
    return f"{tittel}\n{tekst}"


def _trigrams(text: str) -> set[str]:
    t = re.sub(r"[^a-zæøå]+", " ", text.casefold()).strip()
    t = re.sub(r"\b\d+\b", "", t)
    return {t[i:i + 3] for i in range(max(1, len(t) - 2))}


def _similar(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= NEAR_DUPLICATE


def _stable(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def assign_splits(rows: list[Rad]) -> list[Rad]:
    """Give every row without a split one, keeping the splits already in the file.

    A new row similar to an existing one (same label) joins that row's split; the rest
    are grouped into clusters of near-duplicates and each cluster goes, in a fixed
    hash order, to the split furthest below its share for that label.
    """
    out = list(rows)
    grams = [_trigrams(r.tittel) for r in rows]
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(rows)):
        for j in range(i):
            if rows[i].tema == rows[j].tema and _similar(grams[i], grams[j]):
                parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = {}
    for i in range(len(rows)):
        clusters.setdefault(find(i), []).append(i)
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        if r.split:
            counts.setdefault(r.tema, dict.fromkeys(SPLITS, 0))[r.split] += 1
    pending = []
    for members in clusters.values():
        fixed = next((rows[i].split for i in members if rows[i].split), "")
        if fixed:
            for i in members:
                if not rows[i].split:
                    out[i] = replace(rows[i], split=fixed)
                    counts[rows[i].tema][fixed] += 1
        else:
            pending.append(members)
    pending.sort(key=lambda m: (rows[m[0]].tema, _stable(rows[m[0]].tittel)))
    for members in pending:
        tema = rows[members[0]].tema
        c = counts.setdefault(tema, dict.fromkeys(SPLITS, 0))
        total = sum(c.values()) + len(members)
        split = max(SPLITS, key=lambda s: (SHARES[s] * total - c[s], -SPLITS.index(s)))
        for i in members:
            out[i] = replace(rows[i], split=split)
        c[split] += len(members)
    return out
