"""Agenda items on korpus papers: saksliste, saksframlegg header, innstilling, linking."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.parse.saksnr import normalize_arkivsaksnr, parse_saksnr
from pipeline.run import process_document
from pipeline.structure import detect_maalform

KORPUS = Path(__file__).resolve().parent.parent / "korpus"
SAKSPAPIRER = KORPUS / "dyroy_adm_2017-06-12_sakspapirer.pdf"


@pytest.mark.parametrize("printed,prefix,lopenr,aar,sakstype", [
    ("PS 4/17", "PS", 4, 2017, "PS"), ("PS4/17", "PS", 4, 2017, "PS"), ("RS 48/17", "RS", 48, 2017, "RS"),
    ("Sak 12/24", "Sak", 12, 2024, ""), ("024/24", "", 24, 2024, ""), ("Utvalgssak 17/20", "Utvalgssak", 17, 2020, ""),
    ("DS 3/2019", "DS", 3, 2019, "DS"), ("OS 2/23", "OS", 2, 2023, "OS"),
])
def test_parse_saksnr_styles(printed, prefix, lopenr, aar, sakstype):
    s = parse_saksnr(printed + " Tittel")
    assert (s.prefix, s.lopenr, s.saksaar, s.sakstype) == (prefix, lopenr, aar, sakstype)


def test_archive_numbers_are_not_saksnr():
    assert parse_saksnr("2017/136") is None
    assert normalize_arkivsaksnr("17/136") == "2017/136"
    assert normalize_arkivsaksnr("Arkivsak: 12/1234-5") == "2012/1234"
    assert normalize_arkivsaksnr("ingen") == ""


def test_maalform_from_text():
    assert detect_maalform("Saka vart handsama, og framlegget fekk ikkje fleirtal. Samrøystes vedteke.") == "nn"
    assert detect_maalform("Saken ble behandlet, og forslaget fikk ikke flertall. Enstemmig vedtatt.") == "nb"


@pytest.fixture(scope="module")
def sakspapirer():
    return process_document(SAKSPAPIRER).result.tables


def test_combined_papers_list_every_item_once(sakspapirer):
    own = [s for s in sakspapirer["saker"] if s.utvalg == "Administrasjonsutvalget"]
    assert [s.saksnr for s in own] == ["PS 4/17"] + [f"RS {n}/17" for n in range(48, 56)] + ["PS 5/17", "PS 6/17"]
    assert own[1].tittel == "Protokoll - Ansettelse brannkonstabel i deltidskorps brann"  # wrapped over two lines


def test_saksframlegg_gives_innstilling_and_links_other_committee(sakspapirer):
    by_nr = {s.saksnr: s for s in sakspapirer["saker"]}
    assert by_nr["PS 5/17"].innstilling == "Rullering av lokal lønnspolitikk for 2017-2018 godkjennes."
    assert by_nr["PS 6/17"].innstilling.startswith("1. Organisering gjennomføres slik modell B er beskrevet. 2.")
    assert by_nr["PS 6/17"].innstilling.endswith("3. Rådmannen orienterer KS fortløpende om prosessen.")
    fsk = by_nr["61/17"]
    assert (fsk.utvalg, fsk.motedato, fsk.arkivsaksnr) == ("Formannskapet", "2017-06-07", "2016/236")
    assert fsk.innstilling == by_nr["PS 6/17"].innstilling
    assert fsk.mote_id != by_nr["PS 6/17"].mote_id
    assert {m.utvalg for m in sakspapirer["moter"]} == {"Administrasjonsutvalget", "Formannskapet"}
    assert by_nr["PS 4/17"].innstilling == ""  # a referatsak has no proposal


def test_same_case_gets_same_sak_id_in_innkalling_and_protokoll():
    ids = {}
    for name in ("innkalling", "protokoll"):
        res = process_document(KORPUS / f"dyroy_adm_2017-06-12_{name}.pdf").result.tables
        ids[name] = {s.saksnr: s.sak_id for s in res["saker"]}
    assert ids["innkalling"]["PS 5/17"] == ids["protokoll"]["PS 5/17"]
    assert ids["innkalling"] == ids["protokoll"]


def test_protocol_blocks_give_arkivsak_and_closed_grounds_without_copying_withheld_text():
    res = process_document(KORPUS / "levanger_kst_2024-06-19_protokoll.pdf").result.tables
    by_nr = {s.saksnr: s for s in res["saker"]}
    assert len(by_nr) == 15 and by_nr["Sak 40/24"].arkivsaksnr == "2024/118"
    closed = by_nr["Sak 53/24"]
    assert closed.lukket is True and closed.hjemmel == "Offl. § 13 jf. fvl. § 13 første ledd nr. 1"
    assert closed.innstilling == ""
    assert [s.saksnr for s in res["saker"] if s.lukket] == ["Sak 53/24"]
