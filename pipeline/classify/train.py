"""Train, calibrate and score the topic classifier: `motedata tema tren | eval`.

Training uses the train split only, with the dev split for early stopping and for
fitting the calibration temperature; the test split is never seen until `eval`. Seeds
are fixed (spaCy's fix_random_seed and the shuffling order), so the same data and
config give the same model.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import random
import re
import shutil
import tempfile
import time
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

from .data import SPLITS, Rad, data_path, labels, model_text, read_rows
from .tema import META_KEY, MODEL_DIR, TemaModell, calibrate, read_model

CONFIG = Path(__file__).resolve().parent / "tema.cfg"


def fingerprint(data: Path | None = None, config_path: Path = CONFIG) -> str:
    """Hash of everything training reads: the labelled titles, the config, and the
    labels, definitions, stikkord and text length of regler/tema.yaml (not the
    threshold or the certain rules, which apply at run time). A committed model whose
    fingerprint differs from the files is stale."""
    from ..rules import load_rules

    rules = load_rules("tema")
    used = {k: rules.get(k) for k in ("etiketter", "stikkord", "tekst_tegn")}
    h = hashlib.sha256()
    h.update((data or data_path()).read_bytes())
    h.update(Path(config_path).read_bytes())
    h.update(json.dumps(used, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def check_rows(rows: list[Rad]) -> list[str]:
    """Problems that make the data unusable: unknown labels, labels without examples, bad splits."""
    known = set(labels())
    problems = [f"ukjent tema {r.tema!r} for «{r.tittel}»" for r in rows if r.tema not in known]
    problems += [f"ugyldig split {r.split!r} for «{r.tittel}» (train/dev/test)" for r in rows if r.split not in SPLITS]
    for label in labels():
        for split in SPLITS:
            if not any(r.tema == label and r.split == split for r in rows):
                problems.append(f"temaet {label!r} har ingen eksempler i {split}")
    return problems


def lexicon(config: dict) -> list[tuple[str, str]]:
    """(text, label) pairs from regler/tema.yaml: each stikkord, and each phrase of the
    label's definition. Training-only examples that widen the vocabulary."""
    out = []
    for label, words in (config.get("stikkord") or {}).items():
        out.extend((str(w), label) for w in words)
    for label, definition in config["etiketter"].items():
        out.extend((p.strip(), label) for p in re.split(r"[,:;.()]", definition) if len(p.strip()) > 3)
    return out


def _examples(nlp, rows: list[Rad], tekst_tegn: int, title_copies: bool, extra: list[tuple[str, str]] = ()):
    from spacy.training import Example

    all_labels = labels()
    pairs = []
    for r in rows:
        pairs.append((model_text(r.tittel, r.tekst, tekst_tegn), r.tema))
        if title_copies and r.tekst:
            pairs.append((r.tittel, r.tema))
    pairs.extend(extra)
    return [Example.from_dict(nlp.make_doc(t), {"cats": {label: float(label == tema) for label in all_labels}})
            for t, tema in pairs]


def _macro_f1(gold: list[str], pred: list[str], label_set: list[str]) -> float:
    return sum(per_label(gold, pred, label_set)[label]["f1"] for label in label_set) / len(label_set)


def per_label(gold: list[str], pred: list[str], label_set: list[str]) -> dict[str, dict]:
    out = {}
    for label in label_set:
        tp = sum(1 for g, p in zip(gold, pred) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[label] = {"presisjon": prec, "tilbakekalling": rec,
                      "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0, "antall": tp + fn}
    return out


def fit_temperature(raw: list[dict[str, float]], gold: list[str]) -> float:
    """The temperature that minimises the negative log-likelihood of the dev labels."""
    def nll(t: float) -> float:
        return -sum(math.log(max(calibrate(p, t)[g], 1e-12)) for p, g in zip(raw, gold)) / len(gold)

    grid = [math.exp(x / 40) for x in range(-80, 121)]  # 0.14 .. 20
    best = min(grid, key=nll)
    lo, hi = best / math.exp(1 / 40), best * math.exp(1 / 40)
    for _ in range(40):  # golden-section refinement inside the best grid cell
        a, b = lo + (hi - lo) * 0.382, lo + (hi - lo) * 0.618
        lo, hi = (lo, b) if nll(a) < nll(b) else (a, hi)
    return round((lo + hi) / 2, 4)


def _save(nlp, out: Path) -> None:
    """Write the model beside `out` and swap it in, so a failed run never leaves half a model."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
    old = None
    try:
        nlp.to_disk(tmp)
        if out.exists():
            old = out.with_name(f".{out.name}.gammel")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(out, old)
        os.replace(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def train(out: Path = MODEL_DIR, data: Path | None = None, config_path: Path = CONFIG, log=print) -> dict:
    import spacy
    from spacy.util import fix_random_seed, load_config, minibatch, registry

    from . import arkitektur  # noqa: F401  registers the architecture named in the config
    from ..rules import load_rules

    rows = read_rows(data)
    problems = check_rows(rows)
    if problems:
        raise ValueError("treningsdata kan ikke brukes:\n  " + "\n  ".join(problems[:20]))
    config = load_config(config_path, interpolate=True)
    tcfg = dict(config["training"])
    seed = int(tcfg["seed"])
    fix_random_seed(seed)
    nlp = spacy.blank(config["nlp"]["lang"])
    component = config["components"]["textcat"]
    textcat = nlp.add_pipe(component["factory"], config={k: v for k, v in component.items() if k != "factory"})
    for label in labels():
        textcat.add_label(label)
    tekst_tegn = int(load_rules("tema").get("tekst_tegn", 200))
    train_rows = [r for r in rows if r.split == "train"]
    dev_rows = [r for r in rows if r.split == "dev"]
    extra = lexicon(load_rules("tema")) if tcfg.get("lexicon", True) else []
    train_ex = _examples(nlp, train_rows, tekst_tegn, bool(tcfg.get("title_only_copies", True)), extra)
    optimizer = registry.resolve({"o": tcfg["optimizer"]})["o"]
    nlp.initialize(lambda: train_ex, sgd=optimizer)
    dev_texts = [model_text(r.tittel, r.tekst, tekst_tegn) for r in dev_rows]
    dev_gold = [r.tema for r in dev_rows]
    rng = random.Random(seed)
    best = (-1.0, 0, b"")
    size, dropout = int(tcfg["batcher"]["size"]), float(tcfg["dropout"])
    for epoch in range(1, int(tcfg["max_epochs"]) + 1):
        rng.shuffle(train_ex)
        losses: dict = {}
        for batch in minibatch(train_ex, size=size):
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
        with nlp.use_params(optimizer.averages) if optimizer.averages else nullcontext():
            pred = [max(d.cats, key=d.cats.get) for d in nlp.pipe(dev_texts)]
            f1 = _macro_f1(dev_gold, pred, labels())
            if f1 > best[0]:
                best = (f1, epoch, nlp.to_bytes())
        log(f"epoke {epoch:>2}  tap {losses.get('textcat', 0):8.3f}  dev macro-F1 {f1:.3f}")
        if epoch - best[1] >= int(tcfg["patience"]):
            break
    nlp.from_bytes(best[2])
    raw = [dict(d.cats) for d in nlp.pipe(dev_texts)]
    temperatur = fit_temperature(raw, dev_gold)
    nlp.meta["name"] = "motedata_tema"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Tema for politiske saker i norske kommuner (regler/tema.yaml); trent på korpus/tema/titler.csv."
    nlp.meta[META_KEY] = {"temperatur": temperatur, "grunnlag_sha256": fingerprint(data, config_path), "beste_epoke": best[1],
                          "dev_macro_f1": round(best[0], 4), "seed": seed,
                          "antall": dict(Counter(r.split for r in rows))}
    _save(nlp, out)
    log(f"beste epoke {best[1]} (dev macro-F1 {best[0]:.3f}), temperatur {temperatur}; lagret i {out}")
    return nlp.meta[META_KEY]


def reliability(conf: list[float], correct: list[bool], bins: int = 10) -> tuple[float, list[dict]]:
    """Expected calibration error and the table behind it (equal-width confidence bins)."""
    table, ece, n = [], 0.0, len(conf)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(conf) if lo < c <= hi or (b == 0 and c == 0)]
        if not idx:
            continue
        mean_c = sum(conf[i] for i in idx) / len(idx)
        acc = sum(correct[i] for i in idx) / len(idx)
        ece += len(idx) / n * abs(acc - mean_c)
        table.append({"fra": lo, "til": hi, "antall": len(idx), "sikkerhet": mean_c, "treff": acc})
    return ece, table


def evaluate(model: TemaModell | None = None, data: Path | None = None, split: str = "test") -> dict:
    """Scores of the whole classifier (rules + model) on one split of the labelled data."""
    model = model or read_model(MODEL_DIR)
    rows = [r for r in read_rows(data) if r.split == split]
    label_set = list(model.etiketter)
    found = model.predict((r.tittel, r.tekst, "") for r in rows)
    texts = [model_text(r.tittel, r.tekst, model.tekst_tegn) for r in rows]
    probs = model.probabilities(texts)
    top = [max(p.items(), key=lambda kv: kv[1]) for p in probs]
    # Rules decide where they apply; elsewhere the model's top label, threshold or not. A rule
    # hit is asked of the rules: the model's own probability can round to exactly 1.0 too.
    by_rule = [any(rule.matches(r.tittel or "", "") for rule in model.regler) for r in rows]
    pred = [t if ruled else lab for ruled, (t, _), (lab, _) in zip(by_rule, found, top)]
    conf = [1.0 if ruled else c for ruled, (_, c) in zip(by_rule, top)]
    gold = [r.tema for r in rows]
    correct = [g == p for g, p in zip(gold, pred)]
    scores = per_label(gold, pred, label_set)
    ece, table = reliability([c for ruled, c in zip(by_rule, conf) if not ruled],
                             [ok for ruled, ok in zip(by_rule, correct) if not ruled])
    above = [ok for (t, _), ok in zip(found, correct) if t]
    return {
        "split": split, "antall": len(rows),
        "nøyaktighet": sum(correct) / len(rows),
        "macro_f1": sum(s["f1"] for s in scores.values()) / len(scores),
        "per_tema": scores,
        "forvirring": Counter((g, p) for g, p in zip(gold, pred)),
        "etiketter": label_set,
        "regeltreff": sum(by_rule),
        "ece": ece, "pålitelighet": table,
        "terskel": model.terskel, "temperatur": model.temperatur,
        "under_terskel": sum(1 for t, _ in found if not t),
        "nøyaktighet_over_terskel": sum(above) / len(above) if above else None,
        "nynorsk_nøyaktighet": _subset_accuracy(rows, correct, "nn"),
        "bokmål_nøyaktighet": _subset_accuracy(rows, correct, "nb"),
    }


def _subset_accuracy(rows: list[Rad], correct: list[bool], maalform: str) -> float | None:
    sel = [ok for r, ok in zip(rows, correct) if r.maalform == maalform]
    return sum(sel) / len(sel) if sel else None


def time_classification(model: TemaModell, n: int = 1000, data: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds to classify n titles (the labelled titles, repeated) in this
    process. CPU time close to wall time shows that one core did the work."""
    titles = [r.tittel for r in read_rows(data)]
    items = [(titles[i % len(titles)] + ("" if i < len(titles) else f" ({i // len(titles)})"), "", "PS")
             for i in range(n)]
    model.predict(items[:10])  # warm up: the first call pays for lazy imports
    wall, cpu = time.perf_counter(), time.process_time()
    model.predict(items)
    return time.perf_counter() - wall, time.process_time() - cpu


def short(label: str) -> str:
    return label[:4]


def format_report(rep: dict, seconds: float | None = None, cpu: float | None = None, n: int = 1000) -> str:
    labs = rep["etiketter"]
    lines = [f"motedata tema eval: {rep['antall']} titler i {rep['split']}-delen (aldri sett under trening)", ""]
    lines.append(f"nøyaktighet {rep['nøyaktighet']:.3f}   macro-F1 {rep['macro_f1']:.3f}   "
                 f"(bokmål {rep['bokmål_nøyaktighet']:.3f}, nynorsk {rep['nynorsk_nøyaktighet']:.3f}; "
                 f"{rep['regeltreff']} avgjort av regler)")
    lines += ["", f"{'tema':<32}{'presisjon':>10}{'tilbakek.':>10}{'F1':>7}{'antall':>8}"]
    for label in labs:
        s = rep["per_tema"][label]
        lines.append(f"{label:<32}{s['presisjon']:>10.3f}{s['tilbakekalling']:>10.3f}{s['f1']:>7.3f}{s['antall']:>8}")
    lines += ["", "forvirringstabell (rader: riktig tema, kolonner: modellens tema)"]
    lines.append(" " * 6 + "".join(f"{short(label):>5}" for label in labs))
    for g in labs:
        cells = "".join(f"{(rep['forvirring'].get((g, p), 0) or '.'):>5}" for p in labs)
        lines.append(f"{short(g):<6}{cells}")
    lines += ["", f"kalibrering (temperatur {rep['temperatur']:.3g}): ECE {rep['ece']:.3f}",
              f"{'sikkerhet':<14}{'antall':>7}{'snitt sikkerhet':>17}{'andel riktige':>15}"]
    for b in rep["pålitelighet"]:
        lines.append(f"{b['fra']:.1f}–{b['til']:.1f}{'':<7}{b['antall']:>7}{b['sikkerhet']:>17.3f}{b['treff']:>15.3f}")
    over = rep["nøyaktighet_over_terskel"]
    lines.append("")
    lines.append(f"terskel {rep['terskel']}: {rep['under_terskel']} av {rep['antall']} får tomt tema"
                 + (f"; nøyaktighet for resten {over:.3f}" if over is not None else ""))
    if seconds is not None:
        lines.append(f"fart: {n} titler klassifisert på {seconds:.2f} s ({cpu:.2f} s CPU-tid, én prosess)")
    return "\n".join(lines)
