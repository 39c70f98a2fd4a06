"""The output contract (../shared/KONTRAKT.md) as dataclasses: one class per table.

Field order is column order. The writer derives CSV headers, the SQLite schema and
JSON from these classes, so a column exists in exactly one place. Columns beyond the
contract are marked in comments; contract columns are never renamed.
A value the document does not give is "" (text) or None (numbers, booleans).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from typing import get_type_hints

from .model import BBox


@dataclass(frozen=True)
class DokumentRad:
    dokument_id: str
    fil: str
    sha256: str
    dokumenttype: str = "annet"
    kommune: str = ""
    utvalg: str = ""
    motedato: str = ""
    sider: int | None = None
    tekstlag: str = "tekst"
    maalform: str = ""


@dataclass(frozen=True)
class Mote:
    mote_id: str
    kommune: str
    utvalg: str
    motedato: str
    tidspunkt: str = ""
    motested: str = ""
    dokument_id: str = ""
    side: int | None = None  # added: provenance
    bbox: BBox | None = None  # added: provenance


@dataclass(frozen=True)
class Sak:
    sak_id: str
    mote_id: str
    dokument_id: str
    saksnr: str
    sakstype: str = ""
    lopenr: int | None = None
    saksaar: int | None = None
    tittel: str = ""
    arkivsaksnr: str = ""
    lukket: bool | None = None
    hjemmel: str = ""
    side: int | None = None  # page where the item's papers start, as printed
    innstilling: str = ""
    tema: str = ""
    tema_sikkerhet: float | None = None
    utvalg: str = ""  # added: the meeting's committee, for reading without a join
    motedato: str = ""  # added
    kilde_side: int | None = None  # added: provenance (page the item was read from)
    bbox: BBox | None = None  # added: provenance


@dataclass(frozen=True)
class Vedtak:
    vedtak_id: str
    sak_id: str
    saksnr: str
    arkivsaksnr: str
    utvalg: str
    motedato: str
    innstilling: str = ""
    vedtakstekst: str = ""
    utfall: str = "ukjent"
    votering: str = "ukjent"
    stemmer_for: int | None = None
    stemmer_mot: int | None = None
    endret_fra_innstilling: bool | None = None
    dokument_id: str = ""
    side: int | None = None
    bbox: BBox | None = None  # added: provenance


@dataclass(frozen=True)
class Oppfolging:
    vedtak_id: str
    punkt: str
    ansvarlig: str = ""
    oppgave: str = ""
    frist: str = ""
    frist_tekst: str = ""
    status: str = "ny"
    status_dokument_id: str = ""
    saksnr: str = ""  # added: match key for eval and readers
    dokument_id: str = ""  # added
    side: int | None = None  # added: provenance
    bbox: BBox | None = None  # added: provenance


@dataclass(frozen=True)
class Kostnad:
    tabell_id: str
    dokument_id: str
    side: int | None
    tabell_tittel: str
    rad: str
    kolonne: str
    verdi: float | None
    enhet: str = ""
    verdi_nok: float | None = None
    kostra_funksjon: str = ""
    art: str = ""  # added: KOSTRA art when named
    sumrad: bool | None = None  # added: the row is a sum/total row
    bbox: BBox | None = None  # added: provenance


@dataclass(frozen=True)
class Deltaker:
    mote_id: str
    dokument_id: str
    navn: str
    funksjon: str = ""
    parti: str = ""
    status: str = ""
    mott_for: str = ""
    side: int | None = None  # added: provenance
    bbox: BBox | None = None  # added: provenance


@dataclass(frozen=True)
class Votering:
    votering_id: str
    mote_id: str
    sak_id: str
    saksnr: str
    dokument_id: str
    side: int | None
    forslag: str = ""
    forslagstype: str = ""
    forslagsstiller: str = ""
    parti: str = ""
    antall_for: int | None = None
    antall_mot: int | None = None
    enstemmig: bool | None = None
    resultat: str = "ukjent"
    bbox: BBox | None = None  # added: provenance


@dataclass(frozen=True)
class Stemme:
    votering_id: str
    navn: str
    parti: str = ""
    stemme: str = ""
    dokument_id: str = ""  # added: lets a rerun replace a document's rows


@dataclass(frozen=True)
class Inhabil:
    """Added table: a member declared disqualified (inhabil) in one case; one row per
    person per case, so a researcher can see who stepped out of which decision."""

    mote_id: str
    sak_id: str
    saksnr: str
    dokument_id: str
    navn: str
    parti: str = ""
    utvalg: str = ""
    motedato: str = ""
    side: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True)
class Statusmelding:
    """Added table: a later paper's report on an earlier decision (a vedtaksoppfølging
    table row or a sentence citing `sak 022/24, 14.03.2024`). pipeline/link.py turns these
    into `oppfolging.status`; kept as rows so a secretariat can see the evidence."""

    dokument_id: str
    ref_saksnr: str = ""  # as printed: `42/24`, `Sak 42/24`
    ref_lopenr: int | None = None
    ref_saksaar: int | None = None
    ref_motedato: str = ""
    ref_utvalg: str = ""
    ref_arkivsaksnr: str = ""
    ref_punkt: str = ""
    status: str = "ukjent"  # ny | under_arbeid | fullfort | ukjent
    tekst: str = ""
    kilde: str = ""  # tabell | tekst
    side: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True)
class Advarsel:
    dokument_id: str
    side: int | None
    steg: str
    melding: str


@dataclass(frozen=True)
class Feil:
    fil: str
    dokument_id: str
    steg: str
    feilmelding: str
    tidspunkt: str


TABLES: dict[str, type] = {
    "dokumenter": DokumentRad,
    "moter": Mote,
    "saker": Sak,
    "vedtak": Vedtak,
    "oppfolging": Oppfolging,
    "kostnader": Kostnad,
    "deltakere": Deltaker,
    "voteringer": Votering,
    "stemmer": Stemme,
    "inhabilitet": Inhabil,
    "statusmeldinger": Statusmelding,
    "advarsler": Advarsel,
    "feil": Feil,
}


def columns(cls: type) -> list[str]:
    return list(_column_names(cls))


@lru_cache(maxsize=None)
def _column_names(cls: type) -> tuple[str, ...]:
    """Cached: the writer names a table's columns for every row it turns into a dict."""
    return tuple(f.name for f in fields(cls))


def column_types(cls: type) -> dict[str, str]:
    """SQLite affinity per column, from the dataclass annotations."""
    return dict(_column_types(cls))


@lru_cache(maxsize=None)
def _column_types(cls: type) -> dict[str, str]:
    out = {}
    for name, hint in get_type_hints(cls).items():
        text = str(hint)
        if "bool" in text or "int" in text:
            out[name] = "INTEGER"
        elif "float" in text and "tuple" not in text:
            out[name] = "REAL"
        else:
            out[name] = "TEXT"
    return out


@lru_cache(maxsize=None)
def bool_columns(cls: type) -> frozenset[str]:
    """Columns of type bool (resolving the annotations costs ~0.2 ms; the export asks per column)."""
    return frozenset(name for name, hint in get_type_hints(cls).items() if "bool" in str(hint))
