"""The classify stage: `saker.tema` and `saker.tema_sikkerhet` from title and proposal.

Certain rules from regler/tema.yaml come first (an RS item is a referatsak whatever it
is about) and give tema_sikkerhet 1.0. Everything else goes to the trained spaCy text
classifier (`spacy.blank("nb")` + textcat, see arkitektur.py), whose probability is
calibrated with the temperature fitted on the dev split at training time. Below the
threshold in regler/tema.yaml the item gets an empty tema: a researcher filtering on
tema should be able to trust every label that is there.

`classify(saker, model)` is a plain function of its inputs. The model is passed in;
`load_model()` loads it at most once per process, because `motedata run` workers each
classify many documents and loading spaCy costs far more than classifying a meeting.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..records import Sak
from ..rules import load_rules
from .data import model_text

MODEL_DIR = Path(__file__).resolve().parent / "modell"
META_KEY = "motedata"


class ModelError(RuntimeError):
    """The trained model is missing or does not match the label set."""


@dataclass(frozen=True)
class Regel:
    tema: str
    sakstyper: frozenset[str] = frozenset()
    tittel: re.Pattern | None = None

    def matches(self, tittel: str, sakstype: str) -> bool:
        if self.sakstyper and sakstype.upper() in self.sakstyper:
            return True
        return bool(self.tittel and self.tittel.fullmatch(tittel.strip().rstrip(".:")))


def rules_from(config: dict) -> tuple[Regel, ...]:
    out = []
    for entry in config.get("regler", []):
        out.append(Regel(
            tema=entry["tema"],
            sakstyper=frozenset(s.upper() for s in entry.get("sakstype", [])),
            tittel=re.compile(entry["tittel"], re.IGNORECASE) if entry.get("tittel") else None,
        ))
    return tuple(out)


def calibrate(scores: dict[str, float], temperatur: float) -> dict[str, float]:
    """Temperature scaling of softmax outputs: p_i^(1/T), renormalised."""
    logs = {k: math.log(max(v, 1e-12)) / temperatur for k, v in scores.items()}
    top = max(logs.values())
    exp = {k: math.exp(v - top) for k, v in logs.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


@dataclass(frozen=True)
class TemaModell:
    """A loaded classifier with its calibration, threshold and certain rules."""
    nlp: object  # spacy.Language
    temperatur: float
    terskel: float
    regler: tuple[Regel, ...]
    etiketter: tuple[str, ...]
    tekst_tegn: int = 200

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Calibrated label probabilities from the text classifier alone."""
        return [calibrate(doc.cats, self.temperatur) for doc in self.nlp.pipe(texts, batch_size=256)]

    def predict(self, items: Iterable[tuple[str, str, str]]) -> list[tuple[str, float]]:
        """(tema, sikkerhet) per (tittel, tekst, sakstype); tema is "" below the threshold."""
        items = list(items)
        out: list[tuple[str, float] | None] = [None] * len(items)
        pending = []
        for i, (tittel, tekst, sakstype) in enumerate(items):
            rule = next((r for r in self.regler if r.matches(tittel or "", sakstype or "")), None)
            if rule:
                out[i] = (rule.tema, 1.0)
            elif not (tittel or "").strip():
                out[i] = ("", None)
            else:
                pending.append(i)
        texts = [model_text(items[i][0], items[i][1], self.tekst_tegn) for i in pending]
        for i, probs in zip(pending, self.probabilities(texts)):
            tema, p = max(probs.items(), key=lambda kv: kv[1])
            out[i] = (tema if p >= self.terskel else "", round(p, 4))
        return out  # type: ignore[return-value]


def classify(saker: list[Sak], model: TemaModell) -> list[Sak]:
    """Fill tema and tema_sikkerhet of each sak from its title and innstilling."""
    if not saker:
        return saker
    found = model.predict((s.tittel, s.innstilling, s.sakstype) for s in saker)
    return [replace(s, tema=tema, tema_sikkerhet=p) for s, (tema, p) in zip(saker, found)]


def read_model(path: Path, config: dict | None = None) -> TemaModell:
    import spacy

    from . import arkitektur  # noqa: F401  registers motedata.TegnBOW.v1 for spacy.load

    config = config if config is not None else load_rules("tema")
    if not (path / "meta.json").exists():
        raise ModelError(f"fant ingen tema-modell i {path}; kjør `motedata tema tren` (eller `make tema`).")
    nlp = spacy.load(path)
    meta = nlp.meta.get(META_KEY, {})
    etiketter = tuple(config["etiketter"])
    trained = tuple(nlp.get_pipe("textcat").labels)
    if set(trained) != set(etiketter):
        raise ModelError(f"tema-modellen i {path} er trent på andre etiketter enn regler/tema.yaml; "
                         "kjør `motedata tema tren` på nytt.")
    return TemaModell(nlp=nlp, temperatur=float(meta.get("temperatur", 1.0)), terskel=float(config["terskel"]),
                      regler=rules_from(config), etiketter=etiketter, tekst_tegn=int(config.get("tekst_tegn", 200)))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> TemaModell:
    """The committed model, loaded once per process (see module docstring)."""
    return read_model(Path(path) if path else MODEL_DIR)
