"""Coverage-guided fuzzing (atheris, libFuzzer) of the document reader.

Feeds mutated bytes, seeded from the korpus PDFs and every bad input of
tests/badpdf.py, through `process_document` exactly as `motedata run` reads one file
(OCR off). A file may fail to read, which is a `feil` row; what must never happen is
an exception escaping (it would stop a batch), or an extractor failing on what the
reader handed it (the safety net in run.analyse catches that, but it is a bug).

    make fuzz                                  # FUZZ_SECONDS (default 45) seconds
    .venv/bin/python tests/fuzz/fuzz_reader.py -max_total_time=600 .fuzz/korpus

A crash (or an input that takes too much memory or time) is written to
.fuzz/crash-<sha1> (oom-, timeout-); once fixed, add it to tests/fuzz/regresjon/, where
tests/test_bad_inputs.py reads every file. tests/fuzz/target.py says what is asserted.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

with atheris.instrument_imports(include=["pipeline"]):
    from tests.fuzz.target import check_bytes


def _seed(corpus: Path) -> None:
    """Small seeds: the korpus PDFs and the bad inputs (the big ones at a smaller size)."""
    from tests import badpdf
    from tests.conftest import make_innkalling

    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    for pdf in sorted((REPO / "korpus").glob("*.pdf")):
        if pdf.stat().st_size < 200_000:
            (corpus / pdf.name).write_bytes(pdf.read_bytes())
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        good = make_innkalling(t / "innkalling.pdf")
        makers = {
            "html": badpdf.html, "docx": badpdf.docx, "doc": badpdf.old_word, "random": badpdf.random_bytes,
            "header": badpdf.pdf_header_only, "null_sider": badpdf.zero_pages, "codes": badpdf.no_tounicode_codes,
            "cid": badpdf.no_tounicode_cid, "subset": badpdf.no_tounicode_subset, "cycle": badpdf.pages_cycle,
            "lying": badpdf.lying_page_count, "images": badpdf.only_images, "imgbomb": badpdf.image_bomb,
            "flate": lambda p: badpdf.flate_bomb(p, gigabytes=1),
            "nested": lambda p: badpdf.nested_arrays(p, depth=2000),
            "pages": lambda p: badpdf.many_pages(p, n=20),
            "tiny": lambda p: badpdf.tiny_text_objects(p, n=300),
            "paths": lambda p: badpdf.many_paths(p, n=300),
        }
        for name, make in makers.items():
            (corpus / f"{name}.pdf").write_bytes(make(t / f"{name}.pdf").read_bytes())
        for name, make in {"truncated": badpdf.truncated, "xref": badpdf.broken_xref,
                           "user": badpdf.encrypted_user, "owner": badpdf.encrypted_owner_only}.items():
            (corpus / f"{name}.pdf").write_bytes(make(good, t / f"{name}.pdf").read_bytes())


def main() -> None:
    args = list(sys.argv)
    corpus = next((Path(a) for a in args[1:] if not a.startswith("-")), None)
    if corpus is not None:
        _seed(corpus)
    folder = Path(tempfile.mkdtemp(prefix="motedata-fuzz-"))
    os.environ.setdefault("MOTEDATA_OCR_CACHE", str(folder / "ocr"))

    def one_input(data: bytes) -> None:
        check_bytes(data, folder)

    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
