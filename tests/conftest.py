"""Fixtures that make small PDFs the way meeting systems print them, and bad inputs."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import settings
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

# Property tests (tests/test_properties.py): a bounded, repeatable run in CI; more
# examples locally with HYPOTHESIS_PROFILE=lang.
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("lang", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
KORPUS = REPO / "korpus"


def _font() -> str:
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Vera", str(vera)))
    return "Vera"


def make_innkalling(path: Path) -> Path:
    """A two-page Dyrøy-style møteinnkalling with a ruled saksliste (text from the seed)."""
    font = _font()
    ss = getSampleStyleSheet()
    for st in ss.byName.values():
        st.fontName = font
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1)
    saksliste = Table(
        [
            ["Saksnr", "Innhold", "Lukket", "Arkivsaksnr"],
            ["PS 4/17", "Referatsak", "", ""],
            ["RS 48/17", "Protokoll - Ansettelse brannkonstabel i deltidskorps brann", "", "2017/20"],
            ["RS 51/17", "Tidsbegrenset arbeidsavtale", "X", "2011/263"],
            ["PS 5/17", "Lokal lønnspolitikk - rullering", "", "2016/67"],
            ["PS 6/17", "Drifts og organisasjonsgjennomgang - ny organisasjonsmodell", "", "2016/236"],
        ],
        colWidths=[60, 280, 50, 80],
    )
    saksliste.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), font)]))
    story = [
        Paragraph("Dyrøy kommune", ss["Title"]),
        Paragraph("Møteinnkalling", ss["Heading1"]),
        Paragraph("Utvalg: Administrasjonsutvalget", ss["Normal"]),
        Paragraph("Møtested: Kommunehuset, møterom 2", ss["Normal"]),
        Paragraph("Dato: 12.06.2017", ss["Normal"]),
        Paragraph("Tidspunkt: 10:00", ss["Normal"]),
        Paragraph("Eventuelt forfall må meldes snarest på tlf. 77 18 92 00.", ss["Normal"]),
        PageBreak(),
        Paragraph("Saksliste", ss["Heading2"]),
        saksliste,
        Spacer(1, 20),
        Paragraph("Marit Alvig Espenes ordfører", ss["Normal"]),
    ]
    doc.build(story)
    return path


def make_scanned(path: Path) -> Path:
    """A page that is only an image: what a scanner produces without OCR."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (800, 1100), 255)
    ImageDraw.Draw(img).text((50, 50), "Møteprotokoll Kommunestyret", fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return path


def make_encrypted(source: Path, path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(source)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="hemmelig", owner_password="eier")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


@pytest.fixture
def innkalling(tmp_path) -> Path:
    return make_innkalling(tmp_path / "innkalling.pdf")


@pytest.fixture
def bad_inputs(tmp_path, innkalling) -> dict[str, Path]:
    d = tmp_path / "bad"
    d.mkdir()
    good = innkalling.read_bytes()
    files = {
        "empty": d / "tom.pdf",
        "html": d / "side.pdf",
        "random": d / "tilfeldig.pdf",
        "truncated": d / "avkortet.pdf",
        "word": d / "dokument.pdf",
    }
    files["empty"].write_bytes(b"")
    files["html"].write_bytes(b"<!DOCTYPE html><html><body>Ikke funnet</body></html>")
    files["random"].write_bytes(bytes((i * 7919) % 256 for i in range(4096)))
    files["truncated"].write_bytes(good[: len(good) // 2])
    files["word"].write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    files["encrypted"] = make_encrypted(innkalling, d / "kryptert.pdf")
    files["scanned"] = make_scanned(d / "skannet.pdf")
    return files


# Korpus papers with cases, decisions, votes, tasks and cost tables (web: sok, serve, rapport).
WEB_KORPUS = ["levanger_kst_2024-06-19_protokoll.pdf", "ulvik_hst_2024-03-14_protokoll.pdf",
              "balsfjord_fsk_2023-11-28_protokoll.pdf", "kommune_okonomiplan_2025_2028.pdf"]


@pytest.fixture(scope="session")
def korpus_ut(tmp_path_factory) -> Path:
    """An output folder from `motedata run` on a few korpus PDFs (absolute paths), made once."""
    from click.testing import CliRunner

    from pipeline.cli import main

    out = tmp_path_factory.mktemp("korpus_ut")
    result = CliRunner().invoke(main, ["run", *[str(KORPUS / n) for n in WEB_KORPUS], "--out", str(out), "-q",
                                       "--workers", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out
