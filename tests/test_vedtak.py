"""Decisions, votes and attendance: parsers on printed strings, extractor on korpus PDFs.

Strings are taken from the Dyrøy seed/korpus protocol and from the wording of the
meeting systems in the korpus (ePhorte, Elements, ACOS, Public 360).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from pipeline.extract.vedtak import classify_row, endret, utfall_of
from pipeline.parse.votes import classify_utfall, count_mismatches, parse_name_list, parse_vote, split_sentences
from pipeline.run import process_document

KORPUS = Path(__file__).resolve().parent.parent / "korpus"


# ----------------------------------------------------------------- vote phrases

@pytest.mark.parametrize("text", ["Enstemmig vedtatt.", "Enst. vedtatt", "Enst.vedtatt.", "Samrøystes vedteke.",
                                  "Innstillingen ble enstemmig vedtatt."])
def test_unanimous_forms(text):
    v = parse_vote(text)
    assert v.enstemmig is True
    assert v.resultat == "vedtatt"
    assert v.antall_mot is None


def test_counts_with_mot():
    v = parse_vote("Rådmannens innstilling ble vedtatt med 5 mot 2 stemmer.")
    assert (v.antall_for, v.antall_mot, v.resultat, v.enstemmig) == (5, 2, "vedtatt", False)


def test_counts_stemte_for_mot():
    v = parse_vote("12 stemte for, 3 mot.")
    assert (v.antall_for, v.antall_mot) == (12, 3)


def test_counts_nynorsk():
    v = parse_vote("Vedteke med 9 mot 6 røyster.")
    assert (v.antall_for, v.antall_mot, v.resultat) == (9, 6, "vedtatt")


def test_fikk_stemmer_og_falt():
    v = parse_vote("Forslaget fra Ole Hansen fikk 2 stemmer og falt.")
    assert (v.antall_for, v.antall_mot, v.resultat) == (2, None, "falt")


@pytest.mark.parametrize("text", ["Innstillingen falt.", "Framlegget fall."])
def test_fell(text):
    assert parse_vote(text).resultat == "falt"


def test_named_voters_and_mismatch():
    v = parse_vote("For forslaget stemte 3: Kari Nordmann (AP), Ola Hansen (SP) og Per Dal (H). "
                   "Imot forslaget stemte 2: Anne Lie (FrP), Bjørn Berg (FrP), Siri Moe (KrF)")
    assert v.navn_for == [("Kari Nordmann", "AP"), ("Ola Hansen", "SP"), ("Per Dal", "H")]
    assert [n for n, _ in v.navn_mot] == ["Anne Lie", "Bjørn Berg", "Siri Moe"]
    assert v.antall_for == 3 and v.antall_mot == 2  # the printed count is kept ...
    assert count_mismatches(v) == ["2 stemmer mot trykt, 3 navn listet"]  # ... and the disagreement reported


def test_dobbeltstemme():
    v = parse_vote("Innstillingen ble vedtatt med 7 mot 7 stemmer, ordførerens dobbeltstemme avgjorde.")
    assert v.dobbeltstemme and (v.antall_for, v.antall_mot) == (7, 7)


def test_name_list():
    assert parse_name_list("Randi Haugskott (Sp), Kjell Arne Johansen (FrP) og Tone Lillevik (AP).") == [
        ("Randi Haugskott", "Sp"), ("Kjell Arne Johansen", "FrP"), ("Tone Lillevik", "AP")]
    assert parse_name_list("") == []


def test_sentences_keep_abbreviations():
    text = ("Det ble votert alternativt mellom rådmannens forslag til vedtak og forslaget fra Ole Hansen (SP). "
            "Rådmannens innstilling ble vedtatt med 5 mot 2 stemmer. Forslaget fra Ole Hansen fikk 2 stemmer og falt.")
    assert len(split_sentences(text)) == 3
    assert split_sentences("Enst. vedtatt.") == ["Enst. vedtatt."]


def test_utfall_phrases():
    assert classify_utfall("Referatsakene tas til orientering.") == "tatt_til_orientering"
    assert classify_utfall("Saken utsettes til neste møte.") == "utsatt"
    assert classify_utfall("Saken sendes tilbake til kommunedirektøren.") == "sendt_tilbake"
    assert classify_utfall("Rullering av lokal lønnspolitikk for 2017-2018 godkjennes.") == ""
    assert utfall_of("Rullering av lokal lønnspolitikk for 2017-2018 godkjennes.", [], "") == "vedtatt"


def test_endret():
    a = "Rullering av lokal lønnspolitikk for 2017-2018 godkjennes."
    assert endret(a, a) is False
    assert endret(a, "Styringsgruppa anbefaler fortsatt en modell med tre sektorområder.") is True
    assert endret("", a) is None


# ----------------------------------------------------------------- headings

@pytest.mark.parametrize("text,kind", [
    ("Rådmannens forslag til vedtak:", "innstilling"),
    ("Kommunedirektørens innstilling:", "innstilling"),
    ("Framlegg til vedtak:", "innstilling"),
    ("Formannskapets innstilling til kommunestyret:", "innstilling"),
    ("Vedtak:", "vedtak"),
    ("VEDTAK", "vedtak"),
    ("Kommunestyrets vedtak:", "vedtak"),
    ("Votering:", "votering"),
    ("Behandling:", "behandling"),
    ("Vi bekrefter med våre underskrifter at det som er ført i møteprotokollen er i samsvar med det", "stopp"),
])
def test_headings(text, kind):
    h = classify_row(text)
    assert h is not None and h.kind == kind


def test_heading_with_committee_and_date():
    h = classify_row("Saksprotokoll i Formannskapet - 07.06.2017")
    assert (h.kind, h.utvalg, h.dato) == ("behandling_i", "Formannskapet", "2017-06-07")
    h = classify_row("Vedtak i Formannskapet - 07.06.2017")
    assert (h.kind, h.utvalg, h.dato) == ("vedtak", "Formannskapet", "2017-06-07")
    h = classify_row("FSK- 112/23 Vedtak:")
    assert (h.kind, h.saksnr) == ("vedtak", "FSK- 112/23")


def test_prose_is_no_heading():
    assert classify_row("Rådmannens forslag til vedtak ble satt opp til votering.") is None


def test_proposal_heading():
    h = classify_row("Ole Hansen (SP) fremmet følgende forslag:")
    assert (h.kind, h.navn, h.parti) == ("forslag", "Ole Hansen", "SP")
    h = classify_row("Randi Haugskott (Sp) fremmet følgende forslag:")
    assert (h.navn, h.parti) == ("Randi Haugskott", "Sp")


# ----------------------------------------------------------------- extractor on korpus

@lru_cache(maxsize=None)
def _tables(name: str) -> dict:
    pdf = KORPUS / name
    if not pdf.exists():
        pytest.skip(f"{name} not in korpus")
    out = process_document(pdf)
    assert out.result is not None
    assert not [f for f in out.feil if f.steg == "vedtak"]
    return out.result.tables


def test_dyroy_protocol_vedtak():
    t = _tables("dyroy_adm_2017-06-12_protokoll.pdf")
    by = {v.saksnr: v for v in t["vedtak"]}
    assert set(by) == {"PS 4/17", "PS 5/17", "PS 6/17"}  # no RS item gets a decision of its own
    v5 = by["PS 5/17"]
    assert v5.vedtakstekst == "Rullering av lokal lønnspolitikk for 2017-2018 godkjennes."
    assert (v5.utfall, v5.votering, v5.endret_fra_innstilling, v5.side) == ("vedtatt", "enstemmig", False, 3)
    assert v5.arkivsaksnr == "2016/67" and v5.bbox is not None
    v6 = by["PS 6/17"]
    assert v6.vedtakstekst.startswith("1. Organisering gjennomføres slik modell B er beskrevet. 2. Kommunestyre")
    assert (v6.votering, v6.stemmer_for, v6.stemmer_mot) == ("flertall", 5, 2)
    assert by["PS 4/17"].vedtakstekst == "Referatsakene tas til orientering."
    linked = {s.saksnr: s.sak_id for s in t["saker"]}
    assert v5.sak_id == linked["PS 5/17"]


def test_dyroy_protocol_alternative_vote():
    t = _tables("dyroy_adm_2017-06-12_protokoll.pdf")
    votes = [v for v in t["voteringer"] if v.saksnr == "PS 6/17"]
    assert len(votes) == 2
    assert (votes[0].forslagstype, votes[0].antall_for, votes[0].resultat) == ("innstilling", 5, "vedtatt")
    assert (votes[1].forslagsstiller, votes[1].parti, votes[1].antall_for, votes[1].resultat) == ("Ole Hansen", "SP", 2, "falt")
    assert votes[1].forslag.startswith("«Administrasjonsutvalget slutter seg til formannskapets vedtak")


def test_dyroy_protocol_attendance():
    t = _tables("dyroy_adm_2017-06-12_protokoll.pdf")
    by = {d.navn: d for d in t["deltakere"]}
    assert len(by) == 10
    assert (by["Marit Alvig Espenes"].funksjon, by["Marit Alvig Espenes"].parti) == ("leder", "AP")
    assert by["Bjørn Kristiansen"].status == "forfall"
    assert (by["Svein Olav Mikalsen"].mott_for, by["Svein Olav Mikalsen"].status) == ("Bjørn Kristiansen", "tilstede")
    assert (by["Erla Sverdrup"].status, by["Erla Sverdrup"].funksjon) == ("administrasjonen", "rådmann")
    assert all(d.side == 1 and d.bbox for d in by.values())


def test_saksframlegg_alone_gives_no_vedtak_but_saksprotokoll_does():
    t = _tables("dyroy_adm_2017-06-12_sakspapirer.pdf")
    assert len(t["vedtak"]) == 1  # the "Vedtak:" lines in e-mails and the saksframlegg give none
    v = t["vedtak"][0]
    # saksnr from the Saksgang table on the case paper (page 40: Formannskapet | 61/17 | 07.06.2017)
    assert (v.utvalg, v.motedato, v.saksnr, v.side) == ("Formannskapet", "2017-06-07", "61/17", 53)
    assert v.vedtakstekst.startswith("Styringsgruppa anbefaler fortsatt en modell med tre sektorområder")
    assert v.vedtakstekst.endswith("av den modellen.")  # the signatures below are not part of it
    assert v.votering == "enstemmig" and v.arkivsaksnr == "2016/236"
    assert t["deltakere"] == []


def test_more_vote_forms():
    v = parse_vote("Innstillingen fikk 12 stemmer (Ap, SV, R, KrF, V), 12 stemte mot (Sp, H, FrP).")
    assert (v.antall_for, v.antall_mot, v.enstemmig) == (12, 12, False)
    v = parse_vote("Innstillingen ble vedtatt mot 3 stemmer (FrP).")
    assert (v.antall_for, v.antall_mot, v.resultat) == (None, 3, "vedtatt")
    v = parse_vote("Framlegget frå Ap fall med 6 mot 9 røyster.")
    assert (v.antall_for, v.antall_mot, v.resultat) == (6, 9, "falt")
    # `enstemmig` about something else is no vote result
    v = parse_vote("Gjermstad ble enstemmig erklært inhabil, jf. forvaltningsloven § 6.")
    assert v.resultat == "vedtatt" and not __import__("pipeline.parse.votes", fromlist=["has_result"]).has_result(
        "Gjermstad ble enstemmig erklært inhabil, jf. forvaltningsloven § 6.")


@pytest.mark.parametrize("text,utvalg,dato", [
    ("Heradsstyret - 018/24 - 14.03.2024:", "Heradsstyret", "2024-03-14"),
    ("Behandling i Formannskapet - 28.11.2023", "Formannskapet", "2023-11-28"),
    ("Behandling i Kommunestyret 12.03.2024:", "Kommunestyret", "2024-03-12"),
    ("Formannskapets behandling 12.03.2024:", "Formannskapet", "2024-03-12"),
])
def test_treatment_headings(text, utvalg, dato):
    h = classify_row(text)
    assert (h.kind, h.utvalg, h.dato) == ("behandling_i", utvalg, dato)


def test_withheld_text_is_empty():
    from pipeline.extract.vedtak import clean_text
    assert clean_text("Vedtaket er unntatt offentlighet, jf. offl. § 13 jf. fvl. § 13 første ledd nr. 1.") == ""
    assert clean_text("Rådmannen fremmer saken uten innstilling.") == ""
    assert clean_text("Saken tas til orientering.") == "Saken tas til orientering."


def _rows(lines: list[list[tuple[float, str]]], page: int = 1):
    from pipeline.model import Line
    from pipeline.structure import Row
    out = []
    for i, segs in enumerate(lines):
        top = 100 + 14 * i
        out.append(Row(page, tuple(Line(t, x, top, x + 6 * len(t), top + 10) for x, t in segs)))
    return tuple(out)


def test_attendance_running_lists():
    from pipeline.extract.deltakere import extract_deltakere
    rows = _rows([
        [(60, "Til stede: Ordfører Kari Nordmann (AP), Ola Hansen (SP) og Per Dal (H)")],
        [(60, "Forfall: Anne Lie (FrP)")],
        [(60, "Møtende varamedlemmer: Siri Moe (FrP) møtte for Anne Lie")],
        [(60, "Fra administrasjonen: Kommunedirektør Ingrid Vang")],
        [(60, "PS 1/24 Godkjenning av protokoll")],
        [(60, "Til stede: Ikke Med (X)")],
    ])
    by = {d.navn: d for d in extract_deltakere(rows, "m", "d")}
    assert set(by) == {"Kari Nordmann", "Ola Hansen", "Per Dal", "Anne Lie", "Siri Moe", "Ingrid Vang"}
    assert (by["Ingrid Vang"].funksjon, by["Ingrid Vang"].status) == ("kommunedirektør", "administrasjonen")
    assert (by["Kari Nordmann"].funksjon, by["Kari Nordmann"].parti, by["Kari Nordmann"].status) == ("ordfører", "AP", "tilstede")
    assert by["Anne Lie"].status == "forfall"
    assert (by["Siri Moe"].mott_for, by["Siri Moe"].funksjon, by["Siri Moe"].parti) == ("Anne Lie", "varamedlem", "FrP")


def test_attendance_columns_by_position():
    from pipeline.extract.deltakere import extract_deltakere
    rows = _rows([
        [(64, "Møtande varamedlemmer")],
        [(70, "Namn"), (240, "Møtte for"), (396, "Parti")],
        [(70, "Sjur Spildo"), (240, "Brita Ljones"), (396, "Sp")],
        [(70, "Endre Lussand"), (396, "H")],  # an empty middle cell stays empty
        [(64, "Talet på røysteføre: 15")],
    ])
    got = extract_deltakere(rows, "m", "d")
    assert [(d.navn, d.mott_for, d.parti, d.funksjon) for d in got] == [
        ("Sjur Spildo", "Brita Ljones", "Sp", "varamedlem"), ("Endre Lussand", "", "H", "varamedlem")]


def test_two_committees_in_one_case_paper():
    from pipeline.extract.vedtak import _split
    rows = _rows([
        [(60, "Rådmannens innstilling:")],
        [(60, "Planen vedtas.")],
        [(60, "Saksprotokoll i Formannskapet - 07.06.2017")],
        [(60, "Enst. vedtatt.")],
        [(60, "Vedtak i Formannskapet - 07.06.2017")],
        [(60, "Planen vedtas.")],
        [(60, "Behandling i Kommunestyret - 20.06.2017")],
        [(60, "Vedtatt med 12 mot 3 stemmer.")],
        [(60, "Vedtak i Kommunestyret - 20.06.2017")],
        [(60, "Planen vedtas med endringer.")],
    ])
    pre, bs = _split(list(rows), None)
    assert [(b.utvalg, b.dato) for b in bs] == [("Formannskapet", "2017-06-07"), ("Kommunestyret", "2017-06-20")]
    assert [s.text for s in pre] == ["Planen vedtas."]


def test_levanger_acos_protocol():
    t = _tables("levanger_kst_2024-06-19_protokoll.pdf")
    by = {v.saksnr: v for v in t["vedtak"]}
    assert len(by) == 15
    # page 7: 12 for, 12 against, the mayor's casting vote decides
    v46 = by["Sak 46/24"]
    assert (v46.votering, v46.stemmer_for, v46.stemmer_mot, v46.utfall) == ("flertall", 12, 12, "vedtatt")
    assert by["Sak 44/24"].utfall == "sendt_tilbake"
    assert by["Sak 50/24"].utfall == "utsatt"
    assert (by["Sak 51/24"].utfall, by["Sak 51/24"].vedtakstekst) == ("trukket", "")
    assert (by["Sak 53/24"].vedtakstekst, by["Sak 53/24"].innstilling) == ("", "")  # closed item: withheld
    # page 5: the innstilling with 17-8, the Høyre addition fell 8-17
    votes = [v for v in t["voteringer"] if v.saksnr == "Sak 42/24"]
    assert [(v.forslagstype, v.antall_for, v.antall_mot, v.resultat) for v in votes] == [
        ("innstilling", 17, 8, "vedtatt"), ("tilleggsforslag", 8, 17, "falt")]
    assert (votes[1].forslagsstiller, votes[1].parti) == ("Håvard Lyngstad", "H")
    # page 11: "Imot innstillingen stemte 9:" lists 8 names -> one warning, both values kept
    v54 = [v for v in t["voteringer"] if v.saksnr == "Sak 54/24"]
    ids = {v.votering_id for v in v54}
    names = [s for s in t["stemmer"] if s.votering_id in ids]
    assert sum(s.stemme == "for" for s in names) == 16 and sum(s.stemme == "mot" for s in names) == 8
    assert v54[-1].antall_mot == 9
    assert any("9 stemmer mot trykt, 8 navn listet" in a.melding and a.side == 11 for a in t["advarsler"])
    # attendance: substitutes from the "Møtte for:" table
    d = {x.navn: x for x in t["deltakere"]}
    assert (d["Jan Arild Moe"].status, d["Jan Arild Moe"].mott_for) == ("tilstede", "Liv Tone Sandvik")
    assert not any("Antall" in n for n in d)


def test_ulvik_nynorsk_protocol():
    t = _tables("ulvik_hst_2024-03-14_protokoll.pdf")
    by = {v.saksnr: v for v in t["vedtak"]}
    assert by["018/24"].innstilling == "Innkalling og sakliste vert godkjende."
    assert (by["018/24"].votering, by["018/24"].endret_fra_innstilling) == ("enstemmig", False)
    assert (by["021/24"].stemmer_for, by["021/24"].stemmer_mot, by["021/24"].votering) == (9, 6, "flertall")
    assert by["023/24"].endret_fra_innstilling is True
    votes = [v for v in t["voteringer"] if v.saksnr == "024/24"]
    assert [(v.resultat, v.side) for v in votes] == [("falt", 5), ("vedtatt", 6)]  # the second vote is on page 6
    d = {x.navn: x for x in t["deltakere"]}
    assert (d["Sjur Spildo"].mott_for, d["Øystein Haugland"].status) == ("Brita Ljones", "administrasjonen")
    assert "Talet på røysteføre: 15" not in d


def test_balsfjord_elements_protocol():
    t = _tables("balsfjord_fsk_2023-11-28_protokoll.pdf")
    by = {v.saksnr: v for v in t["vedtak"]}
    assert "RS 21/23" not in by and by["PS 111/23"].vedtakstekst == "Referatsakene tas til orientering."
    # "FSK- 112/23 Vedtak:" then "Formannskapets innstilling til kommunestyret:" introduces the text
    assert by["PS 112/23"].vedtakstekst.startswith("1. Kommunestyret vedtar driftsbudsjett for 2024")
    assert by["PS 115/23"].endret_fra_innstilling is True  # 150 000 became 200 000
    assert (by["PS 117/23"].utfall, by["PS 117/23"].innstilling) == ("ikke_vedtatt", "")


# ----------------------------------------------------------------- counts in words

@pytest.mark.parametrize("text,counts", [
    ("Innstillingen ble vedtatt med tolv mot tre stemmer.", (12, 3)),
    ("Tjuefem stemte for, ni mot.", (25, 9)),
    ("Framlegget vart vedteke med fem og tjue mot to røyster.", (25, 2)),
    ("Forslaget fikk en stemme og falt.", (1, None)),
    ("Innstillingen ble vedtatt mot ni stemmer.", (None, 9)),
])
def test_vote_counts_in_words(text, counts):
    v = parse_vote(text)
    assert (v.antall_for, v.antall_mot) == counts


def test_number_words_leave_names_alone():
    from pipeline.parse.tallord import words_to_digits

    assert words_to_digits("For forslaget stemte tre: Kari To (H) og Ola Ni (Sp).") == \
        "For forslaget stemte 3: Kari To (H) og Ola Ni (Sp)."
    v = parse_vote("For forslaget stemte tre: Kari To (H), Ola Ni (Sp) og Per Dal (V).")
    assert [n for n, _ in v.navn_for] == ["Kari To", "Ola Ni", "Per Dal"]
    assert count_mismatches(v) == []


# ----------------------------------------------------------------- inhabil

@pytest.mark.parametrize("text,expected", [
    ("Per Olav Gjermstad (Sp) ba om å få sin habilitet vurdert, da han er styreleder i Levanger "
     "Golfklubb. Gjermstad ble enstemmig erklært inhabil, jf. forvaltningsloven § 6.", [("Per Olav Gjermstad", "Sp")]),
    ("Gunhild Brakanes (Ap) bad om å få vurdert habiliteten sin, då ho er kasserar i Ulvik Båtlag. "
     "Ho vart samrøystes kjend ugild og gjekk frå.", [("Gunhild Brakanes", "Ap")]),
    ("Kari Nordmann (H) erklærte seg inhabil og fratrådte.", [("Kari Nordmann", "H")]),
    ("Inhabil: Kari Nordmann (H), Ola Hansen (Sp)", [("Kari Nordmann", "H"), ("Ola Hansen", "Sp")]),
    ("Det ble ikke meldt inhabilitet i noen saker.", []),
    ("Ola Hansen (Sp) ble ikke erklært inhabil.", []),
    ("Ola Hansen (Sp) ba om å få sin habilitet vurdert. Han ble erklært habil.", []),
])
def test_inhabil_phrases(text, expected):
    from pipeline.parse.inhabil import find_inhabile

    assert find_inhabile(text) == expected


def test_inhabil_surname_completed_from_attendance():
    from pipeline.parse.inhabil import find_inhabile

    kjente = [("Marit Alvig Espenes", "AP"), ("Per Dal", "H")]
    assert find_inhabile("Espenes ble erklært inhabil og fratrådte.", kjente) == [("Marit Alvig Espenes", "AP")]


def test_inhabil_rows_in_protocols():
    lev = process_document(KORPUS / "levanger_kst_2024-06-19_protokoll.pdf").result.tables["inhabilitet"]
    assert [(i.saksnr, i.navn, i.parti, i.side) for i in lev] == [("Sak 46/24", "Per Olav Gjermstad", "Sp", 7)]
    assert lev[0].sak_id.endswith("/2024-46")
    dyroy = process_document(KORPUS / "dyroy_adm_2017-06-12_protokoll.pdf").result.tables["inhabilitet"]
    assert dyroy == []  # "Det ble ikke meldt inhabilitet i noen saker."


# ----------------------------------------------------------------- the vote pre-filter

def test_every_vote_pattern_needs_a_forfilter_word():
    """The pre-filter may only skip rows no vote pattern can match: each pattern names one of its words."""
    from pipeline.extract.vedtak import _vote_words
    from pipeline.rules import load_rules

    stemmer = load_rules("vedtak")["stemmer"]
    for key in ("enstemmig", "tall", "for_navn", "mot_navn"):
        pats = stemmer[key] if isinstance(stemmer[key], list) else [stemmer[key]]
        for pat in pats:
            words = re.sub(r"\(\?P<\w+>", "(", pat).casefold()  # a group name (`(?P<mot>`) is no printed word
            assert any(w in words for w in _vote_words()), (key, pat)


@pytest.mark.parametrize("text", [
    "Vedtatt med 12 mot 3.", "Innstillinga vart vedteken med 9 mot 6.", "12 mot 3 stemmer.",
    "Enst. vedtatt", "Samrøystes vedteke.", "Einstemmig vedteke.", "Einrøystes vedteke.",
    "For stemte: Kari Nordmann (AP)", "Imot forslaget stemte 2: Anne Lie (FrP), Bjørn Berg (FrP)",
    "Forslaget fikk 4 stemmer.", "Framlegget fekk 4 røyster.", "7 røysta for, 2 mot.",
    "Innstillingen ble vedtatt mot ni stemmer.", "Vedtatt med tolv mot tre.",
])
def test_forfilter_keeps_every_vote_form(text):
    from pipeline.extract.vedtak import may_hold_vote

    v = parse_vote(text)
    assert v.enstemmig or v.antall_for is not None or v.antall_mot is not None or v.navn_for or v.navn_mot
    assert may_hold_vote(text)


@lru_cache(maxsize=1)
def _korpus_lines() -> tuple[str, ...]:
    from pipeline.read import read_pdf

    lines = []
    for pdf in sorted(KORPUS.glob("*.pdf")):
        if "skannet" in pdf.name:
            continue
        for page in read_pdf(pdf).pages:
            lines.extend(page.text.splitlines())
    return tuple(lines)


def test_forfilter_never_hides_a_vote_in_the_korpus():
    from pipeline.extract.vedtak import may_hold_vote

    lines = _korpus_lines()
    votes = [t for t in lines if (lambda v: v.enstemmig or v.antall_for is not None or v.navn_for or v.navn_mot)(
        parse_vote(t))]
    assert len(votes) >= 40  # the korpus protocols print dozens of votes
    assert all(may_hold_vote(t) for t in votes), [t for t in votes if not may_hold_vote(t)]
    assert sum(not may_hold_vote(t) for t in lines) > len(lines) / 2  # and it skips most rows
