"""The rule files say what they mean: no word turned into a YAML boolean or null.

YAML reads a bare `no`, `yes`, `on`, `off` as booleans and `null` as None, so the
nynorsk marker `no` and the number word `null` were silently lost from their lists.
"""
from __future__ import annotations

import yaml

from pipeline.parse.tallord import words_to_digits
from pipeline.rules import rules_dir
from pipeline.structure import detect_maalform


def _surprises(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            if k is None or isinstance(k, bool):
                yield path + (repr(k),)
            yield from _surprises(v, path + (str(k),))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if v is None or isinstance(v, bool):
                yield path + (str(i),)
            yield from _surprises(v, path + (str(i),))


def test_no_rule_word_is_read_as_boolean_or_null():
    files = sorted(rules_dir().glob("*.yaml"))
    assert files
    found = {f.name: list(_surprises(yaml.safe_load(f.read_text(encoding="utf-8")))) for f in files}
    assert {name: paths for name, paths in found.items() if paths} == {}


def test_null_is_a_number_word_and_none_is_not():
    assert words_to_digits("vedtatt med tolv mot null stemmer") == "vedtatt med 12 mot 0 stemmer"
    assert words_to_digits("none of them") == "none of them"


def test_nynorsk_no_counts_as_a_nynorsk_marker():
    assert detect_maalform("no no no") == "nn"


def test_regler_read_the_same_with_libyaml_as_with_the_python_loader():
    """load_rules uses libyaml's loader for speed; it must not read any file differently."""
    import yaml

    from pipeline.rules import load_rules, rules_dir

    for path in sorted(rules_dir().glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            assert load_rules(path.stem) == (yaml.safe_load(fh) or {}), path.name
