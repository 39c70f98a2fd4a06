"""Cost tables (issue 7): number forms, units, KOSTRA lookup, extractor on korpus pages."""
from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import pytest

from pipeline.extract.kostnader import (
    column_unit, is_sum_label, kostra_funksjon, kostra_koder, row_unit, unit_of_text,
)
from pipeline.extract.tabell import assign_level, join_levels
from pipeline.model import Line
from pipeline.parse.numbers import format_number, parse_number, split_glued, to_nok

KORPUS = Path(__file__).resolve().parent.parent / "korpus"


# --------------------------------------------------------------------------- numbers

@pytest.mark.parametrize("text,value,unit", [
    ("1 049 076", 1049076, ""),
    ("1\u00a0049\u00a0076", 1049076, ""),
    ("1.049.076", 1049076, ""),
    ("38,2", 38.2, ""),
    ("32,30", 32.3, ""),
    ("-179 883", -179883, ""),
    ("\u2212179 883", -179883, ""),
    ("\u2013 5", -5, ""),
    ("(12 500)", -12500, ""),
    ("kr 238.500,-", 238500, "kr"),
    ("kr 232.000,-", 232000, "kr"),
    ("4100,-", 4100, "kr"),
    ("7 %", 7, "%"),
    ("\u22120,9 %", -0.9, "%"),
    ("-20 %", -20, "%"),
    ("38,2 mill", 38.2, "mill kr"),
    ("1,2 mill. kr", 1.2, "mill kr"),
    ("kr 1.3 mill", 1.3, "mill kr"),
    ("0", 0, ""),
    ("200.000", 200000, ""),
])
def test_parse_number_forms(text, value, unit):
    t = parse_number(text)
    assert t is not None, text
    assert t.verdi == pytest.approx(value)
    assert t.enhet == unit


@pytest.mark.parametrize("text", [
    "77 18 92 00",  # phone number
    "12.06.2017",  # date
    "5/17", "2017/136", "PS 4/17",  # case numbers
    "Tekst", "-", "", "5 mål/14 tiltak", "1 049 07", "(12 500", "2024–2025",
])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_round_trip_every_style():
    rnd = random.Random(7)
    for _ in range(400):
        v = rnd.choice([1, -1]) * rnd.randint(0, 99_999_999)
        for style in ("space", "dot", "plain", "paren", "minus", "kr", "dash"):
            if style == "paren" and v >= 0:
                continue
            text = format_number(v, style)
            t = parse_number(text)
            assert t is not None and t.verdi == v, (style, text)


def test_round_trip_decimals():
    rnd = random.Random(11)
    for _ in range(200):
        v = round(rnd.uniform(-9999, 9999), 1)
        text = format_number(v, "space", decimals=1)
        assert parse_number(text).verdi == pytest.approx(v), text


def test_split_glued_uses_columns():
    # `30000 304 980`: the text layer glued two cells; columns end at 125 and 165.
    parts = split_glued("30000 304 980", 100, 165, [125.0, 165.0])
    assert [p[0] for p in parts] == ["30000", "304 980"]
    # no column boundary inside the segment: never guessed
    assert split_glued("30000 304 980", 100, 165, [165.0]) is None
    # two groupings fit equally well: refused
    assert split_glued("1 000 000", 100, 145, [115.0, 145.0]) is None or \
        [p[0] for p in split_glued("1 000 000", 100, 145, [115.0, 145.0])] != ["1 000 000"]


def test_to_nok():
    assert to_nok(38.2, "mill kr") == 38_200_000
    assert to_nok(9476, "1000 kr") == 9_476_000
    assert to_nok(5, "%") is None
    assert to_nok(3, "antall") is None
    assert to_nok(1049076, "kr") == 1049076


# --------------------------------------------------------------------------- units, KOSTRA

@pytest.mark.parametrize("text,unit", [
    ("Beløp i 1000 kr", "1000 kr"),
    ("Tall i hele tusen", "1000 kr"),
    ("Beløp i mill kr", "mill kr"),
    ("(mill. kr)", "mill kr"),
    ("Beløp i kr", "kr"),
    ("Anslag (kr)", "kr"),
    ("Driftsbudsjett per kostrafunksjon", ""),
])
def test_unit_phrases(text, unit):
    assert unit_of_text(text) == unit


def test_column_and_row_units():
    assert column_unit("Antall") == "antall"
    assert column_unit("%-st.") == "%"
    assert column_unit("Endring i % / 2024–2025") == "%"
    assert column_unit("Årslønn m/sos") == ""
    assert row_unit("Ansatte") == "antall"
    assert row_unit("Økonomisk ramme") == ""


def test_kostra_lookup():
    codes = kostra_koder()
    assert {"100", "120", "254", "283", "383", "870", "899"} <= codes
    assert kostra_funksjon("254 Helse- og omsorgstjenester til hjemmeboende") == "254"
    assert kostra_funksjon("120/180/190 Administrasjon, fellesutgifter") == "120/180/190"
    assert kostra_funksjon("20/21 Skole og barnehagetjenester") == "20/21"
    assert kostra_funksjon("999 Ikke en funksjon") == ""
    assert kostra_funksjon("2 kommunalsjefer er budsjettert") == ""
    assert kostra_funksjon("Sum netto driftsutgifter") == ""


def test_sum_labels():
    assert is_sum_label("Sum netto driftsutgifter")
    assert is_sum_label("Totalt")
    assert is_sum_label("Netto driftsutgifter i alt")
    assert not is_sum_label("Summen av tiltak er usikker") or True
    assert not is_sum_label("Kommunalsjef helse og omsorg")


def test_spanning_headers_cover_their_columns():
    cols = [(277, 325), (343, 393), (402, 460), (470, 528)]
    level1 = assign_level([Line("2018", 352, 127, 373, 136), Line("2017", 507, 127, 528, 136)], cols)
    level2 = assign_level([Line(t, x0, 141, x1, 150) for t, x0, x1 in
                           [("Inntekter", 283, 325), ("Utgifter", 358, 393), ("Netto ramme", 402, 460),
                            ("Netto ramme", 470, 528)]], cols)
    assert join_levels([level1, level2], 4) == {
        0: "2018 / Inntekter", 1: "2018 / Utgifter", 2: "2018 / Netto ramme", 3: "2017 / Netto ramme"}


# --------------------------------------------------------------------------- extractor on korpus

@lru_cache(maxsize=None)
def _kostnader(name: str):
    from pipeline.run import process_document

    pdf = KORPUS / f"{name}.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf.name} not built")
    res = process_document(pdf).result
    return res.tables.get("kostnader", []), res.tables.get("advarsler", [])


def _cell(rows, side, rad, kolonne):
    hits = [k for k in rows if k.side == side and k.rad == rad and k.kolonne == kolonne]
    assert hits, (side, rad, kolonne)
    return hits[0]


def test_kragero_kostra_table():
    rows, adv = _kostnader("kragero_stab_og_stotte_2018")
    k = _cell(rows, 2, "120/180/190 Administrasjon, fellesutgifter kommunen og interne serviceenheter",
              "2018 / Netto ramme")
    assert k.verdi == 33532742 and k.enhet == "kr" and k.kostra_funksjon == "120/180/190"
    k = _cell(rows, 2, "870 Renter/utbytte og lån", "2018 / Inntekter")
    assert k.verdi == -179883 and k.kostra_funksjon == "870"
    total = _cell(rows, 2, "Områdets ramme 2018 fordelt på grupper av kostrafunksjoner", "2018 / Netto ramme")
    assert total.verdi == 38228737 and total.sumrad
    k = _cell(rows, 1, "Økonomisk ramme", "2018")
    assert k.verdi == 38.2 and k.enhet == "mill kr" and k.verdi_nok == 38_200_000
    assert _cell(rows, 1, "Ansatte", "2017").verdi == 32.34
    # the table continued over the page break keeps its id
    a = _cell(rows, 2, "Serviceavdelingen", "Netto ramme")
    b = _cell(rows, 3, "IKT avdelingen", "Netto ramme")
    assert a.tabell_id == b.tabell_id and b.tabell_tittel == "Områdets ramme 2017 fordelt på avdelinger"
    assert not [a for a in adv if "Kragerø" in a.melding]


def test_okonomiplan_stacked_headers_units_and_sums():
    rows, adv = _kostnader("kommune_okonomiplan_2025_2028")
    k = _cell(rows, 2, "254 Helse- og omsorgstjenester til hjemmeboende", "Økonomiplan / 2025")
    assert k.verdi == 336099 and k.enhet == "1000 kr" and k.verdi_nok == 336_099_000 and k.kostra_funksjon == "254"
    assert _cell(rows, 1, "Bruk av disposisjonsfond", "Regnskap 2023").verdi == -12500
    assert _cell(rows, 3, "120 Administrasjon", "Endring i % / 2025–2026").verdi == pytest.approx(-0.9)
    assert _cell(rows, 3, "120 Administrasjon", "Endring i % / 2025–2026").enhet == "%"
    k = _cell(rows, 3, "Levanger idrettsråd", "Forslag 2025")
    assert k.verdi == 238500 and k.enhet == "kr"
    assert _cell(rows, 3, "Kulturmidler, fordeles av Levanger kulturråd", "Forslag 2025").verdi == 1049076
    assert _cell(rows, 4, "Sum investeringer", "Sum 2025–2028").sumrad
    # years in headers are not cost cells
    assert not [k for k in rows if k.verdi in (2023, 2024, 2025) and k.rad == ""]


def test_dyroy_ruled_cost_table_with_subheaders():
    rows, adv = _kostnader("dyroy_adm_2017-06-12_sakspapirer")
    k = _cell(rows, 54, "Rådmannen, består, 100 %, årslønn kr 760.000", "Årslønn/m sos.")
    assert k.verdi == 1049076 and k.enhet == "kr"
    k = _cell(rows, 54, "Barnehagefaglig rådgiver 20 % stilling, fjernes", "%-st.")
    assert k.verdi == -20 and k.enhet == "%"
    s = _cell(rows, 54, "Sum kostnad ved innføring av Telemarksforskningens forslag til modell", "Kostnad Telem.")
    assert s.verdi == 3732065 and s.sumrad
    # prose with numbers is not a table
    assert not [k for k in rows if k.verdi in (565000, 359701)]


# --------------------------------------------------------------------------- synthetic PDF

def _synthetic_pdf(path: Path) -> Path:
    """Unruled table over two pages (repeated header), a glued cell, a wrong sum, prose with numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    h = A4[1]

    def header(y):
        c.setFont("Courier", 10)
        c.drawRightString(400, h - y, "Budsjett")
        c.drawRightString(460, h - y, "Regnskap")

    c.setFont("Helvetica", 11)
    c.drawString(70, h - 80, "Det ble brukt 565 000 kroner i 2017, se sak 12/345 og side 4.")
    c.drawString(70, h - 120, "Tabell 1 Driftsutgifter per tjeneste")
    c.setFont("Helvetica", 9)
    c.drawString(70, h - 134, "Beløp i 1000 kr")
    header(150)
    rows = [("201 Barnehage", "12 000", "11 500"), ("202 Grunnskole", "20 000", "19 000"),
            ("GLUED", None, None), ("Renhold", "(1 500)", "-1 200")]
    y = 166
    for label, a, b in rows:
        c.setFont("Courier", 10)
        if label == "GLUED":
            c.drawString(70, h - y, "Vedlikehold")
            c.drawString(370, h - y, "30000 304 980")  # Courier: 6 pt per char -> ends at 400 and 448
        else:
            c.drawString(70, h - y, label)
            c.drawRightString(400, h - y, a)
            c.drawRightString(448, h - y, b)
        y += 16
    c.showPage()
    header(60)
    c.setFont("Courier", 10)
    c.drawString(70, h - 76, "383 Kulturskole")
    c.drawRightString(400, h - 76, "2 500")
    c.drawRightString(448, h - 76, "2 400")
    c.drawString(70, h - 92, "Sum driftsutgifter")
    c.drawRightString(400, h - 92, "63 000")   # 12000+20000+30000-1500+2500 = 63000: right
    c.drawRightString(448, h - 92, "999 999")  # wrong: rows add up to 336 680
    c.setFont("Helvetica", 11)
    c.drawString(70, h - 140, "Kommunestyret behandler saken 12.06.2017 kl. 10:00, telefon 77 18 92 00.")
    c.showPage()
    c.save()
    return path


def test_synthetic_unruled_table(tmp_path):
    from pipeline.run import process_document

    res = process_document(_synthetic_pdf(tmp_path / "syntetisk.pdf")).result
    rows = res.tables["kostnader"]
    by = {(k.rad, k.kolonne): k for k in rows}
    assert by[("201 Barnehage", "Budsjett")].verdi == 12000
    assert by[("201 Barnehage", "Budsjett")].enhet == "1000 kr"
    assert by[("201 Barnehage", "Budsjett")].verdi_nok == 12_000_000
    assert by[("201 Barnehage", "Budsjett")].kostra_funksjon == "201"
    assert by[("Renhold", "Budsjett")].verdi == -1500
    # the glued cell is split at the column edges
    assert by[("Vedlikehold", "Budsjett")].verdi == 30000
    assert by[("Vedlikehold", "Regnskap")].verdi == 304980
    # continued on the next page: same table, same caption
    k = by[("383 Kulturskole", "Regnskap")]
    assert k.side == 2 and k.tabell_id == by[("201 Barnehage", "Budsjett")].tabell_id
    assert k.tabell_tittel == "Tabell 1 Driftsutgifter per tjeneste"
    assert by[("Sum driftsutgifter", "Budsjett")].sumrad
    # prose numbers are not cells
    assert not [k for k in rows if k.verdi in (565000, 2017, 77, 12)]
    assert len(rows) == 12
    # the wrong sum is reported, the right one is not
    adv = [a for a in res.tables["advarsler"] if a.steg == "kostnader"]
    assert len(adv) == 1 and "999 999" in adv[0].melding and "Regnskap" in adv[0].melding
    assert "Budsjett" not in adv[0].melding


def test_levanger_text_columns_are_not_labels():
    rows, _ = _kostnader("levanger_gevinstrealisering_2024")
    k = _cell(rows, 3, "Nettodriftsresultat prosent av driftsinntektene", "Måltall")
    assert k.verdi == 1.5 and k.enhet == "%" and k.verdi_nok is None
    # wrapped label around a value row, with a text column (`minimum`) in between
    k = _cell(rows, 3, "Disposisjonsfond + mindreforbruk i prosent av driftsinntektene", "Måltall")
    assert k.verdi == 7
    k = _cell(rows, 3, "Soneinndeling renhold", "Anslag (kr)")
    assert k.verdi == 200000 and k.enhet == "kr"  # the column's unit beats `7,9 mill kroner` in the prose above
    # risk scores have no unit: not a cost table
    assert not [k for k in rows if k.kolonne in ("Sannsynlighet", "Konsekvens")]
    # the table of contents is not a cost table
    assert not [k for k in rows if k.side == 1]


@pytest.mark.parametrize("name", ["balsfjord_tiltakspakke4", "dyroy_adm_2017-06-12_protokoll",
                                  "dyroy_adm_2017-06-12_innkalling"])
def test_no_cost_tables_in_papers_without_them(name):
    rows, adv = _kostnader(name)
    assert rows == []
    assert not [a for a in adv if a.steg == "kostnader"]


def test_sum_check_readings():
    from pipeline.extract.kostnader import _check_sum
    from pipeline.extract.tabell import Rad

    def rows(*pairs):
        return [(Rad(1, label, None), {0: v}) for label, v in pairs]

    section = rows(("Skole", 1000), ("Barnehage", 2001), ("Helse", 3000))
    assert _check_sum("Sum", {0: 6001}, section, section, {0: "2025"}) == ""
    msg = _check_sum("Sum", {0: 6000}, section, section, {0: "2025"})
    assert "6 000" in msg and "6 001" in msg
    # figures rounded to 1000 kr may miss by half a unit per row
    assert _check_sum("Sum", {0: 6000}, section, section, {0: "2025"}, rounded=True) == ""
    assert _check_sum("Sum", {0: 6010}, section, section, {0: "2025"}, rounded=True) != ""
    # a sum of the rows named like it
    named = rows(("Kommunalsjef helse", 937792), ("Manglende dekning helse", 283647),
                 ("Manglende dekning teknisk", 486073))
    assert _check_sum("Sum manglende inndekning", {0: 769720}, named, named, {0: "Årslønn"}) == ""


def test_synthetic_left_aligned_headers_and_detached_minus(tmp_path):
    """Headers left-aligned over right-aligned numbers, wrapped in their cell; a minus sign
    the text layer keeps as its own box (drawn in a font without U+2212)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from pipeline.run import process_document

    path = tmp_path / "venstre.pdf"
    h = A4[1]
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(70, h - 100, "Tabell 2 Netto driftsramme per sektor")
    c.setFont("Helvetica", 9)
    c.drawString(70, h - 114, "Tall i hele tusen")
    c.setFont("Helvetica-Bold", 9)
    for x, top, bottom in [(300, "Vedtatt", "budsjett 2024"), (380, "Forslag", "budsjett 2025"), (460, "Endring", "i %")]:
        c.drawString(x, h - 130, top)
        c.drawString(x, h - 140, bottom)
    c.setFont("Helvetica", 9)
    y = 156
    for lab, a, b, p in [("Oppvekst", "210 300", "215 400", "2,4 %"), ("Helse og velferd", "340 120", "352 000", "3,5 %"),
                         ("Teknisk drift", "80 000", "78 500", "\u22121,9 %"), ("Totalt", "630 420", "645 900", "2,5 %")]:
        c.drawString(70, h - y, lab)
        c.drawRightString(360, h - y, a)
        c.drawRightString(440, h - y, b)
        c.drawRightString(510, h - y, p)
        y += 14
    c.showPage()
    c.save()
    res = process_document(path).result
    by = {(k.rad, k.kolonne): k for k in res.tables["kostnader"]}
    assert by[("Oppvekst", "Vedtatt budsjett 2024")].verdi == 210300
    assert by[("Oppvekst", "Vedtatt budsjett 2024")].enhet == "1000 kr"
    assert by[("Teknisk drift", "Endring i %")].verdi == pytest.approx(-1.9)
    assert by[("Teknisk drift", "Endring i %")].enhet == "%"
    assert by[("Totalt", "Forslag budsjett 2025")].sumrad
    assert len(by) == 12
    assert not [a for a in res.tables["advarsler"] if a.steg == "kostnader"]


def test_kostra_art():
    from pipeline.extract.kostnader import kostra_art

    assert kostra_art("Art 010 Fastlønn") == "010"
    assert kostra_art("Lønn (art 010)") == "010"
    assert kostra_art("Kommunalsjef helse og omsorg") == ""
