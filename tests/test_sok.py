"""`motedata sok`: FTS5 over stemmed text, filters, and messages for queries it cannot take."""
from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.fts import SearchError, match_expression, search, snippet, stem
from pipeline.records import DokumentRad, Mote, Sak, Vedtak
from pipeline.write import DocumentResult, write_output

# (dokument_id, kommune, utvalg, dato, målform, [(saksnr, tittel, innstilling, vedtakstekst)])
PAPERS = [
    ("a000000000000001", "Levanger", "Kommunestyret", "2024-06-19", "nb", [
        ("Sak 44/24", "Ny skolestruktur i Levanger",
         "Kommunedirektøren legger fram skolestrukturen for høring.", "Saken sendes tilbake."),
        ("Sak 50/24", "Valg av tomt", "Barnehagene i Skogn samles på tomt A.", "Barnehagene i Skogn samles på tomt A."),
    ]),
    ("a000000000000002", "Ulvik", "Heradsstyret", "2016-03-14", "nn", [
        ("021/16", "Ny skule på Brakanes", "Heradsstyret vedtek at barnehagane skal flyttast.", ""),
    ]),
    ("a000000000000003", "Dyrøy", "Formannskapet", "2019-02-01", "nb", [
        ("PS 3/19", "Budsjett for barnehage og skole", "Budsjettet vedtas.", "Budsjettet vedtas."),
    ]),
]


def _results() -> list[DocumentResult]:
    out = []
    for dok_id, kommune, utvalg, dato, maalform, saker in PAPERS:
        mote_id = f"{kommune}-{utvalg}-{dato}".lower()
        tables = {
            "dokumenter": [DokumentRad(dokument_id=dok_id, fil=f"{dok_id}.pdf", sha256="0" * 64,
                                       dokumenttype="moteprotokoll", kommune=kommune, utvalg=utvalg, motedato=dato,
                                       sider=3, maalform=maalform)],
            "moter": [Mote(mote_id=mote_id, kommune=kommune, utvalg=utvalg, motedato=dato, dokument_id=dok_id)],
            "saker": [Sak(sak_id=f"{mote_id}/{i}", mote_id=mote_id, dokument_id=dok_id, saksnr=nr, tittel=tittel,
                          innstilling=innst, utvalg=utvalg, motedato=dato, kilde_side=2)
                      for i, (nr, tittel, innst, _) in enumerate(saker)],
            "vedtak": [Vedtak(vedtak_id=f"v-{dok_id}-{i}", sak_id=f"{mote_id}/{i}", saksnr=nr, arkivsaksnr="",
                              utvalg=utvalg, motedato=dato, innstilling=innst, vedtakstekst=vedtak, utfall="vedtatt",
                              dokument_id=dok_id, side=3)
                       for i, (nr, tittel, innst, vedtak) in enumerate(saker) if vedtak],
        }
        out.append(DocumentResult(dokument_id=dok_id, fil=f"{dok_id}.pdf", tables=tables))
    return out


@pytest.fixture
def ut(tmp_path):
    out = tmp_path / "ut"
    write_output(out, _results())
    return out


def sok(ut, *args):
    return CliRunner().invoke(main, ["sok", "--out", str(ut), *args])


def hits(ut, query, **kw):
    con = sqlite3.connect(ut / "motedata.sqlite")
    try:
        return search(con, query, **kw)
    finally:
        con.close()


def test_the_writer_builds_the_index_from_saker_and_vedtak(ut):
    con = sqlite3.connect(ut / "motedata.sqlite")
    kinds = dict(con.execute("SELECT kilde, count(*) FROM sok GROUP BY kilde").fetchall())
    assert kinds == {"sak": 4, "vedtak": 3}
    assert con.execute("SELECT count(*) FROM sok_fts").fetchone()[0] == 7
    # a second write rebuilds the index instead of adding to it
    write_output(ut, _results()[:1])
    con2 = sqlite3.connect(ut / "motedata.sqlite")
    assert con2.execute("SELECT count(*) FROM sok_fts").fetchone()[0] == 7


def test_inflected_forms_are_found_both_ways(ut):
    assert {h["saksnr"] for h in hits(ut, "skolestruktur")} == {"Sak 44/24"}
    # the base form finds "skolestrukturen" in the innstilling, the inflected query the base form in the title
    assert any("skolestrukturen" in h["innstilling"] for h in hits(ut, "skolestruktur"))
    assert {h["kilde"] for h in hits(ut, "skolestrukturen")} == {"sak", "vedtak"}
    assert {h["saksnr"] for h in hits(ut, "barnehage")} == {"Sak 50/24", "021/16", "PS 3/19"}
    assert {h["saksnr"] for h in hits(ut, "barnehagene")} == {"Sak 50/24", "021/16", "PS 3/19"}


def test_nynorsk_spelling_finds_bokmaal_and_back(ut):
    assert stem("skule") == stem("skole")
    assert {h["saksnr"] for h in hits(ut, "skole")} == {"021/16", "PS 3/19", "Sak 44/24"}
    assert "021/16" in {h["saksnr"] for h in hits(ut, "skulen")}


def test_phrase_or_and_exclusion(ut):
    assert {h["saksnr"] for h in hits(ut, '"tomt A"')} == {"Sak 50/24"}
    assert {h["saksnr"] for h in hits(ut, "skolestruktur OR budsjett")} == {"Sak 44/24", "PS 3/19"}
    assert {h["saksnr"] for h in hits(ut, "barnehage -Skogn")} == {"021/16", "PS 3/19"}


def test_filters_on_kommune_and_years(ut):
    assert {h["kommune"] for h in hits(ut, "barnehage", kommune="dyrøy")} == {"Dyrøy"}  # case folded, not ASCII only
    assert {h["saksnr"] for h in hits(ut, "barnehage", fra=2017)} == {"Sak 50/24", "PS 3/19"}
    assert {h["saksnr"] for h in hits(ut, "barnehage", fra=2017, til=2020)} == {"PS 3/19"}
    result = sok(ut, "barnehage", "--kommune", "Ulvik", "--fra", "2015", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [(r["saksnr"], r["kommune"], r["side"]) for r in rows] == [("021/16", "Ulvik", 2)]


def test_cli_prints_hits_with_snippet_document_and_page(ut):
    result = sok(ut, "skolestruktur")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["saksnr", "utvalg", "motedato", "kommune", "tittel", "utdrag", "dokument_id", "side"]
    assert "[skolestrukturen]" in result.output and "a000000000000001" in result.output
    assert lines[-1] == "(2 treff)"
    csv_out = sok(ut, "skolestruktur", "--csv").output.splitlines()
    assert csv_out[0].startswith("saksnr,utvalg,motedato,kommune,tittel,utdrag,dokument_id,side")
    assert len(csv_out) == 3


@pytest.mark.parametrize("query, message", [
    ('"skole', "anførselstegn"),
    ("OR", "OR må stå mellom"),
    ("skole OR", "OR må stå mellom"),
    ("-skole", "bare av ord som skal utelates"),
    ("NOT", "NOT må følges"),
    ("*** ()", "ingen ord"),
])
def test_bad_query_gives_a_message_not_a_traceback(ut, query, message):
    result = sok(ut, "--", query)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("query", ["NEAR(skole", "tittel:skole", "skole*", "^skole", "skole AND (", "a'b", "+-"])
def test_fts_syntax_in_user_text_never_reaches_match(ut, query):
    result = sok(ut, "--", query)
    assert result.exit_code in (0, 2) and isinstance(result.exception, (SystemExit, type(None)))
    if result.exit_code == 2:
        assert result.output.startswith("motedata sok:")


def test_unknown_kommune_lists_the_known_ones(ut):
    result = sok(ut, "skole", "--kommune", "Oslo")
    assert result.exit_code == 2
    assert "Oslo" in result.output and "Dyrøy, Levanger, Ulvik" in result.output


def test_match_expression_is_built_from_stems():
    assert match_expression("Barnehagene") == '("barnehag"*)'
    assert match_expression('"ny skole" -år') == '("ny skol"*) NOT "år"'


def test_snippet_marks_the_inflected_word():
    text = "Formannskapet ber om at skolestrukturen i kommunen vurderes på nytt før budsjettet."
    assert "[skolestrukturen]" in snippet(text, "skolestruktur", words=3)
    assert snippet(text, "skolestruktur", words=3).startswith("… ")


def test_missing_database_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["sok", "skole", "--out", str(tmp_path / "finnes_ikke")])
    assert result.exit_code == 2 and "kjør `motedata run` først" in result.output


def test_korpus_search_finds_the_levanger_school_case(korpus_ut):
    result = CliRunner().invoke(main, ["sok", "skolestrukturen", "--out", str(korpus_ut), "--json"])
    rows = json.loads(result.output)
    assert {(r["saksnr"], r["kommune"]) for r in rows} == {("Sak 44/24", "Levanger")}
    assert all(r["side"] and r["dokument_id"] for r in rows)
