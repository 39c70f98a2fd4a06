"""Decisions, votes and attendance from protocols and saksframlegg (issue 5).

Returns `vedtak`, `voteringer`, `stemmer`, `deltakere` and `advarsler` records.
"""
from __future__ import annotations

from .base import Kontekst


def extract_vedtak(ktx: Kontekst, found: dict) -> dict[str, list]:
    return {}
