"""Møteprotokoller i tre møtesystem-oppsett (oppdiktet innhold, ekte form).

* ``levanger_kst_2024-06-19_protokoll.pdf`` – ACOS WebSak-stil, bokmål, Kommunestyret.
* ``ulvik_hst_2024-03-14_protokoll.pdf`` – Public 360-stil, nynorsk, Heradsstyret,
  med ei tospalta side og orddeling ved linjeslutt.
* ``balsfjord_fsk_2023-11-28_protokoll.pdf`` – ePhorte/Elements-stil, Formannskapet,
  med PS/RS/OS-saker og innstilling til kommunestyret.

Alt innhald (namn, saker, tal) er oppdikta. Bygges med reportlab i invariant-modus,
så ein ny bygging gir byte-identiske filer.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame,
                                NextPageTemplate, PageBreak, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)

rl_config.invariant = 1

SHY = "\u00ad"  # mjuk bindestrek: lovleg delepunkt i HyphPara

# ---------------------------------------------------------------------------
# Skrifter
# ---------------------------------------------------------------------------
_FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/work/shared/seeds")]


def _font(name: str) -> str:
    for d in _FONT_DIRS:
        p = d / name
        if p.exists():
            return str(p)
    raise FileNotFoundError(name)


def _register_fonts() -> None:
    if "PSans" in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont("PSans", _font("DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("PSans-Bold", _font("DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("PSans-Oblique", _font("DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("PSerif", _font("DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("PSerif-Bold", _font("DejaVuSerif-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("PSerif-Italic", _font("DejaVuSerif-Italic.ttf")))
    registerFontFamily("PSans", normal="PSans", bold="PSans-Bold", italic="PSans-Oblique",
                       boldItalic="PSans-Bold")
    registerFontFamily("PSerif", normal="PSerif", bold="PSerif-Bold", italic="PSerif-Italic",
                       boldItalic="PSerif-Bold")


# ---------------------------------------------------------------------------
# Hjelpeflowables
# ---------------------------------------------------------------------------
class Marker(Flowable):
    """Usynleg merke som noterer kva side det hamna på."""

    def __init__(self, key: str, pages: dict):
        super().__init__()
        self.key, self.pages = key, pages
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.pages.setdefault(self.key, self.canv.getPageNumber())


class HyphPara(Flowable):
    """Venstrejustert avsnitt som deler ord ved linjeslutt på mjuke bindestrekar."""

    def __init__(self, text="", font="PSerif", size=10, leading=13.5, indent=0,
                 space_after=5, lines=None):
        super().__init__()
        self.text, self.font, self.size, self.leading = text, font, size, leading
        self.indent, self.space_after = indent, space_after
        self.lines = lines

    def _w(self, s):
        return stringWidth(s, self.font, self.size)

    def _break(self, width):
        lines, cur = [], ""
        for token in self.text.split():
            while True:
                disp = token.replace(SHY, "")
                cand = (cur + " " + disp) if cur else disp
                if self._w(cand) <= width:
                    cur = cand
                    break
                # prøv å dele ordet
                parts = [i for i, ch in enumerate(token) if ch == SHY]
                done = False
                for pos in reversed(parts):
                    head = token[:pos].replace(SHY, "") + "-"
                    c2 = (cur + " " + head) if cur else head
                    if self._w(c2) <= width:
                        lines.append(c2)
                        cur = ""
                        token = token[pos + 1:]
                        done = True
                        break
                if done:
                    continue
                if cur:
                    lines.append(cur)
                    cur = ""
                    continue
                cur = disp  # for langt ord, la det stå
                break
        if cur:
            lines.append(cur)
        return lines

    def wrap(self, aw, ah):
        if self.lines is None:
            self.lines = self._break(aw - self.indent)
        self.width = aw
        self.height = len(self.lines) * self.leading + self.space_after
        return aw, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        n = int((ah - self.space_after) // self.leading)
        if n < 2 or n >= len(self.lines):
            return []
        kw = dict(font=self.font, size=self.size, leading=self.leading, indent=self.indent)
        return [HyphPara(lines=self.lines[:n], space_after=0, **kw),
                HyphPara(lines=self.lines[n:], space_after=self.space_after, **kw)]

    def draw(self):
        c = self.canv
        c.setFont(self.font, self.size)
        for i, line in enumerate(self.lines):
            c.drawString(self.indent, self.height - self.space_after - (i + 1) * self.leading
                         + (self.leading - self.size) * 0.5, line)


def _numbered_canvas(decorate):
    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *a, **k):
            k["invariant"] = 1
            super().__init__(*a, **k)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            n = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                decorate(self, self._pageNumber, n)
                super().showPage()
            super().save()

    return NumberedCanvas


def _build_pdf(path: Path, make_story, decorate, two_col=False, margins=(25, 22, 25, 25)):
    """Byggjer i to pass slik at sidetal i sakslista blir rette."""
    left, right, top, bottom = (m * mm for m in margins)
    pages: dict = {}
    for _ in range(4):
        prev = dict(pages)
        pages_new: dict = {}
        doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=left, rightMargin=right,
                              topMargin=top, bottomMargin=bottom, invariant=1,
                              title=path.stem, author="", creator="", producer="")
        w, h = A4
        fw, fh = w - left - right, h - top - bottom
        tpl = [PageTemplate(id="one", frames=[Frame(left, bottom, fw, fh, id="f1")])]
        if two_col:
            gap = 8 * mm
            cw = (fw - gap) / 2
            tpl.append(PageTemplate(id="two", frames=[
                Frame(left, bottom, cw, fh, id="c1"),
                Frame(left + cw + gap, bottom, cw, fh, id="c2")]))
        doc.addPageTemplates(tpl)
        doc.build(make_story(pages_new, prev), canvasmaker=_numbered_canvas(decorate))
        pages = pages_new
        if pages == prev:
            break
    return pages


def _p(text, style):
    return Paragraph(escape(text), style)


def _who(names, party_of):
    return ", ".join(f"{n} ({party_of[n]})" for n in names)


# ===========================================================================
# 1. Levanger kommune – Kommunestyret 19.06.2024 (ACOS WebSak)
# ===========================================================================
LEV_MEDLEMMER = [  # Navn, Funksjon, Parti  (faste medlemmer til stede)
    ("Hilde Bakken Aune", "Ordfører", "Ap"),
    ("Randi Haugskott", "Varaordfører", "Sp"),
    ("Trond Ivar Sundli", "Medlem", "Ap"),
    ("Marte Skjelstad", "Medlem", "Ap"),
    ("Eirik Hoseth Vinje", "Medlem", "Ap"),
    ("Siv Anita Okkenhaug", "Medlem", "Ap"),
    ("Ingrid Nessemo Holm", "Medlem", "Ap"),
    ("Per Olav Gjermstad", "Medlem", "Sp"),
    ("Bjørg Ramstad Eggen", "Medlem", "Sp"),
    ("Lars Erik Trones", "Medlem", "Sp"),
    ("Oddbjørn Sæter", "Medlem", "Sp"),
    ("Håvard Lyngstad", "Medlem", "H"),
    ("Camilla Vestrum Wold", "Medlem", "H"),
    ("Arne Marius Tangen", "Medlem", "H"),
    ("Susanne Bratberg", "Medlem", "H"),
    ("Rune Forbord", "Medlem", "FrP"),
    ("Gunnar Aalberg", "Medlem", "FrP"),
    ("Tone Merethe Staldvik", "Medlem", "FrP"),
    ("Ola Rasmus Skjervold", "Medlem", "SV"),
    ("Mats Hegstad Lie", "Medlem", "R"),
    ("Liv Marit Rotmo", "Medlem", "KrF"),
    ("Steinar Ness Grendstad", "Medlem", "V"),
]
LEV_FORFALL = [("Liv Tone Sandvik", "Medlem", "Ap"), ("Kristin Hegge", "Medlem", "H"),
               ("Jostein Fornes", "Medlem", "SV")]
LEV_VARA = [("Jan Arild Moe", "Varamedlem", "Ap", "Liv Tone Sandvik"),
            ("Morten Kleven", "Varamedlem", "H", "Kristin Hegge"),
            ("Ane Sofie Verdal", "Varamedlem", "SV", "Jostein Fornes")]
LEV_ADM = [("Ingrid Solberg Vang", "Kommunedirektør"), ("Tor Erling Haugan", "Økonomisjef"),
           ("Kari Bremnes Lyng", "Kommunalsjef helse og velferd"),
           ("Sissel Moe", "Utvalgssekretær")]

LEV_PARTI = {n: p for n, _, p in LEV_MEDLEMMER} | {n: p for n, _, p, _ in LEV_VARA}


def _lev_party(*parties):
    order = [n for n, _, _ in LEV_MEDLEMMER] + [n for n, _, _, _ in LEV_VARA]
    return [n for p in parties for n in order if LEV_PARTI[n] == p]


# For/mot-lister brukt i navnevoteringer
LEV_43_FOR = _lev_party("Ap", "Sp", "SV", "R", "KrF", "V")          # 17
LEV_43_MOT = _lev_party("H", "FrP")                                   # 8
LEV_54_FOR = _lev_party("Ap", "Sp", "SV", "R", "V")                  # 16
LEV_54_MOT_TRYKT = 9
LEV_54_MOT = [n for n in _lev_party("H", "FrP", "KrF") if n != "Liv Marit Rotmo"]  # 8 navn!

LEV_SAKER = [
    dict(nr="Sak 40/24", tittel="Godkjenning av protokoll fra kommunestyrets møte 22.05.2024",
         ark="24/118",
         innst=["Protokoll fra kommunestyrets møte 22.05.2024 godkjennes."],
         beh=["Det kom ingen merknader til protokollen."],
         vot=["Enstemmig vedtatt."],
         vlabel="Kommunestyrets vedtak:",
         vedtak=["Protokoll fra kommunestyrets møte 22.05.2024 godkjennes."]),
    dict(nr="Sak 41/24", tittel="Årsregnskap og årsberetning 2023 for Levanger kommune",
         ark="24/1187",
         innst=["1. Levanger kommunes årsregnskap for 2023 godkjennes med et netto driftsresultat "
                "på kr 31 482 117 og et regnskapsmessig mindreforbruk på kr 14 316 208.",
                "2. Mindreforbruket avsettes i sin helhet til disposisjonsfond.",
                "3. Årsberetningen for 2023 og kontrollutvalgets uttalelse til årsregnskapet "
                "tas til orientering.",
                "4. Kommunedirektøren bes utarbeide en plan for oppbygging av disposisjonsfondet "
                "til minimum 8 % av driftsinntektene. Planen legges fram for kommunestyret "
                "innen utgangen av 2024."],
         beh=["Økonomisjef Tor Erling Haugan svarte på spørsmål fra representantene om "
              "avvikene innen helse og velferd."],
         vot=["Kommunedirektørens innstilling ble satt under votering.", "Enst. vedtatt."],
         vlabel="Kommunestyrets vedtak:"),
    dict(nr="Sak 42/24", tittel="Tertialrapport 1/2024", ark="24/1402",
         innst=["1. Tertialrapport 1/2024 tas til orientering.",
                "2. Budsjettendringer i drift og investering vedtas som vist i vedlegg 2 til "
                "saken.",
                "3. Kommunedirektøren bes legge fram en tiltaksplan for å redusere merforbruket "
                "innen helse og velferd innen 15. september 2024."],
         beh=["Håvard Lyngstad (H) fremmet følgende tilleggsforslag:",
              ("FORSLAG", "Nytt punkt 4: Kommunedirektøren bes utrede konsekvensene av å "
               "konkurranseutsette renholdstjenesten i kommunale bygg, og legge saken fram "
               "for formannskapet.")],
         vot=["Kommunedirektørens innstilling: Vedtatt med 17 mot 8 stemmer.",
              "Tilleggsforslaget fra H falt med 8 mot 17 stemmer."],
         vlabel="Kommunestyrets vedtak:"),
    dict(nr="Sak 43/24", tittel="Kommuneplanens arealdel 2024–2036 – sluttbehandling",
         ark="21/2290",
         innst=["1. Kommunestyret vedtar kommuneplanens arealdel 2024–2036 med plankart, "
                "bestemmelser og retningslinjer datert 28.05.2024, med følgende endringer:",
                "a) Område B7 Hammeren tas ut som framtidig boligområde og videreføres som "
                "LNF-område.",
                "b) Byggegrense mot sjø i område BFR3 Sandvika settes til 50 meter.",
                "c) Rekkefølgekrav om gang- og sykkelvei langs fv. 761 innarbeides i "
                "bestemmelsenes § 2.4.",
                "2. Planen vedtas med hjemmel i plan- og bygningsloven § 11-15.",
                "3. Kommunedirektøren bes starte arbeidet med en temaplan for fortetting i "
                "Levanger sentrum, og legge denne fram for kommunestyret innen utgangen av 2025.",
                "4. Formannskapet gis fullmakt til å foreta mindre, redaksjonelle justeringer i "
                "plankart og bestemmelser."],
         beh=["Rune Forbord (FrP) fremmet følgende endringsforslag:",
              ("FORSLAG", "Punkt 1 a) strykes. Område B7 Hammeren opprettholdes som framtidig "
               "boligområde.")],
         vot=["Endringsforslaget fra FrP fikk 3 stemmer og falt.",
              "Kommunedirektørens innstilling ble vedtatt.",
              "For innstillingen stemte 17: " + _who(LEV_43_FOR, LEV_PARTI) + ".",
              "Imot innstillingen stemte 8: " + _who(LEV_43_MOT, LEV_PARTI) + "."],
         vlabel="Vedtak:"),
    dict(nr="Sak 44/24", tittel="Skolestruktur i Levanger – sammenslåing av Hoven skole og "
         "Ekne skole", ark="23/3318",
         innst=["1. Hoven skole og Ekne skole slås sammen fra skoleåret 2025/2026 med felles "
                "skolested på Ekne.",
                "2. Kommunedirektøren bes legge fram en plan for nødvendig ombygging av Ekne "
                "skole innen 1. desember 2024."],
         beh=["Randi Haugskott (Sp) fremmet følgende forslag:",
              ("FORSLAG", "1. Saken sendes tilbake til kommunedirektøren for ny vurdering."),
              ("FORSLAG", "2. Kommunedirektøren bes i den nye vurderingen utrede et alternativ "
               "der begge skolestedene opprettholdes med felles ledelse, og legge fram ny sak "
               "for kommunestyret innen 1. desember 2024."),
              "Ordføreren satte forslaget om tilbakesending opp først."],
         vot=["Forslaget fra Sp ble vedtatt med 14 mot 11 stemmer.",
              "Innstillingen ble dermed ikke realitetsbehandlet."],
         vlabel="Kommunestyrets vedtak:",
         vedtak=["1. Saken sendes tilbake til kommunedirektøren for ny vurdering.",
                 "2. Kommunedirektøren bes i den nye vurderingen utrede et alternativ der begge "
                 "skolestedene opprettholdes med felles ledelse, og legge fram ny sak for "
                 "kommunestyret innen 1. desember 2024."]),
    dict(nr="Sak 45/24", tittel="Valg av meddommere til Trøndelag tingrett og Frostating "
         "lagmannsrett for perioden 2025–2028", ark="24/806",
         innst=["Som meddommere i Trøndelag tingrett og Frostating lagmannsrett for perioden "
                "1.1.2025–31.12.2028 velges de personer som framgår av vedlagte liste datert "
                "03.06.2024."],
         beh=["Ingen merknader."],
         vot=["Enstemmig vedtatt."],
         vlabel="Kommunestyrets vedtak:"),
    dict(nr="Sak 46/24", tittel="Søknad om kommunal garanti – Levanger Golfklubb, nytt "
         "klubbhus", ark="24/1355",
         innst=["1. Levanger kommune stiller simpel kommunal garanti overfor KLP Banken for lån "
                "på inntil kr 4 500 000 til Levanger Golfklubb til bygging av nytt klubbhus.",
                "2. Garantien gjelder for lånets løpetid, maksimalt 20 år, med tillegg av inntil "
                "to år, jf. garantiforskriften § 3.",
                "3. Kommunedirektøren får fullmakt til å inngå garantiavtalen og sende søknad om "
                "godkjenning til Statsforvalteren i Trøndelag innen 1. august 2024."],
         beh=["Per Olav Gjermstad (Sp) ba om å få sin habilitet vurdert, da han er styreleder "
              "i Levanger Golfklubb. Gjermstad ble enstemmig erklært inhabil, jf. "
              "forvaltningsloven § 6 første ledd bokstav e nr. 1, og fratrådte under "
              "behandlingen av saken. 24 representanter til stede."],
         vot=["Innstillingen fikk 12 stemmer (Ap, SV, R, KrF, V), 12 stemte mot (Sp, H, FrP).",
              "Stemmelikhet. Innstillingen ble vedtatt ved ordførerens dobbeltstemme, jf. "
              "kommuneloven § 11-9."],
         vlabel="Kommunestyrets vedtak:"),
    dict(nr="Sak 47/24", tittel="Detaljregulering for Nesset boligområde, planID 2023004 – "
         "2. gangs behandling", ark="23/1904",
         innst=["1. Detaljregulering for Nesset boligområde, planID 2023004, vedtas med plankart "
                "datert 15.04.2024 og bestemmelser datert 22.05.2024, jf. plan- og "
                "bygningsloven § 12-12.",
                "2. Kommunedirektøren bes sørge for at trafikksikkerhetstiltak langs "
                "Nessetveien er ferdigstilt i løpet av 2. kvartal 2025."],
         beh=["Camilla Vestrum Wold (H) fremmet følgende forslag:",
              ("FORSLAG", "Detaljregulering for Nesset boligområde, planID 2023004, vedtas med "
               "den endring at maksimal utnyttelse for felt BKS2 økes fra 35 % BYA til 45 % "
               "BYA.")],
         vot=["Ved alternativ votering mellom innstillingen og forslaget fra H ble innstillingen "
              "vedtatt med 15 mot 10 stemmer."],
         vlabel="Kommunestyrets vedtak:"),
    dict(nr="Sak 48/24", tittel="Gebyrregulativ for plan-, byggesaks-, delings- og "
         "oppmålingssaker – revisjon 2024", ark="24/902",
         innst=["1. Revidert gebyrregulativ for plan-, byggesaks-, delings- og oppmålingssaker "
                "vedtas med virkning fra 1. august 2024.",
                "2. Gebyrene justeres deretter årlig i forbindelse med budsjettbehandlingen."],
         beh=["Randi Haugskott (Sp) fremmet følgende forslag:",
              ("FORSLAG", "1. Revidert gebyrregulativ for plan-, byggesaks-, delings- og "
               "oppmålingssaker vedtas med virkning fra 1. august 2024, med den endring at "
               "gebyr for behandling av søknad om tiltak i landbruket (kap. 4.3) reduseres "
               "med 20 %."),
              ("FORSLAG", "2. Kommunedirektøren bes legge fram en sak om selvkostgrad for "
               "byggesaksbehandlingen innen 1. juni 2025.")],
         vot=["Innstillingen falt med 11 mot 14 stemmer.",
              "Forslaget fra Sp ble deretter vedtatt med 14 mot 11 stemmer."],
         vlabel="Kommunestyrets vedtak:",
         vedtak=["1. Revidert gebyrregulativ for plan-, byggesaks-, delings- og "
                 "oppmålingssaker vedtas med virkning fra 1. august 2024, med den endring at "
                 "gebyr for behandling av søknad om tiltak i landbruket (kap. 4.3) reduseres "
                 "med 20 %.",
                 "2. Kommunedirektøren bes legge fram en sak om selvkostgrad for "
                 "byggesaksbehandlingen innen 1. juni 2025."]),
    dict(nr="Sak 49/24", tittel="Innherred Renovasjon IKS – endring av selskapsavtale",
         ark="24/633",
         innst=["1. Levanger kommune godkjenner forslag til revidert selskapsavtale for "
                "Innherred Renovasjon IKS, datert 12.04.2024.",
                "2. Rådmannen får fullmakt til å signere selskapsavtalen på vegne av Levanger "
                "kommune innen 1. september 2024."],
         beh=["Gunnar Aalberg (FrP) stilte spørsmål ved økningen i eierkommunenes "
              "garantiansvar. Kommunedirektøren svarte."],
         vot=["17 stemte for, 8 mot. Innstillingen er vedtatt."],
         vlabel="Kommunestyrets vedtak:"),
    dict(nr="Sak 50/24", tittel="Ny barnehage i Skogn – valg av tomt", ark="22/2741",
         innst=["1. Ny barnehage i Skogn bygges på tomt A, Skogn sentrum (gnr. 261 bnr. 14).",
                "2. Prosjektet innarbeides i økonomiplanen 2025–2028."],
         beh=["Camilla Vestrum Wold (H) fremmet følgende utsettelsesforslag:",
              ("FORSLAG", "1. Saken utsettes til neste møte."),
              ("FORSLAG", "2. Kommunedirektøren bes innhente en trafikkfaglig vurdering av "
               "begge tomtealternativene til kommunestyrets møte i september.")],
         vot=["Utsettelsesforslaget ble vedtatt med 20 mot 5 stemmer."],
         vlabel="Kommunestyrets vedtak:",
         vedtak=["1. Saken utsettes til neste møte.",
                 "2. Kommunedirektøren bes innhente en trafikkfaglig vurdering av begge "
                 "tomtealternativene til kommunestyrets møte i september."]),
    dict(nr="Sak 51/24", tittel="Trafikksikkerhetsplan for Levanger kommune 2024–2027",
         ark="23/2210",
         innst=["Trafikksikkerhetsplan for Levanger kommune 2024–2027 vedtas."],
         beh=["Kommunedirektøren opplyste ved møtets start at saken trekkes for å innarbeide "
              "innspill fra Statens vegvesen.", "Saken ble trukket."],
         vot=None, vlabel=None, vedtak=None),
    dict(nr="Sak 52/24", tittel="Orientering – status for byggeprosjektet Helsehus Levanger",
         ark="21/877",
         innst=["Saken tas til orientering."],
         beh=["Kommunalsjef Kari Bremnes Lyng orienterte om framdrift og økonomi i prosjektet. "
              "Prosjektet er i rute, og prognosen viser et mindreforbruk på om lag 6,2 mill. "
              "kroner."],
         vot=["Enstemmig tatt til orientering."],
         vlabel="Kommunestyrets vedtak:"),
    dict(nr="Sak 53/24", tittel="Søknad om fritak fra politiske verv", ark="24/1511",
         lukket="Unntatt offentlighet, Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
         innst=["Unntatt offentlighet."],
         beh=["Saken ble behandlet for lukkede dører, jf. kommuneloven § 11-5 annet ledd "
              "bokstav a."],
         vot=["Innstillingen ble enstemmig vedtatt."],
         vlabel="Vedtak:",
         vedtak=["Vedtaket er unntatt offentlighet, jf. offl. § 13 jf. fvl. § 13 første ledd "
                 "nr. 1."]),
    dict(nr="Sak 54/24", tittel="Eiendomsskatt – ny alminnelig taksering fra 2025",
         ark="24/455",
         innst=["1. Levanger kommune gjennomfører ny alminnelig taksering av eiendommer som "
                "omfattes av eiendomsskatten, med virkning fra skatteåret 2025, jf. "
                "eiendomsskatteloven § 8 A-3 fjerde ledd.",
                "2. Formannskapet gis fullmakt til å vedta retningslinjer for takseringsarbeidet "
                "innen 1. oktober 2024.",
                "3. Kommunedirektøren bes legge fram en sak om bunnfradrag og skattesats til "
                "kommunestyrets møte i desember."],
         beh=["Rune Forbord (FrP) fremmet følgende forslag:",
              ("FORSLAG", "Eiendomsskatten på bolig- og fritidseiendommer avvikles fra og med "
               "skatteåret 2025.")],
         vot=["Forslaget fra FrP falt med 3 mot 22 stemmer.",
              "Kommunedirektørens innstilling ble vedtatt.",
              "For innstillingen stemte 16: " + _who(LEV_54_FOR, LEV_PARTI) + ".",
              f"Imot innstillingen stemte {LEV_54_MOT_TRYKT}: " + _who(LEV_54_MOT, LEV_PARTI)
              + "."],
         vlabel="Kommunestyrets vedtak:"),
]
for _s in LEV_SAKER:
    if "vedtak" not in _s:
        _s["vedtak"] = list(_s["innst"])

LEV_HEADER = "Levanger kommune – Møteprotokoll – Kommunestyret 19.06.2024"


def _lev_styles():
    base = ParagraphStyle("n", fontName="PSans", fontSize=10, leading=13.5, spaceAfter=4)
    return dict(
        n=base,
        ind=ParagraphStyle("ind", parent=base, leftIndent=6 * mm, spaceAfter=3),
        ind2=ParagraphStyle("ind2", parent=base, leftIndent=12 * mm, spaceAfter=3),
        b=ParagraphStyle("b", parent=base, fontName="PSans-Bold", spaceBefore=6, spaceAfter=3,
                          keepWithNext=1),
        h1=ParagraphStyle("h1", parent=base, fontName="PSans-Bold", fontSize=18, leading=22,
                          spaceAfter=8),
        h2=ParagraphStyle("h2", parent=base, fontName="PSans-Bold", fontSize=12, leading=15,
                          spaceBefore=8, spaceAfter=6),
        sak=ParagraphStyle("sak", parent=base, fontName="PSans-Bold", fontSize=11.5,
                           leading=14.5),
        small=ParagraphStyle("sm", parent=base, fontSize=9, leading=11.5, spaceAfter=0),
        it=ParagraphStyle("it", parent=base, fontName="PSans-Oblique", leftIndent=6 * mm),
    )


def _points(lines, st, ind_key="ind", sub_key="ind2"):
    out = []
    for line in lines:
        if len(line) > 2 and line[1] == ")" and line[0] in "abcdefgh":
            out.append(_p(line, st[sub_key]))
        else:
            out.append(_p(line, st[ind_key]))
    return out


def _people_table(header, rows, widths, font="PSans", size=9.5):
    data = [list(header)] + [list(r) for r in rows]
    t = Table(data, colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), font + "-Bold", size),
        ("FONT", (0, 1), (-1, -1), font, size),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
    ]))
    return t


def _lev_story(pages, prev):
    st = _lev_styles()
    s = []
    s.append(_p("Levanger kommune", st["h2"]))
    s.append(_p("Møteprotokoll", st["h1"]))
    meta = Table([["Utvalg:", "Kommunestyret"],
                  ["Møtested:", "Levanger rådhus, kommunestyresalen"],
                  ["Dato:", "19.06.2024"],
                  ["Tidspunkt:", "18:00 – 22:30"]], colWidths=[30 * mm, 110 * mm], hAlign="LEFT")
    meta.setStyle(TableStyle([("FONT", (0, 0), (0, -1), "PSans-Bold", 10),
                              ("FONT", (1, 0), (1, -1), "PSans", 10),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    s += [meta, Spacer(1, 6)]
    s.append(_p("Til stede:", st["b"]))
    s.append(_people_table(("Navn", "Funksjon", "Parti"), LEV_MEDLEMMER,
                           [70 * mm, 40 * mm, 30 * mm]))
    s.append(_p("Forfall:", st["b"]))
    s.append(_people_table(("Navn", "Funksjon", "Parti"), LEV_FORFALL,
                           [70 * mm, 40 * mm, 30 * mm]))
    s.append(_p("Møtte for:", st["b"]))
    s.append(_people_table(("Navn", "Funksjon", "Parti", "Møtte for"), LEV_VARA,
                           [50 * mm, 30 * mm, 20 * mm, 50 * mm]))
    s.append(_p("Fra administrasjonen møtte:", st["b"]))
    s.append(_people_table(("Navn", "Stilling"), LEV_ADM, [70 * mm, 80 * mm]))
    s.append(Spacer(1, 6))
    s.append(_p("Antall representanter til stede: 25 av 25.", st["n"]))
    s.append(_p("Merknader: Ingen merknader til innkalling og saksliste. Per Olav Gjermstad "
                "(Sp) fratrådte under behandlingen av sak 46/24.", st["n"]))
    s.append(_p("Protokollen godkjennes av: Camilla Vestrum Wold og Mats Hegstad Lie.", st["n"]))
    s.append(PageBreak())

    s.append(_p("Saksliste", st["h2"]))
    rows = [["Saksnr", "Tittel", "Side"]]
    cst = ParagraphStyle("cell", parent=st["n"], fontSize=9.5, leading=12, spaceAfter=0)
    for sak in LEV_SAKER:
        side = str(prev.get(sak["nr"], "")) if prev else ""
        rows.append([sak["nr"], _p(sak["tittel"], cst), side])
    t = Table(rows, colWidths=[25 * mm, 120 * mm, 15 * mm], hAlign="LEFT", repeatRows=1)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), "PSans-Bold", 9.5),
                           ("FONT", (0, 1), (-1, -1), "PSans", 9.5),
                           ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black"),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    s += [t, PageBreak()]

    for sak in LEV_SAKER:
        s.append(CondPageBreak(45 * mm))
        s.append(Marker(sak["nr"], pages))
        hdr = Table([[sak["nr"], _p(sak["tittel"], st["sak"])]],
                    colWidths=[25 * mm, 135 * mm], hAlign="LEFT")
        hdr.setStyle(TableStyle([("FONT", (0, 0), (0, 0), "PSans-Bold", 11.5),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black")]))
        s.append(hdr)
        s.append(_p(f"Arkivsak: {sak['ark']}", st["small"]))
        if sak.get("lukket"):
            s.append(_p(sak["lukket"], st["b"]))
        s.append(_p("Kommunedirektørens innstilling:", st["b"]))
        s += _points(sak["innst"], st)
        s.append(_p("Behandling:", st["b"]))
        for item in sak["beh"]:
            if isinstance(item, tuple):
                s.append(_p(item[1], st["it"]))
            else:
                s.append(_p(item, st["n"]))
        if sak["vot"]:
            s.append(_p("Votering:", st["b"]))
            for line in sak["vot"]:
                s.append(_p(line, st["n"]))
        if sak["vlabel"]:
            s.append(Marker(sak["nr"] + "#vedtak", pages))
            s.append(_p(sak["vlabel"], st["b"]))
            s += _points(sak["vedtak"], st)
        s.append(Spacer(1, 10))
    s.append(Spacer(1, 20))
    s.append(_p("Underskrifter:", st["b"]))
    s.append(_p("Vi bekrefter med våre underskrifter at det som er ført i protokollen er i "
                "samsvar med det som ble vedtatt på møtet.", st["n"]))
    sig = Table([["Hilde Bakken Aune", "Camilla Vestrum Wold", "Mats Hegstad Lie"],
                 ["ordfører", "", ""]], colWidths=[55 * mm] * 3, hAlign="LEFT")
    sig.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "PSans", 9.5),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, 0), 18)]))
    s.append(sig)
    return s


def _lev_decorate(c, n, total):
    w, h = A4
    c.saveState()
    c.setFont("PSans", 8.5)
    c.drawString(25 * mm, h - 13 * mm, LEV_HEADER)
    c.setLineWidth(0.4)
    c.line(25 * mm, h - 15 * mm, w - 22 * mm, h - 15 * mm)
    c.line(25 * mm, 17 * mm, w - 22 * mm, 17 * mm)
    c.drawRightString(w - 22 * mm, 12 * mm, f"Side {n} av {total}")
    c.restoreState()


# ===========================================================================
# 2. Ulvik herad – Heradsstyret 14.03.2024 (Public 360, nynorsk)
# ===========================================================================
ULV_MEDLEMMER = [
    ("Ingebjørg Hovland Nå", "Ordførar", "Sp"),
    ("Kjetil Hjeltnes", "Varaordførar", "Ap"),
    ("Lars Ivar Tveit", "Medlem", "Sp"),
    ("Marta Haugsnes", "Medlem", "Sp"),
    ("Olav Bakke", "Medlem", "Sp"),
    ("Synnøve Bruvik", "Medlem", "Ap"),
    ("Arne Djønne", "Medlem", "Ap"),
    ("Gunhild Brakanes", "Medlem", "Ap"),
    ("Torbjørn Eide", "Medlem", "H"),
    ("Kari Lekve Sæbø", "Medlem", "H"),
    ("Rolf Inge Vambheim", "Medlem", "FrP"),
    ("Åse Kvåle", "Medlem", "FrP"),
    ("Berit Nesheim", "Medlem", "KrF"),
]
ULV_FORFALL = [("Brita Ljones", "Medlem", "Sp"), ("Magnhild Tveito", "Medlem", "H")]
ULV_VARA = [("Sjur Spildo", "Varamedlem", "Sp", "Brita Ljones"),
            ("Endre Lussand", "Varamedlem", "H", "Magnhild Tveito")]
ULV_ADM = [("Øystein Haugland", "Kommunedirektør"), ("Anne Britt Skeie", "Økonomisjef"),
           ("Liv Oddny Bjotveit", "Møtesekretær")]

S = SHY
ULV_SAKER = [
    dict(nr="018/24", tittel="Godkjenning av innkalling og sakliste", ark="24/00088-3",
         innst=["Innkalling og sakliste vert godkjende."],
         beh=["Ingen merknader."], vot=["Samrøystes vedteke."]),
    dict(nr="019/24", tittel="Godkjenning av møtebok frå møte 08.02.2024", ark="24/00088-4",
         innst=["Møteboka frå heradsstyret sitt møte 08.02.2024 vert godkjend."],
         beh=["Ingen merknader."], vot=["Samrøystes vedteke."]),
    dict(nr="020/24", tittel="Meldingar og referatsaker", ark="24/00089-2",
         innst=["Meldingane vert tekne til orientering."],
         beh=["Ordføraren gjekk gjennom meldingane. Det vart stilt spørsmål til melding 3, "
              f"brev frå Stats{S}forvaltaren i Vestland om {S}tilsyn med heimetenesta."],
         vot=["Samrøystes vedteke."]),
    dict(nr="021/24", tittel="Kommunal planstrategi for Ulvik herad 2024–2027",
         ark="23/00412-9",
         innst=[f"1. Heradsstyret vedtek kommunal plan{S}strategi for Ulvik herad 2024–2027, "
                "datert 20.02.2024.",
                f"2. Kommune{S}planen sin sam{S}funns{S}del skal reviderast i plan{S}perioden.",
                f"3. Kommune{S}direktøren vert beden om å starta arbeidet med plan{S}program for "
                f"sam{S}funns{S}delen, og leggja det fram for herads{S}styret innan 1. september "
                "2024."],
         beh=["Synnøve Bruvik (Ap) sette fram slikt framlegg:",
              ("FORSLAG", f"Nytt punkt 2: Kommune{S}planen sin areal{S}del skal reviderast "
               f"saman med sam{S}funns{S}delen i plan{S}perioden.")],
         vot=["Framlegget frå Ap fall med 6 mot 9 røyster.",
              "Framlegg til vedtak vart vedteke med 9 mot 6 røyster."]),
    dict(nr="022/24", tittel="Søknad om tilskot frå kraftfondet – Ulvik Båtlag, ny "
         "flytebrygge i Ulvik hamn", ark="24/00156-2",
         innst=[f"1. Ulvik Båtlag får tilskot på kr 250 000 frå kraft{S}fondet til ny "
                f"flyte{S}brygge i Ulvik hamn.",
                f"2. Tilskotet vert utbetalt når prosjektet er ferdig{S}stilt og rekne{S}skap "
                "er lagt fram.",
                f"3. Kommune{S}direktøren vert beden om å rapportera om bruken av kraft{S}fondet "
                f"til herads{S}styret innan utgangen av 2024."],
         beh=[f"Gunhild Brakanes (Ap) bad om å få vurdert {S}habiliteten sin, då ho er "
              f"kasserar i Ulvik Båtlag. Ho vart samrøystes kjend ugild og gjekk frå, jf. "
              f"forvaltningslova § 6 første ledd bokstav e. 14 represen{S}tantar til stades."],
         vot=["Samrøystes vedteke."]),
    dict(nr="023/24", tittel="Bustadsosial handlingsplan for Ulvik herad 2024–2028",
         ark="23/00977-6",
         innst=[f"1. Bustad{S}sosial handlings{S}plan for Ulvik herad 2024–2028 vert vedteken.",
                f"2. Kommune{S}direktøren vert beden om å leggja fram ei oversikt over "
                f"kommunale utleige{S}bustader med vedlike{S}halds{S}behov innan utgangen av 2024."],
         beh=["Torbjørn Eide (H) sette fram slikt tilleggsframlegg:",
              ("FORSLAG", f"Nytt punkt 3: Kommune{S}direktøren vert beden om å greia ut ei "
               f"ordning med start{S}lån for unge i etablerings{S}fasen, og leggja saka fram for "
               f"herads{S}styret i løpet av 1. kvartal 2025.")],
         vot=["Framlegg til vedtak: Samrøystes vedteke.",
              "Tilleggsframlegget frå H vart vedteke med 11 mot 4 røyster."],
         vedtak=[f"1. Bustad{S}sosial handlings{S}plan for Ulvik herad 2024–2028 vert vedteken.",
                 f"2. Kommune{S}direktøren vert beden om å leggja fram ei oversikt over "
                 f"kommunale utleige{S}bustader med vedlike{S}halds{S}behov innan utgangen av "
                 "2024.",
                 f"3. Kommune{S}direktøren vert beden om å greia ut ei ordning med start{S}lån "
                 f"for unge i etablerings{S}fasen, og leggja saka fram for herads{S}styret i "
                 "løpet av 1. kvartal 2025."]),
    dict(nr="024/24", tittel="Endring av gebyr for feiing og tilsyn 2024", ark="23/01102-4",
         innst=[f"Gebyr for feiing og tilsyn vert auka med 6,5 % med verknad frå 1. april 2024, "
                f"jf. vedlagt gebyr{S}regulativ."],
         beh=["Rolf Inge Vambheim (FrP) sette fram slikt framlegg:",
              ("FORSLAG", "Gebyr for feiing og tilsyn vert ikkje endra i 2024.")],
         vot=["Framlegget fall med 5 mot 10 røyster.",
              "Framlegg til vedtak vart vedteke med 10 mot 5 røyster."]),
    dict(nr="025/24", tittel="Vassforsyning i Osa – val av løysing", ark="22/00534-11",
         innst=[f"1. Heradsstyret vel alternativ 2, ny grunn{S}vass{S}kjelde ved Osa, som "
                f"framtidig vass{S}forsyning for Osa.",
                f"2. Kommune{S}direktøren får fullmakt til å lysa ut forprosjekt og inngå "
                f"kontrakt med rådgjevar innanfor ei ramme på kr 1 200 000 innan 1. juni 2024.",
                f"3. Kommune{S}direktøren vert beden om å leggja fram sak om investerings{S}"
                f"budsjett for prosjektet i løpet av 2. kvartal 2025."],
         beh=[f"Arne Djønne (Ap) bad om at det vart ført i møteboka at Ap meiner alternativ 1, "
              f"tilknyting til hovud{S}vass{S}verket, gjev betre forsynings{S}tryggleik på lang "
              "sikt."],
         vot=["Vedtatt med 9 mot 6 røyster."]),
    dict(nr="026/24", tittel="Orientering om arbeidet med ny barnehage i Ulvik sentrum",
         ark="23/01450-5",
         innst=["Heradsstyret tek orienteringa til orientering."],
         beh=["Kommunedirektør Øystein Haugland orienterte. Samandrag av orienteringa følgjer "
              "på neste side."],
         orientering=True,
         vot=["Samrøystes teke til orientering."]),
    dict(nr="027/24", tittel="Kjøp av tomt gnr. 45 bnr. 12, Brakanes", ark="24/00203-2",
         innst=["1. Ulvik herad kjøper eigedomen gnr. 45 bnr. 12 på Brakanes for kr 2 350 000.",
                f"2. Kjøpet vert finansiert ved bruk av ubundne investerings{S}fond."],
         beh=["Lars Ivar Tveit (Sp) sette fram slikt utsetjingsframlegg:",
              ("FORSLAG", "1. Saka vert utsett til neste møte."),
              ("FORSLAG", f"2. Kommune{S}direktøren vert beden om å innhenta ny takst over "
               "eigedomen innan 30. april 2024.")],
         vot=["Utsetjingsframlegget vart vedteke med 8 mot 7 røyster."],
         vedtak=["1. Saka vert utsett til neste møte.",
                 f"2. Kommune{S}direktøren vert beden om å innhenta ny takst over eigedomen "
                 "innan 30. april 2024."]),
]
for _s in ULV_SAKER:
    if "vedtak" not in _s:
        _s["vedtak"] = list(_s["innst"])

ULV_ORIENTERING = [
    ("Bakgrunn", f"Heradsstyret vedtok i sak 071/23 å starta forprosjekt for ny barnehage i "
     f"Ulvik sentrum. Dagens barne{S}hage i Tunet har lokale som ikkje lenger til{S}fredsstiller "
     f"krava til areal per barn, og det er venta auka søknads{S}mengd dei komande åra som "
     f"følgje av nye bustad{S}felt på Brakanes og i Hjeltnes{S}området."),
    ("Status i forprosjektet", f"Forprosjektet er gjennomført i samarbeid med eit eksternt "
     f"arkitekt{S}kontor. Det er utarbeidd tre alternativ: rehabilitering og utviding av "
     f"dagens bygg, nybygg på skule{S}tomta og nybygg på tomta ved idretts{S}hallen. "
     f"Administrasjonen tilrår at vidare arbeid tek utgangs{S}punkt i nybygg på skule{S}tomta, "
     f"mellom anna fordi ein då kan nytta felles uteområde og parkering med Ulvik skule."),
    ("Økonomi", f"Kalkylen for nybygg på skule{S}tomta er rekna til om lag 68 mill. kroner "
     f"inkludert meirverdi{S}avgift. Investerings{S}tilskot frå Husbanken er ikkje aktuelt "
     f"for barne{S}hagar, men kommunen kan få kompensasjon for meirverdi{S}avgift. Auka "
     f"kapital{S}kostnader er berekna til om lag 3,1 mill. kroner per år, medan drifts{S}"
     f"utgiftene vert venta å gå noko ned som følgje av meir effektive lokale."),
    ("Framdrift", f"Administrasjonen tek sikte på å leggja fram sak om val av alternativ og "
     f"investerings{S}ramme for herads{S}styret før sommaren. Med ein slik framdrift kan "
     f"anbods{S}konkurransen lysast ut hausten 2024 og bygge{S}start skje våren 2025. Ny "
     f"barne{S}hage kan då takast i bruk ved oppstarten av barne{S}hage{S}året 2026/2027."),
    ("Medverknad", f"Foreldre{S}råds{S}arbeids{S}utvalet, dei tilsette og tillits{S}valde har "
     f"vore med i arbeidet gjennom tre arbeids{S}møte. Innspela frå desse møta er tekne inn i "
     f"rom{S}programmet. Det er også gjennomført ei synfaring med represen{S}tantar frå "
     f"Ungdoms{S}rådet og Rådet for personar med funksjons{S}nedsetjing."),
    ("Spørsmål frå heradsstyret", f"Det vart stilt spørsmål om trafikk{S}tryggleik ved "
     f"levering og henting, om moglege sambruks{S}løysingar med skulen og om kva som skal skje "
     f"med dagens barne{S}hage{S}bygg. Kommune{S}direktøren svarte at trafikk{S}tryggleik vil "
     f"bli særskilt vurdert i vidare prosjektering, og at det vil bli lagt fram ei eiga sak "
     f"om vidare bruk eller sal av dagens bygg."),
]


def _ulv_styles():
    base = ParagraphStyle("n", fontName="PSerif", fontSize=10, leading=13.5, spaceAfter=4)
    return dict(
        n=base,
        b=ParagraphStyle("b", parent=base, fontName="PSerif-Bold", spaceBefore=6, spaceAfter=3,
                          keepWithNext=1),
        h1=ParagraphStyle("h1", parent=base, fontName="PSerif-Bold", fontSize=20, leading=24,
                          spaceAfter=4),
        h2=ParagraphStyle("h2", parent=base, fontName="PSerif-Bold", fontSize=12.5,
                          leading=16, spaceBefore=8, spaceAfter=5),
        sak=ParagraphStyle("sak", parent=base, fontName="PSerif-Bold", fontSize=12,
                           leading=15, spaceBefore=4, spaceAfter=2),
        small=ParagraphStyle("sm", parent=base, fontSize=9, leading=11.5, spaceAfter=2),
        cell=ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12, spaceAfter=0),
    )


def _ulv_story(pages, prev):
    st = _ulv_styles()
    s = [_p("Ulvik herad", st["h2"]), _p("Møtebok", st["h1"]),
         _p("Møteprotokoll for Heradsstyret", st["n"]), Spacer(1, 6)]
    meta = Table([["Utval:", "Heradsstyret"], ["Møtestad:", "Heradshuset, møtesalen"],
                  ["Dato:", "14.03.2024"], ["Tid:", "10:00 – 15:30"]],
                 colWidths=[30 * mm, 110 * mm], hAlign="LEFT")
    meta.setStyle(TableStyle([("FONT", (0, 0), (0, -1), "PSerif-Bold", 10),
                              ("FONT", (1, 0), (1, -1), "PSerif", 10),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    s += [meta, Spacer(1, 6)]
    s.append(_p("Møtande medlemmer", st["b"]))
    s.append(_people_table(("Namn", "Funksjon", "Parti"), ULV_MEDLEMMER,
                           [70 * mm, 40 * mm, 30 * mm], font="PSerif"))
    s.append(_p("Forfall", st["b"]))
    s.append(_people_table(("Namn", "Funksjon", "Parti"), ULV_FORFALL,
                           [70 * mm, 40 * mm, 30 * mm], font="PSerif"))
    s.append(_p("Møtande varamedlemmer", st["b"]))
    s.append(_people_table(("Namn", "Møtte for", "Parti"),
                           [(n, f, p) for n, _, p, f in ULV_VARA],
                           [70 * mm, 40 * mm, 30 * mm], font="PSerif"))
    s.append(_p("Frå administrasjonen", st["b"]))
    s.append(_people_table(("Namn", "Stilling"), ULV_ADM, [70 * mm, 70 * mm], font="PSerif"))
    s.append(Spacer(1, 6))
    s.append(_p("Talet på røysteføre: 15", st["n"]))
    s.append(_p("Underskrift: Møteboka vert godkjend elektronisk av ordføraren og to "
                "medlemmer valde i møtet: Olav Bakke og Åse Kvåle.", st["n"]))
    s.append(_p("Sakliste", st["h2"]))
    rows = [["Saksnr", "Tittel"]] + [[x["nr"], _p(x["tittel"], st["cell"])] for x in ULV_SAKER]
    t = Table(rows, colWidths=[25 * mm, 135 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), "PSerif-Bold", 9.5),
                           ("FONT", (0, 1), (-1, -1), "PSerif", 9.5),
                           ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black"),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    s += [t, PageBreak()]

    def hp(text, indent=0):
        return HyphPara(text, font="PSerif", size=10, leading=13.5, indent=indent)

    for sak in ULV_SAKER:
        s.append(CondPageBreak(40 * mm))
        s.append(Marker(sak["nr"], pages))
        s.append(_p(f"{sak['nr']} {sak['tittel']}", st["sak"]))
        s.append(_p(f"Arkivsak-dok. {sak['ark']}", st["small"]))
        s.append(_p("Framlegg til vedtak:", st["b"]))
        s += [hp(x, 6 * mm) for x in sak["innst"]]
        s.append(_p(f"Heradsstyret - {sak['nr']} - 14.03.2024:", st["small"]))
        s.append(_p("Handsaming:", st["b"]))
        for item in sak["beh"]:
            s.append(hp(item[1], 8 * mm) if isinstance(item, tuple) else hp(item))
        if sak.get("orientering"):
            s.append(NextPageTemplate("two"))
            s.append(PageBreak())
            s.append(_p("Orientering om arbeidet med ny barnehage i Ulvik sentrum – samandrag",
                        ParagraphStyle("oh", parent=st["b"], fontSize=10.5, leading=13)))
            for head, body in ULV_ORIENTERING:
                s.append(_p(head, ParagraphStyle("ob", parent=st["b"], spaceBefore=4)))
                s.append(HyphPara(body, font="PSerif", size=9.5, leading=12.5))
            s.append(NextPageTemplate("one"))
            s.append(PageBreak())
        s.append(_p("Røysting:", st["b"]))
        for line in sak["vot"]:
            s.append(hp(line))
        s.append(Marker(sak["nr"] + "#vedtak", pages))
        s.append(_p(f"HST - {sak['nr']} Vedtak:", st["b"]))
        s += [hp(x, 6 * mm) for x in sak["vedtak"]]
        s.append(Spacer(1, 10))
    return s


def _ulv_decorate(c, n, total):
    w, h = A4
    c.saveState()
    c.setFont("PSerif", 8.5)
    c.drawString(25 * mm, h - 13 * mm, "Ulvik herad")
    c.drawRightString(w - 22 * mm, h - 13 * mm, "Møtebok – Heradsstyret – 14.03.2024")
    c.drawCentredString(w / 2, 12 * mm, f"Side {n}")
    c.restoreState()


# ===========================================================================
# 3. Balsfjord kommune – Formannskapet 28.11.2023 (ePhorte / Elements)
# ===========================================================================
BAL_MEDLEMMER = [("Tove Karin Nordby", "Leder", "SP"), ("Ole Henrik Rasch", "Nestleder", "AP"),
                 ("Hanne Kristin Johansen", "Medlem", "SP"), ("Arnt Olav Eidem", "Medlem", "AP"),
                 ("Marit Lillevik", "Medlem", "H"), ("Frode Sandmo", "Medlem", "FRP")]
BAL_FORFALL = [("Rita Stenvold", "Medlem", "SV")]
BAL_VARA = [("Stian Breivik", "Rita Stenvold", "SV")]
BAL_ADM = [("Lena Mikkelsen Rasmussen", "Rådmann"), ("Geir Inge Solbakk", "Økonomisjef"),
           ("Britt Heidi Elvevoll", "Kommunalsjef helse og omsorg"),
           ("Kjersti Lyngmo", "Konsulent/protokollfører")]

BAL_SAKER = [
    dict(nr="PS 110/23", tittel="Godkjenning av innkalling og saksliste", ark="2023/12",
         innst=["Innkalling og saksliste godkjennes."], beh=[], vot=["Enstemmig vedtatt."]),
    dict(nr="PS 111/23", tittel="Referatsaker", ark="",
         innst=["Referatsakene tas til orientering."],
         rs=[("RS 20/23", "Protokoll fra møte i Balsfjord ungdomsråd 14.11.2023", "2023/188"),
             ("RS 21/23", "Tilsyn med barnevernstjenesten i Balsfjord – endelig rapport fra "
              "Statsforvalteren i Troms og Finnmark", "2023/734")],
         beh=[], vot=["Enstemmig tatt til orientering."]),
    dict(nr="PS 112/23", tittel="Budsjett 2024 og økonomiplan 2024–2027", ark="2023/902",
         innst=["1. Kommunestyret vedtar driftsbudsjett for 2024 og økonomiplan for 2024–2027 "
                "med netto driftsrammer som vist i tabell 1 i budsjettdokumentet.",
                "2. Investeringsbudsjett for 2024 vedtas med en samlet ramme på kr 48 650 000, "
                "finansiert som vist i tabell 4.",
                "3. Eiendomsskattesatsen for 2024 settes til 4 promille for boliger og "
                "fritidsboliger og 7 promille for øvrige eiendommer.",
                "4. Gebyrer og avgifter for 2024 vedtas som vist i vedlegg 3."],
         beh=["Marit Lillevik (H) fremmet følgende forslag på vegne av H og FRP:",
              ("FORSLAG", "Punkt 3 endres til: Eiendomsskattesatsen for 2024 settes til 2 "
               "promille for boliger og fritidsboliger og 7 promille for øvrige eiendommer.")],
         vot=["Forslaget fra H og FRP falt med 2 mot 5 stemmer.",
              "Rådmannens innstilling ble vedtatt med 5 mot 2 stemmer."],
         til_ks=True),
    dict(nr="PS 113/23", tittel="Tilskudd til Balsfjord IL – ny kunstgressbane på "
         "Storsteinnes", ark="2023/1156",
         innst=["1. Balsfjord IL innvilges et tilskudd på kr 1 500 000 til ny kunstgressbane på "
                "Storsteinnes.",
                "2. Tilskuddet dekkes av disposisjonsfondet.",
                "3. Rådmannen får fullmakt til å utbetale tilskuddet når tilsagn om spillemidler "
                "foreligger.",
                "4. Rådmannen bes legge fram en sluttrapport for prosjektet for formannskapet "
                "innen 31. desember 2024."],
         beh=["Frode Sandmo (FRP) ba om en orientering om status for spillemiddelsøknaden. "
              "Rådmannen orienterte."],
         vot=["Enstemmig vedtatt."]),
    dict(nr="PS 114/23", tittel="Salg av kommunal tomt gnr. 68 bnr. 214, Nordkjosbotn "
         "næringsområde", ark="2023/1088",
         innst=["1. Balsfjord kommune selger tomt gnr. 68 bnr. 214 på Nordkjosbotn "
                "næringsområde, ca. 4 200 m², til Nordkjosbotn Bygg AS for kr 840 000.",
                "2. Rådmannen får fullmakt til å gjennomføre salget og tinglyse skjøte innen "
                "1. mars 2024."],
         beh=["Ole Henrik Rasch (AP) fremmet følgende forslag:",
              ("FORSLAG", "Tomten legges ut for salg i åpent marked.")],
         vot=["Forslaget fra AP falt med 3 mot 4 stemmer.",
              "Rådmannens innstilling ble vedtatt med 4 mot 3 stemmer."]),
    dict(nr="PS 115/23", tittel="Retningslinjer for Balsfjord kommunes næringsfond 2024–2027",
         ark="2023/1190",
         innst=["1. Retningslinjer for Balsfjord kommunes næringsfond 2024–2027 vedtas.",
                "2. Maksimalt tilskudd per søker settes til kr 150 000.",
                "3. Rådmannen får delegert myndighet til å behandle søknader om tilskudd på "
                "inntil kr 50 000.",
                "4. Rådmannen bes legge fram en evaluering av retningslinjene for formannskapet "
                "i løpet av 4. kvartal 2024."],
         beh=["Hanne Kristin Johansen (SP) fremmet følgende endringsforslag:",
              ("FORSLAG", "Punkt 2 endres til: Maksimalt tilskudd per søker settes til "
               "kr 200 000.")],
         vot=["Endringsforslaget fra SP ble vedtatt med 4 mot 3 stemmer.",
              "Innstillingen for øvrig ble enstemmig vedtatt."],
         vedtak=["1. Retningslinjer for Balsfjord kommunes næringsfond 2024–2027 vedtas.",
                 "2. Maksimalt tilskudd per søker settes til kr 200 000.",
                 "3. Rådmannen får delegert myndighet til å behandle søknader om tilskudd på "
                 "inntil kr 50 000.",
                 "4. Rådmannen bes legge fram en evaluering av retningslinjene for "
                 "formannskapet i løpet av 4. kvartal 2024."]),
    dict(nr="PS 116/23", tittel="Høring – Regional transportplan for Troms 2024–2035",
         ark="2023/1201",
         innst=["1. Balsfjord kommune gir uttalelse til Regional transportplan for Troms "
                "2024–2035 som framgår av saksutredningen.",
                "2. Rådmannen bes oversende uttalelsen til Troms fylkeskommune innen "
                "høringsfristen 15. desember 2023.",
                "3. Balsfjord kommune ber om at utbedring av E6/E8 Nordkjosbotn–Hatteng "
                "prioriteres i første planperiode."],
         beh=["Arnt Olav Eidem (AP) fremmet følgende tilleggsforslag:",
              ("FORSLAG", "Nytt punkt 4: Balsfjord kommune ber om at gang- og sykkelvei langs "
               "fv. 294 i Sørkjosen prioriteres.")],
         vot=["Rådmannens innstilling ble enstemmig vedtatt.",
              "Tilleggsforslaget fra AP ble enstemmig vedtatt."],
         vedtak=["1. Balsfjord kommune gir uttalelse til Regional transportplan for Troms "
                 "2024–2035 som framgår av saksutredningen.",
                 "2. Rådmannen bes oversende uttalelsen til Troms fylkeskommune innen "
                 "høringsfristen 15. desember 2023.",
                 "3. Balsfjord kommune ber om at utbedring av E6/E8 Nordkjosbotn–Hatteng "
                 "prioriteres i første planperiode.",
                 "4. Balsfjord kommune ber om at gang- og sykkelvei langs fv. 294 i Sørkjosen "
                 "prioriteres."]),
    dict(nr="PS 117/23", tittel="Representantforslag fra SV – gratis frukt og grønt i "
         "grunnskolene", ark="2023/1244",
         innst=["Rådmannen fremmer saken uten innstilling."],
         beh=["Stian Breivik (SV) fremmet følgende forslag:",
              ("FORSLAG", "Balsfjord kommune innfører gratis frukt og grønt ved alle "
               "grunnskolene fra skoleåret 2024/2025, innenfor en ramme på kr 450 000 per år.")],
         vot=["Forslaget fra SV falt med 1 mot 6 stemmer."],
         vedtak=["Forslaget fra SV ble ikke vedtatt."]),
    dict(nr="OS 6/23", tittel="Orientering om ny interkommunal legevaktordning", ark="2023/645",
         innst=["Orienteringen tas til orientering."],
         beh=["Kommunalsjef helse og omsorg Britt Heidi Elvevoll orienterte om forhandlingene "
              "med Tromsø kommune om felles legevakt fra 1. mai 2024."],
         vot=["Enstemmig tatt til orientering."]),
]
for _s in BAL_SAKER:
    if "vedtak" not in _s:
        _s["vedtak"] = list(_s["innst"])


def _bal_styles():
    base = ParagraphStyle("n", fontName="PSans", fontSize=10, leading=13, spaceAfter=3)
    return dict(
        n=base,
        ind=ParagraphStyle("ind", parent=base),
        ind2=ParagraphStyle("ind2", parent=base, leftIndent=6 * mm),
        b=ParagraphStyle("b", parent=base, fontName="PSans-Bold", spaceBefore=6, spaceAfter=3,
                          keepWithNext=1),
        h1=ParagraphStyle("h1", parent=base, fontName="PSans-Bold", fontSize=16, leading=20,
                          spaceAfter=6),
        h2=ParagraphStyle("h2", parent=base, fontName="PSans-Bold", fontSize=12, leading=15,
                          spaceBefore=6, spaceAfter=5),
        sak=ParagraphStyle("sak", parent=base, fontName="PSans-Bold", fontSize=12, leading=15,
                           spaceBefore=4, spaceAfter=6),
        cell=ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5, spaceAfter=0),
        it=ParagraphStyle("it", parent=base, leftIndent=6 * mm, fontName="PSans-Oblique"),
    )


def _bal_story(pages, prev):
    st = _bal_styles()
    s = [_p("Balsfjord kommune", st["h2"]), _p("Møteprotokoll", st["h1"])]
    meta = Table([["Utvalg:", "Formannskapet"],
                  ["Møtested:", "Kommunestyresalen, Rådhuset Storsteinnes"],
                  ["Dato:", "28.11.2023"], ["Tidspunkt:", "09:00 - 14:15"]],
                 colWidths=[30 * mm, 110 * mm], hAlign="LEFT")
    meta.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "PSans", 10),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    s += [meta, Spacer(1, 6)]
    s.append(_p("Følgende faste medlemmer møtte:", st["b"]))
    s.append(_people_table(("Navn", "Funksjon", "Representerer"), BAL_MEDLEMMER,
                           [65 * mm, 35 * mm, 35 * mm]))
    s.append(_p("Følgende medlemmer hadde forfall:", st["b"]))
    s.append(_people_table(("Navn", "Funksjon", "Representerer"), BAL_FORFALL,
                           [65 * mm, 35 * mm, 35 * mm]))
    s.append(_p("Følgende varamedlemmer møtte:", st["b"]))
    s.append(_people_table(("Navn", "Møtte for", "Representerer"), BAL_VARA,
                           [65 * mm, 35 * mm, 35 * mm]))
    s.append(_p("Merknader", st["b"]))
    s.append(_p("Ingen merknader til innkalling og saksliste.", st["n"]))
    s.append(_p("Fra administrasjonen møtte:", st["b"]))
    s.append(_people_table(("Navn", "Stilling"), BAL_ADM, [65 * mm, 70 * mm]))
    s.append(Spacer(1, 8))
    s.append(_p("Underskrift:", st["b"]))
    s.append(_p("Vi bekrefter med våre underskrifter at det som er ført i protokollen er i "
                "samsvar med det som ble vedtatt på møtet.", st["n"]))
    sig = Table([["Tove Karin Nordby", "Marit Lillevik", "Arnt Olav Eidem"],
                 ["ordfører", "", ""]], colWidths=[50 * mm] * 3, hAlign="LEFT")
    sig.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "PSans", 9.5),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, 0), 16)]))
    s += [sig, PageBreak()]
    s.append(_p("Saksliste", st["h2"]))
    rows = [["Utvalgs-\nsaksnr", "Innhold", "Lukket", "Arkiv-\nsaksnr"]]
    for sak in BAL_SAKER:
        rows.append([sak["nr"], _p(sak["tittel"], st["cell"]), "", sak["ark"]])
        for rs in sak.get("rs", []):
            rows.append([rs[0], _p(rs[1], st["cell"]), "", rs[2]])
    t = Table(rows, colWidths=[25 * mm, 100 * mm, 15 * mm, 22 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), "PSans-Bold", 9),
                           ("FONT", (0, 1), (-1, -1), "PSans", 9),
                           ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black"),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    s += [t, Spacer(1, 14)]

    for sak in BAL_SAKER:
        s.append(CondPageBreak(50 * mm))
        s.append(Marker(sak["nr"], pages))
        s.append(_p(f"{sak['nr']} {sak['tittel']}", st["sak"]))
        for rs in sak.get("rs", []):
            s.append(_p(f"{rs[0]} {rs[1]}", ParagraphStyle("rs", parent=st["n"],
                                                           fontName="PSans-Bold")))
            s.append(_p(f"Arkivsak: {rs[2]}", st["n"]))
        s.append(_p("Rådmannens innstilling", st["b"]))
        s += _points(sak["innst"], st)
        s.append(_p("Behandling i Formannskapet - 28.11.2023", st["b"]))
        for item in sak["beh"]:
            s.append(_p(item[1], st["it"]) if isinstance(item, tuple) else _p(item, st["n"]))
        s.append(_p("Votering:", st["n"]))
        for line in sak["vot"]:
            s.append(_p(line, st["n"]))
        s.append(Marker(sak["nr"] + "#vedtak", pages))
        num = sak["nr"].split()[1]
        s.append(_p(f"FSK- {num} Vedtak:", st["b"]))
        if sak.get("til_ks"):
            s.append(_p("Formannskapets innstilling til kommunestyret:", st["n"]))
        s += _points(sak["vedtak"], st)
        s.append(Spacer(1, 10))
    return s


def _bal_decorate(c, n, total):
    w, h = A4
    c.saveState()
    c.setFont("PSans", 8)
    c.drawString(25 * mm, h - 13 * mm, "Balsfjord kommune")
    c.drawRightString(w - 22 * mm, h - 13 * mm, "Formannskapet 28.11.2023")
    c.drawRightString(w - 22 * mm, 12 * mm, f"Side {n}")
    c.restoreState()


# ---------------------------------------------------------------------------
DOKUMENTER = {
    "levanger_kst_2024-06-19_protokoll.pdf": (_lev_story, _lev_decorate, False),
    "ulvik_hst_2024-03-14_protokoll.pdf": (_ulv_story, _ulv_decorate, True),
    "balsfjord_fsk_2023-11-28_protokoll.pdf": (_bal_story, _bal_decorate, False),
}
PAGES: dict = {}


def build(korpus_dir: Path) -> list[Path]:
    _register_fonts()
    out = []
    for name, (story, deco, two) in DOKUMENTER.items():
        path = Path(korpus_dir) / name
        PAGES[name] = _build_pdf(path, story, deco, two_col=two)
        out.append(path)
    return out
