"""Seinare saksframlegg som rapporterer om oppfølginga av vedtak (oppdikta innhald, ekte form).

* ``levanger_kst_2024-12-12_vedtaksoppfolging.pdf`` – ACOS WebSak-stil saksframlegg til
  Kommunestyret (Sak 88/24, 12.12.2024), bokmål: «Oppfølging av politiske vedtak –
  2. halvår 2024». Rapporten er ein linjert tabell over eit sideskift (gjentatt
  overskrift) med ein rad per vedtakspunkt frå kommunestyret 19.06.2024
  (``levanger_kst_2024-06-19_protokoll.pdf``), statusord slik kommunane skriv dei
  (Utført, Ferdig, Under arbeid, Pågår, Ikke påbegynt, Forsinket), ein rad for eit heilt
  vedtak, og to rader for eldre 2023-saker som ikkje finst i korpuset.
* ``ulvik_hst_2024-10-17_saksframlegg.pdf`` – Public 360-stil saksframlegg til
  Heradsstyret (061/24, 17.10.2024), nynorsk: «Rapport om bruken av kraftfondet 2024»,
  i same arkivsak som sak 022/24 i ``ulvik_hst_2024-03-14_protokoll.pdf``. Status for
  tidlegare vedtak står i prosa.

Alt innhald er oppdikta. Hjelparane (skrifter, invariant bygging, orddeling) er henta frå
``protokoller``, så ein ny bygging gir byte-identiske filer.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from korpus.kilder.protokoller import (SHY, HyphPara, _build_pdf, _lev_styles, _p,
                                       _register_fonts, _ulv_styles)

S = SHY

# ===========================================================================
# 1. Levanger kommune – saksframlegg til Kommunestyret 12.12.2024 (ACOS WebSak)
# ===========================================================================
LEV_HEADER = "Levanger kommune – Saksframlegg – Kommunestyret 12.12.2024"
LEV_TITTEL = "Oppfølging av politiske vedtak – 2. halvår 2024"
LEV_MARG = (20, 18, 25, 25)  # venstre, høgre, topp, botn (mm): breiare tabell enn protokollen

# Sak | Møtedato | Tittel | Vedtakspunkt | Ansvarlig | Status | Kommentar
LEV_RADER = [
    ("Sak 97/23", "14.12.2023", "Budsjett 2024 og økonomiplan 2024–2027",
     "pkt. 7 – Utrede felles innkjøpsordning med Verdal kommune", "Økonomisjef", "Pågår",
     "Utredningen ses i sammenheng med ny innkjøpsstrategi. Sak legges fram i 1. kvartal "
     "2025."),
    ("Sak 47/23", "21.06.2023", "Plan for legetjenesten 2023–2026",
     "pkt. 2 – Rekruttere to nye fastleger", "Kommunalsjef helse og velferd", "Utført",
     "To nye fastlegehjemler besatt fra 01.09.2024."),
    ("41/24", "19.06.2024", "Årsregnskap og årsberetning 2023",
     "pkt. 4 – Plan for oppbygging av disposisjonsfondet til minimum 8 % av "
     "driftsinntektene", "Økonomisjef", "Utført",
     "Planen er innarbeidet i økonomiplan 2025–2028, sak 84/24."),
    ("42/24", "19.06.2024", "Tertialrapport 1/2024",
     "pkt. 3 – Tiltaksplan for å redusere merforbruket innen helse og velferd",
     "Kommunalsjef helse og velferd", "Utført",
     "Tiltaksplan lagt fram i formannskapet 12.09.2024, sak 71/24."),
    ("Sak 43/24", "19.06.2024", "Kommuneplanens arealdel 2024–2036",
     "pkt. 3 – Temaplan for fortetting i Levanger sentrum", "Plan- og utviklingssjef",
     "Pågår",
     "Oppstartsmøte holdt 03.10.2024. Forslag til planprogram sendes på høring i januar "
     "2025."),
    ("44/24", "19.06.2024", "Skolestruktur i Levanger – Hoven skole og Ekne skole",
     "Hele vedtaket – ny vurdering, alternativ med felles ledelse",
     "Kommunalsjef oppvekst", "Forsinket",
     "Utredningen har tatt lengre tid enn planlagt på grunn av ny elevtallsprognose. Ny sak "
     "legges fram for kommunestyret 12.02.2025."),
    ("46/24", "19.06.2024", "Kommunal garanti – Levanger Golfklubb, nytt klubbhus",
     "pkt. 3 – Garantiavtale og søknad til Statsforvalteren", "Økonomisjef", "Ferdig",
     "Søknad sendt 28.06.2024. Garantien godkjent av Statsforvalteren i brev av "
     "19.08.2024."),
    ("Sak 47/24", "19.06.2024", "Detaljregulering for Nesset boligområde",
     "pkt. 2 – Trafikksikkerhetstiltak langs Nessetveien", "Kommunalteknikk",
     "Ikke påbegynt",
     "Tiltakene ses i sammenheng med ny trafikksikkerhetsplan (sak 51/24). Oppstart våren "
     "2025."),
    ("48/24", "19.06.2024", "Gebyrregulativ for plan-, byggesaks-, delings- og "
     "oppmålingssaker", "pkt. 2 – Sak om selvkostgrad for byggesaksbehandlingen",
     "Plan- og utviklingssjef", "Under arbeid",
     "Selvkostberegning for 2024 gjøres av ekstern rådgiver. Saken legges fram i mai 2025."),
    ("54/24", "19.06.2024", "Eiendomsskatt – ny alminnelig taksering fra 2025",
     "pkt. 2 – Retningslinjer for takseringsarbeidet", "Formannskapet", "Ferdig",
     "Retningslinjer vedtatt i formannskapet 24.09.2024, sak 76/24."),
    ("54/24", "19.06.2024", "Eiendomsskatt – ny alminnelig taksering fra 2025",
     "pkt. 3 – Sak om bunnfradrag og skattesats", "Økonomisjef", "Forsinket",
     "Takseringen er ikke ferdig. Sak om bunnfradrag og skattesats legges fram i februar "
     "2025."),
]
LEV_KOLONNER = ("Sak", "Møtedato", "Tittel", "Vedtakspunkt", "Ansvarlig", "Status",
                "Kommentar")

LEV_SAKSOPPLYSNINGER = [
    "Kontrollutvalget ba i 2022 om at rapporteringen på oppfølging av politiske vedtak skulle "
    "bli mer systematisk. Fra 2023 registreres alle vedtak med oppfølgingspunkter i "
    "saksbehandlingssystemet, med ansvarlig enhet og frist. Rapporten til kommunestyret "
    "hentes fra denne registreringen og kvalitetssikres av kommunedirektørens ledergruppe.",
    "Kommunedirektøren legger to ganger i året fram en oversikt over hvordan vedtak i "
    "kommunestyret er fulgt opp. Oversikten skal gi kommunestyret grunnlag for å "
    "kontrollere at vedtak blir satt i verk, jf. kommuneloven § 13-1 om kommunedirektørens "
    "ansvar for at vedtak blir gjennomført.",
    "Denne rapporten omfatter vedtak med oppfølgingspunkter fra kommunestyrets møte "
    "19.06.2024, og to eldre vedtak fra 2023 som ikke var avsluttet ved forrige "
    "rapportering. Vedtakspunkter som bare gir en fullmakt, og vedtak som ble avsluttet i "
    "samme møte, er ikke tatt med. Vedtak fra kommunestyrets møter 18.09.2024 og "
    "23.10.2024 rapporteres i neste halvårsrapport.",
    "Status er oppgitt av den enheten som har ansvaret for oppfølgingen, per 25.11.2024. "
    "Kolonnen «Vedtakspunkt» viser hvilket punkt i vedtaket raden gjelder. Der hele vedtaket "
    "følges opp samlet, står det «Hele vedtaket».",
]

LEV_VURDERING = [
    "Flere av punktene som er under arbeid, har frist i 2025. Kommunedirektøren legger vekt "
    "på at fristene i vedtakene skal holdes, og at kommunestyret skal få beskjed i god tid "
    "dersom en frist ikke kan overholdes. Der fristen allerede er passert, er dette omtalt i "
    "kommentarfeltet.",
    "Av de 11 punktene i oversikten er 5 utført, 5 under arbeid, hvorav 2 er forsinket, og "
    "1 er ikke påbegynt. De to forsinkede punktene gjelder saker der utredningen er mer "
    "omfattende enn forutsatt da vedtaket ble fattet. Kommunedirektøren vil legge fram sak "
    "for kommunestyret i februar 2025 i begge tilfellene.",
    "Kommunedirektøren vurderer at oppfølgingen av vedtakene i hovedsak er i rute. Punkter "
    "som er rapportert utført i denne oversikten, tas ut av neste rapport.",
]


def _lev_story(pages, prev):
    st = _lev_styles()
    cell = ParagraphStyle("cell", parent=st["n"], fontSize=7.5, leading=9.5, spaceAfter=0)
    cellb = ParagraphStyle("cellb", parent=cell, fontName="PSans-Bold")
    s = [_p("Levanger kommune", st["h2"]), _p("Saksframlegg", st["h1"])]
    meta = Table([["Dato:", "25.11.2024"],
                  ["Arkivsaksnr:", "24/2934-1"],
                  ["Saksbehandler:", "Sissel Moe"],
                  ["Arkiv:", "FE-033"]],
                 colWidths=[32 * mm, 110 * mm], hAlign="LEFT")
    meta.setStyle(TableStyle([("FONT", (0, 0), (0, -1), "PSans-Bold", 9.5),
                              ("FONT", (1, 0), (1, -1), "PSans", 9.5),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 1),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    s += [meta, Spacer(1, 8)]
    gang = Table([["Saksgang", "Utvalgssak", "Møtedato"],
                  ["Kommunestyret", "Sak 88/24", "12.12.2024"]],
                 colWidths=[70 * mm, 35 * mm, 35 * mm], hAlign="LEFT")
    gang.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), "PSans-Bold", 9.5),
                              ("FONT", (0, 1), (-1, -1), "PSans", 9.5),
                              ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    s += [gang, Spacer(1, 10)]
    s.append(_p(LEV_TITTEL, ParagraphStyle("t", parent=st["h2"], fontSize=13, leading=16)))
    s.append(_p("Kommunedirektørens innstilling:", st["b"]))
    s.append(_p("Saken tas til orientering.", st["n"]))
    s.append(_p("Vedlegg:", st["b"]))
    s.append(_p("Ingen", st["n"]))
    s.append(_p("Andre saksdokumenter (ikke vedlagt):", st["b"]))
    s.append(_p("Møteprotokoll fra kommunestyret 19.06.2024", st["n"]))
    s.append(_p("Saksopplysninger:", st["b"]))
    for para in LEV_SAKSOPPLYSNINGER:
        s.append(_p(para, st["n"]))
    s.append(_p("Tabell 1. Status for oppfølging av vedtak i kommunestyret, per 25.11.2024",
                ParagraphStyle("tt", parent=st["b"], fontSize=9.5, spaceBefore=8,
                               keepWithNext=0)))
    rows = [[_p(k, cellb) for k in LEV_KOLONNER]]
    for r in LEV_RADER:
        rows.append([_p(x, cell) for x in r])
    t = Table(rows, colWidths=[15.5 * mm, 18 * mm, 27 * mm, 35 * mm, 26 * mm, 17 * mm,
                               33.5 * mm], hAlign="LEFT", repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.85, 0.85)),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 2),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                           ("TOPPADDING", (0, 0), (-1, -1), 2),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    s += [t, Spacer(1, 6)]
    s.append(_p("Vurdering:", st["b"]))
    for para in LEV_VURDERING:
        s.append(_p(para, st["n"]))
    s.append(_p("Økonomiske konsekvenser:", st["b"]))
    s.append(_p("Saken har ingen økonomiske konsekvenser i seg selv. Kostnader ved "
                "oppfølgingen av det enkelte vedtaket er omtalt i de respektive sakene eller "
                "innarbeidet i budsjett 2025 og økonomiplan 2025–2028.", st["n"]))
    s.append(_p("Konklusjon:", st["b"]))
    s.append(_p("Kommunedirektøren tilrår at saken tas til orientering.", st["n"]))
    s.append(Spacer(1, 10))
    s.append(_p("Ingrid Solberg Vang", st["n"]))
    s.append(_p("kommunedirektør", st["n"]))
    return s


def _lev_decorate(c, n, total):
    w, h = A4
    c.saveState()
    c.setFont("PSans", 8.5)
    c.drawString(LEV_MARG[0] * mm, h - 13 * mm, LEV_HEADER)
    c.setLineWidth(0.4)
    c.line(LEV_MARG[0] * mm, h - 15 * mm, w - LEV_MARG[1] * mm, h - 15 * mm)
    c.line(LEV_MARG[0] * mm, 17 * mm, w - LEV_MARG[1] * mm, 17 * mm)
    c.drawRightString(w - LEV_MARG[1] * mm, 12 * mm, f"Side {n} av {total}")
    c.restoreState()


# ===========================================================================
# 2. Ulvik herad – saksframlegg til Heradsstyret 17.10.2024 (Public 360, nynorsk)
# ===========================================================================
ULV_TITTEL = "Rapport om bruken av kraftfondet 2024"
ULV_FRAMLEGG = "Heradsstyret tek rapporten om bruken av kraftfondet 2024 til orientering."

ULV_AVSNITT = [
    ("Bakgrunn", [
        "Heradsstyret gjorde i sak 022/24, 14.03.2024, vedtak om at kommunedirektøren skulle "
        "rapportera om bruken av kraftfondet til heradsstyret innan utgangen av 2024. "
        "Kommunedirektøren legg med dette fram rapporten.",
        f"Kraftfondet vert forvalta etter vedtektene for kraft{S}fondet i Ulvik herad, "
        f"sist endra av herads{S}styret i 2021. Fondet får årlege konsesjons{S}avgifter, og "
        f"avkastninga skal nyttast til tiltak som styrkjer nærings{S}livet og busetjinga i "
        "heradet."]),
    ("Bruken av kraftfondet i 2024", [
        f"Fondet hadde ein inngåande saldo på kr 3 412 000 per 1. januar 2024. Det er til no i "
        f"år gjeve tilsegn om tilskot på til saman kr 1 085 000, fordelt på sju søknader frå "
        f"lag, organisasjonar og nærings{S}drivande. Av dette er kr 610 000 utbetalt. Den "
        f"største enkelt{S}løyvinga er tilskotet på kr 250 000 til ny flyte{S}brygge for Ulvik "
        f"Båtlag, som vert utbetalt når prosjektet er ferdig{S}stilt og rekne{S}skap er lagt "
        "fram.",
        f"Konsesjons{S}avgiftene for 2024 utgjer kr 1 940 000 og vart førte til fondet i "
        f"februar. Administrasjonen reknar med at saldoen ved utgangen av året vil liggja på "
        f"om lag same nivå som ved inngangen til året."]),
    ("Andre vedtak som har verknad for kraftfondet", [
        f"I sak 023/24, punkt 3, bad heradsstyret kommunedirektøren om å greia ut ei ordning "
        f"med startlån for unge i etableringsfasen. Det er aktuelt å nytta midlar frå "
        f"kraft{S}fondet til eit tilskot i tillegg til startlånet. Arbeidet er sett i gang, og "
        "sak vert lagd fram våren 2025.",
        f"Vedtaket i sak 025/24 om vass{S}forsyning i Osa kan òg få verknad for kraftfondet, "
        f"sidan det er gjort framlegg om å dekkja delar av kostnadene med fonds{S}midlar. "
        "Vedtaket vil bli følgt opp."]),
    ("Vurdering", [
        f"Kommunedirektøren meiner at kraftfondet er nytta i samsvar med vedtektene, og at "
        f"fondet har ein storleik som gjer det mogleg å halda fram med dagens tilskots{S}nivå "
        f"i økonomi{S}plan{S}perioden. Kommunedirektøren vil koma attende med ein ny rapport "
        f"saman med årsmeldinga for 2024."]),
]


def _ulv_story(pages, prev):
    st = _ulv_styles()
    s = [_p("Ulvik herad", st["h2"]), _p("Saksframlegg", st["h1"]), Spacer(1, 4)]
    meta = Table([["Arkivsak-dok.", "24/00156-9"],
                  ["Arkivkode", "FE-223"],
                  ["Sakshandsamar", "Anne Britt Skeie"]],
                 colWidths=[32 * mm, 110 * mm], hAlign="LEFT")
    meta.setStyle(TableStyle([("FONT", (0, 0), (0, -1), "PSerif-Bold", 9.5),
                              ("FONT", (1, 0), (1, -1), "PSerif", 9.5),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 1),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    s += [meta, Spacer(1, 8)]
    gang = Table([["Handsama av", "Utvalssak", "Møtedato"],
                  ["Heradsstyret", "061/24", "17.10.2024"]],
                 colWidths=[70 * mm, 35 * mm, 35 * mm], hAlign="LEFT")
    gang.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), "PSerif-Bold", 9.5),
                              ("FONT", (0, 1), (-1, -1), "PSerif", 9.5),
                              ("LINEBELOW", (0, 0), (-1, 0), 0.6, "black"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    s += [gang, Spacer(1, 10)]
    s.append(_p(ULV_TITTEL, ParagraphStyle("t", parent=st["h2"], fontSize=13.5, leading=17)))
    s.append(_p("Framlegg til vedtak:", st["b"]))
    s.append(HyphPara(ULV_FRAMLEGG, font="PSerif", size=10, leading=13.5))
    s.append(_p("Vedlegg:", st["b"]))
    s.append(_p("Vedtekter for kraftfondet i Ulvik herad", st["n"]))
    s.append(_p("Saksopplysningar:", ParagraphStyle("so", parent=st["b"], fontSize=11,
                                                    spaceBefore=10)))
    for head, paras in ULV_AVSNITT:
        s.append(_p(head, st["b"]))
        for para in paras:
            s.append(HyphPara(para, font="PSerif", size=10, leading=13.5))
    return s


def _ulv_decorate(c, n, total):
    w, h = A4
    c.saveState()
    c.setFont("PSerif", 8.5)
    c.drawString(25 * mm, h - 13 * mm, "Ulvik herad")
    c.drawRightString(w - 22 * mm, h - 13 * mm, "Saksframlegg – Heradsstyret – 17.10.2024")
    c.drawCentredString(w / 2, 12 * mm, f"Side {n}")
    c.restoreState()


# ---------------------------------------------------------------------------
DOKUMENTER = {
    "levanger_kst_2024-12-12_vedtaksoppfolging.pdf": (_lev_story, _lev_decorate, LEV_MARG),
    "ulvik_hst_2024-10-17_saksframlegg.pdf": (_ulv_story, _ulv_decorate, (25, 22, 25, 25)),
}


def build(korpus_dir: Path) -> list[Path]:
    _register_fonts()
    out = []
    for name, (story, deco, margins) in DOKUMENTER.items():
        path = Path(korpus_dir) / name
        _build_pdf(path, story, deco, margins=margins)
        out.append(path)
    return out
