"""Follow-up tasks (issue 6): point splitter, task detection, ansvarlig, deadlines, CLI view.

Decision texts are taken from the korpus protocols (Levanger kommunestyre 19.06.2024,
Ulvik heradsstyre 14.03.2024, Balsfjord formannskap 28.11.2023) and the Kragerø seed.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pipeline.extract.oppfolging import (
    administration_title, detect_task, extract_oppfolging, locate_point, speaks_for_other_body, split_points,
    tasks_from_vedtak,
)
from pipeline.parse.frister import find_frist, resolve_frist
from pipeline.records import Vedtak
from pipeline.rules import rules_dir

KORPUS = Path(__file__).resolve().parent.parent / "korpus"

LEVANGER_41 = (
    "1. Levanger kommunes årsregnskap for 2023 godkjennes med et netto driftsresultat på kr 31 482 117 "
    "og et regnskapsmessig mindreforbruk på kr 14 316 208. 2. Mindreforbruket avsettes i sin helhet til "
    "disposisjonsfond. 3. Årsberetningen for 2023 og kontrollutvalgets uttalelse til årsregnskapet tas til "
    "orientering. 4. Kommunedirektøren bes utarbeide en plan for oppbygging av disposisjonsfondet til "
    "minimum 8 % av driftsinntektene. Planen legges fram for kommunestyret innen utgangen av 2024."
)
LEVANGER_43 = (
    "1. Kommunestyret vedtar kommuneplanens arealdel 2024–2036 med plankart,\nbestemmelser og retningslinjer "
    "datert 28.05.2024, med følgende endringer:\na) Område B7 Hammeren tas ut som framtidig boligområde og "
    "videreføres som\nLNF-område.\nb) Byggegrense mot sjø i område BFR3 Sandvika settes til 50 meter.\n"
    "c) Rekkefølgekrav om gang- og sykkelvei langs fv. 761 innarbeides i\nbestemmelsenes § 2.4.\n"
    "2. Planen vedtas med hjemmel i plan- og bygningsloven § 11-15.\n3. Kommunedirektøren bes starte arbeidet "
    "med en temaplan for fortetting i Levanger\nsentrum, og legge denne fram for kommunestyret innen utgangen "
    "av 2025.\n4. Formannskapet gis fullmakt til å foreta mindre, redaksjonelle justeringer i plankart\nog "
    "bestemmelser."
)
LEVANGER_44 = (
    "1. Saken sendes tilbake til kommunedirektøren for ny vurdering. 2. Kommunedirektøren bes i den nye "
    "vurderingen utrede et alternativ der begge skolestedene opprettholdes med felles ledelse, og legge fram "
    "ny sak for kommunestyret innen 1. desember 2024."
)
LEVANGER_54 = (
    "1. Levanger kommune gjennomfører ny alminnelig taksering av eiendommer som omfattes av eiendomsskatten, "
    "med virkning fra skatteåret 2025, jf. eiendomsskatteloven § 8 A-3 fjerde ledd. 2. Formannskapet gis "
    "fullmakt til å vedta retningslinjer for takseringsarbeidet innen 1. oktober 2024. 3. Kommunedirektøren "
    "bes legge fram en sak om bunnfradrag og skattesats til kommunestyrets møte i desember."
)
LEVANGER_49 = (
    "1. Levanger kommune godkjenner forslag til revidert selskapsavtale for Innherred Renovasjon IKS, datert "
    "12.04.2024. 2. Rådmannen får fullmakt til å signere selskapsavtalen på vegne av Levanger kommune innen "
    "1. september 2024."
)
ULVIK_021 = (
    "1. Heradsstyret vedtek kommunal planstrategi for Ulvik herad 2024–2027, datert 20.02.2024. 2. "
    "Kommuneplanen sin samfunnsdel skal reviderast i planperioden. 3. Kommunedirektøren vert beden om å "
    "starta arbeidet med planprogram for samfunnsdelen, og leggja det fram for heradsstyret innan 1. "
    "september 2024."
)
ULVIK_027 = (
    "1. Saka vert utsett til neste møte. 2. Kommunedirektøren vert beden om å innhenta ny takst over "
    "eigedomen før saka vert handsama på nytt."
)
BALSFJORD_115 = (
    "1. Retningslinjer for Balsfjord kommunes næringsfond 2024–2027 vedtas.\n2. Maksimalt tilskudd per søker "
    "settes til kr 200 000.\n3. Rådmannen får delegert myndighet til å behandle søknader om tilskudd på inntil "
    "kr 50\n000.\n4. Rådmannen bes legge fram en evaluering av retningslinjene for formannskapet i løpet\nav "
    "4. kvartal 2024."
)
BALSFJORD_116 = (
    "1. Balsfjord kommune gir uttalelse til Regional transportplan for Troms 2024–2035 som framgår av "
    "saksutredningen. 2. Rådmannen bes oversende uttalelsen til Troms fylkeskommune innen høringsfristen 15. "
    "desember 2023. 3. Balsfjord kommune ber om at utbedring av E6/E8 Nordkjosbotn–Hatteng prioriteres i "
    "første planperiode. 4. Balsfjord kommune ber om at gang- og sykkelvei langs fv. 294 i Sørkjosen prioriteres."
)
KRAGERO_SEED = ("Kommunestyret ber Rådmannen legge frem en sak om HMS arbeidet/status i kommunen og med forslag "
                "om mulige forbedringer")


def vedtak(text: str, motedato: str = "2024-06-19", utfall: str = "vedtatt", saksnr: str = "Sak 1/24",
           utvalg: str = "Kommunestyret") -> Vedtak:
    return Vedtak(vedtak_id=f"v-{saksnr}", sak_id="", saksnr=saksnr, arkivsaksnr="", utvalg=utvalg,
                  motedato=motedato, vedtakstekst=text, utfall=utfall, dokument_id="dok1", side=4,
                  bbox=(56.0, 100.0, 540.0, 200.0))


# --- point splitter -------------------------------------------------------------------------

def test_split_inline_numbered_points_not_cut_at_dates_or_amounts():
    intro, points = split_points(LEVANGER_41)
    assert intro == ""
    assert [p.punkt for p in points] == ["1", "2", "3", "4"]
    assert points[3].tekst.startswith("Kommunedirektøren bes utarbeide")
    assert points[3].tekst.endswith("innen utgangen av 2024.")
    _, points = split_points(LEVANGER_54)
    assert [p.punkt for p in points] == ["1", "2", "3"]
    assert "innen 1. oktober 2024" in points[1].tekst  # "1. oktober" is a date, not point 1


def test_split_keeps_lettered_subpoints_inside_their_point_and_reads_lines():
    _, points = split_points(LEVANGER_43)
    assert [p.punkt for p in points] == ["1", "2", "3", "4"]
    assert "a) Område B7" in points[0].tekst and "c) Rekkefølgekrav" in points[0].tekst
    assert "\n" not in points[2].tekst and "Levanger sentrum" in points[2].tekst


def test_split_without_markers_is_point_1_and_letters_and_bullets():
    assert [(p.punkt, p.tekst) for p in split_points("Saken tas til orientering.")[1]] == [("1", "Saken tas til orientering.")]
    _, pts = split_points("a) Planen vedtas. b) Rådmannen bes følge opp tiltakene.")
    assert [p.punkt for p in pts] == ["a", "b"]
    intro, pts = split_points("Kommunestyret ber kommunedirektøren om:\n- å utrede bussruter\n- å legge fram en plan")
    assert intro == "Kommunestyret ber kommunedirektøren om:"
    assert [p.tekst for p in pts] == ["å utrede bussruter", "å legge fram en plan"]
    assert split_points("") == ("", [])


def test_split_requires_numbers_in_sequence():
    _, pts = split_points("1. Planen vedtas. 3. Dette er ikke et punkt. 2. Rådmannen bes rapportere.")
    assert [p.punkt for p in pts] == ["1", "2"]
    assert "3. Dette er ikke et punkt." in pts[0].tekst


# --- task detection and ansvarlig -----------------------------------------------------------

@pytest.mark.parametrize("text, ansvarlig", [
    ("Kommunedirektøren bes legge fram en sak om selvkostgrad innen 1. juni 2025.", "kommunedirektøren"),
    ("Rådmannen får fullmakt til å signere selskapsavtalen.", "rådmannen"),
    ("Formannskapet gis fullmakt til å foreta mindre justeringer.", "formannskapet"),
    ("Administrasjonen utreder nye bussruter.", "administrasjonen"),
    ("Kommunedirektøren vert beden om å leggja fram ei oversikt innan utgangen av 2024.", "kommunedirektøren"),
    ("Rådmannen får delegert myndighet til å behandle søknader om tilskudd.", "rådmannen"),
    ("Saken sendes tilbake til kommunedirektøren for ny vurdering.", "kommunedirektøren"),
    (KRAGERO_SEED, "rådmannen"),
    ("Kontrollutvalget bes følge opp saken.", "kontrollutvalget"),
    ("Kommunedirektøren vert bedd om å greia ut saka.", "kommunedirektøren"),
    ("Rådmannen gis i oppdrag å utarbeide en ny plan.", "rådmannen"),
    ("Det gis fullmakt til ordføreren å signere avtalen.", "ordføreren"),
])
def test_detect_task_active(text, ansvarlig):
    task = detect_task(text)
    assert task is not None and not task.passiv
    assert task.ansvarlig == ansvarlig


@pytest.mark.parametrize("text", [
    "Saken tas til orientering.",
    "Planen vedtas med hjemmel i plan- og bygningsloven § 11-15.",
    "Protokoll fra kommunestyrets møte 22.05.2024 godkjennes.",
    "Heradsstyret tek orienteringa til orientering.",
    "Kommunestyret vedtar kommuneplanens arealdel 2024–2036.",
    "Balsfjord kommune ber om at gang- og sykkelvei langs fv. 294 i Sørkjosen prioriteres.",
    "Saka vert utsett til neste møte.",
    "Gebyr for feiing og tilsyn vert auka med 6,5 % med verknad frå 1. april 2024.",
])
def test_notes_and_approvals_are_no_task(text):
    assert detect_task(text) is None


def test_passive_task_goes_to_the_documents_administration_title():
    assert detect_task("Saken legges fram for kommunestyret innen 1. juni 2025.").passiv
    doc_kd = "Kommunedirektørens innstilling: ... Kommunedirektøren svarte. Rådmannen får fullmakt ..." \
             " Kommunedirektør Ingrid. kommunedirektøren"
    assert administration_title(doc_kd) == "kommunedirektøren"
    assert administration_title("Rådmannens innstilling. Rådmannen orienterte.") == "rådmannen"
    assert administration_title("Kommunedirektøren og rådmannen") == ""  # unclear: never guess
    assert administration_title("", "Formannskapet vedtok.") == ""
    # the decision's own text decides before the document
    assert administration_title("Rådmannen får fullmakt.", doc_kd) == "rådmannen"
    rows = tasks_from_vedtak(vedtak("1. Planen vedtas. 2. Saken legges fram for kommunestyret innen 1. juni 2025."),
                             "Rådmannens innstilling. Rådmann Lena.")
    assert [(r.punkt, r.ansvarlig, r.frist) for r in rows] == [("2", "rådmannen", "2025-06-01")]
    rows = tasks_from_vedtak(vedtak("Saken legges fram for kommunestyret."), "Kommunestyret vedtok.")
    assert [(r.punkt, r.ansvarlig) for r in rows] == [("1", "")]


def test_intro_request_gives_actor_to_its_points():
    rows = tasks_from_vedtak(vedtak("Kommunestyret ber kommunedirektøren om:\n1. å kartlegge behovet\n"
                                    "2. å legge fram en plan innen 1. mars 2025"))
    assert [(r.punkt, r.ansvarlig, r.frist) for r in rows] == [("1", "kommunedirektøren", ""),
                                                               ("2", "kommunedirektøren", "2025-03-01")]


# --- rows from decision records -------------------------------------------------------------

def test_tasks_from_levanger_decisions():
    rows = tasks_from_vedtak(vedtak(LEVANGER_41, saksnr="Sak 41/24"))
    assert len(rows) == 1
    r = rows[0]
    assert (r.punkt, r.ansvarlig, r.frist, r.frist_tekst, r.status) == (
        "4", "kommunedirektøren", "2024-12-31", "innen utgangen av 2024", "ny")
    assert r.oppgave.startswith("Kommunedirektøren bes utarbeide en plan") and not r.oppgave.startswith("4.")
    assert (r.vedtak_id, r.saksnr, r.dokument_id, r.side, r.bbox) == (
        "v-Sak 41/24", "Sak 41/24", "dok1", 4, (56.0, 100.0, 540.0, 200.0))
    got = [(r.punkt, r.ansvarlig, r.frist, r.frist_tekst) for r in tasks_from_vedtak(vedtak(LEVANGER_43))]
    assert got == [("3", "kommunedirektøren", "2025-12-31", "innen utgangen av 2025"),
                   ("4", "formannskapet", "", "")]
    got = [(r.punkt, r.frist, r.frist_tekst) for r in tasks_from_vedtak(vedtak(LEVANGER_54))]
    assert got == [("2", "2024-10-01", "innen 1. oktober 2024"), ("3", "", "til kommunestyrets møte i desember")]
    got = [(r.punkt, r.ansvarlig) for r in tasks_from_vedtak(vedtak(LEVANGER_49))]
    assert got == [("2", "rådmannen")]
    got = [(r.punkt, r.ansvarlig, r.frist) for r in tasks_from_vedtak(vedtak(LEVANGER_44, utfall="sendt_tilbake"))]
    assert got == [("1", "kommunedirektøren", ""), ("2", "kommunedirektøren", "2024-12-01")]


def test_tasks_from_ulvik_nynorsk_and_balsfjord():
    got = [(r.punkt, r.ansvarlig, r.frist, r.frist_tekst)
           for r in tasks_from_vedtak(vedtak(ULVIK_021, motedato="2024-03-14", utvalg="Heradsstyret"))]
    assert got == [("3", "kommunedirektøren", "2024-09-01", "innan 1. september 2024")]
    got = [(r.punkt, r.frist) for r in tasks_from_vedtak(vedtak(ULVIK_027, motedato="2024-03-14", utfall="utsatt", utvalg="Heradsstyret"))]
    assert got == [("2", "")]
    got = [(r.punkt, r.ansvarlig, r.frist) for r in tasks_from_vedtak(vedtak(BALSFJORD_115, motedato="2023-11-28", utvalg="Formannskapet"))]
    assert got == [("3", "rådmannen", ""), ("4", "rådmannen", "2024-12-31")]
    got = [(r.punkt, r.frist, r.frist_tekst) for r in tasks_from_vedtak(vedtak(BALSFJORD_116, motedato="2023-11-28", utvalg="Formannskapet"))]
    assert got == [("2", "2023-12-15", "innen høringsfristen 15. desember 2023")]


DYROY_6 = ("1. Organisering gjennomføres slik modell B er beskrevet. 2. Kommunestyre ber rådmann iverksette og "
           "implementere modell B iht lov og avtaleverk. 3. Rådmannen orienterer KS fortløpende om prosessen.")
DYROY_QUOTE = ("Styringsgruppa anbefaler fortsatt en modell med tre sektorområder, og ber administrasjonen om å "
               "kvalitetssikre de økonomiske beregningene som foreligger av den modellen.")


def test_decision_speaking_for_another_body_gives_no_task_yet():
    # Administrasjonsutvalget adopting "Kommunestyre ber rådmann ..." recommends to kommunestyret.
    assert speaks_for_other_body(DYROY_6, "Administrasjonsutvalget") == "Kommunestyre"
    assert tasks_from_vedtak(vedtak(DYROY_6, utvalg="Administrasjonsutvalget")) == []
    # ... while kommunestyret adopting the same text gives the task.
    got = [(r.punkt, r.ansvarlig) for r in tasks_from_vedtak(vedtak(DYROY_6, utvalg="Kommunestyret"))]
    assert got == [("2", "rådmannen")]
    assert tasks_from_vedtak(vedtak(DYROY_QUOTE, utvalg="Formannskapet")) == []
    assert tasks_from_vedtak(vedtak("Formannskapets innstilling til kommunestyret: 1. Rådmannen bes legge fram "
                                    "en plan innen 1. mars 2024.", utvalg="Formannskapet")) == []
    assert speaks_for_other_body(LEVANGER_43, "Kommunestyret") == ""
    assert speaks_for_other_body(ULVIK_021, "Heradsstyret") == ""
    assert speaks_for_other_body(DYROY_6, "") == ""  # unknown utvalg: not judged


def test_only_adopted_decisions_with_text_give_tasks():
    assert tasks_from_vedtak(vedtak(LEVANGER_41, utfall="ikke_vedtatt")) == []
    assert tasks_from_vedtak(vedtak(LEVANGER_41, utfall="trukket")) == []
    assert tasks_from_vedtak(vedtak("", utfall="vedtatt")) == []


# --- deadlines: one test per row of regler/frister.yaml -------------------------------------

FRIST_ROWS = yaml.safe_load((rules_dir() / "frister.yaml").read_text(encoding="utf-8"))["frister"]


@pytest.mark.parametrize("row", FRIST_ROWS, ids=[r["navn"] for r in FRIST_ROWS])
def test_frist_table_row(row):
    assert row.get("eksempler"), f"regelen {row['navn']} mangler eksempler"
    for ex in row["eksempler"]:
        iso, printed, navn = find_frist(ex["tekst"], ex["motedato"])
        assert navn == row["navn"], ex
        assert (iso, printed) == (ex["frist"], ex["frist_tekst"]), ex


@pytest.mark.parametrize("text, motedato, expected", [
    ("innen 1. juni 2025", "2024-06-19", ("2025-06-01", "innen 1. juni 2025")),
    ("innen utgangen av 2024", "2024-06-19", ("2024-12-31", "innen utgangen av 2024")),
    ("i løpet av 2. kvartal 2025", "2024-06-19", ("2025-06-30", "i løpet av 2. kvartal 2025")),
    ("i løpet av 4. kvartal 2024", "2023-11-28", ("2024-12-31", "i løpet av 4. kvartal 2024")),
    ("innen 1. halvår 2025", "2024-06-19", ("2025-06-30", "innen 1. halvår 2025")),
    ("innen utgangen av neste år", "2024-06-19", ("2025-12-31", "innen utgangen av neste år")),
    ("i løpet av neste år", "", ("", "i løpet av neste år")),  # relative without a meeting date: no guess
    ("innen sommeren 2025", "2024-06-19", ("", "innen sommeren 2025")),
    ("innan 1. september 2024", "2024-03-14", ("2024-09-01", "innan 1. september 2024")),
    ("til kommunestyrets møte i desember", "2024-06-19", ("", "til kommunestyrets møte i desember")),
    ("innen 31. februar 2025", "2024-06-19", ("", "innen 31. februar 2025")),
    ("merforbruket innen helse og velferd innen 15. september 2024", "2024-06-19",
     ("2024-09-15", "innen 15. september 2024")),
    ("innanfor ei ramme på kr 1 200 000 innan 1. juni 2024", "2024-03-14", ("2024-06-01", "innan 1. juni 2024")),
    ("vedtas med virkning fra 1. august 2024", "2024-06-19", ("", "")),
    ("", "2024-06-19", ("", "")),
])
def test_resolve_frist(text, motedato, expected):
    assert resolve_frist(text, motedato) == expected


# --- extractor and CLI ------------------------------------------------------------------------

class _Ktx:
    struktur = None

    class dokument:
        text = "Kommunedirektørens innstilling"
        dokument_id = "dok1"


def test_extract_oppfolging_reads_found_vedtak():
    found = {"vedtak": [vedtak(LEVANGER_41, saksnr="Sak 41/24"), vedtak(LEVANGER_49, saksnr="Sak 49/24"),
                        vedtak("Saken tas til orientering.", utfall="tatt_til_orientering")]}
    out = extract_oppfolging(_Ktx(), found)
    assert [(r.saksnr, r.punkt) for r in out["oppfolging"]] == [("Sak 41/24", "4"), ("Sak 49/24", "2")]
    assert extract_oppfolging(_Ktx(), {}) == {"oppfolging": []}


def test_locate_point_takes_the_adopted_text_printed_last():
    from pipeline.model import Line
    from pipeline.structure import Row

    def row(page, top, text):
        return Row(page, (Line(text, 94.0, top, 500.0, top + 10),))

    rows = (
        row(7, 500, "Kommunedirektørens innstilling:"),
        row(7, 520, "3. Kommunedirektøren får fullmakt til å inngå garantiavtalen og sende søknad om"),
        row(7, 532, "godkjenning til Statsforvalteren i Trøndelag."),
        row(7, 700, "Kommunestyrets vedtak:"),
        row(8, 100, "3. Kommunedirektøren får fullmakt til å inngå garantiavtalen og sende søknad om"),
        row(8, 112, "godkjenning til Statsforvalteren i Trøndelag."),
        row(8, 130, "Sak 47/24 Detaljregulering"),
    )
    text = "Kommunedirektøren får fullmakt til å inngå garantiavtalen og sende søknad om godkjenning til " \
           "Statsforvalteren i Trøndelag."
    assert locate_point(rows, "3", text) == (8, (94.0, 100.0, 500.0, 122.0))
    assert locate_point(rows, "3", "Rådmannen bes rapportere om noe helt annet.") is None


def test_real_pipeline_on_korpus_protocol_gives_tasks_with_provenance():
    pdf = KORPUS / "balsfjord_fsk_2023-11-28_protokoll.pdf"
    if not pdf.exists():
        pytest.skip("korpus PDF not built")
    from pipeline.run import process_document

    res = process_document(pdf).result
    if not res.tables.get("vedtak"):
        pytest.skip("vedtak extractor gives no decisions yet")
    rows = {(r.saksnr, r.punkt): r for r in res.tables["oppfolging"]}
    r = rows[("PS 114/23", "2")]
    assert (r.ansvarlig, r.frist, r.frist_tekst) == ("rådmannen", "2024-03-01", "innen 1. mars 2024")
    assert r.side == 4 and r.bbox is not None
    assert rows[("PS 115/23", "4")].frist == "2024-12-31"
    assert ("PS 116/23", "3") not in rows and ("PS 112/23", "1") not in rows
    assert all(r.status == "ny" and r.vedtak_id and r.dokument_id == res.dokument_id for r in rows.values())


def _stub_vedtak(ktx, found):
    """Stands in for the vedtak extractor: the CLI test is about oppfolging, not vedtak."""
    saker = {s.saksnr: s for s in found.get("saker", [])}
    out = []
    for saksnr, text, side in [("Sak 41/24", LEVANGER_41, 4), ("Sak 49/24", LEVANGER_49, 9),
                               ("Sak 54/24", LEVANGER_54, 11)]:
        s = saker.get(saksnr)
        out.append(Vedtak(vedtak_id=f"ved-{saksnr}", sak_id=s.sak_id if s else "", saksnr=saksnr, arkivsaksnr="",
                          utvalg="Kommunestyret", motedato="2024-06-19", vedtakstekst=text, utfall="vedtatt",
                          dokument_id=ktx.dokument_id, side=side))
    return {"vedtak": out}


@pytest.fixture(scope="module")
def utdata(tmp_path_factory):
    pdf = KORPUS / "levanger_kst_2024-06-19_protokoll.pdf"
    if not pdf.exists():
        pytest.skip("korpus PDF not built")
    import pipeline.run as run_mod
    from pipeline.cli import main

    mp = pytest.MonkeyPatch()
    mp.setattr(run_mod, "EXTRACTORS", [(n, _stub_vedtak if n == "vedtak" else f) for n, f in run_mod.EXTRACTORS])
    out = tmp_path_factory.mktemp("utdata")
    try:
        # --workers 0 reads in this process, so the patched extractor is the one used
        res = CliRunner().invoke(main, ["run", str(pdf), "--out", str(out), "--workers", "0", "-q"])
    finally:
        mp.undo()
    assert res.exit_code == 0, res.output
    return out


def test_cli_oppfolging_lists_open_tasks_by_deadline(utdata):
    from pipeline.cli import main

    res = CliRunner().invoke(main, ["oppfolging", "--out", str(utdata), "--csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert [(r["saksnr"], r["punkt"], r["frist"]) for r in rows] == [
        ("Sak 49/24", "2", "2024-09-01"), ("Sak 54/24", "2", "2024-10-01"),
        ("Sak 41/24", "4", "2024-12-31"), ("Sak 54/24", "3", "")]
    first = rows[0]
    assert first["tittel"].startswith("Innherred Renovasjon IKS")
    assert (first["utvalg"], first["motedato"], first["side"], first["ansvarlig"]) == (
        "Kommunestyret", "2024-06-19", "9", "rådmannen")
    assert rows[3]["frist_tekst"] == "til kommunestyrets møte i desember"

    res = CliRunner().invoke(main, ["oppfolging", "--out", str(utdata), "--csv", "--forfalt", "--idag", "2024-11-01"])
    assert [(r["saksnr"], r["punkt"]) for r in csv.DictReader(io.StringIO(res.output))] == [
        ("Sak 49/24", "2"), ("Sak 54/24", "2")]
    res = CliRunner().invoke(main, ["oppfolging", "--out", str(utdata), "--csv", "--utvalg", "formannskapet"])
    assert list(csv.DictReader(io.StringIO(res.output))) == []
    res = CliRunner().invoke(main, ["oppfolging", "--out", str(utdata), "--utvalg", "kommunestyret"])
    assert res.exit_code == 0 and "Sak 41/24" in res.output and "(4 åpne oppgaver)" in res.output


def test_cli_oppfolging_without_database_is_usage_error(tmp_path):
    from pipeline.cli import main

    res = CliRunner().invoke(main, ["oppfolging", "--out", str(tmp_path / "tom")])
    assert res.exit_code == 2 and "motedata run" in res.output
