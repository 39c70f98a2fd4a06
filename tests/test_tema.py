"""Topic classification (saker.tema): label set, certain rules, threshold, the committed
model on unseen titles, training, and the stage inside `motedata run`."""
from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.classify.data import Rad, assign_splits, labels, model_text, read_rows, rows_csv
from pipeline.classify.tema import MODEL_DIR, TemaModell, calibrate, classify, load_model, rules_from
from pipeline.classify.train import (check_rows, evaluate, fingerprint, fit_temperature, lexicon, reliability,
                                     train)
from pipeline.cli import main
from pipeline.records import Sak
from pipeline.rules import load_rules

KORPUS = Path(__file__).resolve().parent.parent / "korpus"
RS = "referatsaker og orienteringer"


@pytest.fixture(scope="module")
def model() -> TemaModell:
    return load_model()


def _sak(tittel: str, sakstype: str = "PS", innstilling: str = "") -> Sak:
    return Sak(sak_id="x", mote_id="m", dokument_id="d", saksnr=f"{sakstype} 1/24", sakstype=sakstype,
               tittel=tittel, innstilling=innstilling)


# --- label set and data -------------------------------------------------------------

def test_label_set_matches_training_data():
    rows = read_rows()
    assert len(rows) >= 600
    assert check_rows(rows) == []  # every label in every split, no unknown label, valid splits
    used = {r.tema for r in rows}
    assert used == set(labels())
    for label in labels():
        assert sum(r.tema == label for r in rows) >= 25, label


def test_training_data_has_nynorsk_and_real_titles():
    rows = read_rows()
    assert sum(r.maalform == "nn" for r in rows) / len(rows) >= 0.2
    assert {r.kilde for r in rows} == {"seed", "korpus", "skrevet"}
    assert len({r.tittel.casefold() for r in rows}) == len(rows), "duplicate titles"


def test_check_rows_reports_unknown_labels_and_missing_splits():
    rows = read_rows()
    bad = rows + [Rad("Noe helt annet", "", "astrologi", "nb", "skrevet", "train")]
    assert any("astrologi" in p for p in check_rows(bad))
    no_test_for_first = [r for r in rows if not (r.tema == labels()[0] and r.split == "test")]
    assert any(labels()[0] in p and "test" in p for p in check_rows(no_test_for_first))


def test_stikkord_and_rules_only_use_known_labels():
    config = load_rules("tema")
    assert set(config["stikkord"]) <= set(config["etiketter"])
    assert {r.tema for r in rules_from(config)} <= set(config["etiketter"])
    assert {label for _, label in lexicon(config)} == set(config["etiketter"])


def test_split_assignment_keeps_splits_and_near_duplicates_together():
    rows = [Rad(f"Skolerute for skoleåret 20{i}/20{i + 1}", "", "oppvekst og skole", "nb", "skrevet") for i in range(10, 14)]
    rows += [Rad(t, "", "barnehage", "nb", "skrevet") for t in (
        "Barnehageopptak 2024", "Vedtekter for barnehagene", "Foreldrebetaling i barnehage",
        "Ny barnehage på Moen", "Tilskudd til private barnehager", "Nedleggelse av Lia barnehage")]
    rows.append(Rad("Sommerstengte barnehager", "", "barnehage", "nb", "seed", "test"))
    out = assign_splits(rows)
    assert out == assign_splits(rows)  # deterministic
    assert out[-1].split == "test"  # an existing split is never moved
    assert len({r.split for r in out[:4]}) == 1  # the four school calendars are one item
    assert {r.split for r in out if r.tema == "barnehage"} == {"train", "dev", "test"}


def test_model_text_puts_title_alone_on_first_line():
    assert model_text("Skolestruktur", "") == "Skolestruktur"
    text = model_text("Skolestruktur", "Hoven skole og Ekne skole slås sammen. " * 20, 50)
    title, rest = text.split("\n")
    assert title == "Skolestruktur" and 0 < len(rest) <= 50


# --- rules, threshold, calibration ----------------------------------------------------

def test_rs_items_are_referatsaker_with_certainty_one(model):
    (tema, p), = model.predict([("Tilsyn med barnevernstjenesten – endelig rapport", "", "RS")])
    assert (tema, p) == (RS, 1.0)
    out = classify([_sak("Protokoll - ansettelse av lærere", "RS"), _sak("Referatsaker", "PS")], model)
    assert [(s.tema, s.tema_sikkerhet) for s in out] == [(RS, 1.0), (RS, 1.0)]


def test_title_rule_for_approving_the_agenda(model):
    (tema, p), = model.predict([("Godkjenning av innkalling og saksliste", "", "PS")])
    assert (tema, p) == ("politisk styring og valg", 1.0)


class _StubDoc:
    def __init__(self, cats):
        self.cats = cats


class _StubNlp:
    """Stands in for spaCy: returns the same scores for every text."""

    def __init__(self, cats):
        self.cats = cats

    def pipe(self, texts, batch_size=None):
        return [_StubDoc(dict(self.cats)) for _ in texts]


def _stub(cats: dict, terskel: float, temperatur: float = 1.0) -> TemaModell:
    return TemaModell(nlp=_StubNlp(cats), temperatur=temperatur, terskel=terskel,
                      regler=rules_from(load_rules("tema")), etiketter=tuple(labels()))


def test_below_threshold_tema_is_empty_but_sikkerhet_is_kept():
    cats = {label: 0.02 for label in labels()}
    cats["næring"] = 1 - 0.02 * (len(cats) - 1)  # 0.70
    sure, unsure = _stub(cats, terskel=0.5), _stub(cats, terskel=0.8)
    assert sure.predict([("Noe om næring", "", "PS")]) == [("næring", 0.7)]
    assert unsure.predict([("Noe om næring", "", "PS")]) == [("", 0.7)]
    # the certain rules still apply above any threshold
    assert unsure.predict([("Noe om næring", "", "RS")]) == [(RS, 1.0)]
    # a sak without a title gets no guess
    assert classify([_sak("")], sure)[0].tema == ""


def test_threshold_override_on_the_real_model(model):
    title = "Tilskudd til lag og foreninger – retningslinjer"
    (tema, p), = model.predict([(title, "", "PS")])
    strict = replace(model, terskel=min(1.0, p + 0.01))
    assert strict.predict([(title, "", "PS")]) == [("", p)]


def test_temperature_scaling():
    p = {"a": 0.7, "b": 0.2, "c": 0.1}
    assert calibrate(p, 1.0) == pytest.approx(p)
    assert calibrate(p, 2.0)["a"] < 0.7 < calibrate(p, 0.5)["a"]
    assert sum(calibrate(p, 3.0).values()) == pytest.approx(1.0)
    # an overconfident model (right 60 % of the time at 0.95) gets T > 1, an underconfident one T < 1
    over = [{"a": 0.95, "b": 0.05}] * 10
    assert fit_temperature(over, ["a"] * 6 + ["b"] * 4) > 1.0
    under = [{"a": 0.55, "b": 0.45}] * 10
    assert fit_temperature(under, ["a"] * 10) < 1.0


def test_reliability_table():
    ece, table = reliability([0.95, 0.95, 0.35, 0.35], [True, False, True, True])
    assert [b["antall"] for b in table] == [2, 2]
    assert ece == pytest.approx(0.5 * abs(0.5 - 0.95) + 0.5 * abs(1.0 - 0.35))


# --- the committed model --------------------------------------------------------------

def test_committed_model_is_trained_on_the_current_data(model):
    meta = model.nlp.meta["motedata"]
    assert meta["grunnlag_sha256"] == fingerprint(), \
        "korpus/tema/titler.csv, tema.cfg or regler/tema.yaml changed: run `make tema` and commit the model"
    assert tuple(model.nlp.get_pipe("textcat").labels) == tuple(labels())


UNSEEN = [  # (title, expected), bokmål and nynorsk; none of these is in the training data
    ("Årsbudsjett 2026 og økonomiplan 2026–2029", "økonomi og budsjett"),
    ("Nedlegging av Haugland skule frå hausten 2026", "oppvekst og skole"),
    ("Opptak til barnehagane hausten 2025", "barnehage"),
    ("Nytt sykehjem på Brøstadbotn – forprosjekt", "helse og omsorg"),
    ("Detaljregulering for Sjøgata bustadfelt – 1. gongs handsaming", "plan og areal"),
    ("Gebyr for vann og avløp 2026", "vann, avløp og renovasjon"),
    ("Tilskot til idrettslaget – ny lysløype", "kultur og idrett"),
    ("Bosetting av flyktninger i 2026", "sosial og NAV"),
]


def test_model_classifies_clear_unseen_titles(model):
    known = {r.tittel.casefold() for r in read_rows()}
    assert not known & {t.casefold() for t, _ in UNSEEN}
    probs = model.probabilities([t for t, _ in UNSEEN])
    assert [max(p, key=p.get) for p in probs] == [expected for _, expected in UNSEEN]
    # most are also sure enough to be written; "forprosjekt" pulls towards bygg og eiendom
    got = model.predict((t, "", "PS") for t, _ in UNSEEN)
    assert sum(tema == expected for (tema, _), (_, expected) in zip(got, UNSEEN)) >= len(UNSEEN) - 2


def test_evaluation_report_is_consistent(model):
    rep = evaluate(model, split="test")
    n = rep["antall"]
    assert sum(rep["forvirring"].values()) == n
    diagonal = sum(v for (g, p), v in rep["forvirring"].items() if g == p)
    assert rep["nøyaktighet"] == pytest.approx(diagonal / n)
    assert sum(s["antall"] for s in rep["per_tema"].values()) == n
    assert sum(b["antall"] for b in rep["pålitelighet"]) == n - rep["regeltreff"]


def test_tema_eval_command_prints_scores_and_confusion_table():
    result = CliRunner().invoke(main, ["tema", "eval"])
    assert result.exit_code == 0, result.output
    assert "nøyaktighet" in result.output and "macro-F1" in result.output
    assert "forvirringstabell" in result.output and "ECE" in result.output
    assert "1000 titler" in result.output


def test_tema_klassifiser_command():
    result = CliRunner().invoke(main, ["tema", "klassifiser", "--sakstype", "RS", "Årsmelding 2023"])
    assert result.exit_code == 0
    assert RS in result.output and "1.00" in result.output


# --- training -------------------------------------------------------------------------

def test_training_is_reproducible(tmp_path):
    """Three titles per label and two epochs: seconds, not minutes."""
    rows, taken = [], {}
    for r in read_rows():
        key = (r.tema, r.split)
        if taken.get(key, 0) < 1:
            taken[key] = taken.get(key, 0) + 1
            rows.append(r)
    data = tmp_path / "titler.csv"
    data.write_bytes(rows_csv(rows))
    cfg = (Path(MODEL_DIR).parent / "tema.cfg").read_text(encoding="utf-8")
    cfg = cfg.replace("max_epochs = 40", "max_epochs = 2").replace("lexicon = true", "lexicon = false")
    cfg = cfg.replace("length = 131072", "length = 4096")
    (tmp_path / "tema.cfg").write_text(cfg, encoding="utf-8")
    metas = [train(out=tmp_path / f"m{i}", data=data, config_path=tmp_path / "tema.cfg", log=lambda *a: None)
             for i in (1, 2)]
    assert metas[0] == metas[1]
    assert (tmp_path / "m1" / "textcat" / "model").read_bytes() == (tmp_path / "m2" / "textcat" / "model").read_bytes()
    assert metas[0]["antall"] == {"train": 16, "dev": 16, "test": 16}


def test_training_refuses_unknown_labels(tmp_path):
    rows = read_rows() + [Rad("Horoskop for kommunestyret", "", "astrologi", "nb", "skrevet", "train")]
    data = tmp_path / "titler.csv"
    data.write_bytes(rows_csv(rows))
    with pytest.raises(ValueError, match="astrologi"):
        train(out=tmp_path / "m", data=data, log=lambda *a: None)
    assert not (tmp_path / "m").exists()


# --- inside motedata run --------------------------------------------------------------

def test_run_fills_tema_on_a_korpus_document(tmp_path):
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["run", str(KORPUS / "balsfjord_fsk_2023-11-28_protokoll.pdf"),
                                       "--out", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    with open(out / "saker.csv", encoding="utf-8", newline="") as fh:
        saker = {r["saksnr"]: r for r in csv.DictReader(fh)}
    assert saker["RS 20/23"]["tema"] == RS and float(saker["RS 20/23"]["tema_sikkerhet"]) == 1.0
    assert saker["PS 112/23"]["tema"] == "økonomi og budsjett"
    assert all(r["tema"] in set(labels()) | {""} for r in saker.values())
    filled = [r for r in saker.values() if r["tema"]]
    assert len(filled) >= 0.8 * len(saker)
    assert all(0 < float(r["tema_sikkerhet"]) <= 1 for r in filled)
    doc = json.loads(next((out / "dokumenter").glob("*.json")).read_text(encoding="utf-8"))
    assert any(s.get("tema") for s in doc.get("saker", []))


def test_eval_counts_rule_decisions_not_confident_model_answers(model, tmp_path):
    """A model probability can round to exactly 1.0; only a rule hit counts as `avgjort av regler`."""
    rows = [Rad("Referatsaker", "", "referatsaker og orienteringer", "nb", "skrevet", "test")]
    rows += [Rad(t, "", tema, "nb", "skrevet", "test") for t, tema in (
        ("Årsbudsjett 2026 og økonomiplan 2026–2029", "økonomi og budsjett"),
        ("Gebyr for vann og avløp 2026", "vann, avløp og renovasjon"),
        ("Opptak til barnehagane hausten 2025", "barnehage"))]
    data = tmp_path / "titler.csv"
    data.write_bytes(rows_csv(rows))
    rep = evaluate(model, data, "test")
    assert rep["regeltreff"] == 1
    assert rep["nøyaktighet"] == 1.0
