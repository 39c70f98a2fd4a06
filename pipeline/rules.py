"""Access to regler/: patterns, vocabularies and thresholds kept as data.

A new kommune's wording is a change to a YAML/CSV file there, not to code.
Files are read once per process and treated as read-only.
"""
from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from pathlib import Path

import yaml


# libyaml's loader when PyYAML was built with it (the wheels are): the same safe subset,
# several times faster, and every worker process parses regler/ once at start.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rules_dir() -> Path:
    override = os.environ.get("MOTEDATA_REGLER")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "regler"


@lru_cache(maxsize=None)
def load_rules(name: str) -> dict:
    path = rules_dir() / f"{name}.yaml"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER) or {}


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[dict, ...]:
    path = rules_dir() / f"{name}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=None)
def pattern(name: str, key: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """Compile a pattern (or a list of alternatives) from a rules file."""
    value = load_rules(name)[key]
    if isinstance(value, list):
        value = "|".join(f"(?:{v})" for v in value)
    return re.compile(value, flags)
