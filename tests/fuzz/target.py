"""What the reader fuzz target asserts for one input, shared with the regression tests.

A file may fail to read (a `feil` row from the reading stage); no exception may escape
`process_document`, and no extractor may fail on what the reader handed it.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.run import process_document

READ_STEPS = {"les", "ocr"}  # a feil row from these is the reader doing its job


class FuzzFinding(Exception):
    """An extractor failed on what the reader produced (run.analyse's safety net caught it)."""


def check_bytes(data: bytes, folder: Path):
    """Read `data` as `motedata run` reads one file (OCR off) and return the outcome."""
    path = Path(folder) / "input.pdf"
    path.write_bytes(data)
    outcome = process_document(path, fil=str(path), ocr="never")
    bad = [f for f in outcome.feil if f.steg not in READ_STEPS]
    if bad:
        raise FuzzFinding("; ".join(f.feilmelding for f in bad))
    return outcome
