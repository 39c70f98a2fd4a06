"""One document from PDF to records: read -> structure -> extract -> classify.

`process_document` is a plain function of a file path; it is what `motedata run`
calls per document (in worker processes) and what `eval` and `bench` reuse.
It never writes: the write stage takes its result.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .classify.tema import classify, load_model
from .extract.base import Kontekst
from .extract.kostnader import extract_kostnader
from .extract.oppfolging import extract_oppfolging
from .extract.saker import extract_saker
from .extract.statusmeldinger import extract_statusmeldinger
from .extract.vedtak import extract_vedtak
from .ids import mote_id as make_mote_id
from .model import Dokument
from .ocr import OcrSettings
from .read import ReadError, ReadSettings, dokument_id_for, file_sha256, read_pdf
from .read_checks import garbled_message
from .records import Advarsel, DokumentRad, Feil, Mote
from .structure import Struktur, structure
from .write import DocumentResult

# Extractors in order; each sees what the earlier ones found (e.g. vedtak links to saker).
EXTRACTORS = [
    ("saker", extract_saker),
    ("vedtak", extract_vedtak),
    ("oppfolging", extract_oppfolging),
    ("kostnader", extract_kostnader),
    ("statusmeldinger", extract_statusmeldinger),
]


@dataclass
class Outcome:
    result: DocumentResult | None
    feil: list[Feil] = field(default_factory=list)


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _feil(fil: str, dokument_id: str, steg: str, message: str) -> Feil:
    return Feil(fil=fil, dokument_id=dokument_id, steg=steg, feilmelding=message, tidspunkt=now())


def _struktur_json(dok: Dokument, struktur: Struktur) -> dict:
    return {
        "sider": [
            {"side": p.nr, "bredde": p.width, "hoyde": p.height, "tekstlag": p.tekstlag,
             "ocr_sekunder": p.ocr_seconds,
             "tabeller": [{"bbox": list(t.bbox), "linjert": t.ruled,
                           "rader": [[{"tekst": c.text, "bbox": list(c.bbox)} if c else None for c in row] for row in t.rows]}
                          for t in p.tables]}
            for p in dok.pages
        ],
        "saksblokker": [
            {"saksnr": b.saksnr.printed, "fra_side": b.first_page, "til_side": b.last_page} for b in struktur.blokker
        ],
    }


def analyse(dok: Dokument) -> tuple[DocumentResult, list[Feil]]:
    """Structure, extract and classify an already read document."""
    feil: list[Feil] = []
    struktur = structure(dok)
    mote = struktur.mote
    mid = make_mote_id(mote.kommune, mote.utvalg, mote.motedato, dok.dokument_id)
    ktx = Kontekst(dokument=dok, struktur=struktur, mote_id=mid)
    tables: dict[str, list] = {
        "dokumenter": [DokumentRad(
            dokument_id=dok.dokument_id, fil=dok.fil, sha256=dok.sha256, dokumenttype=struktur.dokumenttype,
            kommune=mote.kommune, utvalg=mote.utvalg, motedato=mote.motedato, sider=len(dok.pages),
            tekstlag=dok.tekstlag, maalform=struktur.maalform,
        )],
        "moter": [Mote(mote_id=mid, kommune=mote.kommune, utvalg=mote.utvalg, motedato=mote.motedato,
                       tidspunkt=mote.tidspunkt, motested=mote.motested, dokument_id=dok.dokument_id,
                       side=mote.side, bbox=mote.bbox)] if mote.utvalg and mote.motedato else [],
    }
    for steg, extractor in EXTRACTORS:
        try:
            for name, records in extractor(ktx, tables).items():
                tables.setdefault(name, []).extend(records)
        except MemoryError:  # the run's memory limit: the batch runner records it
            raise
        except Exception as exc:  # one extractor's bug must not lose the others' rows
            feil.append(_feil(dok.fil, dok.dokument_id, steg,
                              f"{dok.fil}: uttrekket '{steg}' feilet ({type(exc).__name__}: {exc}). "
                              "Øvrige tabeller for dokumentet er skrevet; meld feilen med filen vedlagt."))
            traceback.print_exc()
    # classify: after the extractors, so each sak has its title and innstilling. The model
    # is loaded once per process (load_model is cached), not once per document.
    try:
        tables["saker"] = classify(tables.get("saker", []), load_model())
    except Exception as exc:  # a missing or broken model must not lose the extracted rows
        feil.append(_feil(dok.fil, dok.dokument_id, "tema",
                          f"{dok.fil}: tema kunne ikke settes ({type(exc).__name__}: {exc}). "
                          "Øvrige tabeller er skrevet; kjør `motedata tema tren` eller meld feilen."))
    return DocumentResult(dokument_id=dok.dokument_id, fil=dok.fil, tables=tables,
                          struktur=_struktur_json(dok, struktur)), feil


def process_document(path: Path, fil: str | None = None, ocr: str = "auto") -> Outcome:
    """Read, structure, extract one file. `ocr`: auto | always | never (see pipeline/ocr.py)."""
    fil = fil if fil is not None else str(path)
    settings = ReadSettings(ocr=OcrSettings.from_rules(ocr))
    try:
        dok = read_pdf(Path(path), fil=fil, settings=settings)
    except ReadError as exc:
        return Outcome(None, [_feil(fil, _safe_id(path), exc.steg, exc.message)])
    except MemoryError:  # the run's memory limit: the batch runner records it
        raise
    except Exception as exc:
        return Outcome(None, [_feil(fil, _safe_id(path), "les",
                                    f"{fil}: kunne ikke leses ({type(exc).__name__}: {exc}). Skriv filen ut til PDF på nytt.")])
    result, feil = analyse(dok)
    for problem in dok.problems:
        if problem.kind == "advarsel":
            result.tables.setdefault("advarsler", []).append(Advarsel(dok.dokument_id, problem.side, problem.steg, problem.message))
        else:
            feil.append(_feil(fil, dok.dokument_id, problem.steg, problem.message))
    ocr_failed = any(p.steg == "ocr" and p.kind == "feil" for p in dok.problems)
    garbled = [p for p in dok.pages if p.merknad and p.tekstlag == "skannet"]
    if garbled and not ocr_failed:  # pages whose text layer read_checks dropped, and no OCR read them
        feil.append(_feil(fil, dok.dokument_id, "les", garbled_message(fil, garbled, len(dok.pages))))
    scanned = [p.nr for p in dok.pages if p.tekstlag == "skannet" and not p.merknad]
    if dok.tekstlag == "skannet" and scanned and not ocr_failed:
        feil.append(_feil(fil, dok.dokument_id, "ocr",
                          f"{fil}: {len(scanned)} av {len(dok.pages)} sider er skannede bilder uten (brukbart) tekstlag, "
                          "så innholdet kan ikke leses. Kjør `motedata run --ocr auto` for å lese dem med OCR "
                          "(krever ocrmypdf og tesseract-ocr-nor: `make sysdeps` eller "
                          "`apt-get install ocrmypdf tesseract-ocr-nor`)."))
    return Outcome(result, feil)


def _safe_id(path: Path) -> str:
    try:
        return dokument_id_for(file_sha256(Path(path)))
    except OSError:
        return ""
