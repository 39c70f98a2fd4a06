"""Bad and odd inputs of the kind archive folders hold, made at test time.

Every generator is deterministic, writes one small file and returns its path. The
odd-but-valid PDFs (2,000 pages, 5,000 text objects, bombs) are written by hand with
`raw_pdf`, which is faster than any library and lets a test build what no library would
write (cycles, nesting 100,000 deep, a stream that inflates to a gigabyte).
"""
from __future__ import annotations

import io
import zlib
from pathlib import Path


# --------------------------------------------------------------------------- hand-made PDFs


def raw_pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF file from object bodies numbered 1..n, with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, trailer_extra, xref))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_text(text: str) -> bytes:
    """A PDF string literal in WinAnsi (æøå as octal escapes)."""
    raw = text.encode("cp1252")
    out = bytearray(b"(")
    for b in raw:
        if b in b"()\\":
            out += b"\\" + bytes([b])
        elif b < 32 or b > 126:
            out += b"\\%03o" % b
        else:
            out.append(b)
    return bytes(out + b")")


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
_COURIER = b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"


def _pages_pdf(contents: list[bytes], font: bytes = _FONT, extra_page: bytes = b"",
               stream_extra: bytes = b"") -> bytes:
    """Catalog 1, Pages 2, font 3, then a page object and its content per page."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        font,
    ]
    for i, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R %s>>" % (5 + 2 * i, extra_page))
        objects.append(stream(content, stream_extra))
    return raw_pdf(objects)


def _lines(lines: list[str], size: int = 11, top: int = 780) -> bytes:
    ops = [b"BT /F1 %d Tf 72 %d Td %d TL" % (size, top, size + 5)]
    for line in lines:
        ops.append(pdf_text(line) + b" Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


# --------------------------------------------------------------------------- not a PDF


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def html(path: Path) -> Path:
    path.write_bytes(b"<!DOCTYPE html>\n<html><head><title>404</title></head><body>Ikke funnet</body></html>\n")
    return path


def docx(path: Path) -> Path:
    """A real (tiny) Word .docx: a ZIP with the OOXML parts, saved with a .pdf name."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in (
            ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
            ("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                  '<w:body><w:p><w:r><w:t>Møteinnkalling</w:t></w:r></w:p></w:body></w:document>'),
        ):
            info = zipfile.ZipInfo(name, date_time=(2017, 6, 12, 10, 0, 0))
            z.writestr(info, body)
    path.write_bytes(buf.getvalue())
    return path


def old_word(path: Path) -> Path:
    """An OLE2 compound file header, as an old .doc/.xls starts."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return path


def random_bytes(path: Path, n: int = 8192) -> Path:
    import random

    path.write_bytes(random.Random(12).randbytes(n))
    return path


def png(path: Path) -> Path:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (40, 40), 200).save(buf, format="PNG")
    path.write_bytes(buf.getvalue())
    return path


def pdf_header_only(path: Path) -> Path:
    """Starts and ends like a PDF, holds nothing."""
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    return path


# --------------------------------------------------------------------------- damaged PDFs


def truncated(source: Path, path: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def broken_xref(source: Path, path: Path) -> Path:
    """Every offset in the xref table wrong and startxref pointing into the body."""
    data = bytearray(source.read_bytes())
    start = data.rindex(b"\nxref") + 1
    end = data.index(b"trailer", start)
    table = bytes(data[start:end])
    lines = table.split(b"\n")
    fixed = []
    for ln in lines:
        parts = ln.split(b" ")
        if len(parts) >= 3 and len(parts[0]) == 10 and parts[0].isdigit():
            parts[0] = b"%010d" % (int(parts[0]) + 7)
        fixed.append(b" ".join(parts))
    data[start:end] = b"\n".join(fixed)
    sx = data.rindex(b"startxref\n") + len(b"startxref\n")
    nl = data.index(b"\n", sx)
    data[sx:nl] = str(int(data[sx:nl]) - 100).encode()
    path.write_bytes(bytes(data))
    return path


def encrypted_user(source: Path, path: Path) -> Path:
    """Needs a password to open: nothing can be read without it."""
    return _encrypt(source, path, user="hemmelig", owner="eier")


def encrypted_owner_only(source: Path, path: Path) -> Path:
    """Opens without a password (only printing/copying is 'restricted'): must read normally."""
    return _encrypt(source, path, user="", owner="eier", algorithm="AES-256")


def _encrypt(source: Path, path: Path, user: str, owner: str, algorithm: str = "RC4-128") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(source)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm, permissions_flag=0)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


# --------------------------------------------------------------------------- odd but readable


MANY_PAGES_HEAD = ["Dyrøy kommune", "Møteprotokoll", "Utvalg: Kommunestyret", "Møtested: Rådhuset",
                   "Dato: 12.06.2017", "Tidspunkt: 10:00"]


def many_pages(path: Path, n: int = 2000) -> Path:
    """A møteprotokoll of n pages, one case per page after the first (starting at
    varying heights, as cases do), each with its own content stream and a running
    footer; written in well under a second."""
    contents = [_lines(MANY_PAGES_HEAD + [f"Side 1 av {n}"])]
    for i in range(2, n + 1):
        contents.append(_lines([
            f"PS {i - 1}/17 Vedlikehold av kommunal vei nummer {i - 1}",
            "Rådmannens innstilling:", f"Kommunestyret bevilger {i - 1} 000 kroner til veien.",
            "Behandling:", "Rådmannens innstilling ble enstemmig vedtatt.",
            "Vedtak:", f"Kommunestyret bevilger {i - 1} 000 kroner til veien.",
        ], top=780 - (i % 7) * 60) + b"\nBT /F1 9 Tf 280 30 Td " + pdf_text(f"Side {i} av {n}") + b" Tj ET")
    path.write_bytes(_pages_pdf(contents))
    return path


TINY_SENTENCE = "Kommunestyret vedtok budsjettet for neste år med stort flertall. "


def tiny_text_objects(path: Path, n: int = 5000) -> Path:
    """One page whose text is n separate text objects, one character each (as some
    layout programs write), in Courier so positions are exact."""
    size, per_line = 6, 140
    width = 0.6 * size
    text = (TINY_SENTENCE * (n // len(TINY_SENTENCE) + 1))[:n]
    ops = []
    for i, ch in enumerate(text):
        row, col = divmod(i, per_line)
        ops.append(b"BT /F1 %d Tf 1 0 0 1 %.1f %.1f Tm %s Tj ET" % (size, 30 + col * width, 800 - row * 9, pdf_text(ch)))
    path.write_bytes(_pages_pdf([b"\n".join(ops)], font=_COURIER))
    return path


def only_images(path: Path) -> Path:
    """Two pages that are only scanned images of text."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for nr in (1, 2):
        img = Image.new("L", (600, 840), 255)
        ImageDraw.Draw(img).text((40, 40), f"Møteprotokoll side {nr}", fill=0)
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return path


GARBLED_LINES = ["Møteprotokoll Formannskapet i Dyrøy kommune", "Dato: 12.06.2017 kl. 10.00",
                 "PS 4/17 Referatsaker", "Rådmannens innstilling ble enstemmig vedtatt."]


def _subset_codes(lines: list[str]) -> tuple[list[bytes], int]:
    """Each distinct character numbered 1, 2, 3 ... in order of first use, as font
    subsetting tools number glyphs."""
    codes: dict[str, int] = {}
    out = []
    for line in lines:
        out.append(bytes(codes.setdefault(ch, len(codes) + 1) for ch in line))
    return out, len(codes)


def no_tounicode_codes(path: Path) -> Path:
    """A subset font with made-up glyph names and no ToUnicode map: the text layer holds
    only the codes 1, 2, 3 ... (control characters), nothing of the letters."""
    encoded, n = _subset_codes(GARBLED_LINES)
    lit = [b"(" + b"".join(b"\\%03o" % c for c in line) + b")" for line in encoded]
    content = b"BT /F1 12 Tf 72 780 Td 16 TL " + b" ".join(x + b" Tj T*" for x in lit) + b" ET"
    diffs = b"[1 " + b" ".join(b"/g%d" % (i + 3) for i in range(n)) + b"]"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Frutiger /Encoding << /Type /Encoding /Differences %s >> >>" % diffs
    path.write_bytes(_pages_pdf([content], font=font))
    return path


def no_tounicode_cid(path: Path) -> Path:
    """A Type0 font (Identity-H) without ToUnicode: glyph ids come out as punctuation."""
    encoded, _ = _subset_codes(GARBLED_LINES)
    hexes = [b"<" + b"".join(b"%04x" % (c + 30) for c in line) + b">" for line in encoded]
    content = b"BT /F1 12 Tf 72 780 Td 16 TL " + b" ".join(x + b" Tj T*" for x in hexes) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Calibri /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        stream(content),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Calibri /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /CIDToGIDMap /Identity >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+Calibri /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
        b"/Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def no_tounicode_subset(path: Path) -> Path:
    """An embedded TrueType subset whose ToUnicode map has been removed: PDFium recovers
    the ASCII letters from the font but gives control characters for æ, ø and å."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Vera", str(vera)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont("Vera", 11)
    y = 780
    for line in ["Møteprotokoll", "Formannskapet i Dyrøy kommune", "Dato: 12.06.2017",
                 "PS 4/17 Referatsaker", "Vedtak: Rådmannens innstilling ble enstemmig vedtatt.",
                 "Saken gjelder økonomiplan og budsjett for perioden 2018 til 2021."] * 3:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    writer = PdfWriter()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            if "/ToUnicode" in font:
                del font[NameObject("/ToUnicode")]
        writer.add_page(page)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


# --------------------------------------------------------------------------- bombs


def nested_arrays(path: Path, depth: int = 100_000) -> Path:
    """A page whose dictionary and content stream hold arrays nested `depth` deep."""
    deep = b"[" * depth + b"]" * depth
    content = _lines(["Side med dypt nestede tabeller"]) + b"\n" + deep + b" TJ"
    path.write_bytes(_pages_pdf([content], extra_page=b"/PieceInfo << /X " + deep + b" >> "))
    return path


def pages_cycle(path: Path) -> Path:
    """A page tree whose Kids point back to the tree itself (an endless loop for a naive reader)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>",
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def flate_bomb(path: Path, gigabytes: int = 2) -> Path:
    """A content stream of a few KB that inflates to `gigabytes` GB (Flate applied twice).

    The inner layer is made without compressing gigabytes: after a full flush, zlib
    writes the same bytes for every further identical megabyte, so one block repeats.
    """
    chunk = b" " * (1 << 20)
    comp = zlib.compressobj(9)
    head = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    assert block == again
    inner = head + block * (gigabytes * 1024 - 1) + comp.flush()
    outer = zlib.compress(inner, 9)
    content = outer
    path.write_bytes(_pages_pdf([content], stream_extra=b"/Filter [/FlateDecode /FlateDecode] "))
    return path


def lying_page_count(path: Path) -> Path:
    """A page tree that claims 3,000 pages but has one."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 3000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        _FONT,
        stream(_lines(["Bare en side"])),
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def image_bomb(path: Path, side: int = 40000) -> Path:
    """A page with a 40,000 x 40,000 grey image (1.6 GB when decoded) packed into a few KB.
    Reading text never decodes images, so this must read like any other page."""
    row = b"\x00" * side
    comp = zlib.compressobj(9)
    rows = 26
    head = comp.compress(row * rows) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(row * rows) + comp.flush(zlib.Z_FULL_FLUSH)
    inner = head + block * (side // rows - 1) + comp.compress(row * (side % rows)) + comp.flush()
    image = stream(zlib.compress(inner, 9),
                   b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8 /Filter [/FlateDecode /FlateDecode] " % (side, side))
    content = _lines(["Vedlegg: kart over planområdet"]) + b"\nq 500 0 0 700 50 50 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> "
        b"/XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>",
        stream(content),
        image,
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def many_paths(path: Path, n: int = 25_000) -> Path:
    """A page of text over n drawn line segments (more than pdfplumber should be given)."""
    ops = b"".join(b"%d 100 m %d 700 l S\n" % (50 + i % 500, 50 + i % 500) for i in range(n))
    content = ops + _lines(["Kart over planområdet", "Reguleringsplan for Storgata 12"])
    path.write_bytes(_pages_pdf([content]))
    return path


def zero_pages(path: Path) -> Path:
    path.write_bytes(raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    return path


def big_flate_stream(path: Path, megabytes: int = 5) -> Path:
    """One ordinary (single Flate) content stream of `megabytes` MB of text operators."""
    body = _lines(["Stor side"]) + b"\n" + b"% kommentar som fyller\n" * (megabytes * (1 << 20) // 22)
    path.write_bytes(_pages_pdf([zlib.compress(body, 9)], stream_extra=b"/Filter /FlateDecode "))
    return path


def operator_bomb(path: Path, n: int = 3_000_000) -> Path:
    """A content stream of n tiny line segments: 80 KB packed, 40 MB inflated (under the
    stream limit), but PDFium builds one object per segment (850 MB, 6 s for 3 million).
    No cheap check on the bytes tells this from a detailed map; the per-document memory
    and time limits of `motedata run` stop it."""
    ops = b"0 0 m 1 1 l S\n" * n
    path.write_bytes(_pages_pdf([zlib.compress(ops, 6)], stream_extra=b"/Filter /FlateDecode "))
    return path
