"""Defensive checks of the reading stage, so one hostile or broken file gives a clear
message instead of a hang, a crash or junk rows.

- `check_streams` looks at the raw bytes before PDFium opens the file: a stream that
  inflates from a few KB to gigabytes (a "PDF bomb") makes PDFium abort the whole
  process when memory runs out, so it must be caught before any page is loaded.
- `load_page` turns PDFium's bare "Failed to load page" (a page tree with a cycle, or
  one that claims more pages than it has) into a message naming the page.
- `text_problem` judges a page's extracted text: a font without a ToUnicode map gives
  character codes instead of letters, and such a text layer must go to OCR (or a
  `feil` row), never on to the extractors as if it were text.

Limits and thresholds live in regler/lesing.yaml (`grenser`, `tekstkvalitet`).
"""
from __future__ import annotations

import mmap
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .rules import load_rules


@dataclass(frozen=True)
class Grenser:
    maks_sider: int = 5000
    maks_strom_mb: float = 200.0  # a non-image stream may inflate to at most this ...
    min_pakkeforhold: float = 100.0  # ... unless it is not bomb-like (inflates less than this ratio)
    maks_objekter_tabellside: int = 20000  # more drawn paths: the page is not searched for ruled tables (read.py)


@dataclass(frozen=True)
class Tekstkvalitet:
    min_tegn: int = 20  # pages with fewer visible characters are not judged
    maks_andel_styretegn: float = 0.005  # control/unassigned characters, U+FFFD
    maks_andel_privat: float = 0.3  # private-use code points (symbol-font bullets are a few)
    min_andel_bokstaver_tall: float = 0.5  # letters and digits among the judged characters


def grenser() -> Grenser:
    return Grenser(**load_rules("lesing").get("grenser", {}))


def tekstkvalitet() -> Tekstkvalitet:
    return Tekstkvalitet(**load_rules("lesing").get("tekstkvalitet", {}))


def _read_error(message: str) -> Exception:
    from .read import ReadError  # read.py imports this module; ReadError lives there

    return ReadError("les", message)


# --------------------------------------------------------------------------- page loading


def load_page(pdf, index: int, path: Path):
    """pdf[index], or a ReadError saying which page of a damaged page tree failed."""
    import pypdfium2 as pdfium

    try:
        return pdf[index]
    except pdfium.PdfiumError as exc:
        raise _read_error(
            f"{path}: side {index + 1} av {len(pdf)} kan ikke lastes (sidetreet i PDF-filen er skadet). "
            "Hent en ny kopi, eller åpne filen i en PDF-leser og skriv den ut til PDF på nytt."
        ) from exc


def looks_encrypted(path: Path) -> bool:
    """True when the file has an /Encrypt dictionary (the trailer or xref stream names it).

    PDFium reports why a document failed through a process-wide last-error code that a
    failure without an error of its own leaves unchanged, so after an encrypted file a
    merely damaged one would also say "password"; the bytes decide.
    """
    with open(path, "rb") as fh:
        try:
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return data.find(b"/Encrypt") >= 0
        except ValueError:
            return False


# --------------------------------------------------------------------------- stream bombs

# The keyword `stream` after a dictionary's `>>` (not `endstream`).
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/<>\[\]()]+)")
_NAME = re.compile(rb"/([^\s/<>\[\]()]+)")
_SKIP = re.compile(rb"/Subtype\s*/Image|/Type\s*/EmbeddedFile")  # never inflated to read text
_FLATE = {b"FlateDecode", b"Fl"}
# The most each filter can multiply a stream's size by (deflate: 1032:1). Image codecs
# are absent: their streams are skipped, and text extraction does not decode them.
_MAX_RATIO = {b"FlateDecode": 1032, b"Fl": 1032, b"LZWDecode": 2731, b"LZW": 2731,
              b"RunLengthDecode": 64, b"RL": 64, b"ASCIIHexDecode": 0.5, b"AHx": 0.5,
              b"ASCII85Decode": 1.25, b"A85": 1.25}


def check_streams(path: Path, limits: Grenser | None = None) -> None:
    """Raise ReadError when a stream inflates beyond the limit (a decompression bomb).

    Only streams that could exceed the limit at deflate's maximum ratio are inflated,
    in 1 MB steps and never kept, so ordinary files cost a regular-expression scan.
    """
    limits = limits or grenser()
    cap = int(limits.maks_strom_mb * (1 << 20))
    with open(path, "rb") as fh:
        try:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # empty file: nothing to check
            return
        try:
            for m in _STREAM.finditer(data):
                obj = data.rfind(b" obj", max(0, m.start() - 8192), m.start())
                head = bytes(data[obj if obj >= 0 else max(0, m.start() - 2048): m.start()])
                if _SKIP.search(head):
                    continue
                f = _FILTER.search(head)
                filters = _NAME.findall(f.group(1)) if f else []
                if not filters:
                    continue
                end = data.find(b"endstream", m.end())
                raw = (end if end >= 0 else len(data)) - m.end()
                bound = raw
                for name in filters:
                    bound *= _MAX_RATIO.get(name, 1)
                if bound <= cap or not all(name in _FLATE for name in filters):
                    continue
                # A bomb inflates past the cap and by more than min_pakkeforhold times its size.
                threshold = max(cap, int(limits.min_pakkeforhold * max(raw, 1)))
                if _inflated_size(data, m.end(), m.end() + raw, len(filters), threshold) > threshold:
                    raise _read_error(
                        f"{path}: PDF-filen inneholder en strøm på {raw} byte som pakkes ut til over "
                        f"{limits.maks_strom_mb:g} MB (en såkalt PDF-bombe, eller en svært skadet fil), og blir ikke lest. "
                        "Skriv dokumentet ut til PDF på nytt fra originalen, eller øk grensen maks_strom_mb i regler/lesing.yaml "
                        "hvis filen er til å stole på."
                    )
        finally:
            data.close()


class _OverCap(Exception):
    pass


def _inflated_size(data, start: int, end: int, layers: int, cap: int) -> int:
    """Bytes the stream gives after `layers` rounds of inflate, counted up to just past cap.

    Damage does not end the count: PDFium keeps what a layer gave before the damage
    and inflates that, so a damaged bomb still explodes. Each layer stops at its own
    damage, and the packed bytes go in 64 at a time, so little output is lost at the
    point where a layer fails (Python's zlib drops the output of a failing call).
    """
    decoders = [zlib.decompressobj() for _ in range(layers)]
    dead = [False] * layers
    total = 0

    def feed(level: int, chunk: bytes) -> None:
        nonlocal total
        d = decoders[level]
        while chunk and not d.eof and not dead[level]:
            try:
                out = d.decompress(chunk, 1 << 20)
            except zlib.error:
                dead[level] = True
                return
            chunk = d.unconsumed_tail
            if level + 1 < layers:
                feed(level + 1, out)
            else:
                total += len(out)
                if total > cap:
                    raise _OverCap
            if not out and not chunk:
                break

    try:
        for pos in range(start, end, 64):
            if dead[0] or decoders[0].eof:
                break
            feed(0, bytes(data[pos:min(pos + 64, end)]))
    except _OverCap:
        pass
    return total


# --------------------------------------------------------------------------- text quality

_NEUTRAL = set(".·…_-–—‐‑=*~|")  # dot leaders and rules in tables of contents
_SPACE = set(" \t\n\r")  # not str.isspace(): that also passes the control codes 11, 12 and 28-31


def text_problem(text: str, q: Tekstkvalitet | None = None) -> str:
    """Why a page's extracted text is not usable, or "" when it is (or too short to judge)."""
    q = q or tekstkvalitet()
    # Counted per distinct character (Counter counts in C): the same sums as a loop over the text.
    counts = {c: k for c, k in Counter(text).items()
              if c not in _SPACE and c not in _NEUTRAL and unicodedata.category(c) != "Zs"}
    n = sum(counts.values())
    if n < q.min_tegn:
        return ""
    control = private = alnum = 0
    for c, k in counts.items():
        cat = unicodedata.category(c)
        if cat in ("Cc", "Cn", "Cs") or c == "\ufffd":
            control += k
        elif cat == "Co":
            private += k
        elif cat[0] in "LN":
            alnum += k
    if control / n > q.maks_andel_styretegn:
        return f"{control} av {n} tegn er styretegn eller ukjente tegn"
    if private / n > q.maks_andel_privat:
        return f"{private} av {n} tegn er fra Unicodes private område"
    if alnum / n < q.min_andel_bokstaver_tall:
        return f"bare {alnum} av {n} tegn er bokstaver eller tall"
    return ""


def page_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> "1–3, 7"."""
    out, run = [], []
    for n in sorted(numbers):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [n]
    if run:
        out.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)


def garbled_message(fil: str, pages, total: int) -> str:
    """The `feil` message for pages whose text layer `text_problem` dropped."""
    nrs = [p.nr for p in pages]
    return (f"{fil}: tekstlaget på side {page_ranges(nrs)} (av {total}) gir ikke lesbar tekst ({pages[0].merknad}); "
            "fonten mangler trolig en Unicode-tabell (ToUnicode), så sidene er ikke lest. Kjør OCR med "
            "`motedata run --ocr auto` (krever ocrmypdf og tesseract-ocr-nor: `make sysdeps`), "
            "eller be avsender om en PDF med søkbar tekst.")


# --------------------------------------------------------------------------- one object per glyph


def join_glyph_boxes(boxes: list[tuple[float, float, float, float]], text_of) -> list[tuple[float, float, float, float]]:
    """Join PDFium text rectangles that hold single glyphs to the rectangle they touch.

    Some layout programs write every character as its own text object; PDFium then
    gives one rectangle per glyph, and rows read `K o m m u n e`. PDFium also cuts a
    line at a glyph whose box is much lower than its neighbours' (`<` in some fonts:
    `< script >`). A rectangle of at most two characters is joined to its neighbour on
    the same line when they are closer than 0.6 of the taller one's height; runs of
    ordinary text and table cells (wider rectangles, bigger gaps) pass unchanged.
    Boxes are (left, bottom, right, top) as PDFium gives them.
    """
    items = []
    for box in boxes:
        left, bottom, right, top = box
        height = top - bottom
        short = height > 0 and right - left <= 3 * height and len(text_of(box).strip()) <= 2
        items.append((list(box), short))
    items.sort(key=lambda it: (round((it[0][1] + it[0][3]) / 6), it[0][0]))
    out: list[tuple[list[float], bool]] = []
    for box, short in items:
        if out:
            prev, prev_short = out[-1]
            pl, pb, pr, pt = prev
            left, bottom, right, top = box
            height, prev_height = top - bottom, pt - pb
            overlap = min(top, pt) - max(bottom, pb)
            if ((short or prev_short) and overlap > 0.5 * min(height, prev_height)
                    and -0.5 * max(height, prev_height) <= left - pr <= 0.6 * max(height, prev_height)):
                out[-1] = ([pl, min(pb, bottom), max(pr, right), max(pt, top)], short)
                continue
        out.append((box, short))
    return [tuple(b) for b, _ in out]
