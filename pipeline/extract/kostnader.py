"""Cost tables in long form (`kostnader`), one row per number cell (issue 7)."""
from __future__ import annotations

from .base import Kontekst


def extract_kostnader(ktx: Kontekst, found: dict) -> dict[str, list]:
    return {}
