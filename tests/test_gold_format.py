"""Gold files must speak the contract's language, or eval silently scores nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import SCORED_TABLES, find_gold, score_document
from pipeline.records import TABLES, columns

KORPUS = Path(__file__).resolve().parent.parent / "korpus"
# Match keys that gold records carry beyond a table's own columns (korpus/ANNOTERING.md).
EXTRA_KEYS = {"stemmer": {"saksnr"}, "oppfolging": {"saksnr"}}
GOLD = find_gold(KORPUS)


def check_gold(gold: dict) -> list[str]:
    problems = []
    for key in gold:
        if key != "dokument" and key not in SCORED_TABLES:
            problems.append(f"unknown table {key!r}")
    for field in gold.get("dokument", {}):
        if field not in columns(TABLES["dokumenter"]):
            problems.append(f"dokument.{field} is not a contract column")
    for table in SCORED_TABLES:
        allowed = set(columns(TABLES[table])) | EXTRA_KEYS.get(table, set())
        for i, rec in enumerate(gold.get(table, [])):
            for field in rec:
                if field not in allowed:
                    problems.append(f"{table}[{i}].{field} is not a contract column")
    return problems


def test_checker_catches_a_renamed_field():
    assert check_gold({"saker": [{"saksnr": "PS 4/17", "title": "x"}]}) == ["saker[0].title is not a contract column"]
    assert check_gold({"vedtakk": []}) == ["unknown table 'vedtakk'"]


def test_korpus_has_gold():
    assert len(GOLD) >= 1, "korpus/ has no *.gold.json"


@pytest.mark.parametrize("gold_path,pdf", GOLD, ids=[g.name for g, _ in GOLD])
def test_gold_file_matches_contract(gold_path, pdf):
    assert pdf.exists(), f"{gold_path.name} has no PDF beside it"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert check_gold(gold) == []


def test_scoring_counts_matches_and_misses():
    gold = {"dokument": {"kommune": "Dyrøy"},
            "saker": [{"saksnr": "PS 4/17", "tittel": "Referatsaker"}, {"saksnr": "PS 5/17", "lukket": False}]}
    predicted = {"dokumenter": [{"kommune": "Dyrøy"}],
                 "saker": [{"saksnr": "PS4/17", "tittel": "Referatsaker."}, {"saksnr": "RS 1/17"}]}
    scores = score_document(gold, predicted)
    assert scores["tabeller"]["saker"] == [1, 2, 2]
    assert scores["felt"]["saker.tittel"] == [1, 1]
    assert scores["felt"]["dokumenter.kommune"] == [1, 1]
