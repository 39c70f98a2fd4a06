"""What every extractor receives: the read document, its structure and the meeting."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Dokument
from ..structure import Struktur


@dataclass(frozen=True)
class Kontekst:
    dokument: Dokument
    struktur: Struktur
    mote_id: str

    @property
    def dokument_id(self) -> str:
        return self.dokument.dokument_id
