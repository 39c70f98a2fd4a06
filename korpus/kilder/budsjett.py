"""Budget documents for the korpus (Framsikt-like and Word-exported layouts).

Builds five PDFs into korpus/:

* kragero_stab_og_stotte_2018.pdf      -- Kragerø, Stab og støtte, budsjett 2018 (seed 003)
* kommune_okonomiplan_2025_2028.pdf    -- Levanger, Framsikt-style økonomiplan excerpt (invented)
* balsfjord_tiltakspakke4.pdf          -- Balsfjord, oversikt tiltakspakke 4 (seed 000)
* levanger_gevinstrealisering_2024.pdf -- Levanger, notat 18.03.2024 (seed 004)
* baerum_vernetjeneste_2023.pdf        -- Bærum, vernetjenestens kommentarer (seed 001)

Every table is ONE data structure (``Tab``) that is used for drawing.  The gold
files are written separately (``python -m korpus.kilder.budsjett --gull``): that
step reads the finished PDFs with pdfplumber, finds every cost cell in the
extracted text, parses the printed number and records the page it is on.

The font is Bitstream Vera as shipped inside reportlab (æøå, «», U+2212), so a
rebuild is byte-identical on any machine (reportlab invariant mode).
"""
from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import reportlab
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, KeepTogether,
                                NextPageTemplate, PageBreak, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)

rl_config.invariant = 1

MINUS = "\u2212"
NBSP = "\u00a0"

# --------------------------------------------------------------------------- fonts

_FONTS_DONE = False


def _fonts() -> None:
    global _FONTS_DONE
    if _FONTS_DONE:
        return
    d = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    for name, f in [("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf"),
                    ("Vera-Italic", "VeraIt.ttf"), ("Vera-BoldItalic", "VeraBI.ttf")]:
        pdfmetrics.registerFont(TTFont(name, os.path.join(d, f)))
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="Vera-Bold",
                                  italic="Vera-Italic", boldItalic="Vera-BoldItalic")
    _FONTS_DONE = True


_fonts()

# --------------------------------------------------------------------------- numbers


def _group(n: int, sep: str) -> str:
    s = str(abs(int(n)))
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


def f_space(v, sep=" ") -> str:
    """33 532 742 / -179 883"""
    return ("-" if v < 0 else "") + _group(v, sep)


def f_nbsp(v) -> str:
    return f_space(v, NBSP)


def f_paren(v) -> str:
    """(12 500) for negatives, accounting style"""
    return f"({_group(v, ' ')})" if v < 0 else _group(v, " ")


def f_dot(v) -> str:
    """1.049.076"""
    return ("-" if v < 0 else "") + _group(v, ".")


def f_krdash(v) -> str:
    """kr 238.500,-"""
    return f"kr {_group(v, '.')},-"


def f_dec(v, nd=1, minus="-") -> str:
    s = f"{abs(v):.{nd}f}".replace(".", ",")
    return (minus if v < 0 else "") + s


def f_pct(v, nd=1, minus="-") -> str:
    return f_dec(v, nd, minus) + " %"


def f_pct_u(v) -> str:
    """7,5 % / −2,3 % (U+2212)"""
    return f_pct(v, 1, MINUS)


def f_int(v) -> str:
    return str(int(v))


# --------------------------------------------------------------------------- tables


@dataclass
class Row:
    label: str
    cells: list                      # number | None (blank) | str (printed text, not a number)
    kostra: str = ""
    unit: str | None = None          # overrides Tab.unit for this row
    fmt: Callable | None = None      # overrides Tab.fmt for this row
    bold: bool = False


@dataclass
class Tab:
    title: str                       # caption as printed
    unit: str                        # kr | 1000 kr | mill kr | % | antall
    header: list                     # header rows as printed (list of lists of str)
    columns: list                    # gold column names, one per value column
    rows: list
    fmt: Callable = f_space
    colwidths: list | None = None
    style: str = "grid"              # grid | plain | framsikt | word
    spans: list = field(default_factory=list)   # ((c0,r0),(c1,r1)) in header
    cost: bool = True
    repeat: int = 0                  # header rows repeated on a new page
    font_size: float = 9
    label_align: str = "LEFT"

    def printed(self, row: Row, i: int) -> str:
        v = row.cells[i]
        if v is None:
            return ""
        if isinstance(v, str):
            return v
        return (row.fmt or self.fmt)(v)

    def unit_of(self, row: Row) -> str:
        return row.unit or self.unit


def _cellstyle(size, bold=False, align=TA_LEFT):
    return ParagraphStyle("c", fontName="Vera-Bold" if bold else "Vera", fontSize=size,
                          leading=size * 1.22, alignment=align)


def draw(t: Tab) -> Table:
    nh = len(t.header)
    data = []
    hcol = colors.white if t.style == "framsikt" else colors.black
    wide = {(c0, r0) for (c0, r0), (c1, r1) in t.spans if c1 > c0}

    def halign(c, r):
        return TA_LEFT if c == 0 else (TA_CENTER if (c, r) in wide else TA_RIGHT)

    for r, hr in enumerate(t.header):
        data.append([Paragraph(h, ParagraphStyle("h", parent=_cellstyle(t.font_size, True, halign(c, r)),
                                                 textColor=hcol))
                     if h else "" for c, h in enumerate(hr)])
    for row in t.rows:
        lab = Paragraph(row.label, _cellstyle(t.font_size, row.bold))
        cells = [t.printed(row, i) for i in range(len(row.cells))]
        data.append([lab] + cells)
    tbl = Table(data, colWidths=t.colwidths, repeatRows=t.repeat)
    cmds = [
        ("FONTNAME", (0, 0), (-1, -1), "Vera"),
        ("FONTSIZE", (0, 0), (-1, -1), t.font_size),
        ("LEADING", (0, 0), (-1, -1), t.font_size * 1.22),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for (c0, r0), (c1, r1) in t.spans:
        cmds.append(("SPAN", (c0, r0), (c1, r1)))
        if r1 > r0:
            cmds.append(("VALIGN", (c0, r0), (c1, r1), "BOTTOM"))
        if c1 > c0:
            cmds.append(("ALIGN", (c0, r0), (c1, r1), "CENTER"))
    for i, row in enumerate(t.rows):
        if row.bold:
            cmds.append(("FONTNAME", (1, nh + i), (-1, nh + i), "Vera-Bold"))
    if t.style == "grid" or t.style == "word":
        cmds += [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
        if t.style == "word":
            cmds += [("BACKGROUND", (0, 0), (-1, nh - 1), colors.HexColor("#D9E2F3"))]
    elif t.style == "framsikt":
        blue = colors.HexColor("#1F4E79")
        cmds += [("BACKGROUND", (0, 0), (-1, nh - 1), blue),
                 ("TEXTCOLOR", (0, 0), (-1, nh - 1), colors.white),
                 ("LINEBELOW", (0, nh - 1), (-1, nh - 1), 0.8, blue),
                 ("LINEBELOW", (0, nh), (-1, -1), 0.25, colors.HexColor("#BFBFBF"))]
        for i in range(len(t.rows)):
            if i % 2 == 1:
                cmds.append(("BACKGROUND", (0, nh + i), (-1, nh + i), colors.HexColor("#F2F6FA")))
        for i, row in enumerate(t.rows):
            if row.bold:
                cmds.append(("LINEABOVE", (0, nh + i), (-1, nh + i), 0.8, blue))
    # plain: no rulings at all, columns aligned by position only
    tbl.setStyle(TableStyle(cmds))
    return tbl


# --------------------------------------------------------------------------- documents


class _Doc(BaseDocTemplate):
    def __init__(self, target, header_text, footer_fmt, **kw):
        super().__init__(target, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                         topMargin=24 * mm, bottomMargin=22 * mm, invariant=1, **kw)
        self.header_text = header_text
        self.footer_fmt = footer_fmt
        self.total = 0
        self.marks: dict = {}
        pw, ph = A4
        fp = Frame(self.leftMargin, self.bottomMargin, pw - 44 * mm, ph - 46 * mm, id="p")
        lw, lh = landscape(A4)
        fl = Frame(18 * mm, 18 * mm, lw - 36 * mm, lh - 40 * mm, id="l")
        self.addPageTemplates([
            PageTemplate("portrait", [fp], onPage=self._deco, pagesize=A4),
            PageTemplate("landscape", [fl], onPage=self._deco, pagesize=landscape(A4)),
        ])

    def _deco(self, canv, doc):
        w, h = canv._pagesize
        canv.saveState()
        canv.setFont("Vera", 8)
        if self.header_text:
            canv.drawString(18 * mm, h - 13 * mm, self.header_text)
            canv.setLineWidth(0.4)
            canv.line(18 * mm, h - 15 * mm, w - 18 * mm, h - 15 * mm)
        if self.footer_fmt:
            txt = self.footer_fmt.format(n=doc.page, total=self.total or "?")
            canv.drawRightString(w - 18 * mm, 11 * mm, txt)
        canv.restoreState()

    def afterFlowable(self, fl):
        key = getattr(fl, "_mark", None)
        if key:
            self.marks.setdefault(key, self.page)


def _render(path: Path, story_fn, header_text="", footer_fmt="", title="", author=""):
    """Two passes: the first counts pages and heading pages, the second prints them."""
    _fonts()
    buf = io.BytesIO()
    d1 = _Doc(buf, header_text, footer_fmt, title=title, author=author)
    d1.build(story_fn({}, 0))
    total, marks = d1.page, dict(d1.marks)
    d2 = _Doc(str(path), header_text, footer_fmt, title=title, author=author)
    d2.total = total
    d2.build(story_fn(marks, total))
    if d2.page != total or d2.marks != marks:
        raise RuntimeError(f"{path.name}: layout changed between passes")
    return path


def _styles(base=10.0, face="Vera"):
    s = {}
    s["body"] = ParagraphStyle("body", fontName=face, fontSize=base, leading=base * 1.35,
                               spaceAfter=base * 0.6)
    s["small"] = ParagraphStyle("small", parent=s["body"], fontSize=base - 1.5,
                                leading=(base - 1.5) * 1.3, spaceAfter=2)
    s["right"] = ParagraphStyle("right", parent=s["small"], alignment=TA_RIGHT)
    s["h1"] = ParagraphStyle("h1", fontName="Vera-Bold", fontSize=base + 3, leading=(base + 3) * 1.3,
                             spaceBefore=base, spaceAfter=base * 0.6)
    s["h2"] = ParagraphStyle("h2", fontName="Vera-Bold", fontSize=base + 1, leading=(base + 1) * 1.3,
                             spaceBefore=base * 0.8, spaceAfter=base * 0.4)
    s["h3"] = ParagraphStyle("h3", fontName="Vera-Bold", fontSize=base, leading=base * 1.3,
                             spaceBefore=base * 0.6, spaceAfter=base * 0.3)
    s["title"] = ParagraphStyle("title", fontName="Vera-Bold", fontSize=base + 8,
                                leading=(base + 8) * 1.25, spaceAfter=base)
    s["cap"] = ParagraphStyle("cap", fontName="Vera-Bold", fontSize=base - 0.5,
                              leading=(base - 0.5) * 1.3, spaceBefore=4, spaceAfter=3)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], leftIndent=14, bulletIndent=3, bulletFontName=face,
                                 spaceAfter=base * 0.3)
    return s


def _mark(fl, key):
    fl._mark = key
    return fl


def _bullets(items, st):
    return [Paragraph(t, st["bullet"], bulletText="•") for t in items]


def _paras(text: str, st, style="body"):
    return [Paragraph(p.strip(), st[style]) for p in text.strip().split("\n\n") if p.strip()]


# =========================================================================== 1 Kragerø

K_KOSTRA = [
    # label, inntekter 2018, utgifter 2018, netto 2018 (seed), netto 2017
    ("120/180/190 Administrasjon, fellesutgifter kommunen og interne serviceenheter", "120/180/190",
     -4812350, 38345092, 33532742, 29874120),
    ("20/21 Skole og barnehagetjenester", "20/21", -112000, 947972, 835972, 812440),
    ("23/24 Helse- og omsorgsrelaterte funksjoner", "23/24", -254600, 2822815, 2568215, 2301978),
    ("283 Bistand til etablering av egen bolig", "283", -1186500, 2637504, 1451004, 1198310),
    ("383 Musikk- og kulturskoler", "383", None, 20687, 20687, 19950),
    ("870 Renter/utbytte og lån", "870", -179883, None, -179883, -119386),
]

K_AVD = [
    ("Serviceavdelingen", 7686054),
    ("Personalavdelingen", 13743164),
    ("Økonomiavdelingen", 2059886),
    ("Skatteoppkreverkontoret", 1558920),
    ("IKT avdelingen", 6644259),
    ("Kommunalsjef og stabsfunksjon", 3622454),
    ("Felleskostnader (hele kommunen)", 2914000),
]


def _sum(vals):
    vals = [v for v in vals if v is not None]
    return sum(vals)


def kragero_tables() -> dict:
    T = {}
    T["nokkel"] = Tab(
        title="Nøkkeltall for kommunalområdet",
        unit="antall",
        header=[["", "2018", "2017"]],
        columns=["2018", "2017"],
        rows=[
            Row("Økonomisk ramme", [38.2, 34.1], unit="mill kr", fmt=lambda v: f_dec(v) + " mill"),
            Row("Virksomheter (avdelinger)", [5, 5], fmt=f_int),
            Row("Ansatte", [32.30, 32.34], fmt=lambda v: f_dec(v, 2)),
            Row("Særskilte årsspesifikke driftstiltak", [15, 14], fmt=f_int),
            Row("Ansvar/deltakelse i investeringsprosjekter", [19, 22], fmt=f_int),
            Row("Iverksettelse-/utredelse verbalforslag i budsjettvedtak", [4, 4], fmt=f_int),
            Row("Tiltak knyttet til mål i budsjettdokumentet", ["5 mål/14 tiltak", "6 mål/20 tiltak"]),
        ],
        colwidths=[95 * mm, 30 * mm, 30 * mm],
        style="plain", font_size=9.5,
    )
    rows = [Row(l, [i, u, n, n17], kostra=k) for l, k, i, u, n, n17 in K_KOSTRA]
    sums = [_sum(r.cells[c] for r in rows) for c in range(4)]
    assert sums[2] == 38228737, sums
    assert sums[0] + sums[1] == sums[2]
    assert round(sums[3] / 1e6, 1) == 34.1
    for r in rows:
        i, u, n, _ = r.cells
        assert (i or 0) + (u or 0) == n
    rows.append(Row("Områdets ramme 2018 fordelt på grupper av kostrafunksjoner", sums, bold=True))
    T["kostra"] = Tab(
        title="Områdets ramme 2018 fordelt på kostragruppefunksjoner",
        unit="kr",
        header=[["", "2018", "", "", "2017"], ["", "Inntekter", "Utgifter", "Netto ramme", "Netto ramme"]],
        columns=["2018 / Inntekter", "2018 / Utgifter", "2018 / Netto ramme", "2017 / Netto ramme"],
        rows=rows,
        spans=[((1, 0), (3, 0))],
        colwidths=[70 * mm, 24 * mm, 24 * mm, 24 * mm, 24 * mm],
        style="word", font_size=8,
    )
    arows = [Row(l, [None, None, n]) for l, n in K_AVD]
    s = _sum(r.cells[2] for r in arows)
    assert s == 38228737
    arows.append(Row("Områdets ramme 2018 fordelt på avdelinger", [None, None, s], bold=True))
    T["avd"] = Tab(
        title="Områdets ramme 2017 fordelt på avdelinger",
        unit="kr",
        header=[["", "Inntekter", "Utgifter", "Netto ramme"]],
        columns=["Inntekter", "Utgifter", "Netto ramme"],
        rows=arows,
        colwidths=[75 * mm, 27 * mm, 27 * mm, 29 * mm],
        style="grid", font_size=9, repeat=1,
    )
    T["ikt"] = Tab(
        title="Investeringsprosjekter som styres av IKT avdelingen",
        unit="mill kr",
        header=[["Prosjekt", "Ramme 2018"]],
        columns=["Ramme 2018"],
        rows=[
            Row("15022 IKT sikkerhet", [0.4]),
            Row("15031 Oppgradering serverpark 2018-2021", [1.2]),
            Row("15032 IAM (Identitetshåndteringssystem)", [0.6]),
        ],
        fmt=lambda v: f_dec(v) + " mill. kr",
        colwidths=[95 * mm, 35 * mm],
        style="plain", font_size=9.5,
    )
    T["mal"] = Tab(  # text table, no cost cells
        title="Mål og tiltak 2018", unit="", cost=False,
        header=[["MÅL 2018 - 2021", "Tiltak"]], columns=["Tiltak"],
        rows=[
            Row("Kommunens tjenesteyting baserer seg på en sunn og bærekraftig økonomi",
                [Paragraph("1. Langsiktig gjeld i prosent av brutto driftsinntekter skal hvert år nærme seg "
                           "gjennomsnittsverdiene for kommunegruppe 8 og være lik gjennomsnittet i 2020<br/>"
                           "2. Netto driftsresultat skal minst være på anbefalte 1,75 % til disposisjonsfondet "
                           "har nådd en størrelse på 5 % av brutto driftsinntekter.", _cellstyle(8.5))]),
            Row("Kragerø kommunes ansatte har i tråd med nasjonale krav kompetanse til å møte innbyggernes "
                "fremtidige behov",
                [Paragraph("1. Definere kompetansbehov/-krav i organisasjonen<br/>"
                           "2. Økt fokus på systematisk jobbing med rekrutteringsprosessen<br/>"
                           "3. Implementere revidert Strategisk kompetanseplan<br/>"
                           "4. Økt bruk av elæring", _cellstyle(8.5))]),
            Row("Andel ansatte i deltidsstillinger går ned",
                [Paragraph("1. Jobbe systematisk og på tvers av avdelinger og kommunalområder<br/>"
                           "2. Følge opp «Heltidskultur» innen helse og omsorgstjenester (jf verbalforslag)<br/>"
                           "3. Utrede/vurdere alternative arbeidstidsordninger.<br/>"
                           "4. Utrede bruk av vikarpool", _cellstyle(8.5))]),
            Row("Kragerø kommune benytter elektronisk kommunikasjon som den viktigste kanal for informasjon "
                "og kommunikasjon med publikum og samarbeidspartnere",
                [Paragraph("1. Kommunikasjonstrategi for Kragerø kommune 2018-2021 er ferdigstilt<br/>"
                           "2. Nye og flere elektoniske skjema for innbyggerne (søknader etc.) som går "
                           "elektronisk inn i kommunens datasystemer", _cellstyle(8.5))]),
            Row("Kragerø kommune har et velfungerende overordnet beredskapssyst",
                [Paragraph("1. Fra 2018 innføres det 3 felles beredskapsdager i kommunen. Alle virksomheter "
                           "skal i løpet av dagene gjennomføre ROS/revisjon av planverk og øvelser. "
                           "Kompetansehevingstiltak og møte i Beredskapsråd inngår i dagene.<br/>"
                           "2. Antall medarbeidere i Serviceavdelingen som behersker det elektroniske "
                           "meldingssystemet i forbindelse med beredskap med Fylkesmannen utvides",
                           _cellstyle(8.5))]),
        ],
        colwidths=[62 * mm, 104 * mm], style="grid", font_size=8.5, repeat=1,
    )
    T["verbal"] = Tab(  # text table, no cost cells
        title="Vedtatte verbalforslag 2018", unit="", cost=False,
        header=[["Nr", "Ordlyd i verbalforslag", "Kommentar"]], columns=[],
        rows=[
            Row("8", [Paragraph("Innovasjonsfond for ansatte i Kragerø kommune<br/>Kragerø kommunestyre ber "
                                "rådmannen legge frem en sak vedrørende finansiering og retningslinjer for bruk "
                                "av et Innovasjonsfond for ansatte i Kragerø kommune", _cellstyle(8.5)), ""]),
            Row("18", [Paragraph("Kragerø kommune søker å iverksette tiltak som «Alle kan bo» med særlig fokus "
                                 "på områder i kommunen der personer som sliter med rus eller psykiske "
                                 "utfordringer lever tett på hverandre. Kirkens bymisjon kan være ideell partner "
                                 "i denne sammenheng.", _cellstyle(8.5)), "Oversendes HFO"]),
            Row("19", [Paragraph("Kommunestyret ber Rådmannen legge frem en sak om HMS arbeidet/status i "
                                 "kommunen og med forslag om mulige forbedringer", _cellstyle(8.5)),
                       Paragraph("Oversendes Administrasjonsutvalget", _cellstyle(8.5))]),
            Row("20", [Paragraph("Kommunestyret ber Rådmannen legge frem en sak og oversikt over kommunens "
                                 "totale bruk av eksterne konsulenter, og en plan for hvordan dette kan "
                                 "reduseres", _cellstyle(8.5)), ""]),
        ],
        colwidths=[12 * mm, 112 * mm, 42 * mm], style="grid", font_size=8.5, repeat=1,
    )
    return T


def _draw_text_table(t: Tab) -> Table:
    """Tables whose cells are paragraphs (no numbers to align)."""
    data = [[Paragraph(h, _cellstyle(t.font_size, True)) for h in t.header[0]]]
    for r in t.rows:
        data.append([Paragraph(r.label, _cellstyle(t.font_size))] + list(r.cells))
    tbl = Table(data, colWidths=t.colwidths, repeatRows=t.repeat)
    tbl.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                             ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("FONTNAME", (0, 0), (-1, -1), "Vera"),
                             ("FONTSIZE", (0, 0), (-1, -1), t.font_size),
                             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E2F3"))]))
    return tbl


K_GAP = 76  # pushes table 2.0.1 so that it runs over two pages (header repeated)


def build_kragero(out: Path) -> Path:
    T = kragero_tables()

    def story(marks, total):
        st = _styles(10)
        s = []
        s.append(Paragraph("Handlingsplan 2018 – Stab og støtte", st["title"]))
        s.append(Paragraph("1 INNLEDNING", st["h1"]))
        s += _paras("""
Kommunestyret har vedtatt den økonomiske rammen for kommunalområdet. Hovedutvalget vedtar fordelingen på
kostrafunksjoner eller grupper av kostrafunksjoner. Øvrige budsjettendringer skjer administrativt gjennom året.

Kommunestyret har vedtatt kommunens mål for 2018-2021. Hovedutvalget vedtar kommunalområdets tiltak knyttet
til målene.

Kommunalsjefens innstilling vil være:""", st)
        s += _bullets(["Budsjettet på grupper av kostrafunksjoner vedtas (tabell 2.0)",
                       "Foreslåtte tiltak for å nå kommunes mål vedtas (kapittel 4 kolonne 2)"], st)
        s += _paras("""Kommunalområdets vedtatte handlingsplan danner grunnlaget for hva det blir rapportert
på i tertialrapportene gjennom året.""", st)
        s.append(Paragraph("2 KOMMUNALOMRÅDETS ØKONOMISKE RAMME, ØVRIGE NØKKELTALL OG ARBEIDSOPPGAVER",
                           st["h1"]))
        s.append(Paragraph(T["nokkel"].title, st["cap"]))
        s.append(draw(T["nokkel"]))
        s.append(Spacer(1, 6))
        s += _paras("""I tillegg administreres/lønnes de 8 lærlingene i kommunen av Stab og støtte (ikke
medtatt i antall ansatte).""", st)
        s.append(PageBreak())
        s.append(Paragraph("2.0 Fordeling av økonomisk ramme på kostrafunkasjoner eller grupper av "
                           "kostrafunksjoner", st["h2"]))
        s.append(Paragraph(T["kostra"].title, st["cap"]))
        s.append(draw(T["kostra"]))
        s.append(Spacer(1, 8))
        s += _paras("""
I KOSTRA er utgangspunktet at kommunenes oppgaver og ressursbruk relateres til dekning av innbyggernes behov.
Begrepet funksjon fokuserer på hvilke type behov tjenestene skal dekke og hvilke grupper disse tjenestene
primært henvender seg til. Funksjonsbegrepet er derfor uavhengig av hvilke typer tjenester kommunen har
etablert og hvordan tjenesten er organisert.

Da en del kostrafunksjoner er nær knyttet til hverandre, er nærliggende funksjoner knyttet sammen til grupper
av kostrafunksjoner. Inntekter er vist med negativt fortegn.

Her kan det leses mer om KOSTRA funksjoner, side 13-43 : Kostraveilederen 2018

Kommunalområdet har gjennom vedtatt Budsjett 2018 og Økonomiplan 2018-2021 fått bevilget mellom
400 – 600 000 til kommunens arbeid med digitalisering og gjennomføring av «Kragerø kommunes
digitaliseringsstrategi 2016 – 2019». Rammen for 2018 er fordelt på avdelingene i kommunalområdet slik
tabellen nedenfor viser. Felleskostnader for hele kommunen, blant annet forsikringer, lisenser og
kontingenter, budsjetteres samlet under Stab og støtte.""", st)
        s.append(Paragraph("2.0.1 Økonomisk ramme fordelt på avdelinger i kommunalområdet", st["h2"]))
        s += _paras("""Tabellen under viser rammen fordelt på de fem avdelingene i kommunalområdet, kommunalsjef
og stabsfunksjon og felleskostnader for hele kommunen. Fordelingen er gjort på grunnlag av vedtatt budsjett
2018, og endringer gjennom året vil bli rapportert i tertialrapportene. Inntekter og utgifter er ikke
spesifisert per avdeling; tabellen viser netto ramme.""", st)
        s.append(Spacer(1, K_GAP))
        s.append(Paragraph(T["avd"].title, st["cap"]))
        s.append(draw(T["avd"]))
        s.append(Spacer(1, 8))
        s.append(Paragraph("3 SÆRSKILTE DRIFTSTILTAK 2018", st["h1"]))
        s += _paras("""
Med særskilte driftstiltak menes arbeid og oppgaver utover de faste oppgavene. Det kan være spesielle
satsningområder, dreining av tjenestetilbudet eller utviklingsarbeid. Elementer av slike ting vil alltid ligge
i de ordinære arbeidsoppgavene, men trekkes frem her for å øke fokuset på disse gjennom rapporteringen i 2018.
Implisitt vil det å jobbe på tvers av avdelingene og således samordne ressursene bedre være et fokusområde.""",
                    st)
        s.append(Paragraph("3.0 Særskilte driftstiltak innenfor hele kommunalområdet", st["h2"]))
        s += _paras("""Kommunalområdet vil se på og arbeide med følgende overordnede tiltak innenfor
kommunalområdet i 2018:""", st)
        s.append(Paragraph("Forbedringsmuligheter", st["h3"]))
        s += _paras("""Kommunalsjef og stabsfunksjonen iverksetter gjennomgang med alle 5 avdelingene i
kommunalområdet et arbeid med å se på mulige forbedringsområder. Identifiserte forbedringsområder «angripes»
gjennom opprettelse av arbeidsgrupper/prosjektgrupper med Stein-Ove som leder. I arbeidet vil kjente teknikker
som Lean og «lærende organisasjon» kunne benyttes. Implisitt vil det å jobbe på tvers av avdelingene og således
samordne ressursene bedre, være et fokusområde.""", st)
        s.append(Paragraph("Vurdere serviceavdelingens (eksklusiv dokumentsenteret og politisk sekretariat) "
                           "arbeidsoppgaver", st["h3"]))
        s += _paras("""I lys av ny organisering med kommunalområder som i varierende grad har sin egen
stabsfunksjon, bør den tidligere servicesenterets arbeidsoppgaver ses på. Arbeidsoppgavene må også vurderes opp
mot den omfattende digitaliseringen som skjer både i i kommunen og samfunnet, og at det i dag ligger oppgaver av
historiske årsaker tilbake i tid, og som i dag kanskje kan løses annerledes.""", st)
        s.append(Paragraph("Digitalisering", st["h3"]))
        s += _paras("""Kommunalområdet har gjennom vedtatt Budsjett 2018 og Økonomiplan 2018-2021 fått bevilget
mellom 400 – 600 000 til kommunens arbeid med digitalisering og gjennomføring av «Kragerø kommunes
digitaliseringsstrategi 2016 – 2019. Det arbeides med forskjellige løsninger på hvorledes dette arbeidet
organiseres, men det vil ikke ligge klart før Handlingsplan 2018 skal vedtas.""", st)
        s.append(Paragraph("3.1 Særskilte driftstiltak innenfor avdelingene", st["h2"]))
        s.append(Paragraph("IKT avdelingen", st["h3"]))
        s += _paras("""Avdelingen er tillagt ansvaret for den daglige operasjonelle arbeide knyttet til
kommunens vedtatte digitaliseringsstrategi.

I tillegg til en rekke investeringsprosjekter ( ca 20) hvor IKT har en nøkkelrolle eller må bidra med ressurser
og kompetanse, er det i 2018 følgende investeringsprosjekter som styres fullt ut fra avdelingens side:""", st)
        s.append(KeepTogether([Paragraph(T["ikt"].title, st["cap"]), draw(T["ikt"])]))
        s.append(Spacer(1, 8))
        s.append(Paragraph("Skatteoppkreverkontoret", st["h3"]))
        s += _paras("""Det vil bli arbeidet med å etablere sikker drift av vårt nyanskaffede inkassosystem for
kommunale krav. I den forbindelse vil det også bli avholdt samarbeidsmøter med de ulike tjenestestedene i
kommunen.

En arbeidsgruppe vil arbeide videre med de vedtatte intensjonsavtalene om sammenslåing av
skatteoppkreverkontorene i Kragerø og Drangedal. Det tas sikte på å legge frem en sak til politisk behandling
våren 2018 med mulig oppstart for et nytt kontor i løpet av våren.""", st)
        s.append(Paragraph("Serviceavdelingen", st["h3"]))
        s += _paras("""Det vil i 2018 være ett økt fokus på det boligsosiale arbeidet da Kragerø kommune er en
del av Husbankens programkommune satsning «bolig for velferd».

Det vil være fokus på det fysiske og digitale kommunale arkivet for å komme ajur etter flere år med etterslep.

Avdelingen har fått tre nye oppgaver i 2018 Borgerlig vigsel, personvernombud og tilsyn med salg av
tobakksvarer.

Det planlegges å ta i bruk Husbankens saksbehandlingssystem Startrap, men noe effektivisering som følge av
dette forventes ikke før i 2020 hvor det ikke lenger blir mulig å levere papirsøknad.

Sak og arkivsystemet 360, som er kommunens viktigste system, vil måtte få fortsatt stort fokus i form av
opplæring av hele kommune organisasjonen.""", st)
        s.append(Paragraph("Personalavdelingen", st["h3"]))
        s += _paras("""Av særskilte driftstiltak kan nevnes anskaffelse av ny rekrutteringsmodul i Visma, da den
nåværende fases ut i løpet av året.

I tillegg skal vi ta i bruk digital sykmelding, samt fortsette implementering av personalmeldinger i
organisasjonen – da også for faste stillinger, samt utvidet bruk av fraværsregistrering på web.

Det er også behov for revidering av flere reglementer/retningslinjer, bl.a fleksitidsreglementet. Dette
arbeidet skal gjøres i samarbeid med tillitsvalgte.""", st)
        s.append(Paragraph("Kommunalsjef og stabsfunksjonen", st["h3"]))
        s += _paras("""Kommuniksjonsrådgiver fullfører utkastet til planen «Kommuniksjonsstrategi for Kragerø
kommune 2018-2021» som legges frem for kommunens ledergruppe.""", st)
        s.append(Paragraph("3.3 HMS og sykefravær", st["h2"]))
        s += _paras("""Kommunalområde Stab og støtte hadde et samlet sykefravær siste år på i underkant av 5% og
ligger dermed godt under det kommunen samlede sykefravær på 7,8 %. IA-avtalen tilsier en årlig reduksjon på
20 % for kommunen som helhet. Målet for 2018 er en slik reduskjon også innenfor vårt kommunalområdet. Hvis det
oppnås, er man nede på 4 % sykefravær som anses som et ønsket normalnivå.""", st)
        s.append(CondPageBreak(60 * mm))
        s.append(Paragraph("4 MÅLARBEIDET 2018 - TILTAK", st["h1"]))
        s.append(_draw_text_table(T["mal"]))
        s.append(Paragraph("5 GJENNOMFØRING AV EVENTUELL BUDSJETTVEDTAK 2018 (kommunestyret 14.12.2017) SOM "
                           "IKKE ER BESKREVET I BUDSJETTDOKUMENTET", st["h1"]))
        s.append(Paragraph("5.0 Vedtatte verbalforslag 2018 som utredes/saksbehandles av Stab og støtte",
                           st["h2"]))
        s.append(_draw_text_table(T["verbal"]))
        return s

    path = out / "kragero_stab_og_stotte_2018.pdf"
    return _render(path, story, header_text="Kragerø kommune – Budsjett 2018 – Stab og støtte",
                   footer_fmt="Side {n} av {total}", title="Budsjett 2018 – Stab og støtte",
                   author="Kragerø kommune")


# =========================================================================== 5 Økonomiplan (Levanger, invented)

# (kode, navn, budsjett 2024 i 1000 kr, regnskapsfaktor 2023, endring 2025, årlig endring 2026-2028)
OP_FUNK = [
    ("100", "Politisk styring", 9850, 0.962, 0.031, 0.000),
    ("110", "Kontroll og revisjon", 3920, 0.981, 0.042, 0.010),
    ("120", "Administrasjon", 96410, 0.948, 0.018, -0.015),
    ("130", "Administrasjonslokaler", 12380, 1.034, 0.027, -0.010),
    ("180", "Diverse fellesutgifter", 6540, 1.112, 0.075, 0.005),
    ("201", "Barnehage", 212760, 0.957, 0.036, -0.012),
    ("202", "Grunnskole", 291340, 0.962, 0.029, -0.018),
    ("213", "Voksenopplæring", 14120, 1.046, -0.052, -0.020),
    ("215", "Skolefritidstilbud", 3980, 0.873, 0.061, 0.000),
    ("222", "Skolelokaler", 52670, 0.991, 0.044, 0.012),
    ("232", "Forebygging, helsestasjons- og skolehelsetjeneste", 24310, 0.944, 0.038, 0.004),
    ("241", "Diagnose, behandling, re-/habilitering", 68450, 0.951, 0.057, 0.015),
    ("242", "Råd, veiledning og sosialt forebyggende arbeid", 11230, 1.021, 0.012, -0.008),
    ("244", "Barneverntjeneste", 27160, 0.968, 0.033, -0.006),
    ("252", "Barneverntiltak utenfor familien", 33480, 1.087, -0.041, -0.025),
    ("253", "Helse- og omsorgstjenester i institusjon", 189720, 0.978, 0.048, 0.009),
    ("254", "Helse- og omsorgstjenester til hjemmeboende", 312650, 0.941, 0.075, 0.021),
    ("265", "Kommunalt disponerte boliger", -4560, 1.310, 0.000, 0.000),
    ("281", "Ytelse til livsopphold", 22340, 0.912, 0.064, 0.000),
    ("283", "Bistand til etablering og opprettholdelse av egen bolig", 3210, 0.899, 0.025, 0.000),
    ("332", "Kommunale veier", 26180, 1.018, 0.035, -0.011),
    ("339", "Beredskap mot branner og andre ulykker", 24070, 0.972, 0.046, 0.008),
    ("345", "Distribusjon av vann", -2150, 0.640, 0.000, 0.000),
    ("383", "Musikk- og kulturskoler", 9760, 0.969, 0.022, -0.020),
]

OP_YEARS = ["Regnskap 2023", "Budsjett 2024", "2025", "2026", "2027", "2028"]
OP_COLS = ["Regnskap 2023", "Budsjett 2024", "Økonomiplan / 2025", "Økonomiplan / 2026",
           "Økonomiplan / 2027", "Økonomiplan / 2028"]
def op_header(first=""):
    return [[first, "Regnskap 2023", "Budsjett 2024", "Økonomiplan", "", "", ""],
            ["", "", "", "2025", "2026", "2027", "2028"]]

OP_SPANS = [((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)), ((3, 0), (6, 0))]


def _series(b24, fr, g25, g):
    r23 = int(round(b24 * fr))
    y25 = int(round(b24 * (1 + g25)))
    y26 = int(round(y25 * (1 + g + 0.006)))
    y27 = int(round(y26 * (1 + g - 0.004)))
    y28 = int(round(y27 * (1 + g + 0.002)))
    return [r23, b24, y25, y26, y27, y28]


def okonomiplan_tables() -> dict:
    T = {}
    rows = []
    for kode, navn, b24, fr, g25, g in OP_FUNK:
        rows.append(Row(f"{kode} {navn}", _series(b24, fr, g25, g), kostra=kode))
    sums = [sum(r.cells[c] for r in rows) for c in range(6)]
    rows.append(Row("Sum netto driftsutgifter", sums, bold=True))
    T["drift"] = Tab(
        title="Driftsbudsjett per kostrafunksjon", unit="1000 kr",
        header=op_header("Kostrafunksjon"), columns=OP_COLS, rows=rows, spans=OP_SPANS,
        colwidths=[58 * mm] + [18 * mm] * 6, style="framsikt", font_size=7.5,
    )

    # Endring i % (U+2212 minus)
    prow = []
    pick = ["120", "201", "202", "213", "222", "232", "241", "244", "252", "253", "254", "332", "339", "383"]
    by = {r.kostra: r for r in rows if r.kostra}
    for k in pick:
        c = by[k].cells
        prow.append(Row(by[k].label, [round((c[i + 1] / c[i] - 1) * 100, 1) for i in range(1, 5)], kostra=k))
    c = sums
    prow.append(Row("Netto driftsutgifter i alt", [round((c[i + 1] / c[i] - 1) * 100, 1) for i in range(1, 5)],
                    bold=True))
    T["endring"] = Tab(
        title="Endring i netto driftsutgifter per kostrafunksjon", unit="%",
        header=[["Kostrafunksjon", "Endring i %", "", "", ""],
                ["", "2024–2025", "2025–2026", "2026–2027", "2027–2028"]],
        columns=["Endring i % / 2024–2025", "Endring i % / 2025–2026", "Endring i % / 2026–2027",
                 "Endring i % / 2027–2028"],
        rows=prow, spans=[((0, 0), (0, 1)), ((1, 0), (4, 0))], fmt=f_pct_u,
        colwidths=[74 * mm] + [23 * mm] * 4, style="framsikt", font_size=7.5,
    )

    # Frie inntekter (inntekter med negativt fortegn)
    fi = [
        Row("Skatt på inntekt og formue", [-789312, -812450, -846900, -851200, -855700, -860100]),
        Row("Rammetilskudd", [-741508, -768900, -801350, -804800, -806200, -807900]),
        Row("Eiendomsskatt", [-36914, -38200, -39400, -39400, -39400, -39400]),
        Row("Andre generelle statstilskudd", [-27655, -24600, -22100, -20300, -18900, -17500]),
    ]
    fi.append(Row("Sum generelle driftsinntekter", [sum(r.cells[c] for r in fi) for c in range(6)], bold=True))
    T["frie"] = Tab(
        title="Frie inntekter", unit="1000 kr",
        header=op_header(),
        columns=OP_COLS, rows=fi, spans=OP_SPANS,
        colwidths=[58 * mm] + [18 * mm] * 6, style="framsikt", font_size=7.5,
    )

    av = [
        Row("Avsetning til disposisjonsfond", [14200, 8000, 16500, 24800, 31200, 33900]),
        Row("Bruk av disposisjonsfond", [-12500, -38400, -6000, 0, 0, 0]),
        Row("Avsetning til bundne driftsfond", [21340, 9800, 8700, 8700, 8700, 8700]),
        Row("Bruk av bundne driftsfond", [-18760, -11250, -9400, -9100, -8900, -8900]),
    ]
    av.append(Row("Netto avsetninger", [sum(r.cells[c] for r in av) for c in range(6)], bold=True))
    T["avsetn"] = Tab(
        title="Avsetninger og bruk av fond", unit="1000 kr",
        header=op_header(),
        columns=OP_COLS, rows=av, spans=OP_SPANS, fmt=f_paren,
        colwidths=[58 * mm] + [18 * mm] * 6, style="framsikt", font_size=7.5,
    )

    T["maltall"] = Tab(
        title="Finansielle måltall", unit="%",
        header=op_header(),
        columns=OP_COLS,
        rows=[
            Row("Netto driftsresultat i % av brutto driftsinntekter", [-1.5, 0.4, 0.8, 1.2, 1.5, 1.7]),
            Row("Disposisjonsfond i % av brutto driftsinntekter", [3.1, 2.6, 3.4, 4.6, 5.8, 7.0]),
            Row("Netto lånegjeld i % av brutto driftsinntekter", [128.4, 134.9, 141.2, 146.8, 148.3, 147.5]),
        ],
        spans=OP_SPANS, fmt=f_pct, colwidths=[58 * mm] + [18 * mm] * 6, style="framsikt", font_size=7.5,
    )

    tr = [
        Row("Levanger idrettsråd", [232000, 238500], fmt=f_krdash),
        Row("Kulturmidler, fordeles av Levanger kulturråd", [1021200, 1049076], fmt=f_dot),
        Row("Levanger frivilligsentral", [410000, 421480], fmt=f_krdash),
    ]
    tr.append(Row("Sum tilskudd", [sum(r.cells[c] for r in tr) for c in range(2)], fmt=f_dot, bold=True))
    T["tilskudd"] = Tab(
        title="Tilskudd til lag og organisasjoner", unit="kr",
        header=[["Mottaker", "Vedtatt 2024", "Forslag 2025"]],
        columns=["Vedtatt 2024", "Forslag 2025"], rows=tr,
        colwidths=[90 * mm, 32 * mm, 32 * mm], style="word", font_size=8.5,
    )

    inv_spec = [
        # prosjekt, regnskap 2023, budsjett 2024, 2025..2028
        ("Ny barneskole med SFO Åsen", 1250, 6400, 38000, 96000, 92000, 14350),
        ("Rehabilitering Staup helsehus, byggetrinn 2", 4870, 22500, 41300, 18200, 0, 0),
        ("Omsorgsboliger Nesset (16 boenheter)", 0, 3200, 28700, 35400, 0, 0),
        ("Skogn barneskole – ombygging og tilbygg", 0, 0, 4500, 27800, 46200, 9600),
        ("Trafikksikkerhetstiltak kommunale veier", 2115, 2500, 2500, 2500, 2500, 2500),
        ("Rehabilitering kommunale veier og bruer", 7842, 8000, 9000, 9000, 9500, 9500),
        ("Vannledning Skogn – Levanger sentrum (selvkost)", 12406, 31750, 24600, 8900, 0, 0),
        ("Sanering avløpsnett Moan (selvkost)", 3318, 9400, 14800, 16200, 11700, 6400),
        ("IKT-investeringer, utstyr og lisenser", 5960, 6200, 6200, 6200, 6200, 6200),
        ("Velferdsteknologi hjemmetjenesten", 1734, 2800, 3600, 2400, 2400, 1200),
        ("Energitiltak kommunale bygg", 2290, 4500, 5200, 5200, 3000, 3000),
        ("Egenkapitalinnskudd KLP", 5412, 5650, 5900, 6100, 6300, 6500),
    ]
    inv = []
    for name, *vals in inv_spec:
        total = sum(vals)
        plan = sum(vals[2:])
        inv.append(Row(name, [total] + list(vals) + [plan]))
    inv.append(Row("Sum investeringer", [sum(r.cells[c] for r in inv) for c in range(8)], bold=True))
    T["invest"] = Tab(
        title="Investeringsbudsjett 2025–2028", unit="1000 kr",
        header=[["Prosjekt", "Totalramme", "Regnskap 2023", "Budsjett 2024", "Økonomiplan", "", "", "",
                 "Sum 2025–2028"],
                ["", "", "", "", "2025", "2026", "2027", "2028", ""]],
        columns=["Totalramme", "Regnskap 2023", "Budsjett 2024", "Økonomiplan / 2025", "Økonomiplan / 2026",
                 "Økonomiplan / 2027", "Økonomiplan / 2028", "Sum 2025–2028"],
        rows=inv,
        spans=[((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)), ((3, 0), (3, 1)), ((4, 0), (7, 0)),
               ((8, 0), (8, 1))],
        fmt=f_nbsp, colwidths=[78 * mm] + [22 * mm] * 8, style="framsikt", font_size=8,
    )
    return T


def build_okonomiplan(out: Path) -> Path:
    T = okonomiplan_tables()

    def story(marks, total):
        st = _styles(9.5)
        s = []
        s.append(Paragraph("Levanger kommune", st["h2"]))
        s.append(Paragraph("Handlings- og økonomiplan 2025–2028", st["title"]))
        s.append(Paragraph("Kapittel 4 Økonomiske oversikter (utdrag)", st["h1"]))
        s += _paras("""
Kommunedirektørens forslag til handlings- og økonomiplan 2025–2028 bygger på vedtatt budsjett 2024 og
økonomiplan 2024–2027, justert for lønns- og prisvekst, demografi og vedtatte tiltak i effektivitets- og
gevinstrealiseringsprogrammet «Levanger 3.0». Økonomiplanperioden er vist i faste 2025-priser.

Hovedmålet for perioden er at disposisjonsfondet skal vokse til minimum 7 prosent av brutto driftsinntekter
ved utgangen av 2027, og at netto driftsresultat skal være på minimum 1,5 prosent. Tabellene nedenfor viser
frie inntekter, avsetninger, netto driftsutgifter per kostrafunksjon og investeringsbudsjettet. Inntekter er
vist med negativt fortegn.""", st)
        for key in ["frie", "avsetn"]:
            t = T[key]
            s.append(KeepTogether([Paragraph(t.title, st["cap"]), Paragraph("Beløp i 1000 kr", st["right"]),
                                   draw(t)]))
            s.append(Spacer(1, 10))
        s += _paras("""Bruk av disposisjonsfond i 2024 gjelder inndekning av merforbruket fra 2023.
Beløp i parentes er bruk av fond.""", st)
        s.append(PageBreak())
        t = T["drift"]
        s.append(Paragraph("4.2 Netto driftsutgifter", st["h2"]))
        s += _paras("""Tabellen viser netto driftsutgifter fordelt på kostrafunksjon. Funksjonene 265 og 345 har
netto inntekter; for vann er dette avsetning til selvkostfond.""", st)
        s.append(Paragraph(t.title, st["cap"]))
        s.append(Paragraph("Beløp i 1000 kr", st["right"]))
        s.append(draw(t))
        s.append(PageBreak())
        t = T["endring"]
        s.append(Paragraph(t.title, st["cap"]))
        s.append(draw(t))
        s.append(Spacer(1, 6))
        s += _paras("""Endringen fra 2024 til 2025 inneholder både realvekst og prisvekst. Fra 2025 er
økonomiplanen i faste priser, slik at endringene viser effekten av vedtatte tiltak og demografi.""", st)
        t = T["maltall"]
        s.append(KeepTogether([Paragraph(t.title, st["cap"]), draw(t)]))
        s.append(Spacer(1, 10))
        s.append(Paragraph("4.3 Tilskudd", st["h2"]))
        s += _paras("""Tilskuddene til lag og organisasjoner videreføres og prisjusteres med 2,8 prosent.
Kulturmidlene fordeles av Levanger kulturråd etter søknad.""", st)
        t = T["tilskudd"]
        s.append(KeepTogether([Paragraph(t.title, st["cap"]), draw(t)]))
        s.append(NextPageTemplate("landscape"))
        s.append(PageBreak())
        t = T["invest"]
        s.append(Paragraph("4.4 Investeringer", st["h2"]))
        s.append(Paragraph(t.title, st["cap"]))
        s.append(Paragraph("Beløp i 1000 kr", st["right"]))
        s.append(draw(t))
        s.append(Spacer(1, 6))
        s += _paras("""Investeringene finansieres med lån, momskompensasjon, tilskudd og bruk av
selvkostfond. Prosjektene for vann og avløp er selvkostfinansiert.""", st)
        return s

    path = out / "kommune_okonomiplan_2025_2028.pdf"
    return _render(path, story, header_text="Levanger kommune – Handlings- og økonomiplan 2025–2028",
                   footer_fmt="{n}", title="Handlings- og økonomiplan 2025–2028", author="Levanger kommune")


# =========================================================================== 2 Balsfjord

B_TILTAK = [
    (1, 'Arbeidet med "godt nok" videreføres', 2),
    (2, "Reduksjon sykefravær: utrede treffsikre tiltak", 2),
    (3, "Kartlegge og redusere antall abonnement og lisenser i hele organisasjon", 2),
    (4, "Oversikt og forvaltning av inventar og utstyr", 2),
    (5, "Effektivisering gjennom nye digitale løsninger", 2),
    (6, "Gjennomgang av organisasjonsstruktur tekniske tjenester/BKT", 2),
    (7, "Redusere antall m2 bygningsmasse/eiendom/anlegg", 3),
    (8, "Reduksjon ikkelovpålagte oppgaver; brann og redning", 3),
    (9, "Tilpasse forebyggende tjenester/aktivitetsnivå brann og redning", 3),
    (10, "Gjennomgang av lokale særavtaler /funksjonsavtaler skoler", 3),
    (11, "Leirskole Balsfjordskolen (helhetlig gjennomgang)", 3),
    (12, "Spesialundervisning - utrede treffsikre tiltak", 4),
    (13, "Sommerstengte barnehager", 4),
    (14, "En enhetsleder Balsfjordbarnehagene", 4),
    (15, "Gjennomgang av helse og omsorgstjenesten med mål om bedre tilpassede tjenester", 4),
    (16, "Utrede tiltak for sysselsetting, aktivitetsplikt og integrering", 4),
    (17, "Reduksjon fra 5 til 4 nattevakter på Balsfjord Bo-og Servicesenter", 4),
    (18, "Kjøkkendrift ved institusjonene - kok &amp;kjøl fra ett kjøkken", 5),
    (19, "Omsorgslønn - nedjustering/endring timer", 5),
    (20, "Ambulant miljøtjeneste- redusere bemanning", 5),
    (21, "Psykisk helse- og rusteamet/tjenesten redusere bemanning", 5),
    (22, "Sandbukt Aktivitetssenter -nytt flerbrukshus", 5),
    (23, "BULA-huset- reduksjon aktivitetsnivå (forebyggende/lavterskeltilbud for ungdom)", 5),
]

# Tjenesteområde and ansvar for the landscape overview (not in the seed; plausible roles).
B_OMR = {1: "Fellestjenester", 2: "Fellestjenester", 3: "Fellestjenester", 4: "Fellestjenester",
         5: "Fellestjenester", 6: "Teknisk/BKT", 7: "Teknisk/BKT", 8: "Brann og redning",
         9: "Brann og redning", 10: "Oppvekst", 11: "Oppvekst", 12: "Oppvekst", 13: "Oppvekst",
         14: "Oppvekst", 15: "Helse og omsorg", 16: "Helse og omsorg", 17: "Helse og omsorg",
         18: "Helse og omsorg", 19: "Helse og omsorg", 20: "Helse og omsorg", 21: "Helse og omsorg",
         22: "Helse og omsorg", 23: "Helse og omsorg"}
B_ANSV = {"Fellestjenester": "Rådmannen v/personal- og organisasjonssjef",
          "Teknisk/BKT": "Kommunalsjef teknisk", "Brann og redning": "Brannsjef",
          "Oppvekst": "Kommunalsjef oppvekst", "Helse og omsorg": "Kommunalsjef helse og omsorg"}

B_BESKR = [
    ("1. Godt nok", """Arbeidet med godt nok er implementert i organisasjonen, er forankret politisk, og anbefales
videreført."""),
    ("2. Reduksjon sykefravær", """Balsfjord kommune har over tid hatt et forholdsvis høyt sykefravær, sett opp
mot «forventet» fraværsprosent som kommunesektoren ligger på/har som mål, rundt 7%. Foruten at sykefravær fører
til tap av kompetanse når medarbeidere ikke er på jobb, medfører dette også et stort økonomisk tap for
arbeidsgiver. Det har vært jobbet i flere år med å redusere fraværet, men det er fortsatt stabilt høyt.
Intensivering av sykefraværsarbeidet og det å finne nye og treffsikre tiltak/metoder, er det som må særlig
settes i fokus framover. Tettere lederoppfølging, kartlegging av sykefraværet og det å ha oversikt over mønstre
og sammenhenger i sykefraværet, vil gi kunnskap og avdekke utfordringer. Det skal videre i tiltaket arbeides
med: Definere mål og måltall som viser hvor vi skal og som vil være god drahjelp i arbeidet. Aktivitetsplaner
skal bl.a gjøre arbeidet synlig og er hjelp til å sikre fremdriften."""),
    ("3. Kartlegge og redusere antall abonnement og lisenser i hele organisasjon", """De ulike enhetene i
Balsfjord kommune har mange abonnementer og lisenser. For å unngå at enhetene har abonnementer eller lisenser
som ikke er i bruk eller som ikke er nødvendig, skal det kartlegges hva som finnes. Det må ut fra kartleggingen
gjøres ei vurdering om hva enhetene kan klare seg uten og hva som er nødvendig for å gi påkrevd tjeneste."""),
    ("4. Oversikt og forvaltning av inventar og utstyr", """Kommunen har samlet sett en mengde inventar og
utstyr. Noe har begrenset bruksområde fordi det er spesialutstyr og inventar som hører til de ulike tjenestene,
mens inventar som møbler, kontorutstyr, datamaskiner, kopimaskiner, m.v er generisk materiell. Det må være et
mål om å redusere innkjøp av generell inventar og utstyr, og heller gjenbruke det som kan før evt
nyanskaffelser. Det finnes ingen samlet oversikt i kommunen i dag. Dette tiltaket går derfor ut på å kartlegge
inventar og utstyr som ikke er fagspesifikk. Etter kartlegging skal innholdet føres i en database -
inventarregister. Ut fra dette skal det utarbeides prosedyre for forvaltning av inventar og utstyr."""),
    ("5. Effektivisering gjennom nye digitale løsninger", """Kommuner i hele landet jobber med effektivisering
gjennom digitalisering. Balsfjord kommune ønsker å være i forkant av denne utviklingen og leter stadig etter
løsninger som skal gi effektiviseringsgevinster. I 2018 er det behov for se på Balsfjord som digital kommune i
et helhetsperspektiv. Bruken av digitale støttesystemer og digital samhandling med statlige organer, fylket og
omkringliggende kommuner må vurderes."""),
    ("6. Gjennomgang av organisasjonsstruktur tekniske tjenester/BKT", """Tekniske tjenester er en
ressurskrevende del av enhver kommunes virksomhet. Det er derfor avgjørende at slike tjenester utføres på en
effektiv måte. Både av økonomiske hensyn, men også fordi tekniske tjenester er svært viktig for innbyggeres og
næringslivets oppfattelse av Balsfjord kommune. BKT håndterer i dag i hovedsak vann, avløp og renovasjon. For å
få mest mulig effektiv utnyttelse av kommunens tekniske ressurser er det behov for å se på dette i et
helhetsperspektiv sammen med andre infrastrukturtiltak. Herunder byggforvaltning, vei og havn."""),
    ("7. Redusere antall m2 bygningsmasse/eiendom/anlegg", """Eiendom, bygg og anlegg er kostbart å
administrere og drive for en kommune. Derfor er det viktig med en helhetlig gjennomgang av hva kommunen
disponerer av areal og hvordan vi kan effektivisere arealbruken best mulig. Tiltaket vil vurdere om det er
mulig å fortette tjenester og utnytte areal bedre. Videre om noe areal kan avhendes."""),
    ("8. Reduksjon av ikke-lovpålagte oppgaver-brann og redningstjenester", """Brannordningen dokumenterer
kommunenes plikter til drift av brannvesenet i henhold til brann- og eksplosjonsvernloven og
dimensjoneringsforskriften. Dette er ivaretatt i kommunen og oppgavene knyttet til lovpålagte oppgaver er
tydelig. Det er imidlertid ikke alltid at omfanget tydelig fremgår. Dette er ment å være et
kostnadsreduserende tiltak. I utredningen skal oppdragsporteføljen de siste 3 år synliggjøres og være med på å
gi oversikt og avdekke evt utfordringer."""),
    ("13. Sommerstengte barnehager", """I løpet av sommeren er det mange foresatte som melder behov for å ha et
barnehagetilbud i ferien. Erfaringsmessig vises det at svært mange barn ikke kommer i barnehagen selv om de er
satt opp at de skal komme. Det medfører ekstra vikarutgifter for den enkelte barnehage. Det skal også ses på
muligheten for å gi barnehagetilbud kun i en barnehage om sommeren."""),
    ("17. Reduksjon fra 5 til 4 nattevakter på Balsfjord Bo-og Servicesenter", """Det ble i 2016 opprettet en
5 nattevaktstilling på BBS. Man har gjort seg noen erfaringer som må videre utredes til permanent reduksjon, men
med mulighet til å ha buffer til ekstra bemanning ved særskilte behov som oppstår. Natt tjeneste ytes til 5
avdelinger i institusjonen, samt enkelte av beboerne i omsorgsboligene."""),
    ("18. Kjøkkendrift ved institusjonene - kok &amp;kjøl fra ett kjøkken", """Det har vært sett på muligheten
for å produsere varm mat ved ett kjøkken i kommunen. Ansatte har vært på besøk i andre kommuner hvor dette
praktiseres. Ut fra erfaringer gjort der, finner en å anbefale å gå videre med denne utredningen.
Erfaringsmessig kreves det nyinvestering av utstyr, men gir økonomisk gevinst i fht redusert antall ansatte og
driftsutgifter."""),
    ("Nr 20 og 21- Ambulant miljøarbeidertjeneste, psykisk helse- og rusteam – redusert bemanning", """Dette
tiltaket er en videreføring av midlertidig tiltak som er utredet i 2017, samt et av elementene i SWOT analysen
med gjennomgang i hht punkt15 i tiltakspakke 4."""),
    ("22. Sandbukt Aktivitetssenter -nytt flerbrukshus", """Dagens lokaliteter på Sandbukt har
bygningsmessige utfordringer, med det som bakgrunn må det vurderes mulighet til å ta i bruk Fuglelia barnehage.
Et konsept som skal inneholde flere aktiviteter og utvikles til et flerbrukshus hvor bl a resultat og
erfaringer fra prosjekt Metro kan implementeres."""),
    ("23. BULA-huset- reduksjon aktivitetsnivå (forebyggende/lavterskeltilbud for ungdom)", """Utredningen må
ses i sammenheng med tiltak 22, samt som et element i tiltak 15. Utrede konsekvenser ved reduksjon av
åpningstid fra to til en kveld pr uke. Samt hvordan videreføre ekstraordinære tiltak i sommerhalvåret."""),
]


def build_balsfjord(out: Path) -> Path:
    def story(marks, total):
        st = _styles(10)
        s = []
        s.append(Paragraph("Om rapporten/ oversiktstabell", st["h1"]))
        s += _paras("""Bakgrunnen for dokumentet er rådmannens budsjettforslag, innstillingens pkt 12,
2.setning, som lyder:""", st)
        s.append(Paragraph("«Arbeide med videre omstillingstiltak med utredninger vedtas som vedlagte «oversikt "
                           "tiltakspakke 4 /utredninger».", ParagraphStyle("q", parent=st["body"],
                                                                             fontName="Vera-Italic",
                                                                             leftIndent=20)))
        s += _paras("Nedenfor fremgår samlet oversikt over disse:", st)
        data = [[Paragraph("<b>nr</b>", _cellstyle(9)), Paragraph("<b>Oversikt tiltakspakke 4</b>",
                                                                   _cellstyle(9)),
                 Paragraph("<b>Side</b>", _cellstyle(9, align=TA_RIGHT))]]
        for nr, navn, side in B_TILTAK:
            data.append([str(nr), Paragraph(navn, _cellstyle(9)), str(side)])
        tbl = Table(data, colWidths=[12 * mm, 135 * mm, 15 * mm], repeatRows=1)
        tbl.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Vera"), ("FONTSIZE", (0, 0), (-1, -1), 9),
                                 ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                 ("ALIGN", (2, 0), (2, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        s.append(tbl)
        s.append(Spacer(1, 8))
        s += _paras("Nedenfor er det gitt en kort beskrivelse av de enkelte tiltak.", st)
        for head, txt in B_BESKR:
            s.append(Paragraph(head, st["h3"]))
            s += _paras(txt, st)
        s.append(NextPageTemplate("landscape"))
        s.append(PageBreak())
        s.append(Paragraph("Vedlegg: Tiltakspakke 4 – ansvar og fremdrift i utredningene", st["h2"]))
        hdr = ["Nr", "Tiltak", "Tjenesteområde", "Ansvarlig for utredning", "Oppstart", "Utredning ferdig",
               "Politisk behandling", "Side"]
        data = [[Paragraph(f"<b>{h}</b>", _cellstyle(7)) for h in hdr]]
        for nr, navn, side in B_TILTAK:
            omr = B_OMR[nr]
            start = "Januar 2018" if nr <= 9 or nr >= 15 else "August 2018"
            ferdig = "Juni 2018" if nr <= 9 else ("Desember 2018" if nr <= 14 else "September 2018")
            pol = "Formannskapet" if nr <= 9 else ("Hovedutvalg oppvekst" if nr <= 14 else
                                                    "Hovedutvalg helse og omsorg")
            data.append([str(nr), Paragraph(navn, _cellstyle(7)), Paragraph(omr, _cellstyle(7)),
                         Paragraph(B_ANSV[omr], _cellstyle(7)), start, ferdig, Paragraph(pol, _cellstyle(7)),
                         str(side)])
        tbl = Table(data, colWidths=[8 * mm, 90 * mm, 27 * mm, 46 * mm, 19 * mm, 23 * mm, 38 * mm, 10 * mm],
                    repeatRows=1)
        tbl.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Vera"), ("FONTSIZE", (0, 0), (-1, -1), 7),
                                 ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E2EFDA")),
                                 ("ALIGN", (-1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
        s.append(tbl)
        return s

    path = out / "balsfjord_tiltakspakke4.pdf"
    return _render(path, story, header_text="Balsfjord kommune – Oversikt tiltakspakke 4 / utredninger",
                   footer_fmt="{n}", title="Oversikt tiltakspakke 4", author="Balsfjord kommune")


# =========================================================================== 3 Levanger notat


def levanger_tables() -> dict:
    T = {}
    T["bakteppe"] = Tab(
        title="Tabell 1 Økonomisk utgangspunkt for programmet", unit="mill kr",
        header=[["", "Mill kr"]], columns=["Mill kr"],
        rows=[
            Row("Netto driftsresultat 2023", [-30]),
            Row("Mulig merforbruk 2024 uten tiltak", [54]),
            Row("Måltall disposisjonsfond ved utgangen av 2027", [200]),
            Row("Anbefalt samlet årlig besparing, Advansia/PWC-rapporten", [7.9]),
        ],
        fmt=lambda v: f_dec(v) if v != int(v) else f_space(int(v)),
        colwidths=[120 * mm, 30 * mm], style="grid", font_size=9,
    )
    T["parameter"] = Tab(
        title="Tabell 3 Målbare parameter for budsjettprosessen", unit="%",
        header=[["Parameter", "Krav", "Måltall"]], columns=["Krav", "Måltall"],
        rows=[
            Row("Nettodriftsresultat prosent av driftsinntektene", ["minimum", 1.5]),
            Row("Disposisjonsfond + mindreforbruk i prosent av driftsinntektene", ["minimum", 7]),
            Row("Langsiktig lånegjeld i prosent av driftsinntektene", ["skal ikke overstige", 150]),
        ],
        fmt=lambda v: (f_pct(v) if v != int(v) else f"{int(v)} %"),
        colwidths=[100 * mm, 35 * mm, 25 * mm], style="grid", font_size=9,
    )
    T["hackett"] = Tab(
        title="Tabell 2 Avtalelojalitet – tall fra Hackett Group", unit="%",
        header=[["", "Prosent"]], columns=["Prosent"],
        rows=[
            Row("Avtalelojalitet, Best in Class", [87]),
            Row("Avtalelojalitet, snitt", [68]),
            Row("Bruk av ehandel, andel av potensialet (ca.)", [50]),
        ],
        fmt=lambda v: f"{int(v)} %", colwidths=[110 * mm, 30 * mm], style="plain", font_size=9,
    )
    T["pwc"] = Tab(
        title="Tabell 5 Status for tiltakene i Advansia/PWC-rapporten", unit="kr",
        header=[["Tiltak", "Status", "Anslag (kr)"]], columns=["Status", "Anslag (kr)"],
        rows=[
            Row("Soneinndeling renhold", ["Iverksatt", 200000]),
            Row("Flytte mindre reparasjoner fra eksternt til driftspersonell på bygg og eiendom",
                ["Iverksatt", 50000]),
            Row("Redusert bruk av renholdsmidler", ["Iverksatt", 30000]),
            Row("Redusert renholdsfrekvens", ["Iverksatt", 100000]),
            Row("Opprette boveileder", ["Iverksatt", 300000]),
            Row("Minimere stell av uteområdet på Staup", ["Iverksatt", 1000000]),
            Row("Økt fokus på energiforbruk", ["Iverksatt", 150000]),
            Row("Redusert frekvens på brøyting av kommunale eiendommer", ["Ikke gjennomført", 400000]),
            Row("Investere i nytt utstyr før vedlikeholdskostnadene blir for store", ["Ikke gjennomført", 300000]),
            Row("Avgiftsbelegging av parkeringsplasser på kommunale eiendommer", ["Ikke gjennomført", 2900000]),
            Row("Økt styring av kommunal handlingsplan", ["Ikke gjennomført", 1000000]),
            Row("Redusere ubrukt lisenser", ["Ikke gjennomførbart", 130000]),
        ],
        fmt=f_dot, colwidths=[100 * mm, 35 * mm, 28 * mm], style="grid", font_size=8.5, repeat=1,
    )
    T["skjonn"] = Tab(
        title="Tabell 4 Skjønnsmidler og forventet gevinst 2024", unit="kr",
        header=[["", "Beløp (kr)"]], columns=["Beløp (kr)"],
        rows=[
            Row("Innsatsområde eksperimentering, avsatt fra skjønnsmidlene", [200000]),
            Row("Legetilsyn helg/høytid ØHD/KAD, forventet gevinst andre halvår", [120000]),
        ],
        fmt=f_dot, colwidths=[120 * mm, 30 * mm], style="grid", font_size=9,
    )
    T["risiko"] = Tab(  # scores, not money: not a cost table
        title="Tabell 6 Usikkerheter og tiltak", unit="", cost=False,
        header=[["ID", "Beskrivelse av usikkerhet", "Sannsynlighet", "Konsekvens"]], columns=[],
        rows=[
            Row("M2", ["Renten går ned", "3.5", "5"]),
            Row("M3", ["Arbeidet som er blitt gjennomført med helhetlig ressursforvaltning i 2023 blir videreført",
                       "4.3", "4.1"]),
            Row("R1", ["Forventninger til resultat blir urealistisk.", "4.3", "4,3"]),
            Row("R2", ["Vi får tilleggsbestillinger fra politikken", "4.5", "4.1"]),
            Row("R3", ["Det oppstår akutte hendelser som har behov for oppfølging", "4.3", "4.1"]),
            Row("R10", ["Ulike tolkninger av oppdraget fra politisk hold", "4.6", "4.5"]),
            Row("R11", ["Ulike tolkninger av oppdraget fra administrativt hold", "3.8", "4.5"]),
            Row("R13", ["Det er manglende lojalitet til oppdraget fra administrativt hold", "4", "4.6"]),
            Row("R20", ["Organisasjonen er ikke moden for å utføre så store endringer som programmet krever",
                        "3.8", "4.8"]),
        ],
        colwidths=[12 * mm, 96 * mm, 29 * mm, 25 * mm], style="grid", font_size=8.5,
    )
    return T


L_TOC = [
    ("innledning", "Innledning"),
    ("status", "Status i de ulike delprosjekter"),
    ("avtale", "Delprosjekt avtalelojalitet innkjøpsavtaler"),
    ("ressurs", "Delprosjektet Helhetlig ressursforvaltning"),
    ("helse", "Delprosjekt effektivisering innen Helse &amp; Velferd"),
    ("pwc", "Oppfølging av Advansia/PWC rapporten"),
    ("risiko", "Tiltak som reduserer risikoen, markert i usikkerhetsmatrisen"),
    ("budsjett", "Budsjett – disponering av avsatte midler/skjønnsmidler"),
]


def build_levanger(out: Path) -> Path:
    T = levanger_tables()

    def story(marks, total):
        st = _styles(10)
        s = []
        s.append(Paragraph("Dato: 18.03.2024", st["right"]))
        s.append(Paragraph("Notat", st["title"]))
        s.append(Paragraph("Første rapportering om status i gevinstrealiseringsprogrammet", st["h1"]))
        s.append(Paragraph("Innhold", st["h2"]))
        toc = [[Paragraph(t, _cellstyle(9.5)), str(marks.get(k, ""))] for k, t in L_TOC]
        tt = Table(toc, colWidths=[140 * mm, 15 * mm])
        tt.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Vera"), ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                                ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("TOPPADDING", (0, 0), (-1, -1), 1),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        s.append(tt)

        def h(key, text, style="h1"):
            s.append(_mark(Paragraph(text, st[style]), key))

        h("innledning", "Innledning")
        s += _paras("""Med dette legger kommunedirektøren fram første rapporteringsnotat, som er utformet på
bakgrunn av det politiske oppdraget om å sette i gang et større gevinstrealiseringsprogram i perioden 2024 –
2027. Denne rapporteringen gis i forbindelse med at kommunedirektøren sender ut sitt månedlige
orienteringsnotat. Det er imidlertid ønskelig at Administrasjonsutvalget diskuterer hvordan man ser for seg den
framtidige rapporteringen skal foregå, både når det gjelder omfang og hyppighet. Her understreker
kommunedirektøren viktigheten med at ressursbruk knyttet til rapportering må settes i en større sammenheng.
Dette for å unngå at administrative ressurser brukes for mye på rapporteringsarbeid. Dette er en viktig
avklaring man må foreta, siden man allerede nå kan konstatere at oppfølging av gevinstrealiseringsprogrammet er
ressurskrevende.

Ved oppfølging av vedtaket knyttet til gevinstrealiseringsprogrammet, Er det tatt utgangspunkt i følgende
målsettinger:""", st)
        s += _bullets(["Minimum 7% av brutto driftsinntekter ved utgangen av 2027.",
                       "Alle kommunens ledere og ansatte bidrar aktivt",
                       "Alle som arbeider i kommuneorganisasjonen skal ha eierskap",
                       "Levanger kommune skal følge KS sin helhetsmodell for gevinstrealisering i budsjett- og "
                       "økonomiplanarbeidet",
                       "Det er viktig med tydelig og hyppig kommunikasjon til alle ansatte, tjenestemottakere og "
                       "innbyggere"], st)
        s += _paras("Videre settes gevinstrealiseringsprogrammet i gang med følgende bakteppe:", st)
        s += _bullets(["Levanger kommune hadde i 2023 et negativt netto driftsresultat på 30 millioner kroner. "
                       "Dette vil si at inngangsfarten i driftsåret 2024 er for høy.",
                       "Dette kommer til uttrykk i at vi har utfordringer med å ha balanse i flere "
                       "detaljbudsjetter. Hvis vi ikke klarer å ta ned driftsnivået i løpet av 2024, vil vi kunne "
                       "ende opp med et merforbruk på ca. 54 millioner kroner i 2024.",
                       "Derfor må gevinstrealiseringsprogrammet bidra til å ta ned driftsnivået også på kort "
                       "sikt."], st)
        s.append(KeepTogether([Paragraph(T["bakteppe"].title, st["cap"]), draw(T["bakteppe"])]))
        s.append(Spacer(1, 8))
        s += _paras("""Det er på det rene at ovenstående er en krevende øvelse. Man kan oppsummere
utfordringsbildet på følgende måte:""", st)
        s += _bullets(["Man skal sikre gode og brede involveringsprosesser, samtidig som at man må få en rask "
                       "avkastning.",
                       "Ulike delprosesser involverer de samme interessenter. Dette vil gi kapasitetsutfordringer, "
                       "vi er dermed også nødt til å ta en vurdering av hvilke delprosesser som bør prioriteres "
                       "foran andre.",
                       "Opp i det hele skal vi også sikre en stabil drift i tjenesteproduksjonen."], st)
        h("status", "Status i de ulike delprosjekter")
        h("avtale", "Delprosjekt avtalelojalitet innkjøpsavtaler", "h2")
        s += _paras("""Innherred anskaffelser KO har sammen med økonomiavdelingen startet kartlegging av dagens
anskaffelsesmønster. Alle innkjøp gjennomført i 2023 kartlegges med tanke på å finne ut hva som er kjøpt innenfor
avtaler, hva er kjøpt utenfor avtale på områder hvor vi har avtale og hva er kjøpt innenfor områder hvor vi ikke
har avtaler. Arbeidet med videre analyser og forslag til tiltak iverksettes etter at kartleggingen er
avsluttet.""", st)
        s.append(Paragraph("Ressurser", st["h3"]))
        s += _paras("10% fra Innherred Anskaffelser. Frikjøp av denne ressursen er under vurdering", st)
        s.append(Paragraph("Tidsperspektiv", st["h3"]))
        s += _paras("6 måneder", st)
        s += _paras("Hackett Group bruker følgende tall basert på undersøkelser av 4000 selskap:", st)
        s += _bullets(["Oppnådd kostnadsbesparelser ved avtalelojalitet: 2-10% (dere bruker ehandel ca 50% av "
                       "potensialet) Best in Class har en avtalelojalitet på 87%; snittet ligger på 68%.",
                       "Oppnådd kostnadsbesparelser ved reduksjon av unødvendige innkjøp: 5-25%",
                       "Besparelsene oppnås gjennom å ha en helhetlig P2P prosess og ved å ta i bruk en P2P "
                       "løsning."], st)
        s.append(KeepTogether([Paragraph(T["hackett"].title, st["cap"]), draw(T["hackett"])]))
        s.append(Spacer(1, 8))
        h("ressurs", "Delprosjektet Helhetlig ressursforvaltning", "h2")
        s += _paras("""Prosjektet «Helhetlig ressursforvaltning» skal bidra til utvikling av en endringsvillig
organisasjon med helhetlig og bærekraftig ressursforvaltning og samordnede tjenester, til beste for innbyggerne
på både kort og lang sikt. Dette er i tråd med mål og strategier i samfunnsdelen.

For å sikre en videre framdrift med bistand fra eksterne konsulenter, er det utarbeidet en kravspesifikasjon
som ble sendt ut på doffin 8.mars. Det ble besluttet å ikke gjennomføre en begrenset anbudsrunde, da kostanden
for en videre hjelp kan komme over terskelverdien på kr 1.3 mill. Frist for anbud er satt til 3 april, og
avgjørelsen blir fattet etter 9.april.

Målbare parameter:""", st)
        s.append(KeepTogether([Paragraph(T["parameter"].title, st["cap"]), draw(T["parameter"])]))
        s.append(Spacer(1, 8))
        s += _paras("""Forventet effekt av ny metodikk vil være oppnådd innen utgangen av prosjektperioden
31.12.2027. Her kan en måle totale gevinsten gjennom de tiltak som blir prioritert gjennom dette arbeidet.""", st)
        s.append(Paragraph("Innsats eksperimentering", st["h3"]))
        s += _paras("""Forventet framdrift, inkl. oppstart og sluttdato: 01.01.2024 -31.12.2027

Det er satt av kr 200.000 fra skjønnsmidlene til helhetlig ressursforvaltning til dette innsatsområde for
2024.""", st)
        h("helse", "Delprosjekt effektivisering innen Helse &amp; Velferd", "h2")
        s += _paras("""Gjennom flere år har beleggprosenten på ØHD/KAD senger vært lav, anslagsvis rundt 30%.

Levanger, Verdal og Frosta har henholdsvis tre, to og én ØHD/KAD seng. Disse kommunene samarbeider om
legetilsyn på pasienter i disse sengene på helligdager og helg.

Konkretisering av målet med delprosjektet: Forventet andre halvår 2024 er ca. kr. 120.000 knyttet til tilsyn
helg/høytid, i tillegg kommer effektene av endret bruk av institusjonsplasser fra ØHD/KAD til
korttidsplasser som gir mulighet til å ta ut flere overligger fra sykehus.""", st)
        s.append(KeepTogether([Paragraph(T["skjonn"].title, st["cap"]), draw(T["skjonn"])]))
        s.append(Spacer(1, 8))
        h("pwc", "Oppfølging av Advansia/PWC rapporten", "h2")
        s += _paras("""Fra spørsmål og svar i budsjettprosess – budsjett 2024: Det anbefales det å iverksette
forbedringstiltak på en samlet årlig besparing på 7,9 mill kroner.

Kort status for tiltakene er angitt nedenfor – rapportens anslag for innsparing er satt i egen kolonne.""", st)
        s.append(Paragraph(T["pwc"].title, st["cap"]))
        s.append(draw(T["pwc"]))
        s.append(Spacer(1, 6))
        s += _paras("Tiltak der rapporten angir et spenn:", st)
        s += _bullets(["Redusert skadedyrforkjempelse (200-300.000 kr) vurderes fortløpende i drifta",
                       "Redusert strøming på vinter. (200.000 – 400.000 kr) Blir først vurdert når nye "
                       "driftskontrakter skal på anbud i 2024.",
                       "Samkjøre anskaffelser til brøyting av kommunale eiendommer og kommunal veg (150.000 – "
                       "300.000 kr) Blir vurdert ved nytt anbud 2024.",
                       "Privatisere av kommunal veg (550.000 – 700.000 kr) Effekt av forslag ute på høring er "
                       "ca. 2 mill. kroner. Politisk sak i mai 2024."], st)
        h("risiko", "Tiltak som reduserer risikoen, markert i usikkerhetsmatrisen", "h2")
        s += _paras("""Med utgangspunkt i usikkerhetsmatrisen som er gjengitt i mandat, er det identifisert
tiltak som skal bidra til å redusere risiko knyttet gevinstrealiseringsprosjektet. Tiltakene er oppsummert i
tabellen nedenfor.""", st)
        t = T["risiko"]
        data = [[Paragraph(f"<b>{x}</b>", _cellstyle(8.5)) for x in t.header[0]]]
        for r in t.rows:
            data.append([r.label, Paragraph(r.cells[0], _cellstyle(8.5)), r.cells[1], r.cells[2]])
        tb = Table(data, colWidths=t.colwidths, repeatRows=1)
        tb.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Vera"), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                                ("ALIGN", (2, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        s.append(Paragraph(t.title, st["cap"]))
        s.append(tb)
        h("budsjett", "Budsjett – disponering av avsatte midler/skjønnsmidler", "h2")
        s += _paras("""Arbeidet med budsjettering av tildelte midler er iverksatt, men ikke ferdigstilt ennå.
Kommunedirektøren vil legge frem budsjettet ved neste rapportering.""", st)
        return s

    path = out / "levanger_gevinstrealisering_2024.pdf"
    return _render(path, story, header_text="Levanger kommune", footer_fmt="{n}",
                   title="Første rapportering om status i gevinstrealiseringsprogrammet",
                   author="Levanger kommune")


# =========================================================================== 4 Bærum

BAERUM_SEED = "001_b5a0a770af8df51f.txt"


def build_baerum(out: Path) -> Path:
    def story(marks, total):
        st = _styles(10.5)
        s = []
        s.append(Paragraph("Vernetjenestens kommentarer til budsjett og økonomiplan 2023-2026", st["h1"]))
        s += _paras("""Innspillene fra hovedverneombudene har fokus på HMS for ansatte og arbeidsmiljømessige
sider av budsjett og økonomiplanen. Vernetjenesten har innspill til følgende områder:""", st)
        toc = [("Organisasjon og medarbeidere", "s 1"), ("Organisasjon, styring og utvikling", "s 2"),
               ("Pleie og omsorg", "s 3"), ("Helse og sosialtjenester", "s 4"), ("Oppvekst barnehage", "s 5"),
               ("Oppvekst skole", "s 6"), ("Eiendom", "s 6"), ("Avslutning", "s 7")]
        tt = Table([["•", a, b] for a, b in toc], colWidths=[8 * mm, 80 * mm, 20 * mm], hAlign="LEFT")
        tt.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "Vera"), ("FONTSIZE", (0, 0), (-1, -1), 10.5),
                                ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        s.append(tt)
        s.append(Spacer(1, 8))
        for head, body in BAERUM_TEXT:
            if head:
                s.append(Paragraph(head, st["h2"]))
            s += _paras(body, st)
        return s

    path = out / "baerum_vernetjeneste_2023.pdf"
    return _render(path, story, header_text="", footer_fmt="{n}",
                   title="Vernetjenestens kommentarer til budsjett og økonomiplan 2023-2026",
                   author="Bærum kommune")


BAERUM_TEXT = [
    ("Organisasjon og medarbeidere:", """
Kommunedirektørens formål for den midlertidige styrkingen av budsjettrammen er å sikre tilstrekkelig rom og
kapasitet for å jobbe målrettet med tjenesteutvikling og endring med målbar effekt. For å få til dette ser
vernetjenesten at det å rekruttere og ikke minst beholde arbeidskraft må prioriteres som en svært viktig oppgave
i den kommende perioden. Dette er en utfordring som er beskrevet under delen om «organisasjon og
medarbeidere».

Det stilles mange krav til medarbeiderne i Bærum kommune. Det er omfattende grad av omstillingsarbeid i et
stadig høyere tempo. Vernetjenesten erfarer at det alt for ofte ikke settes av nok tid og ressurser til
kompetansehevende tiltak for å nå målene. Gevinsten av omstillingsarbeidet kan dermed få redusert effekt hvis
ikke organisasjonen og medarbeidere settes i stand til å videreutvikle, forbedre, tilpasse, tilrettelegge,
styrke, etablere, realisere, effektivisere og samordne.

Vernetjenesten mener at enhver omstilling bør kartlegges for mulige behov for kompetanseheving og opplæring.
Kartlegging og vurdering må gjøres i samarbeid med medarbeiderne og deres representanter (verneombud og
tillitsvalgte). Dette kan være et viktig ledd for å beholde medarbeiderne og sikre at kommunen nyter godt av
kompetente og ivaretatte medarbeidere i årene fremover, samtidig som vi sikrer et fullt forsvarlig arbeidsmiljø
og arbeidshelse.

Fra BØP: Samtidig ser vi også at digitalisering og teknologisk utvikling vil kunne støtte medarbeidere. Men
denne utviklingen gjør også at kompetansebehovet endres for kommunens medarbeidere. Som arbeidsgiver skal Bærum
kommune sørge for at våre medarbeidere får nødvendig kompetanseutvikling. Virkemidlene for å rekruttere og
beholde medarbeidere er i endring. Det må vi som stor arbeidsgiver agere i forhold til.

Vernetjenesten erfarer at det er svært store forskjeller i den digitale og teknologiske kompetansen hos
medarbeiderne i kommunen. Forskjellene har økt i tråd med den digitale utviklingen. Mange medarbeidere vil nok
ha behov for grundig opplæring og øvelse over tid, for å kunne beherske fremtidens digitale verktøy.
Digitalisering ser vernetjenesten at er et av de viktige økonomiske effektiviseringstiltakene i BØP.

Vernetjenestens innspill til politikerne høsten 2021 var: Fjorårets handlingsprogram HP 2020 (nåværende BØP)
satt et tak på kompetansehevende midler og kurs til hver enkelt medarbeider. For å sikre kompetanse av riktig
kvalitet må arbeidsgiver sørger for nødvendig opplæring og kompetanseutvikling i tråd med målbildet i BØP og i
samsvar med arbeidsmiljøloven.

Kan det være klokt at ressurser til nødvendig kompetanseheving blir synliggjort i fremtidige budsjett og
økonomiplaner i større grad?

Medarbeiderne er kommunens viktigste ressurs. Kommunen skal ha ressurser og kompetanse med riktig kvalitet for
å dekke behovene."""),
    ("Organisasjon, styring og utvikling", """
Fra BØP: Bærekraftige administrative tjenester. Gjennom å utvikle brukervennlige og enkle digitale løsninger er
målet å avvikle mange manuelle prosesser som finnes i dag. På denne måten kan vi fortsette å levere gode
tjenester til lavest mulig kostnad. En viktig oppgave i planperioden vil være å foreta en helhetlig gjennomgang
av administrative systemer. Etter utredning, kartlegging og analyse er målet å samle flere administrative
systemer til ett system.

Det er helt avgjørende å sikre kompetanse i alle ledd, for at manuelle prosesser skal erstattes og resultere i
form av gode tjenester til lavest mulig kostnad. Administrative løsninger som f.eks. skal benyttes av alle ledere
vil ikke gi en ønsket effekt, dersom ikke det avsettes tilstrekkelig tid og ressurser til opplæring og
implementering.

Fra BØP: I planperioden skal det utvikles ny arbeidsgiver- og rekrutteringspolitikk som skal sikre at vi ansetter
og beholder medarbeidere med riktig kompetanse.

Her er det igjen uklart for vernetjenenesten hvordan arbeidsgiver i tillegg skal sørge for å ivareta kravene i
Arbeidsmiljøloven med tanke på kompetanseutvikling for medarbeiderne i omstillingsprosesser. Vernetjenesten leser
også at det vil være behov for kompetanseheving for ansatte for å sikre digital transformasjon. Ved målrettet
digitalisering av utvalgte tjenester er det også avgjørende å sørge for at medarbeiderne blir tatt med på råd
for å sikre at løsningen blir best mulig.

Medvirkning og opplæring er vesentlige faktorer som kan bidra til de beste løsningene innenfor gitte
rammer."""),
    ("Pleie og omsorg", """
Området pleie og omsorg beskriver et samfunn med økende behov for tjenester kombinert med knappere ressurser som
gjør det nødvendig med utvikling og omstilling. Tjenesten skal bevege seg fra å være utfører til i større grad å
være en tilrettelegger. Dette skal foregå ved å dreie tjenesten, der eget hjem skal være førstevalg for mottak av
tjenester lengst mulig.

<b>En dreining av tjenesten – hjemmet som førstevalg</b>

Tjenestene som i dag tilbys i eget hjem er mange og varierte. Det kreves kompetanse og opplæring for å kunne
utføre disse oppgavene forsvarlig. Tverrfaglig samarbeid er nødvendig for å kunne utføre tilfredsstillende
tjenester i hjemmet og dette koster både tid og penger. Det kan bli vanskelig å synliggjøre hvor mye ressurser vi
egentlig må sette av til å tilrettelegge for gode nok tjenester. Tjenesten skal i løpet av perioden gjøres mer
robust for å møte fremtidens utfordringer. I en fremtid der tjenesten skal arbeide med knappere ressurser er
vernetjenesten redd tjenesten vil bli mindre robuste enn tidligere.

<b>Jobbe langsiktig og systematisk med kompetanseheving, rekruttering og ledelse</b>

Vernetjenesten ser dette arbeidet som viktig og nødvendig for å beholde og rekruttere medarbeidere. Ledere med
solid kompetanse og tid til å organisere og strukturere arbeidet for medarbeiderne er grunnleggende for et fullt
forsvarlig arbeidsmiljø. En satsning på kompetanseheving og gode HMS tiltak betyr en mer forutsigbar og
helsefremmende arbeidsplass som legger til rette for både rekrutering og godt arbeidsmiljø. For å nå målene som
beskrevet i BØP: organisere og utvikle fremtidens tjenester i tråd med endringer i rammefaktorer som lovverk,
økonomiske vilkår og lederstruktur, ser vernetjenesten et behov for å kartlegge om lederne innehar tid og
kompetanse for å nå disse målene. Her kan lederundersøkelsen i PLO, utført i første kvartal 2021 være et godt
hjelpemiddel.

<b>Styrke innbyggerdialog, pårørende- og brukermedvirkning</b>

Dette er et viktig satsningsområde med tanke på økende behov for tjenester kombinert med knappere ressurser. For
å bidra til økt deltakelse og aktivitet, samtidig forebygge ensomhet og isolasjon, skal det legges vekt på tett
samarbeid med brukere, pårørende og andre aktuelle samarbeidspartnere. Spørsmålet vernetjenesten stiller til
dette er hvordan? Hvem skal være i dialog og samhandle med innbyggerne, frivilligheten og næringslivet for å få
en smidig utvikling av pleie og omsorgstjenestene i denne perioden?

Vernetjenesten ser på medvirkning som et grunnleggende element for å nå målene beskrevet i budsjett og
økonomiplan 2023 – 2026."""),
    ("Helse og sosial", """
Årets BØP har 4 hovedmålsetninger med tilhørende oppdrag. I Helse og sosial legges det særlig innsats på hovedmål
nr. 4; «Bærum kommune er handlekraftig og innovativ». Det betyr at fokuset fortsatt vil være å dreie tiltakene fra
behovet for hjelp til mer selvhjulpenhet og mestring. Målet er å redusere antall langtidsmottakere på
sosialhjelp, utnytte ambulant oppfølging 24/7 bedre, legge til rette for at flere kommer i arbeid/mulighet for
arbeidstrening, prioritere forebygging og tidlig innsats og sørge for «rett bolig til rett tid». I tillegg sikre
en bærekraftig allmennlegetjeneste, videreutvikle Asker og Bærum Legevakt som et forsvarlig akuttilbud, samordne
og tilpasse-, og gi flere innbyggere med store og sammensatte behov tjenester innen psykisk helse og rus,
tilpasse fleksibilitet mht. flyktningarbeid, tilrettelegge for at eldre med hjelpebehov kan bo hjemme lengre,
forebyggende og bærekraftige tjenester til kommunens seniorer, videreutvikle helseberedskap og styrke
kommuneoverlegefunksjonen, samt bruke digitalisering som effektiviseringsverktøy. Helt til slutt: Også omstille
organisasjonen til fremtidens tjenester.

Dette er store ambisjoner og mange oppdrag. Men hva betyr det egentlig for arbeidssituasjonen til den enkelte
medarbeider? Gis det tilstrekkelig oppmerksomhet til hvordan vi skal utføre arbeidet for å nå målene, og evt.
hvilke konsekvenser og risiko det fører med seg?

Når antall innleggelser og varighet i spesialisthelsetjenesten reduseres og brukere skal motta bistand i eget
hjem, er det en rekke spørsmål som må avklares dersom vi skal lykkes. F.eks.: Hva er risikoen ved endringene?
Blir alle tilbudt tilstrekkelig opplæring? Kan det oppleves som utrygt for enkelte arbeidstakere? Hvordan skal
informasjonen gis? Hva med samfunnsvern og innbyggervern?

De samme spørsmålene må besvares når digitalisering skal brukes som et verktøy for mer effektive og
fremtidsrettede tjenester. Igjen stilles det krav til forsvarlighet; i henhold til bestemmelsene i
Arbeidsmiljøloven, men også mht. IT-sikkerhet, taushetsplikt og personvern.

Fullt forsvarlig arbeidsmiljø er en forutsetning for at vi skal nå målene i BØP, også målet om mer effektive og
smidige tjenester. Det er en forutsetning at ledere med arbeidsgiveransvar må ha kontroll på risikoområdene.
Sammen må vi se på positive og negative konsekvenser. Hvilke problemer er det vi ønsker å løse og hvilke nye
problemer skaper det? Kan og har vi kunnskap nok til å skille på hva som er alvorlig? Er det moralsk og etisk
forsvarlig?

Det aller viktigste for vernetjenesten i Helse og sosial, er å se til at arbeidsgiver legger til rette for
arbeidsplasser som ivaretar en helsefremmende og meningsfylt arbeidssituasjon, som gir full trygghet mot fysiske
og psykiske skadevirkninger. Uavhengig av hva politikere og arbeidsgivere beslutter: Et fullt forsvarlig
arbeidsmiljø kan ikke velges bort."""),
    ("Oppvekst barnehage", """
Det er avgjørende for området oppvekst barnehage at ansatte blir værende i tjenestene, videreutvikler seg og at
det sikres god rekruttering. Hvordan det avsettes tid og ressurser for å ivareta ansatte, kompetanseløft og
videreutvikle er avgjørende for at tjenestene skal klare dette. Det er lite pekt på hvordan dette er tenkt løst i
oppdrag og strategi i årets BØP.

Det er beskrevet en omstrukturering av de kommunale barnehagene for å sikre drift og gjøre enhetskostnadene lave.
Vernetjenesten forstår at dette vil ha direkte innvirkning på de ansatte, og vil skape mindre forutsigbarhet for
tjenestene. Vernetjenesten har også en bekymring for at dette vil ha en negativ innvirkning på rekruttering.

Det pekes lite på hvordan det skal jobbes i barnehagene. Konsekvensene av å bygge større barnehager kan ha sine
fordeler med større fagmiljø og robusthet, men er det tatt hensyn til ulempene det kan medføre som økt støy og
stressnivå for de ansatte, større avstander til ledelsen og samarbeidet og samhandlingen i store miljøer?

To av oppdragene innenfor oppvekst barnehage handler om digitalisering av barnehagehverdagen:

<i>Følge opp handlingsplan for Digital barnehage med fokus på hvordan digitale verktøy skal inngå i det
pedagogiske arbeidet, også med tanke på skoleforberedelse. Satsingen skal både styrke barnas digitale kompetanse
og bidra til å utjevne sosiale forskjeller.</i>

<i>Digital kommunikasjonsløsning mellom hjem og barnehage er en del av handlingsplanen vedtatt mai 2020, og har
til hensikt å effektivisere administrative prosesser samt gi mer fornøyde foresatte i deres dialog- og
informasjonsutveksling med barnehagen.</i>

Vernetjenesten erfarer at det er svært store forskjeller i den digitale og teknologiske kompetansen hos
medarbeiderne. Forskjellene har økt i tråd med den digitale utviklingen. Mange medarbeidere vil nok ha behov for
grundig opplæring og øvelse over tid, for å kunne beherske fremtidens digitale verktøy. Med avsatt tid og
ressurser håper vernetjenesten at effekten av oppdragene med digitalisering skaper en lettere og fremtidsrettet
arbeidshverdag og ikke belaster og blir merarbeid for den enkelte ansatte."""),
    ("Oppvekst skole", """
Vernetjenesten erfarer at skoleledere har valgt å slutte i Bærum kommune. I media pekes det på
arbeidsbelastningen som årsak, og i lys av streiken meldes det også om at lærere ønsker seg vekk fra yrket. Det
har vært meldt om utfordrende arbeidshverdager med stadig flere arbeidsoppgaver, som tar fokus og tid fra
undervisning og fag. I avviksportalen er det også meldt om mange hendelser der ansatte blir utsatt for vold og
trusler i løpet av arbeidshverdagen sin.

Kompetanse og rekruttering er viktige faktorer. Det er avgjørende å ivareta de som allerede står i
skolehverdagen og sikre at de velger å bli i jobben i Bærum kommune. Et av målene for kommunen er å være en
attraktiv arbeidsplass. Da er ivaretakelse av medarbeiderne med tanke på helse, miljø og sikkerhet en
nøkkeloppgave.

Styrking av kompetanse kan handle om å gi kurs og videreutdanning, men det kan også handle om å få på plass flere
medarbeidere med rett kompetanse. Det er også viktig å sette inn nok ressurser der utfordringene i klasserommet
gjør at lærere ikke har mulighet til å gjennomføre undervisningen i samsvar med opplæringsloven. Nødvendig
kompetanse og tilstrekkelig med ressurser kan også være med på å sikre et forsvarlig arbeidsmiljø i samsvar med
arbeidsmiljøloven. Et forsvarlig arbeidsmiljø for ledere og medarbeiderne i skolen kan gi de beste gevinstene i
form av et godt læringsmiljø for elevene i Bærum kommune, tidlig innsats og helhetlig sammenheng i
tjenestetilbudet.

Fra BØP: Et viktig tiltak her vil være å åpne opp skolebyggene for flerbruk utenfor skoletid..

Flerbruk krever tett samarbeid, god organisering og ressurser til tilsyn, vedlikehold og renhold.
Vernetjenesten erfarer at flerbruk ofte kan gi tilleggsoppgaver for både ledere og ansatte i skolene. Dette kan
igjen ta fokus og tid vekk fra fag og undervisning. Det gir også økt slitasje på byggene og utstyr. Kan Bærum
kommune sørge for at flerbruk ikke vil gi vesentlig merbelastning i en allerede presset arbeidshverdag i
skolene? Kan Bærum kommune sørge for gode rammer samt ressurser til organisering og gjennomføring av
flerbruk?"""),
    ("Eiendom", """
Eiendom skal i planperioden begrense muligheten for bilparkering ved kommunale eiendommer. Dette ser
vernetjenesten kan ha direkte innvirkning på rekruttering og det å beholde medarbeidere. Bærum kommune
konkurrerer om medarbeidere med rett kompetanse. Er det strategisk klokt i rekrutteringspolitikken å gjøre det
vanskeligere for medarbeiderne i kommunen å komme seg på jobb? I visse livsfaser er bilen en nødvendighet for
medarbeidere for å få hverdagen til å gå opp. Vil Bærum kommune stille seg lenger bak i køen for å rekruttere og
beholde kompetanse og nødvendig arbeidskraft?

Bærum kommune er inne i en stor investeringsfase der det også skal legges til rette for sambruk og utvidet bruk
av byggene. Vernetjenesten ser at dette vil medføre større behov for nødvendig vedlikehold, tettere oppfølging i
driften og forsvarlig renhold.

Vernetjenesten er også kjent med at det er et større etterslep av vedlikehold som gir utfordringer i flere av
byggene våre. Hvordan skal Bærum kommune sørge for tilstrekkelig vedlikehold av alle bygg for å forbygge forfall
og slitasje samt sikre et forsvarlig arbeidsmiljø?"""),
    ("Avslutning:", """
For at Bærum skal være en inkluderende og attraktiv arbeidsgiver, også for mennesker med ulike forutsetninger og
utfordringer, må kommunen sørge for et utviklende og trygt arbeidsmiljø for alle. Ønskede gevinster av
utviklingstiltak og omstilling er avhengig av at kommunens viktigste ressurs; medarbeiderne, har nødvendig
kompetanse og ivaretas i samsvar med arbeidsmiljølovens bestemmelser.

Eiendoms planer om å begrense parkeringsmulighetene ved kommunale bygg har allerede gitt utfordringer flere
steder deriblant ved Treklang på Oksenøya. Dette varslet vernetjenesten om underveis i byggeprosessen i
kommentarene til Arbeidstilsynet.

Skal kommunen bygge utfordringer med tanke på rekruttering, trafikksikkerhet, omdømme og HMS i tiden som
kommer?

Bærum kommune 28.10.2022

Hovedverneombud Gunn Morén og Simon Wedén, pleie og omsorg<br/>
Hovedverneombud Anne Kari Baarli, helse- og sosialtjenester<br/>
Fungerende hovedverneombud Kristian Flåten Backe, oppvekst barnehage<br/>
Hovedverneombud Karianne Audahl Vik, oppvekst skole<br/>
Hovedverneombud Stein Kristian Wiik, plan, miljø og kultur, tekniske tjenester og eiendom

Koordinerende hovedverneombud Gøril Wang Larsen, organisasjon, styring og utvikling"""),
]


# =========================================================================== entry points

DOCS = [
    # file stem, builder, tables function, dokument fields
    ("kragero_stab_og_stotte_2018", build_kragero, kragero_tables,
     {"dokumenttype": "budsjett", "kommune": "Kragerø"}),
    ("kommune_okonomiplan_2025_2028", build_okonomiplan, okonomiplan_tables,
     {"dokumenttype": "budsjett", "kommune": "Levanger"}),
    ("balsfjord_tiltakspakke4", build_balsfjord, None,
     {"dokumenttype": "annet", "kommune": "Balsfjord"}),
    ("levanger_gevinstrealisering_2024", build_levanger, levanger_tables,
     {"dokumenttype": "annet", "kommune": "Levanger"}),
    ("baerum_vernetjeneste_2023", build_baerum, None,
     {"dokumenttype": "annet", "kommune": "Bærum"}),
]


def build(korpus_dir: Path) -> list[Path]:
    korpus_dir = Path(korpus_dir)
    return [fn(korpus_dir) for _, fn, _, _ in DOCS]


# =========================================================================== gold (run by hand)

_GOLD_EMPTY = ["moter", "saker", "vedtak", "oppfolging", "deltakere", "voteringer"]


def parse_printed(txt: str) -> float:
    """Reads a number as printed in these tables (independent of the formatters above)."""
    import re
    t = txt.replace(NBSP, " ").strip()
    neg = False
    if t.startswith("(") and t.endswith(")"):
        neg, t = True, t[1:-1]
    for junk in ["kr ", ",-", " mill. kr", " mill", " %"]:
        t = t.replace(junk, "")
    t = t.strip()
    if t[:1] in ("-", MINUS):
        neg, t = True, t[1:]
    t = t.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    t = t.replace(",", ".")
    v = float(t)
    return -v if neg else v


def _num(v):
    return int(v) if float(v).is_integer() else v


def _nok(v, unit):
    f = {"kr": 1, "1000 kr": 1000, "mill kr": 1_000_000}.get(unit)
    return None if f is None else _num(round(v * f, 2))


def skriv_gull(korpus_dir: Path) -> None:
    """Writes <name>.gold.json from the finished PDFs: every cost cell is looked up in
    the text pdfplumber extracts (page, row line, printed value) and its value is parsed
    from what was found there."""
    import json
    import pdfplumber

    for stem, _, tables_fn, dok in DOCS:
        pdf_path = korpus_dir / f"{stem}.pdf"
        with pdfplumber.open(pdf_path) as pdf:
            pages = []
            for p in pdf.pages:
                lines = [dict(text=" ".join(l["text"].replace(NBSP, " ").split()), top=l["top"],
                              bottom=l["bottom"]) for l in p.extract_text_lines()]
                pages.append(lines)
            npages = len(pdf.pages)
        kost = []
        problems = []
        for t in (tables_fn().values() if tables_fn else []):
            if not t.cost:
                continue
            title_pages = [i for i, ls in enumerate(pages, 1) if any(l["text"] == t.title for l in ls)]
            if len(title_pages) != 1:
                problems.append(f"caption {t.title!r} on pages {title_pages}")
            for row in t.rows:
                printed = [t.printed(row, i).replace(NBSP, " ") for i in range(len(row.cells))]
                tail = " ".join(x for x in printed if x)
                words = row.label.replace("&amp;", "&").split()
                hits = []
                for pno, ls in enumerate(pages, 1):
                    for l in ls:
                        if not (l["text"] == tail or l["text"].endswith(" " + tail)):
                            continue
                        near = " ".join(m["text"] for m in ls
                                        if m["top"] >= l["top"] - 14 and m["bottom"] <= l["bottom"] + 14)
                        near = near.replace(tail, " ")
                        if " ".join(words[:3]) in " ".join(near.split()) and all(w in near for w in words):
                            hits.append(pno)
                if len(hits) != 1:
                    problems.append(f"{t.title} / {row.label}: found on pages {hits} (tail {tail!r})")
                    continue
                for i, cell in enumerate(row.cells):
                    if cell is None or isinstance(cell, str):
                        continue
                    shown = printed[i]
                    v = parse_printed(shown)
                    if abs(v - cell) > 1e-9:
                        problems.append(f"{row.label} {t.columns[i]}: printed {shown!r} -> {v} != {cell}")
                    unit = t.unit_of(row)
                    kost.append({"tabell_tittel": t.title, "side": hits[0],
                                 "rad": " ".join(words), "kolonne": t.columns[i],
                                 "verdi": _num(v), "enhet": unit, "verdi_nok": _nok(v, unit),
                                 "kostra_funksjon": row.kostra})
        if problems:
            raise SystemExit(f"{stem}: " + "\n".join(problems))
        gold = {"dokument": dict(dok, sider=npages, tekstlag="tekst", maalform="nb")}
        for k in _GOLD_EMPTY:
            gold[k] = []
        gold["kostnader"] = kost
        out = korpus_dir / f"{stem}.gold.json"
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out.name}: {npages} pages, {len(kost)} cost cells")


if __name__ == "__main__":
    # python korpus/kilder/budsjett.py           -> build the PDFs
    # python korpus/kilder/budsjett.py --gull    -> (re)write the gold files from the built PDFs
    here = Path(__file__).resolve().parent.parent
    if "--gull" in sys.argv:
        skriv_gull(here)
    else:
        for p in build(here):
            print(p)
