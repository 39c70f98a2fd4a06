"""OCR of pages without a usable text layer: OCRmyPDF with Tesseract's Norwegian model.

Called only from the reading stage (`pipeline/read.py`). OCRmyPDF beats driving
Tesseract by hand: it rasterises each page at its own resolution, deskews, and writes
the recognised words back into a PDF as an invisible, positioned text layer, so the
reading stage reads an OCR'd page with PDFium exactly as it reads a born-digital one.

Only the pages that need it are OCR'd. They are copied into a small temporary PDF, so
OCRmyPDF never sees, let alone rewrites, the original file. The result is cached by
the original's SHA-256, the page set, the OCR settings and Tesseract's version (an
upgraded engine reads the pages again), in a folder of its own
(never beside the input). The cached PDF keeps the text layer only (the images are
dropped: the original has them), a few KB a page. Cache files are written to a
temporary name and moved into place, so two workers or a crash never leave half a file.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .atomic import atomic_write_bytes
from .model import Line
from .rules import load_rules

MODES = ("auto", "always", "never")
CACHE_FORMAT = 2  # bump when the cached PDF's content or the key changes meaning
CACHE_ENV = "MOTEDATA_OCR_CACHE"
INSTALL_HINT = ("Installer OCR-verktøyene med `make sysdeps` (eller `apt-get install ocrmypdf tesseract-ocr-nor`) "
                "og kjør motedata igjen.")
EXIT_MISSING_DEPENDENCY = 3  # ocrmypdf's exit code when tesseract or a language model is missing


class OcrError(Exception):
    """OCR could not be done; `message` names the file and tells a person what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def default_cache_dir() -> Path:
    """$MOTEDATA_OCR_CACHE, else $XDG_CACHE_HOME/motedata/ocr, else ~/.cache/motedata/ocr."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "motedata" / "ocr"


@dataclass(frozen=True)
class OcrSettings:
    """How (and whether) the reading stage OCRs; built from regler/lesing.yaml."""

    mode: str  # auto: pages that need it | always: every page | never: none
    language: str
    program: str  # the ocrmypdf executable (a name on PATH or a path)
    args: tuple[str, ...]  # extra ocrmypdf flags (deskew, renderer, ...)
    jobs: int
    timeout_per_page: float  # seconds
    timeout_start: float  # seconds on top of the pages, for OCRmyPDF's start and the PDF writing
    cache_dir: Path

    @classmethod
    def from_rules(cls, mode: str = "auto", cache_dir: Path | None = None, program: str | None = None) -> "OcrSettings":
        if mode not in MODES:
            raise ValueError(f"ukjent OCR-modus {mode!r} (bruk {', '.join(MODES)})")
        rules = load_rules("lesing").get("ocr", {})
        return cls(
            mode=mode,
            language=str(rules.get("sprak", "nor")),
            program=program or str(rules.get("program", "ocrmypdf")),
            args=tuple(str(a) for a in rules.get("argumenter", [])),
            jobs=int(rules.get("jobber", 1)),
            timeout_per_page=float(rules.get("tidsgrense_per_side", 120)),
            timeout_start=float(rules.get("tidsgrense_oppstart", 60)),
            cache_dir=Path(cache_dir) if cache_dir else default_cache_dir(),
        )

    def command(self, src: Path, dst: Path) -> list[str]:
        # --force-ocr: the pages sent here either have no text or text that is garbage, and
        # the text layer read back must be the OCR's alone. --output-type pdf: PDF/A
        # conversion (Ghostscript) would only cost time; the images are dropped anyway.
        return [self.program, "-l", self.language, "--force-ocr", "--output-type", "pdf",
                "-j", str(self.jobs), "--tesseract-timeout", str(int(self.timeout_per_page)), "-q",
                *self.args, str(src), str(dst)]

    def cache_key(self, sha256: str, pages: tuple[int, ...], engine: str | None = None) -> str:
        engine = tesseract_version() if engine is None else engine
        blob = json.dumps({"format": CACHE_FORMAT, "sha256": sha256, "sider": list(pages),
                           "sprak": self.language, "argumenter": list(self.args), "motor": engine}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()


@lru_cache(maxsize=1)
def tesseract_version() -> str:
    """The first line of `tesseract --version` (e.g. "tesseract 5.3.0"), once per process; "" when not found."""
    try:
        done = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    lines = (done.stdout or done.stderr).strip().splitlines()  # older versions print to stderr
    return lines[0].strip() if lines else ""


@dataclass(frozen=True)
class OcrResult:
    """The text-layer PDF of the OCR'd pages: its page i is original page `pages[i]`."""

    pdf_bytes: bytes
    pages: tuple[int, ...]
    seconds_per_page: float | None  # wall time of the OCR call over its pages (when it was made)
    cached: bool
    warning: str = ""  # e.g. the cache could not be written (the result is still good)


# ----------------------------------------------------------------------------- page checks
def _good_char(ch: str) -> bool:
    if ch.isascii():
        return ch.isprintable()
    cat = unicodedata.category(ch)
    if cat.startswith("L"):
        return unicodedata.name(ch, "").startswith("LATIN")
    # digits, punctuation (§ « » – ’ •), combining accents (decomposed å), currency and
    # math signs; not U+FFFD, control or private-use characters
    return cat[0] in "NPM" or cat in ("Sc", "Sm") or ch in "°©"


def good_share(text: str) -> float:
    """Share of visible characters that are Latin letters, digits or ordinary punctuation.

    Text without a ToUnicode map extracts as glyph codes: control characters,
    private-use or unassigned code points, U+FFFD, stray CJK. Norwegian prose scores ~1.0.
    """
    counts = Counter(text)  # counted in C, judged per distinct character
    visible = sum(n for c, n in counts.items() if not c.isspace())
    if not visible:
        return 1.0
    return sum(n for c, n in counts.items() if not c.isspace() and _good_char(c)) / visible


def page_need(text: str, images: int, min_text_chars: int) -> str:
    """'' when the text layer is usable, else why OCR is needed: 'tomt' or 'ubrukelig'."""
    rules = load_rules("lesing").get("tekstlag", {})
    visible = len(re.sub(r"\s", "", text))
    if visible < min_text_chars:
        return "tomt" if images > 0 else ""
    if visible >= int(rules.get("min_tegn_for_vurdering", 40)) and good_share(text) < float(rules.get("min_andel_gode_tegn", 0.7)):
        return "ubrukelig"
    return ""


# ----------------------------------------------------------------------------- OCR text
def _noise() -> re.Pattern:
    return re.compile(load_rules("lesing").get("ocr", {}).get("stoy", r"^[|¦_]+$"))


def repair_ocr(text: str) -> str:
    """Characters Tesseract confuses, repaired by the rules in regler/lesing.yaml (ocr: rettinger)."""
    for pat, repl in load_rules("lesing").get("ocr", {}).get("rettinger", []):
        text = re.sub(pat, repl, text)
    return text


def ocr_segments(words: tuple[Line, ...]) -> tuple[Line, ...]:
    """An OCR'd page's word boxes as segments: ruling noise dropped, words joined, confusions repaired."""
    noise = _noise()
    merged = merge_words(tuple(w for w in words if not noise.match(w.text)))
    return tuple(Line(repair_ocr(s.text), s.x0, s.top, s.x1, s.bottom) for s in merged)


def ocr_text(text: str) -> str:
    """An OCR'd page's text: ruling noise (`|`) dropped, confusions repaired."""
    noise = _noise()
    lines = (" ".join(t for t in ln.split(" ") if not noise.match(t)) for ln in text.split("\n"))
    return "\n".join(repair_ocr(ln).strip() for ln in lines)


def merge_words(words: tuple[Line, ...]) -> tuple[Line, ...]:
    """Join OCR word boxes into segments as a text layer gives them: split at column gaps.

    OCR text layers place every word on its own, so PDFium returns one box per word;
    born-digital text gives one box per run of text. Words on the same line (their
    vertical middles within half a line height) join when the gap between them is less
    than `ordmellomrom` line heights.
    """
    factor = float(load_rules("lesing").get("ocr", {}).get("ordmellomrom", 0.8))
    out: list[Line] = []
    lines: list[list[Line]] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        height = max(1.0, w.bottom - w.top)
        for line in lines:
            ref = line[-1]
            if abs((ref.top + ref.bottom) / 2 - mid) <= max(1.0, ref.bottom - ref.top, height) / 2:
                line.append(w)
                break
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.x0)
        current = line[0]
        for w in line[1:]:
            height = max(1.0, min(current.bottom - current.top, w.bottom - w.top))
            if w.x0 - current.x1 <= factor * height:
                current = Line(f"{current.text} {w.text}", current.x0, min(current.top, w.top),
                               max(current.x1, w.x1), max(current.bottom, w.bottom))
            else:
                out.append(current)
                current = w
        out.append(current)
    out.sort(key=lambda s: (round(s.top / 3), s.x0))
    return tuple(out)


# ----------------------------------------------------------------------------- running OCR
def ocr_pages(pdf, sha256: str, pages: tuple[int, ...], settings: OcrSettings, fil: str) -> OcrResult:
    """OCR the given 1-based pages of the open PDFium document `pdf` (cached).

    Raises OcrError when OCRmyPDF, Tesseract or the language model is missing, or the
    OCR fails or runs out of time.
    """
    key = settings.cache_key(sha256, pages)
    cache_pdf = settings.cache_dir / f"{sha256[:16]}-{key[:24]}.pdf"
    cache_meta = cache_pdf.with_suffix(".json")
    try:
        data = cache_pdf.read_bytes()
    except OSError:
        data = None
    if data is not None:
        seconds = None
        try:
            seconds = json.loads(cache_meta.read_text(encoding="utf-8")).get("sekunder_per_side")
        except (OSError, ValueError):
            pass
        return OcrResult(data, pages, seconds, cached=True)

    if shutil.which(settings.program) is None:
        raise OcrError(f"{fil}: {len(pages)} sider trenger OCR, men programmet '{settings.program}' finnes ikke. "
                       + INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="motedata-ocr-") as tmp:
        src, dst = Path(tmp) / "sider.pdf", Path(tmp) / "ocr.pdf"
        import pypdfium2 as pdfium

        subset = pdfium.PdfDocument.new()
        try:
            subset.import_pages(pdf, [nr - 1 for nr in pages])
            subset.save(str(src))
        finally:
            subset.close()
        timeout = settings.timeout_start + settings.timeout_per_page * len(pages)
        started = time.monotonic()
        rc, stderr = _run(settings.command(src, dst), timeout, fil)
        elapsed = time.monotonic() - started
        if rc != 0 or not dst.exists():
            detail = _last_lines(stderr)
            if rc == EXIT_MISSING_DEPENDENCY:
                raise OcrError(f"{fil}: OCR mangler et verktøy eller språkmodellen '{settings.language}' ({detail}). "
                               + INSTALL_HINT)
            raise OcrError(f"{fil}: OCR av {len(pages)} sider feilet (ocrmypdf avsluttet med kode {rc}: {detail}). "
                           "Kontroller at filen kan åpnes, eller skann sidene på nytt.")
        data = _text_layer_only(dst, len(pages), fil)
    seconds = round(elapsed / len(pages), 3)
    warning = ""
    try:
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cache_meta, json.dumps({"sha256": sha256, "sider": list(pages), "sekunder_per_side": seconds,
                                              "sprak": settings.language, "argumenter": list(settings.args)},
                                             ensure_ascii=False, indent=1).encode())
        atomic_write_bytes(cache_pdf, data)  # last: a cache PDF present means a complete entry
    except OSError as exc:
        warning = (f"OCR-resultatet kunne ikke lagres i {settings.cache_dir} ({exc}); neste kjøring gjør OCR på nytt. "
                   f"Sett {CACHE_ENV} til en skrivbar mappe.")
    return OcrResult(data, pages, seconds, cached=False, warning=warning)


def _run(cmd: list[str], timeout: float, fil: str) -> tuple[int, str]:
    """Run OCRmyPDF in its own process group, so a timeout also stops its Tesseract children."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        raise OcrError(f"{fil}: OCR brukte mer enn {timeout:.0f} s og ble avbrutt. Øk tidsgrensen i regler/lesing.yaml "
                       "(ocr: tidsgrense_per_side) eller del filen.")
    return proc.returncode, err.decode("utf-8", "replace")


def _last_lines(stderr: str, n: int = 2) -> str:
    lines = [ln.strip() for ln in stderr.strip().splitlines() if ln.strip()]
    return " / ".join(lines[-n:]) or "ingen melding"


def _text_layer_only(path: Path, expected_pages: int, fil: str) -> bytes:
    """The OCR output without its page images: the text layer is all the cache needs."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(str(path))
    try:
        if len(doc) != expected_pages:
            raise OcrError(f"{fil}: OCR ga {len(doc)} sider, ventet {expected_pages}. Meld feilen med filen vedlagt.")
        for page in doc:
            try:
                for obj in list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1)):
                    page.remove_obj(obj)
                page.gen_content()
            finally:
                page.close()
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()
    finally:
        doc.close()
