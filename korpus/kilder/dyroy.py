"""Dyrøy kommune, Administrasjonsutvalget 12.06.2017 (ePhorte/Elements layout).

Rebuilds four PDFs from the real sakspapirer (wording taken literally from the seed
transcript; long page texts live in ``_dyroy_sider.txt``):

* ``dyroy_adm_2017-06-12_sakspapirer.pdf``  combined sakspapirer, ~60 pages
* ``dyroy_adm_2017-06-12_innkalling.pdf``   front page + saksliste
* ``dyroy_adm_2017-06-12_protokoll.pdf``    møteprotokoll (invented, consistent)
* ``dyroy_adm_2017-06-12_innkalling_skannet.pdf``  image-only scan of the innkalling
  plus the PS 5/17 saksframlegg page
* ``dyroy_adm_2017-06-12_protokoll_skannet.pdf``   image-only scan of the protocol

All PDFs are written in reportlab's invariant mode; the scan is rendered with
pypdfium2, perturbed with a seeded RNG and embedded as JPEG, so rebuilds are
byte-identical on the same library versions.
"""
from __future__ import annotations

import io
import os
import random
import re
from pathlib import Path

import reportlab
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether,
                                KeepInFrame, PageBreak, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent
PREFIX = "dyroy_adm_2017-06-12_"
W, H = A4

# --------------------------------------------------------------------------- fonts
_FONTDIR = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
for _name, _file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf"),
                     ("Vera-Italic", "VeraIt.ttf"), ("Vera-BoldItalic", "VeraBI.ttf")):
    try:
        pdfmetrics.getFont(_name)
    except KeyError:
        pdfmetrics.registerFont(TTFont(_name, os.path.join(_FONTDIR, _file)))
pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="Vera-Bold",
                              italic="Vera-Italic", boldItalic="Vera-BoldItalic")

F, FB, FI = "Vera", "Vera-Bold", "Vera-Italic"


def _st(name, **kw):
    base = dict(fontName=F, fontSize=10, leading=13, embeddedHyphenation=1,
                hyphenationLang="", uriWasteReduce=0.3)
    base.update(kw)
    return ParagraphStyle(name, **base)


BODY = _st("body", alignment=TA_JUSTIFY, spaceAfter=6)
BODYL = _st("bodyl", spaceAfter=4)
SMALL = _st("small", fontSize=8, leading=10)
SMALLR = _st("smallr", fontSize=8, leading=10, alignment=TA_RIGHT)
CELL = _st("cell", fontSize=9, leading=11)
CELLB = _st("cellb", fontName=FB, fontSize=9, leading=11)
CELLR = _st("cellr", fontSize=9, leading=11, alignment=TA_RIGHT)
CELLRB = _st("cellrb", fontName=FB, fontSize=9, leading=11, alignment=TA_RIGHT)
H1 = _st("h1", fontName=FB, fontSize=16, leading=20, spaceAfter=8)
H2 = _st("h2", fontName=FB, fontSize=12, leading=15, spaceBefore=6, spaceAfter=4)
H3 = _st("h3", fontName=FB, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3)
TITLE = _st("title", fontName=FB, fontSize=20, leading=26, alignment=TA_CENTER)
CENTER = _st("center", alignment=TA_CENTER)

# --------------------------------------------------------------------------- text helpers
_VOW = set("aeiouyæøåAEIOUYÆØÅ")


def shy(text: str, minlen: int = 13) -> str:
    """Insert soft hyphens into long words so reportlab may hyphenate at line ends."""
    def fix(m):
        w = m.group(0)
        if len(w) < minlen:
            return w
        out, last = [], 0
        for i in range(4, len(w) - 4):
            # V-CV split, at most every 5 letters
            if w[i] not in _VOW and w[i + 1] in _VOW and w[i - 1] in _VOW and i - last >= 5:
                out.append(w[last:i])
                last = i
        out.append(w[last:])
        return "\u00ad".join(out)
    return re.sub(r"[A-Za-zÆØÅæøå]+", fix, text)


def esc(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def P(text, style=BODY, hyph=True):
    t = esc(text)
    return Paragraph(shy(t) if hyph else t, style)


def nok(n) -> str:
    """1049076 -> '1 049 076', negative with a real minus sign."""
    s = f"{abs(n):,}".replace(",", " ")
    return ("\u2212" + s) if n < 0 else s


def load_pages() -> dict[int, str]:
    txt = (HERE / "_dyroy_sider.txt").read_text(encoding="utf-8")
    pages = {}
    for block in re.split(r"^## side ", txt, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        pages[int(head)] = body.strip()
    return pages


def sentences_to_paras(text: str, per: int = 4) -> list[str]:
    """Split a flattened page text into paragraphs: bullets start a new paragraph."""
    parts = re.split(r"(?<=[.:»;])\s+(?=(?:- |\* |[A-ZÆØÅ«]))", text)
    paras, cur = [], []
    for s in parts:
        if s.startswith(("- ", "* ")) and cur:
            paras.append(" ".join(cur))
            cur = []
        cur.append(s)
        if len(cur) >= per or s.startswith(("- ", "* ")):
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return paras


# --------------------------------------------------------------------------- page machinery
class State(Flowable):
    """Zero-size flowable that switches the running header/footer mode of its page."""

    def __init__(self, **kw):
        super().__init__()
        self.kw = kw
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.canv._dyroy_state.update(self.kw)


def _page_end(canv, doc):
    st = getattr(canv, "_dyroy_state", {})
    n = canv.getPageNumber()
    canv.saveState()
    canv.setFont(F, 9)
    canv.drawCentredString(W / 2, 12 * mm, f"-{n}-")
    mode = st.get("mode")
    if mode == "plan":
        side = n - st["plan_start"] + 1
        canv.setFont(FI, 8)
        canv.drawString(20 * mm, H - 14 * mm, "Lokal lønnspolitikk")
        canv.drawRightString(W - 20 * mm, H - 14 * mm, "Dyrøy kommune")
        canv.setLineWidth(0.4)
        canv.line(20 * mm, H - 15.5 * mm, W - 20 * mm, H - 15.5 * mm)
        canv.drawRightString(W - 20 * mm, 18 * mm, f"Side {side} av 22")
    elif mode == "email":
        canv.setFont(F, 7)
        canv.drawString(12 * mm, H - 9 * mm, st["url"])
        canv.drawRightString(W - 12 * mm, H - 9 * mm, "Page 1 of 1")
        canv.drawRightString(W - 12 * mm, 8 * mm, st["dato"])
    elif mode == "brev":
        canv.setFont(F, 7)
        y = 24 * mm
        canv.setLineWidth(0.4)
        canv.line(20 * mm, y + 8, W - 20 * mm, y + 8)
        cols = [("Postadresse:", "Dyrøytunet 1", "9311 Brøstadbotn"),
                ("Besøksadresse:", "Dyrøytunet 1", ""),
                ("Telefon:", "77 18 92 00", "Telefaks: 77 18 92 10"),
                ("E-post:", "postmottak@dyroy.kommune.no", "www.dyroy.kommune.no"),
                ("Bank:", "4796 07 00003", "Org.nr.: 864 994 032")]
        x = 20 * mm
        for a, b, c in cols:
            canv.drawString(x, y, a)
            canv.drawString(x, y - 9, b)
            canv.drawString(x, y - 18, c)
            x += 35 * mm
    canv.restoreState()


class Doc(BaseDocTemplate):
    def __init__(self, path, **kw):
        super().__init__(str(path), pagesize=A4, invariant=1, leftMargin=20 * mm,
                         rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=24 * mm,
                         title=kw.pop("title", ""), author="Dyrøy kommune",
                         creator="ePhorte", **kw)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="f")
        self.addPageTemplates([PageTemplate("p", [frame], onPageEnd=_page_end)])

    def handle_documentBegin(self):
        super().handle_documentBegin()
        self.canv._dyroy_state = {}


def letterhead():
    d = Drawing(16 * mm, 18 * mm)
    d.add(Polygon([0, 18 * mm, 16 * mm, 18 * mm, 16 * mm, 6 * mm, 8 * mm, 0, 0, 6 * mm],
                  fillColor=colors.HexColor("#1f4e8c"), strokeColor=None))
    d.add(Polygon([3 * mm, 6 * mm, 8 * mm, 14 * mm, 13 * mm, 6 * mm],
                  fillColor=colors.white, strokeColor=None))
    t = Table([[d, [Paragraph("Dyrøy kommune", _st("lh", fontName=FB, fontSize=16, leading=19)),
                    Paragraph("Den lærende kommune", _st("lh2", fontName=FI, fontSize=9, leading=11))]]],
              colWidths=[20 * mm, 100 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def ruled(data, widths, header_rows=1, repeat=None, extra=(), font=9):
    t = Table(data, colWidths=widths, repeatRows=header_rows if repeat is None else repeat,
              hAlign="LEFT")
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("FONTNAME", (0, 0), (-1, -1), F), ("FONTSIZE", (0, 0), (-1, -1), font),
             ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e6e6e6")),
             ("FONTNAME", (0, 0), (-1, header_rows - 1), FB)]
    t.setStyle(TableStyle(style + list(extra)))
    return t


def scanned_block(seed: int):
    """An image-like drawing (a scanned form): no text at all."""
    rng = random.Random(seed)
    d = Drawing(170 * mm, 230 * mm)
    d.add(Rect(0, 0, 170 * mm, 230 * mm, fillColor=colors.HexColor("#f1efe8"), strokeColor=None))
    y = 215 * mm
    while y > 15 * mm:
        if rng.random() < 0.12:
            d.add(Rect(8 * mm, y - 10 * mm, 154 * mm, 12 * mm, fillColor=None,
                       strokeColor=colors.HexColor("#555555"), strokeWidth=0.6))
            y -= 16 * mm
            continue
        x = 10 * mm
        end = rng.uniform(60, 150) * mm
        while x < end:
            w = rng.uniform(4, 18) * mm
            d.add(Line(x, y, min(x + w, end), y, strokeColor=colors.HexColor("#3a3a3a"),
                       strokeWidth=rng.uniform(1.6, 2.4)))
            x += w + rng.uniform(1.5, 3) * mm
        y -= rng.uniform(5, 8) * mm
    return d


def orgchart():
    d = Drawing(170 * mm, 120 * mm)
    box = dict(fillColor=colors.HexColor("#dce6f2"), strokeColor=colors.HexColor("#1f4e8c"))
    d.add(Rect(65 * mm, 100 * mm, 40 * mm, 12 * mm, **box))
    d.add(Rect(120 * mm, 82 * mm, 40 * mm, 10 * mm, **box))
    d.add(Line(85 * mm, 100 * mm, 85 * mm, 70 * mm))
    d.add(Line(105 * mm, 87 * mm, 120 * mm, 87 * mm))
    d.add(Line(15 * mm, 70 * mm, 155 * mm, 70 * mm))
    for i in range(4):
        x = 5 * mm + i * 42 * mm
        d.add(Line(x + 16 * mm, 70 * mm, x + 16 * mm, 62 * mm))
        d.add(Rect(x, 50 * mm, 32 * mm, 12 * mm, **box))
        for j in range(3):
            d.add(Rect(x + 3 * mm, (35 - 13 * j) * mm, 26 * mm, 9 * mm,
                       fillColor=colors.white, strokeColor=colors.HexColor("#1f4e8c")))
    return d


# --------------------------------------------------------------------------- case data
SAKER = [
    ("PS 4/17", "Referatsak", ""),
    ("RS 48/17", "Protokoll - Ansettelse brannkonstabel i deltidskorps brann", "2017/20"),
    ("RS 49/17", "Protokoll - ansettelse barne- og ungdomsarbeidere skole/sfo", "2017/136"),
    ("RS 50/17", "Protokoll 11.05.17 - ansettelse av lærere", "2017/136"),
    ("RS 51/17", "Tidsbegrenset arbeidsavtale", "2011/263"),
    ("RS 52/17", "Fast arbeidsavtale - barne- og ungdomsarbeider", "2017/79"),
    ("RS 53/17", "Fast arbeidsavtale - renholder", "2011/214"),
    ("RS 54/17", "Arbeidsavtale", "2007/304"),
    ("RS 55/17", "Oppsigelse av stilling", "2007/1141"),
    ("PS 5/17", "Lokal lønnspolitikk - rullering", "2016/67"),
    ("PS 6/17", "Drifts og organisasjonsgjennomgang - ny organisasjonsmodell", "2016/236"),
]

INNSTILLING_5 = "Rullering av lokal lønnspolitikk for 2017-2018 godkjennes."
INNSTILLING_6 = ["1. Organisering gjennomføres slik modell B er beskrevet.",
                 "2. Kommunestyre ber rådmann iverksette og implementere modell B iht lov og avtaleverk.",
                 "3. Rådmannen orienterer KS fortløpende om prosessen."]
FSK_VEDTAK = ("Styringsgruppa anbefaler fortsatt en modell med tre sektorområder, og ber "
              "administrasjonen om å kvalitetssikre de økonomiske beregningene som foreligger "
              "av den modellen.")


def front_page():
    rows = [["Utvalg:", "Administrasjonsutvalget"], ["Møtested:", "Kommunehuset, møterom 2"],
            ["Dato:", "12.06.2017"], ["Tidspunkt:", "10:00"]]
    t = Table([[Paragraph(a, CELLB), Paragraph(b, _st("fv", fontSize=11, leading=14))]
               for a, b in rows], colWidths=[30 * mm, 120 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [letterhead(), Spacer(1, 14 * mm), Paragraph("Møteinnkalling", TITLE),
            Spacer(1, 10 * mm), t, Spacer(1, 10 * mm),
            P("Eventuelt forfall må meldes snarest på tlf. 77 18 92 00. Vararepresentanter "
              "møter etter nærmere beskjed, som gis pr. telefon.", BODYL),
            PageBreak()]


def saksliste():
    head0 = [Paragraph("Utvalgssaksnr", _st("u", fontName=FB, fontSize=7, leading=8)), "", "", ""]
    head = [Paragraph(x, CELLB) for x in ("Saksnr", "Innhold", "Lukket", "Arkivsaksnr")]
    rows = [head0, head]
    for nr, tit, ark in SAKER:
        rows.append([Paragraph(nr, CELL), Paragraph(esc(tit), CELL), "", Paragraph(ark, CELL)])
    t = ruled(rows, [26 * mm, 96 * mm, 18 * mm, 30 * mm], header_rows=2,
              extra=[("SPAN", (1, 0), (3, 0)), ("LINEBELOW", (0, 0), (-1, 0), 0, colors.white)])
    return [Paragraph("Saksliste", H1), Spacer(1, 4 * mm), t, Spacer(1, 18 * mm),
            Paragraph("Marit Alvig Espenes", BODYL), Paragraph("ordfører", BODYL), PageBreak()]


def email(url, dato, felt, body_paras):
    fl = [State(mode="email", url=url, dato=dato)]
    t = Table([[Paragraph(k, CELLB), Paragraph(esc(v), CELL)] for k, v in felt],
              colWidths=[22 * mm, 148 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey)]))
    fl += [t, Spacer(1, 5 * mm)]
    fl += [P(p, BODYL) for p in body_paras]
    fl.append(PageBreak())
    return fl


def reset():
    return State(mode=None)


def referatsaker():
    fl = [Paragraph("PS 4/17 Referatsak", H1), PageBreak()]
    fl += email("file://aspfilclsrv001/pdfserverdocproc$/ephorte_dyr_p/98607_fix.htm", "19.04.2017",
                [("Fra:", "Elin A Meleng Blomseth (Elin.Meleng@dyroy.kommune.no)"),
                 ("Sendt:", "28.03.2017 12:56:16"),
                 ("Til:", "Geir Fjellberg; Erla Sverdrup; Delta; TorIvar.Olsen@Sorreisa.kommune.no; "
                          "tromo2000@yahoo.no; Dyrøy kommune postmottak; Britt J Wangberg"),
                 ("Kopi:", ""), ("Emne:", "Protokoll - Ansettelse brannkonstabel i deltidskorps brann"),
                 ("Vedlegg:", "Protokoll ansettelse av brannkonstabel")],
                ["Det er gjennomført intervju med følgende søkere på stilling som brann konstabel: "
                 "Simon Hoff og Trond Marius Olsen.",
                 "Krister Turøy ble ikke innkalt til intervju p.g.a. 22 km avstand til brannstasjon.",
                 "Tid, sted: 28.03.17 på kommunehuset møterom 1.",
                 "Tilstede: brann- og beredskapssjef Tor Ivar Olsen, utrykningsleder I Tommy Andreassen, "
                 "enhetsleder personal Elin M. Blomseth.",
                 "Uttalelser fra Delta og Fagforbundet er referert.",
                 "Innstilling fra intervjugruppa: Simon Hoff og Trond Marius Olsen ansettes i fast stilling "
                 "som brannkonstabel i 0,5% stilling fra 01.05.17.",
                 "Delta har sluttet seg til intervjugruppas innstilling 28.03.17.",
                 "Enhetsleder teknisk må gi snarlig tilbakemelding på evt. merknader til ansettelse.",
                 "Mvh", "Elin M. Blomseth", "Enhetsleder personal",
                 "Servicetorg: Importeres i ephorte S.nr. 17/20. Servicetorg sender melding til Krister "
                 "Turøy om at stillingen er besatt."])
    fl += email("file://aspfilclsrv001/pdfserverdocproc$/ephorte_dyr_p/100251_fix.htm", "18.05.2017",
                [("Fra:", "Elin A Meleng Blomseth (Elin.Meleng@dyroy.kommune.no)"),
                 ("Sendt:", "15.05.2017 16:03:22"),
                 ("Til:", "May Elin Hals; Delta (leif.hermod.jenssen@gmail.com); Erla Sverdrup; "
                          "Dyrøy kommune postmottak; Nina Bolle; Tove Utmo"),
                 ("Kopi:", ""), ("Emne:", "Protokoll - ansettelse barne- og ungdomsarbeidere skole/sfo"),
                 ("Vedlegg:", "")],
                ["Protokoll ans.utv. 11.05.17 ansettelse av barne- og ungdomsarbeidere.",
                 "Tilstede: Elin M. Blomseth e.f., May Elin Hals, Delta v/leif Hermod Jenssen.",
                 "Gjennomført intervju: 05.05.17 Inger Elise Bakkejord 08.05.17 Britt Tove Skogstad",
                 "Vedtak:",
                 "1. Inger Elise Bakkejord omplasseres fra 35% fast stilling i PLO til 35% fast stilling som "
                 "barne- og ungdomsarbeider på skole/sfo med lønn som aktivitør/fagarbeiderlønn fra 01.08.17. "
                 "Kombineres med 40% fast stilling som aktivitør i PLO. Jf. Fortrinnsrett oppsigelse.",
                 "2. Britt Tove Skogstad omplasseres av helsemessige årsaker fra 100% fast stilling i "
                 "barnehagen til 100% fast stilling som barne- og ungdomsarbeider på skole/sfo fra 01.08.17.",
                 "3. Mona Bolle ansettes i 20% fast stilling som barne- og ungdomsarbeider på skole/sfo fra "
                 "01.08.17. Jf. Utvidelse av fast stilling for deltidsansatt.",
                 "Det skrives ny fast arbeidsavtale til alle.",
                 "Mvh", "Elin M. Blomseth", "Enhetsleder personal",
                 "Servicetorg: Importeres i ephorte + ref. adm.utv."])
    fl += email("file://aspfilclsrv001/pdfserverdocproc$/ephorte_dyr_p/100253_fix.htm", "18.05.2017",
                [("Fra:", "Elin A Meleng Blomseth (Elin.Meleng@dyroy.kommune.no)"),
                 ("Sendt:", "15.05.2017 16:07:51"),
                 ("Til:", "May Elin Hals; Jan Åge Rydningen; Erla Sverdrup; Dyrøy kommune postmottak"),
                 ("Kopi:", ""), ("Emne:", "Protokoll 11.05.17 - ansettelse av lærere"),
                 ("Vedlegg:", "")],
                ["Protokoll ansettelsesutvalget 11.05.17 ansettelse av lærere",
                 "Tilstede: Elin M. Blomseth e.f., May Elin Hals, UDF v/jan Åge Rydningen.",
                 "Det ble gjennomført intervju med Morten Pedersen, Sverre Bergheim, Ann Monica Bergheim "
                 "11.05.17.",
                 "Vedtak: Følgende ansettes i 100% fast stilling som lærer fra 01.08.17:",
                 "Sverre Bergheim", "Ann Monica Bergheim", "Morten Pedersen",
                 "Mvh", "Elin M. Blomseth", "Enhetsleder personal",
                 "Servicetorg: Importeres i ephorte + ref. adm.utv."])
    # RS 51/17 - RS 54/17: scanned arbeidsavtaler (image only, no text layer on these pages)
    for i in range(8):
        fl += [reset(), scanned_block(7 + i), PageBreak()]
    fl += email("file://aspfilclsrv001/pdfserverdocproc$/ephorte_dyr_p/96772_fix.htm", "07.03.2017",
                [("Fra:", "Nina Bolle (nina.bolle@live.no)"), ("Sendt:", "07.03.2017 10:14:10"),
                 ("Til:", "Dyrøy kommune postmottak"),
                 ("Kopi:", "Elin A Meleng Blomseth; Erla Sverdrup"), ("Emne:", "Arbeidsavtale"),
                 ("Vedlegg:", "arbeidsavtale dyrøy.pdf")],
                ["Oversender undertegnet arbeidsavtale.", "Mvh", "Nina Bolle"])
    fl += brev()
    return fl


def brev():
    fl = [State(mode="brev"), letterhead(), Spacer(1, 10 * mm),
          Paragraph("Bente M Bøhmer Paulsen", BODYL), Paragraph("Dyrøyveien 881", BODYL),
          Paragraph("9311 Brøstadbotn", BODYL), Spacer(1, 12 * mm)]
    hdr = ["Deres ref.:", "Vår ref.:", "Saksbehandler:", "Saksbeh. tlf.:", "Klassering:", "Dato:"]
    val = ["", "2007/1141", "Elin Meleng Blomseth", "922 02 701", "420/Bente M Paulsen", "29.03.2017"]
    t = Table([[Paragraph(h, _st("rh", fontSize=7, leading=9)) for h in hdr],
               [Paragraph(v, CELL) for v in val]],
              colWidths=[22 * mm, 24 * mm, 36 * mm, 24 * mm, 36 * mm, 24 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    fl += [t, Spacer(1, 10 * mm), Paragraph("Oppsigelse av stilling", H2),
           P("Viser til oppsigelse av 22.03.17.", BODY),
           P("Oppsigelse av 100% fast førstesekretærstilling på skole/sfo og PLO, og tidligere også på "
             "barnehage, kultur og servicetorg tas til etterretning.", BODY),
           P("Oppsigelsestiden i faste stillinger er 3 mnd. Arbeidsforholdet opphører 30.06.2017.", BODY),
           P("Vi takker for den tiden du har vært ansatt i Dyrøy kommune.", BODY),
           Spacer(1, 4 * mm), Paragraph("Med hilsen", BODYL), Spacer(1, 6 * mm),
           Paragraph("Elin Meleng Blomseth", BODYL), Paragraph("enhetsleder personal og servicetorg", BODYL),
           Spacer(1, 8 * mm), Paragraph("Intern kopi til:", CELLB)]
    for n in ("Tove Utmo", "May-Elin Hals", "May Anne Ludvigsen", "Erla Sverdrup"):
        fl.append(Paragraph(n, CELL))
    fl += [Spacer(1, 6 * mm),
           Paragraph("Dette dokumentet er godkjent elektronisk og krever ikke signatur.", _st("i", fontName=FI, fontSize=8)),
           PageBreak(), reset()]
    return fl


def saksframlegg_head(arkiv, mappe, sbh, dato, tittel, saksgang, vedlegg):
    info = Table([[Paragraph(k, SMALL), Paragraph(v, CELL)] for k, v in
                  (("Arkiv:", arkiv), ("Saksmappe:", mappe), ("Saksbehandler:", sbh), ("Dato:", dato))],
                 colWidths=[27 * mm, 48 * mm], hAlign="RIGHT")
    info.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    top = Table([[letterhead(), info]], colWidths=[95 * mm, 75 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    rows = [[Paragraph(x, CELLB) for x in ("Utvalg", "Utvalgssak", "Møtedato")]]
    rows += [[Paragraph(a, CELL), Paragraph(b, CELL), Paragraph(c, CELL)] for a, b, c in saksgang]
    fl = [top, Spacer(1, 6 * mm), Paragraph("Saksframlegg", H1), Paragraph(esc(tittel), H2),
          Spacer(1, 2 * mm), ruled(rows, [80 * mm, 30 * mm, 30 * mm]), Spacer(1, 5 * mm),
          Paragraph("Vedlegg", H3)]
    fl += [Paragraph(esc(v), BODYL) for v in vedlegg]
    return fl


def ps5(pages):
    fl = [reset()]
    fl += saksframlegg_head("400", "2016/67", "Elin Meleng Blomseth", "19.05.2017",
                            "Lokal lønnspolitikk - rullering",
                            [("Administrasjonsutvalget", "5/17", "12.06.2017")],
                            ["1 lokal lønnspolitikk Dyrøy kommune"])
    fl += [Paragraph("Saksopplysninger", H3),
           P("Lokal lønnspolitikk ble vedtatt i kommunestyret 17.12.13."),
           P("Rullering: Planen skal behandles av kommunestyret i hver valgperiode. Planen rulleres annet "
             "hvert år i administrasjonsutvalget, og eventuelle endringer i HTA vil fortløpende bli tatt "
             "hensyn til og innarbeides i planen ved første rullering."),
           Paragraph("Administrasjonens vurdering", H3),
           P("Lokal lønnspolitikk har ikke vært lagt fram for rullering siden den ble vedtatt i 2013. "
             "Redaksjonelle endringer i h.h.t. Hovedtariffavtalen som følge av sentralt lønnsoppgjør er "
             "innarbeidet i planen. Endring framkommet i evalueringsmøte med fagforeningene HTV 15.11.16 "
             "er innarbeidet."),
           P("Lokal lønnspolitikk vil måtte rulleres som følge av evt. omorganisering hvor endring av "
             "stillinger og kapittel tilhørighet tas med."),
           Paragraph("Rådmannens forslag til vedtak:", H3), P(INNSTILLING_5), Spacer(1, 10 * mm)]
    sig = Table([[Paragraph("Erla Sverdrup", BODYL), Paragraph("Elin M. Blomseth", BODYL)],
                 [Paragraph("rådmann", BODYL), Paragraph("Enhetsleder personal", BODYL)]],
                colWidths=[85 * mm, 85 * mm], hAlign="LEFT")
    fl += [sig, PageBreak()]
    return fl


def plan(pages):
    fl = [State(mode=None), Spacer(1, 30 * mm), Paragraph("Dyrøy kommune", _st("c1", fontName=FB, fontSize=14, alignment=TA_CENTER)),
          Spacer(1, 20 * mm),
          Paragraph("LOKAL LØNNSPOLITIKK OG RETNINGSLINJER FOR LOKALE FORHANDLINGER 2017 og 2018", TITLE),
          Spacer(1, 30 * mm), Paragraph("Vedtatt i kommunestyret..", CENTER), Mark("plan_start"),
          PageBreak()]
    toc = _st("toc", fontSize=9.5, leading=12.5)
    first = True
    for n in range(19, 40):
        text = pages[n]
        items = []
        if n <= 21:
            if first:
                items.append(Paragraph("Innholdsfortegnelse", H2))
                text = text.replace("Innholdsfortegnelse ", "", 1)
                first = False
            for m in re.finditer(r"(.+?)(?:\.\.\.\s?|(?<=[a-zæøå])\.)(\d+)(?=\s+[A-ZÆØÅ]|\s*$)", text):
                label, num = m.group(1).strip(), m.group(2)
                bold = label.isupper()
                t = Table([[Paragraph(esc(label), _st("tl", fontName=FB if bold else F, fontSize=9.5, leading=12)),
                            Paragraph(num, _st("tn", fontSize=9.5, leading=12, alignment=TA_RIGHT))]],
                          colWidths=[150 * mm, 20 * mm])
                t.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 0 if bold else 8)]))
                items.append(t)
        else:
            for para in sentences_to_paras(text):
                for chunk in re.split(r"\b((?:[A-ZÆØÅ]{2,}[ ,/-]+){1,}[A-ZÆØÅ]{2,})\b", para):
                    chunk = chunk.strip()
                    if not chunk:
                        continue
                    if re.fullmatch(r"(?:[A-ZÆØÅ]{2,}[ ,/-]+){1,}[A-ZÆØÅ]{2,}", chunk) and chunk not in ("HTA", "KS"):
                        items.append(Paragraph(esc(chunk), H2))
                    else:
                        items.append(P(chunk))
        fl += [State(mode="plan"), KeepInFrame(170 * mm, 245 * mm, items, mode="shrink"), PageBreak()]
    return fl


class Mark(Flowable):
    def __init__(self, key):
        super().__init__()
        self.key = key

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.canv._dyroy_state[self.key] = self.canv.getPageNumber() + 0


def ps6(pages):
    fl = [reset()]
    fl += saksframlegg_head("", "2016/236", "Erla Sverdrup", "25.05.2017",
                            "Drifts og organisasjonsgjennomgang - ny organisasjonsmodell",
                            [("Formannskapet", "61/17", "07.06.2017"), ("Kommunestyret", "", "20.06.2017"),
                             ("Administrasjonsutvalget", "6/17", "12.06.2017"),
                             ("Arbeidsmiljøutvalget", "", "12.06.2017")],
                            ["1 Økonomiske beregninger - drifts og organisasjonsgjennomgang",
                             "2 Sluttrapport fra Telemarksforsking - 2016",
                             "3 Telmarksforskning rapport fase 2-2017"])
    t40 = pages[40].split("Saksopplysninger ", 1)[1]
    a, b = t40.split(" Historikk ", 1)
    fl += [Paragraph("Saksopplysninger", H3), P(a), Paragraph("Historikk", H3)]
    fl += [P(x) for x in sentences_to_paras(b, 3)]
    fl += [PageBreak(), orgchart(), PageBreak()]
    for n in range(42, 52):
        fl += [KeepInFrame(170 * mm, 250 * mm, [P(x) for x in sentences_to_paras(pages[n])], mode="shrink"),
               PageBreak()]
    t52 = pages[52]
    body, rest = t52.split(" Begrunnelse for modell B ", 1)
    bullets, _ = rest.split(" Rådmannens forslag til vedtak:", 1)
    items = [P(x) for x in sentences_to_paras(body)] + [Paragraph("Begrunnelse for modell B", H3)]
    items += [P(b.strip(), BODYL) for b in re.split(r"(?:^| )(?=- )", bullets) if b.strip()]
    items += [Paragraph("Rådmannens forslag til vedtak:", H3)] + [P(x, BODYL) for x in INNSTILLING_6]
    items += [Spacer(1, 4 * mm), Paragraph("Ordførers innstilling:", H3)]
    fl += [KeepInFrame(170 * mm, 250 * mm, items, mode="shrink"), PageBreak()]
    fl += [Paragraph("Saksprotokoll i Formannskapet - 07.06.2017", H2), Spacer(1, 3 * mm),
           Paragraph("Omforent forslag til vedtak:", H3), P(FSK_VEDTAK),
           Paragraph("Enst.vedtatt.", BODYL), Spacer(1, 3 * mm),
           Paragraph("Vedtak i Formannskapet - 07.06.2017", H3), P(FSK_VEDTAK), Spacer(1, 12 * mm)]
    sig = Table([[Paragraph("Marit Alvig Espenes", BODYL), Paragraph("Erla Sverdrup", BODYL)],
                 [Paragraph("ordfører", BODYL), Paragraph("rådmann", BODYL)]],
                colWidths=[85 * mm, 85 * mm], hAlign="LEFT")
    fl += [sig, PageBreak()]
    return fl


# --------------------------------------------------------------------------- cost tables
# Each table: title, main header (4 cols), then list of rows. A row is
#   ("H", label, c2, c3, c4)  -> sub-header row (bold, shaded)
#   (label, v2, v3, v4)       -> data row; v may be None, int, or str ("-20 %", "-")
T1_TITLE = "Beregninger i forhold til organisering - Dyrøy kommune"
T1 = [
    ("Tekst", "Antall", "Årslønn/m sos.", "Kostnad Telem."),
    ("Rådmannen, består, 100 %, årslønn kr 760.000", 1, 1049076, None),
    ("Kommunalsjefer - lønn m/sos.utg., årslønn 723.000", 3, 937792, 2813376),
    ("NY Enhetsleder rehabiliteringstjenesten 40 %, årslønn 550.000 (hj.tj.)", 1, 712336, 284936),
    ("NY Enhetsleder hjemmetjenesten 60 %, årslønn 550.000", 1, 712336, 427401),
    ("Enhetsleder sykehjem, omgjøring av en sykepl.st. - samme årsl. Jfr. i dag", 1, 731440, 206352),
    ("Enhetsleder kultur, 50 % stilling av 100 % st. består, årslønn 560.000", 1, 725286, None),
    ("Enhetsleder barnehage, 100 %, består, årslønn, 452.000", 1, 580659, None),
    ("Enhetsleder skole, rektor 100 %, består, årslønn 635.000", 1, 762359, None),
    ("Enhetsleder teknisk etat, 100 %, består, årslønn kr 600.800", 1, 771814, None),
    ("Enhetsleder personal/serv. 100 %, blir faglederst. Kr 574.500", 1, 738029, None),
    ("Enhetsleder økonomi 100 %, blir faglederst. Kr 600.000", 1, 770788, None),
    ("Sum kostnad ved innføring av Telemarksforskningens forslag til modell", None, None, 3732065),
    ("H", "Telemarksforskningens forslag til Finansiering", "%-st.", "Årslønn", "Årslønn m/sos"),
    ("Barnehagefaglig rådgiver 20 % stilling, fjernes", "-20 %", 386057, 99188),
    ("Adm. Stilling inspektør grunnskole, reduseres med 60 %", "-60 %", 551000, 396907),
    ("Merkantil stilling, 35 %, innsparing ved samling av stillinger", "-35 %", 410100, 158050),
    ("Merkantil stilling, 35 %, innsparing ved samling av stillinger", "-35 %", 410100, 158050),
    ("Kulturlederstilling 50 % reduseres ytterligere? I budsjettet er 50 % igjen", None, None, None),
    ("Folkehelsekoordinator, 30 %", "-30 %", 457200, 293669),
    ("Fagleder hjemmetjeneste, red. til 60 %", "-40 %", 494200, 256028),
    ("2 kommunalsjefstillinger i budsjett 2018-2020 finansiert", None, 819447, 1638894),
    ("Sum finansiering", None, None, 3000786),
    ("Differanse jfr. forslag av lederstruktur og finansiering", None, None, 731279),
    ("H", "Telemarksforskningens finansiering av lederstillinger", "", "Årslønn", "Årslønn m/sos"),
    ("Kommunalsjef oppvekst og kompetanse", None, 723000, 937792),
    ("Tidligere barnehagefaglig rådgiver, 20 % stilling", None, 386057, 99188),
    ("Adm. Grunnskole, inspektør 60 %", None, 551000, 396907),
    ("Merkantil stilling 35 %", None, 410100, 158050),
    ("Manglende dekning kommunalsjef oppvekst og komp.", None, None, 283647),
    ("Kommunalsjef helse og omsorg", None, 723000, 937792),
    ("Manglende dekning lønn kom.sjef Helse og omsorg", None, None, 937792),
    ("Kommunalsjef samf.utv. Og infrastruktur", None, 723000, 937792),
    ("Kulturleder 50 % stilling, kun 50 % gjenstår i budsjett av 100 % stilling", None, None, None),
    ("Merkantil stilling 35 %", None, 410100, 158050),
    ("Folkehelsekoordinator 30 %, Fysioterapi/folkehelse st.", None, 457200, 293669),
    ("Manglende dekning lønn kom.sjef Teknisk etat", None, None, 486073),
    ("Sum manglende inndekning 3 kommunalsjefer", None, None, 1707512),
    ("Økn. Lønn NY enh.ledere rehabilitering, årslønn kr 550.000", None, 712336, 284936),
    ("Økn. Lønn NY enh.leder hjemmetjeneste, årslønn kr 550.000", None, 712336, 427401),
    ("Omgj.av en sykepleierstilling til enhetslederstilling sykehjem årslønn kr 731.440", None, 731440, 206352),
    ("Finansiering - red. fra 100 % til 60 % faglederst. Hjemmetjeneste", None, 494200, 256028),
    ("Beregnet merkostnad med å innføre 2 nye enh.ledere fra fagledere", None, None, 662661),
    ("2 kommunalsjefer er budsjettert med i budsjett 2018-2020", None, 819447, 1638894),
    ("Beregnet underdekning Telemarksforsknings finansiering", None, None, 731279),
]

A1_TITLE = "Rådmannens alternativ 1 - uten kom.sjefer"
A1 = [
    ("HELÅRSVIRKNING I 2017", "Antall", "Årslønn/m sos.", "Beregning pr år"),
    ("Rådmannen, består, 100 %, årslønn kr 760.000", 1, 1049076, None),
    ("NY Assisterende rådmann, årslønn jfr. kom.sjefer kr 730.000", 1, 937792, 937792),
    ("NY Skole/barnehagefaglig rådgiver 100 %, årslønn kr 620.000", 1, 802996, 802996),
    ("NY Avdelingsleder rehabiliteringstjenesten 100 %, årslønn kr 480.000", 1, 616630, 616630),
    ("NY Avd.leder hjemmetjenesten 100 %, årslønn 525.000", 1, 679956, 679956),
    ("NY Avd.leder sykehjem 100 %, årslønn 556.000", 1, 720107, 720107),
    ("NY Enhetsleder org./øk./utviklingsavdeling, årslønn kr 650.000", 1, 841851, 841851),
    ("Økt interkom.avtale IT Sørreisa 40 % (452.600-271.560)", None, 452600, 181040),
    ("Enhetsleder sykehjemmet, består 100 % st., uendret", 1, 731440, None),
    ("Enhetsl. kultur, 50 % stilling består av 100 % st., årslønn 560.000, uendret", 1, 725286, None),
    ("Enhetsleder barnehage, 100 %, består, årslønn, 452.000, uendret", 1, 580659, None),
    ("Enhetsleder skole, rektor 100 %, består, årslønn 635.000, uendret", 1, 762359, None),
    ("Enhetsleder teknisk etat, 100 %, består, årslønn kr 600.800, uendret", 1, 771814, None),
    ("Enhetsleder personal/serv. 100 %, blir rådgiver. Årslønn Kr 574.500 består", 1, 738029, None),
    ("Sum kostnad", None, None, 4780372),
    ("H", "Finansiering", "", "Årslønn", "Årslønn m/sos"),
    ("Omgjøring vernepleierstilling 80 % til avd.led.st. 100 %", None, 447200, 459595),
    ("Omgj. Fagleder 100 % til avd.led.st 100 %, hjemmetjenesten", None, 494200, 640067),
    ("Omgj. Fagleder 100 % til avd.led.st 100 %, sykehjemmet", None, 525900, 681123),
    ("Enhetsleder økonomi 100 %, blir faglederst. Kr 600.000", 1, 600000, 770788),
    ("IT ressurs skole 40 % stilling, årslønn 498.700", None, 498700, 258359),
    ("Effektivisering merkantil (teknisk stilling inkluderes i service) = 35 %", None, 410100, 158050),
    ("Barnehagefaglig rådgiver 20 % stilling, fjernes", None, 386057, 99188),
    ("2 kommunalsjefstillinger i budsjett 2018-2020 finansiert", 2, 819447, 1638894),
    ("Sum finansiering", None, None, 4706064),
    ("Differanse jfr. forslag av lederstruktur og finansiering", None, None, 74308),
]

A2_TITLE = "Rådmannens alternativ 2 - med 2 kom.sjefer"
A2 = [
    ("HELÅRSVIRKNING", "Antall", "Årslønn/m sos.", "Beregning pr år"),
    ("Rådmannen, består, 100 %, årslønn kr 760.000", 1, 1049076, None),
    ("Kommunalsjef Helse og omsorg", 1, 937792, 937792),
    ("Kommunalsjef Kultur og oppvekst", 1, 937792, 937792),
    ("NY 100 % Avdelingsleder rehabiliteringstjenesten, årslønn kr 480.000", 1, 616630, 616630),
    ("NY Enhetsleder org./øk./utviklingsavdeling, årslønn kr 650.000", 1, 841851, 841851),
    ("Økt interkom.avtale IT Sørreisa 40 % (452.600-271.560)", None, "-", 181040),
    ("Enhetsleder kultur, 50 % stilling består, årslønn 560.000 - økes til 100 %", 1, 725286, 362643),
    ("Enhetsleder barnehage, 100 %, består, årslønn, 452.000", 1, 580659, None),
    ("Enhetsleder skole, rektor 100 %, består, årslønn 635.000", 1, 762359, None),
    ("Enhetsleder teknisk etat, 100 %, består, årslønn kr 600.800", 1, 771814, None),
    ("Enhetsleder personal/serv. 100 %, blir rådgiver. Kr 574.500 består", 1, 738029, None),
    ("Sum kostnad", None, None, 3877748),
    ("H", "Finansiering", "", "Årslønn", "Årslønn m/sos"),
    ("Omgjøring/redusering vernepleierstillinger til en avd.led.st. 100 %", None, 447200, 459595),
    ("Enhetsleder økonomi 100 %, fjernes Kr 600.000", 1, 600000, 770788),
    ("IT ressurs skole 40 % stilling, årslønn 498.700", None, 498700, 258359),
    ("Effektivisering merkantil (teknisk stilling inkluderes i service) = 35 %", None, 410100, 158050),
    ("Barnehagefaglig rådgiver 20 % stilling, fjernes", None, 386057, 99188),
    ("Enhetsleder sykehjemmet, består 100 % st. - fjernes", 1, 731440, 731440),
    ("2 kommunalsjefstillinger i budsjett 2018-2020 finansiert", 2, 819447, 1638894),
    ("Sum finansiering", None, None, 4116314),
    ("Differanse jfr. forslag av lederstruktur og finansiering", None, None, -238566),
]

A_NOTES = [
    "* Omgjøring av nåværende faglederstillinger og vernepleierstilling til avdelingslederstillingene, "
    "medfører økt lønn jfr. ansvar med kr 30.000 pr stilling.",
    "* Nåværende IKT stilling 40 % skole fjernes. Skolesektor fikk økt 50 % skolestilling budsjett 2017 "
    "Dyrøy kommune betalte for 60 % IT-tjeneste til Sørreisa i 2016 kr 271.560. Omgjort til 100 % medfører "
    "økning på kr 181.040,-.",
    "* Teknisk sekretær: Hovedområdet teknisk, men også back up sentralbord/stabsfunksjoner",
    "* Skolefaglig rådgiver 20 % st., er lagt inn budsjettet i 2017 og 2018.",
    "* 2 kommunalsjefstillinger er lagt inn i hele økonomiplanperioden 2017-2020.",
]


def _fmt(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return nok(v)


def cost_table(rows, first_col=92 * mm):  # 92+18+30+30 = 170 mm
    data, extra = [], []
    hdr = rows[0]
    data.append([Paragraph(esc(hdr[0]), CELLB)] + [Paragraph(esc(h), CELLRB) for h in hdr[1:]])
    for r in rows[1:]:
        i = len(data)
        if r[0] == "H":
            data.append([Paragraph(esc(r[1]), CELLB)] + [Paragraph(esc(h), CELLRB) for h in r[2:]])
            extra += [("BACKGROUND", (0, i), (-1, i), colors.HexColor("#e6e6e6"))]
            continue
        label = r[0]
        bold = label.startswith(("Sum ", "Differanse", "Beregnet"))
        data.append([Paragraph(esc(label), CELLB if bold else CELL)] +
                    [Paragraph(_fmt(v), CELLRB if bold else CELLR) for v in r[1:]])
    return ruled(data, [first_col, 18 * mm, 30 * mm, 30 * mm], extra=extra)


def cost_pages(pages):
    fl = [reset(), Paragraph(T1_TITLE, H2), Spacer(1, 2 * mm), cost_table(T1), PageBreak()]
    # page 55 of the seed: assumptions (text), with two small inline figure pairs
    t55 = pages[55]
    head, body = t55.split(" * ", 1)
    fl += [Paragraph(esc(head), H2)]
    for item in ("* " + body).split(" * "):
        item = item if item.startswith("* ") else "* " + item
        if item.startswith("* Teknisk sjefs"):
            a, b = item.split(" Hentet fra rapport: ", 1)
            fl += [P(a, BODYL), Paragraph("Hentet fra rapport:", H3)]
            fl += [P(x, BODYL) for x in re.split(r" (?=Kommunalsjef for |NY enhetsleder|Enhetsleder for|Øvrige)", b)]
        else:
            fl.append(P(item, BODYL))
    fl += [PageBreak(), Paragraph("565 000 359 701", BODYL), PageBreak()]
    for title, rows, extra_notes in ((A1_TITLE, A1, ["* Kulturlederstilling: vakanse i 50 % består ut økonomiperioden.",
                                                     "* En pleiestilling fra rehabilitering gjøres om til en avdelingsleder. Redusert pleieressurs."]),
                                     (A2_TITLE, A2, ["* Kulturlederstilling: vakant 50 % fjernes, slik at stillingen økes til 100 %",
                                                     "* En pleiestilling fra rehabilitering gjøres om til en avdelingsleder. Redusert pleieressurs.",
                                                     "* Med besparelse vil eventuelt benyttes til nyansettelse, f.eks. skole/rehabilitering"])):
        fl += [Paragraph(esc(title), H2), Spacer(1, 2 * mm), cost_table(rows), Spacer(1, 4 * mm)]
        fl += [P(x, _st("note", fontSize=8.5, leading=11, spaceAfter=2)) for x in A_NOTES + extra_notes]
        fl.append(PageBreak())
    fl += [Spacer(1, 40 * mm),
           Paragraph("Driftsanalyse og organisasjonsgjennomgang i Dyrøy kommune", TITLE), Spacer(1, 10 * mm),
           Paragraph("Kjetil Lie, Sondre Groven, Ole Sverre Lund (ekstern konsulent) og Helge Støren "
                     "(ekstern konsulent)", CENTER), Spacer(1, 10 * mm),
           Paragraph("TF- notat nr. 40 2016", CENTER)]
    return fl


# --------------------------------------------------------------------------- protocol
DELTAKERE_MOTTE = [("Marit Alvig Espenes", "Leder", "AP"), ("Kjell Arne Johansen", "Nestleder", "FRP"),
                   ("Ole Hansen", "Medlem", "SP"), ("Randi Strand", "Medlem", "H"),
                   ("Tone Lillevik", "Medlem", "Fagforbundet"),
                   ("Anne Berit Sørensen", "Medlem", "Utdanningsforbundet")]
DELTAKERE_FORFALL = [("Bjørn Kristiansen", "Medlem", "SV")]
DELTAKERE_VARA = [("Svein Olav Mikalsen", "Bjørn Kristiansen", "SV")]
DELTAKERE_ADM = [("Erla Sverdrup", "Rådmann"), ("Elin Meleng Blomseth", "Enhetsleder personal")]
HANSEN_FORSLAG = ("Administrasjonsutvalget slutter seg til formannskapets vedtak av 07.06.2017: "
                  "Styringsgruppa anbefaler fortsatt en modell med tre sektorområder, og ber "
                  "administrasjonen om å kvalitetssikre de økonomiske beregningene som foreligger "
                  "av den modellen.")


def protokoll_story():
    rows = [["Utvalg:", "Administrasjonsutvalget"], ["Møtested:", "Kommunehuset, møterom 2"],
            ["Dato:", "12.06.2017"], ["Tidspunkt:", "10:00 - 12:15"]]
    t = Table([[Paragraph(a, CELLB), Paragraph(b, _st("fv2", fontSize=11, leading=14))] for a, b in rows],
              colWidths=[30 * mm, 120 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    fl = [letterhead(), Spacer(1, 8 * mm), Paragraph("Møteprotokoll", TITLE), Spacer(1, 6 * mm), t,
          Spacer(1, 6 * mm)]

    def att(title, head, rows):
        data = [[Paragraph(h, CELLB) for h in head]] + [[Paragraph(esc(c), CELL) for c in r] for r in rows]
        return [Paragraph(title, H3), ruled(data, [60 * mm, 55 * mm, 55 * mm]), Spacer(1, 3 * mm)]

    fl += att("Følgende faste medlemmer møtte:", ("Navn", "Funksjon", "Representerer"), DELTAKERE_MOTTE)
    fl += att("Følgende medlemmer hadde forfall:", ("Navn", "Funksjon", "Representerer"), DELTAKERE_FORFALL)
    fl += att("Følgende varamedlemmer møtte:", ("Navn", "Møtte for", "Representerer"), DELTAKERE_VARA)
    fl += [Paragraph("Fra administrasjonen møtte:", H3),
           ruled([[Paragraph(h, CELLB) for h in ("Navn", "Stilling")]] +
                 [[Paragraph(a, CELL), Paragraph(b, CELL)] for a, b in DELTAKERE_ADM], [60 * mm, 110 * mm]),
           Spacer(1, 5 * mm),
           P("Innkalling og saksliste ble godkjent. Det ble ikke meldt inhabilitet i noen saker.", BODY),
           PageBreak()]

    # saksliste as in the innkalling
    fl += [Paragraph("Saksliste", H2)]
    head = [Paragraph(x, CELLB) for x in ("Saksnr", "Innhold", "Lukket", "Arkivsaksnr")]
    rows = [head] + [[Paragraph(a, CELL), Paragraph(esc(b), CELL), "", Paragraph(c, CELL)] for a, b, c in SAKER]
    fl += [ruled(rows, [26 * mm, 96 * mm, 18 * mm, 30 * mm]), Spacer(1, 6 * mm)]

    fl += [Paragraph("PS 4/17 Referatsak", H2)]
    for nr, tit, ark in SAKER[1:9]:
        fl.append(Paragraph(f"{nr} {esc(tit)} ({ark})", BODYL))
    fl += [Paragraph("Behandling:", H3), P("Referatsakene ble gjennomgått. Ingen merknader.", BODY),
           Paragraph("Votering:", H3), Paragraph("Enstemmig vedtatt.", BODYL),
           Paragraph("Vedtak:", H3), P("Referatsakene tas til orientering.", BODY), Spacer(1, 4 * mm)]

    fl += [CondPageBreak(60 * mm), Paragraph("PS 5/17 Lokal lønnspolitikk - rullering", H2),
           Paragraph("Arkivsaksnr: 2016/67", BODYL),
           Paragraph("Rådmannens forslag til vedtak:", H3), P(INNSTILLING_5),
           Paragraph("Behandling:", H3),
           P("Enhetsleder personal Elin Meleng Blomseth orienterte om endringene i planen. "
             "Rådmannens forslag til vedtak ble satt opp til votering.", BODY),
           Paragraph("Votering:", H3), Paragraph("Enstemmig vedtatt.", BODYL),
           Paragraph("Vedtak:", H3), P(INNSTILLING_5), Spacer(1, 4 * mm)]

    fl += [CondPageBreak(80 * mm),
           Paragraph("PS 6/17 Drifts og organisasjonsgjennomgang - ny organisasjonsmodell", H2),
           Paragraph("Arkivsaksnr: 2016/236", BODYL),
           Paragraph("Rådmannens forslag til vedtak:", H3)] + [P(x, BODYL) for x in INNSTILLING_6]
    fl += [Paragraph("Behandling:", H3),
           P("Rådmannen orienterte om saken og om vedtaket i formannskapet 07.06.2017.", BODY),
           P("Ole Hansen (SP) fremmet følgende forslag:", BODY),
           P("«" + HANSEN_FORSLAG + "»", BODY),
           Paragraph("Votering:", H3),
           P("Det ble votert alternativt mellom rådmannens forslag til vedtak og forslaget fra Ole Hansen (SP). "
             "Rådmannens innstilling ble vedtatt med 5 mot 2 stemmer. Forslaget fra Ole Hansen fikk 2 "
             "stemmer og falt.", BODY),
           Paragraph("Vedtak:", H3)] + [P(x, BODYL) for x in INNSTILLING_6]
    tail = [Spacer(1, 8 * mm),
           P("Vi bekrefter med våre underskrifter at det som er ført i møteprotokollen er i samsvar med det "
             "som ble vedtatt på møtet.", BODY), Spacer(1, 10 * mm)]
    sig = Table([["_______________________"] * 3,
                 [Paragraph(n, CELL) for n in ("Marit Alvig Espenes", "Kjell Arne Johansen", "Ole Hansen")],
                 [Paragraph(n, CELL) for n in ("ordfører", "", "")]],
                colWidths=[57 * mm] * 3, hAlign="LEFT")
    fl.append(KeepTogether(tail + [sig]))
    return fl


# --------------------------------------------------------------------------- scan
def make_scan(src_pdfs: list[tuple[Path, list[int]]], out: Path, dpi: int = 200) -> None:
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    rng = random.Random(20170612)
    c = Canvas(str(out), pagesize=A4, invariant=1)
    c.setAuthor("")
    c.setCreator("Canon iR-ADV C5535")
    k = 0
    for path, idx in src_pdfs:
        pdf = pdfium.PdfDocument(str(path))
        for i in idx:
            img = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if k == 1:
                img = img.rotate(0.5, resample=Image.BICUBIC, expand=False, fillcolor=255)
            # light scanner noise: sparse dark specks and slight blur, deterministic
            px = img.load()
            w, h = img.size
            for _ in range(2500):
                x, y = rng.randrange(w), rng.randrange(h)
                px[x, y] = rng.randrange(90, 200)
            img = img.filter(ImageFilter.GaussianBlur(0.4))
            buf = io.BytesIO()
            img.save(buf, format="JPEG", quality=72, optimize=False)
            buf.seek(0)
            c.drawImage(ImageReader(buf), 0, 0, width=W, height=H)
            c.showPage()
            k += 1
        pdf.close()
    c.save()


# --------------------------------------------------------------------------- build
def build(korpus_dir: Path) -> list[Path]:
    korpus_dir = Path(korpus_dir)
    pages = load_pages()
    out = []

    p1 = korpus_dir / f"{PREFIX}sakspapirer.pdf"
    story = front_page() + saksliste() + referatsaker() + ps5(pages) + plan(pages) + ps6(pages) + cost_pages(pages)
    Doc(p1, title="Møteinnkalling Administrasjonsutvalget 12.06.2017").build(story)
    out.append(p1)

    p2 = korpus_dir / f"{PREFIX}innkalling.pdf"
    st = front_page() + saksliste()
    st.pop()  # no trailing page break
    Doc(p2, title="Møteinnkalling Administrasjonsutvalget 12.06.2017").build(st)
    out.append(p2)

    p3 = korpus_dir / f"{PREFIX}protokoll.pdf"
    Doc(p3, title="Møteprotokoll Administrasjonsutvalget 12.06.2017").build(protokoll_story())
    out.append(p3)

    p4 = korpus_dir / f"{PREFIX}innkalling_skannet.pdf"
    make_scan([(p2, [0, 1]), (p1, [16])], p4)
    out.append(p4)

    p5 = korpus_dir / f"{PREFIX}protokoll_skannet.pdf"
    make_scan([(p3, [0, 1, 2])], p5)
    out.append(p5)
    return out
