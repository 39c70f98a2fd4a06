"""Follow-up tasks (`oppfolging`) from the points of adopted decisions (issue 6)."""
from __future__ import annotations

from .base import Kontekst


def extract_oppfolging(ktx: Kontekst, found: dict) -> dict[str, list]:
    return {}
