"""Follow-up status over time: status phrases, reports in later papers, linking to tasks."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.statusmeldinger import _paragraphs, status_of
from pipeline.link import link_status
from pipeline.model import Line, Page


@pytest.mark.parametrize("text,status", [
    ("Utført", "fullfort"),
    ("Ferdig", "fullfort"),
    ("Tiltaksplan lagt fram i formannskapet 12.09.2024. Fullført.", "fullfort"),
    ("Kommunedirektøren legg med dette fram rapporten.", "fullfort"),
    ("Under arbeid", "under_arbeid"),
    ("Pågår", "under_arbeid"),
    ("Forsinket", "under_arbeid"),
    ("Arbeidet er sett i gang, og sak vert lagd fram våren 2025.", "under_arbeid"),
    ("Delvis utført: kontrakt inngått, byggestart våren 2025.", "under_arbeid"),
    ("Arbeidet ble satt i gang i august og er nå ferdigstilt.", "fullfort"),
    ("Ikke påbegynt", "ny"),
    ("Ikkje starta", "ny"),
    ("Saka vil bli følgt opp.", "ukjent"),
    ("Dette bidro til at det umulig å holde framdriftsplanen iht. vedtak i sak 46/16.", "under_arbeid"),
    ("Heradsstyret vedtok i sak 071/23 å starta forprosjekt for ny barnehage.", ""),
])
def test_status_phrases(text, status):
    assert status_of(text) == status


def test_two_column_page_reads_column_by_column():
    left = [Line("Heradsstyret gjorde i sak 022/24", 50, 100, 250, 110), Line("vedtak om kraftfondet.", 50, 112, 250, 122)]
    right = [Line("Dagens barnehage i Tunet har", 300, 100, 520, 110), Line("for lite areal.", 300, 112, 520, 122)]
    page = Page(nr=1, width=595, height=842, text="", lines=tuple(sorted(left + right, key=lambda s: (s.top, s.x0))))
    paras = [" ".join(s.text for s in p) for p in _paragraphs(page)]
    assert paras == ["Heradsstyret gjorde i sak 022/24 vedtak om kraftfondet.",
                     "Dagens barnehage i Tunet har for lite areal."]


# ------------------------------------------------------------------ linking

DOKS = [
    {"dokument_id": "juni", "kommune": "Levanger", "motedato": "2024-06-19"},
    {"dokument_id": "des", "kommune": "Levanger", "motedato": "2024-12-12"},
    {"dokument_id": "sept", "kommune": "Levanger", "motedato": "2024-09-12"},
    {"dokument_id": "mars", "kommune": "Levanger", "motedato": "2024-03-01"},
    {"dokument_id": "ulvik", "kommune": "Ulvik", "motedato": "2024-12-12"},
]
VEDTAK = [
    {"vedtak_id": "v42", "saksnr": "Sak 42/24", "arkivsaksnr": "2024/1402", "utvalg": "Kommunestyret",
     "motedato": "2024-06-19", "dokument_id": "juni"},
    {"vedtak_id": "v44", "saksnr": "Sak 44/24", "arkivsaksnr": "2023/3318", "utvalg": "Kommunestyret",
     "motedato": "2024-06-19", "dokument_id": "juni"},
]
TASKS = [
    {"vedtak_id": "v42", "punkt": "3", "status": "ny", "status_dokument_id": ""},
    {"vedtak_id": "v42", "punkt": "4", "status": "ny", "status_dokument_id": ""},
    {"vedtak_id": "v44", "punkt": "2", "status": "ny", "status_dokument_id": ""},
]


def _report(dok, lopenr, status, punkt="", kilde="tabell", dato="", utvalg=""):
    return {"dokument_id": dok, "ref_lopenr": lopenr, "ref_saksaar": 2024, "ref_motedato": dato, "ref_utvalg": utvalg,
            "ref_punkt": punkt, "status": status, "kilde": kilde, "ref_arkivsaksnr": ""}


def _status(meldinger, saker=()):
    return [(t["status"], t["status_dokument_id"]) for t in link_status(TASKS, VEDTAK, DOKS, meldinger, saker)]


def test_unmentioned_tasks_stay_new():
    assert _status([]) == [("ny", ""), ("ny", ""), ("ny", "")]


def test_a_point_report_touches_only_its_point_and_a_case_report_all():
    got = _status([_report("des", 42, "fullfort", punkt="3"), _report("des", 44, "under_arbeid")])
    assert got == [("fullfort", "des"), ("ny", ""), ("under_arbeid", "des")]


def test_date_committee_kommune_and_time_must_agree():
    assert _status([_report("des", 42, "fullfort", dato="2023-12-14")])[0] == ("ny", "")  # another 42/24? no: wrong date
    assert _status([_report("des", 42, "fullfort", utvalg="Formannskapet")])[0] == ("ny", "")
    assert _status([_report("des", 42, "fullfort", dato="2024-06-19", utvalg="kommunestyrets")])[0] == ("fullfort", "des")
    assert _status([_report("ulvik", 42, "fullfort")])[0] == ("ny", "")  # another kommune's 42/24
    assert _status([_report("mars", 42, "fullfort")])[0] == ("ny", "")  # a paper before the decision
    assert _status([_report("juni", 42, "fullfort")])[0] == ("ny", "")  # the decision's own paper


def test_latest_informative_report_wins():
    reports = [_report("sept", 42, "under_arbeid"), _report("des", 42, "fullfort")]
    assert _status(reports)[0] == ("fullfort", "des")
    assert _status(list(reversed(reports)))[0] == ("fullfort", "des")
    # A later paper that only mentions the case does not undo an earlier status.
    assert _status([_report("sept", 42, "under_arbeid"), _report("des", 42, "ukjent", kilde="tekst")])[0] == \
        ("under_arbeid", "sept")


def test_same_arkivsak_in_a_later_paper_gives_unknown_status():
    saker = [{"dokument_id": "sept", "arkivsaksnr": "2023/3318", "saksnr": "Sak 70/24"}]
    assert _status([], saker)[2] == ("ukjent", "sept")
    assert _status([_report("sept", 44, "under_arbeid")], saker)[2] == ("under_arbeid", "sept")


def _reference_link(oppfolging, vedtak, dokumenter, meldinger, saker=()):
    """The definition of linking, written as the plain tasks x reports loop it started as."""
    from pipeline.link import KILDE_RANK, _arkivsak_reports, _refers_to

    docs = {d["dokument_id"]: d for d in dokumenter}
    kommune = lambda d: (docs.get(d) or {}).get("kommune") or ""  # noqa: E731
    dato = lambda d: (docs.get(d) or {}).get("motedato") or ""  # noqa: E731
    meldinger = list(meldinger) + _arkivsak_reports(list(saker))
    by_id = {v["vedtak_id"]: v for v in vedtak}
    out = []
    for task in oppfolging:
        task, v, best = dict(task), by_id.get(task.get("vedtak_id")), None
        for m in meldinger if v is not None else ():
            later, when = dato(m["dokument_id"]), v.get("motedato") or ""
            if m["dokument_id"] == v.get("dokument_id") or kommune(m["dokument_id"]) != kommune(v["dokument_id"]) \
                    or not later or (when and later <= when) or not _refers_to(m, v) \
                    or (m.get("ref_punkt") and m["ref_punkt"] != str(task.get("punkt", "")).rstrip(".)")):
                continue
            key = (m.get("status") not in ("", "ukjent", None), later, KILDE_RANK.get(m.get("kilde", ""), 0),
                   1 if m.get("ref_punkt") else 0)
            if best is None or key > best[0]:
                best = (key, m)
        task["status"] = (best[1]["status"] or "ukjent") if best else "ny"
        task["status_dokument_id"] = best[1]["dokument_id"] if best else ""
        out.append(task)
    return out


_DOK = st.sampled_from([d["dokument_id"] for d in DOKS])
_REPORT = st.fixed_dictionaries({
    "dokument_id": _DOK,
    "ref_lopenr": st.sampled_from([None, 42, 44, 45]),
    "ref_saksaar": st.sampled_from([None, 2024, 2023]),
    "ref_motedato": st.sampled_from(["", "2024-06-19", "2023-12-14"]),
    "ref_utvalg": st.sampled_from(["", "Kommunestyret", "kommunestyrets", "Formannskapet"]),
    "ref_arkivsaksnr": st.sampled_from(["", "2024/1402", "2023/3318"]),
    "ref_punkt": st.sampled_from(["", "2", "3", "4"]),
    "status": st.sampled_from(["", "ukjent", "fullfort", "under_arbeid"]),
    "kilde": st.sampled_from(["tabell", "tekst", "arkivsak"]),
})
_SAK = st.fixed_dictionaries({"dokument_id": _DOK, "arkivsaksnr": st.sampled_from(["", "2024/1402", "2023/3318"]),
                              "saksnr": st.just("Sak 70/24")})


@given(st.lists(_REPORT, max_size=12), st.lists(_SAK, max_size=4))
def test_indexed_linking_gives_what_the_plain_loop_gives(meldinger, saker):
    assert link_status(TASKS, VEDTAK, DOKS, meldinger, saker) == _reference_link(TASKS, VEDTAK, DOKS, meldinger, saker)


def test_equal_reports_found_by_different_references_tie_in_the_reports_order():
    by_arkiv = dict(_report("des", None, "under_arbeid"), ref_arkivsaksnr="2024/1402")
    by_saksnr = _report("des", 42, "fullfort")
    for reports in ([by_arkiv, by_saksnr], [by_saksnr, by_arkiv]):
        assert link_status(TASKS, VEDTAK, DOKS, reports) == _reference_link(TASKS, VEDTAK, DOKS, reports)
    assert _status([by_arkiv, by_saksnr])[0] == ("under_arbeid", "des")  # the first of equals stays


def test_linking_reads_only_the_columns_it_declares():
    """The writer loads only `link.COLUMNS`; a column read but not declared would be None there."""
    from pipeline.link import COLUMNS

    class Row(dict):
        def __init__(self, table, row):
            super().__init__(row)
            self.table = table

        def _check(self, key):
            assert key in COLUMNS[self.table], f"link_status reads {self.table}.{key}, not in link.COLUMNS"

        def get(self, key, default=None):
            self._check(key)
            return super().get(key, default)

        def __getitem__(self, key):
            self._check(key)
            return super().__getitem__(key)

    meldinger = [{"dokument_id": "des", "ref_lopenr": 42, "ref_saksaar": 2024, "ref_motedato": "2024-06-19",
                  "ref_utvalg": "Kommunestyret", "ref_arkivsaksnr": "", "ref_punkt": "3", "status": "fullfort",
                  "kilde": "tabell"},
                 {"dokument_id": "sept", "ref_lopenr": None, "ref_saksaar": None, "ref_motedato": "",
                  "ref_utvalg": "", "ref_arkivsaksnr": "2023/3318", "ref_punkt": "", "status": "under_arbeid",
                  "kilde": "tekst"}]
    saker = [{"dokument_id": "mars", "arkivsaksnr": "2024/1402"}, {"dokument_id": "des", "arkivsaksnr": "2023/3318"}]

    def wrap(table, rows):
        return [Row(table, {k: v for k, v in r.items() if k in COLUMNS[table]}) for r in rows]

    strict = link_status(wrap("oppfolging", TASKS), wrap("vedtak", VEDTAK), wrap("dokumenter", DOKS),
                         wrap("statusmeldinger", meldinger), wrap("saker", saker))
    plain = link_status(TASKS, VEDTAK, DOKS, meldinger, saker)
    assert [(t["status"], t["status_dokument_id"]) for t in strict] == \
        [(t["status"], t["status_dokument_id"]) for t in plain]
    assert {t["status"] for t in plain} >= {"fullfort", "under_arbeid", "ny"}  # every path was taken


# ------------------------------------------------------------------ korpus, across runs

def test_later_paper_read_in_a_later_run_updates_earlier_tasks(tmp_path):
    """The June protocol is read first; the December report in a second run changes its tasks' status."""
    import sqlite3
    from pathlib import Path

    from click.testing import CliRunner

    from pipeline.cli import main

    korpus = Path(__file__).resolve().parent.parent / "korpus"
    out = tmp_path / "ut"

    def statuses():
        con = sqlite3.connect(out / "motedata.sqlite")
        rows = con.execute("SELECT o.saksnr, o.punkt, o.status, d.fil FROM oppfolging o "
                           "LEFT JOIN dokumenter d ON d.dokument_id = o.status_dokument_id "
                           "WHERE o.saksnr LIKE 'Sak %' ORDER BY o.saksnr, o.punkt").fetchall()
        con.close()
        return {(s, p): (st, Path(f).name if f else "") for s, p, st, f in rows}

    first = CliRunner().invoke(main, ["run", str(korpus / "levanger_kst_2024-06-19_protokoll.pdf"), "--out", str(out), "-q"])
    assert first.exit_code == 0, first.output
    assert set(v[0] for v in statuses().values()) == {"ny"}

    report = "levanger_kst_2024-12-12_vedtaksoppfolging.pdf"
    second = CliRunner().invoke(main, ["run", str(korpus / report), "--out", str(out), "-q"])
    assert second.exit_code == 0, second.output
    got = statuses()
    assert got[("Sak 42/24", "3")] == ("fullfort", report)  # Utført
    assert got[("Sak 44/24", "1")] == got[("Sak 44/24", "2")] == ("under_arbeid", report)  # Forsinket, whole case
    assert got[("Sak 47/24", "2")] == ("ny", report)  # Ikke påbegynt (and 47/23 in the same table is another case)
    assert got[("Sak 49/24", "2")] == ("ny", "")  # not mentioned


def test_nynorsk_prose_report_links_by_saksnr_and_point():
    from pipeline.evaluate import _linked, _predicted
    from pipeline.run import process_document
    from pathlib import Path

    korpus = Path(__file__).resolve().parent.parent / "korpus"
    docs = {n: _predicted(process_document(korpus / n).result) for n in
            ("ulvik_hst_2024-03-14_protokoll.pdf", "ulvik_hst_2024-10-17_saksframlegg.pdf")}
    linked = _linked(docs)["ulvik_hst_2024-03-14_protokoll.pdf"]["oppfolging"]
    got = {(t["saksnr"], t["punkt"]): t["status"] for t in linked}
    assert got[("022/24", "3")] == "fullfort"  # "Kommunedirektøren legg med dette fram rapporten."
    assert got[("023/24", "3")] == "under_arbeid"  # "punkt 3 ... Arbeidet er sett i gang"
    assert got[("023/24", "2")] == "ny"  # the report names point 3 only
    assert got[("025/24", "2")] == got[("025/24", "3")] == "ukjent"  # "Vedtaket vil bli følgt opp."


def test_the_documents_json_gets_the_statuses_a_later_paper_gave_its_tasks(tmp_path):
    """The JSON is written when the decision is read, before any report is linked to it:
    linking writes the statuses into it, and leaves every other byte and every other JSON as it was."""
    import json
    import sqlite3
    from pathlib import Path

    from pipeline.batch import InlineRunner, run_batch

    korpus = Path(__file__).resolve().parent.parent / "korpus"
    out = tmp_path / "ut"
    run_batch([korpus / "levanger_kst_2024-06-19_protokoll.pdf", korpus / "ulvik_hst_2024-03-14_protokoll.pdf"],
              out, InlineRunner())
    before = {p.name: p.read_bytes() for p in (out / "dokumenter").glob("*.json")}
    run_batch([korpus / "levanger_kst_2024-12-12_vedtaksoppfolging.pdf"], out, InlineRunner())
    con = sqlite3.connect(out / "motedata.sqlite")
    decision = con.execute("SELECT DISTINCT dokument_id FROM oppfolging WHERE status_dokument_id != ''").fetchall()
    assert len(decision) == 1
    name = f"{decision[0][0]}.json"
    old, new = json.loads(before[name]), json.loads((out / "dokumenter" / name).read_bytes())
    want = con.execute("SELECT status, status_dokument_id FROM oppfolging WHERE dokument_id = ? ORDER BY rowid",
                       decision[0]).fetchall()
    assert [(t["status"], t["status_dokument_id"]) for t in new["oppfolging"]] == want
    assert {t["status"] for t in old["oppfolging"]} == {"ny"} and {s for s, _ in want} > {"ny"}
    for task in old["oppfolging"] + new["oppfolging"]:
        del task["status"], task["status_dokument_id"]
    assert new == old
    # Same layout (one line per record), so the file differs from the first only on the changed tasks' lines.
    changed = [a for a, b in zip(before[name].splitlines(), (out / "dokumenter" / name).read_bytes().splitlines())
               if a != b]
    assert len(before[name].splitlines()) == len((out / "dokumenter" / name).read_bytes().splitlines())
    assert changed and all(b'"status": "ny"' in line for line in changed)
    for other, data in before.items():
        if other != name:
            assert (out / "dokumenter" / other).read_bytes() == data


def test_a_full_derive_brings_an_older_json_up_to_date(tmp_path):
    """A JSON written by a motedata that did not link statuses into it: a run that derives
    everything (here after a stopped run) writes them in, though linking changes nothing."""
    import json
    import sqlite3
    from pathlib import Path

    from pipeline.batch import InlineRunner, run_batch

    korpus = Path(__file__).resolve().parent.parent / "korpus"
    out = tmp_path / "ut"
    run_batch([korpus / "levanger_kst_2024-06-19_protokoll.pdf",
               korpus / "levanger_kst_2024-12-12_vedtaksoppfolging.pdf"], out, InlineRunner())
    con = sqlite3.connect(out / "motedata.sqlite")
    (dok,) = con.execute("SELECT DISTINCT dokument_id FROM oppfolging WHERE status_dokument_id != ''").fetchone()
    path = out / "dokumenter" / f"{dok}.json"
    linked = path.read_bytes()
    body = json.loads(linked)
    for task in body["oppfolging"]:
        task["status"], task["status_dokument_id"] = "ny", ""
    path.write_text(json.dumps(body, ensure_ascii=False))
    con.execute("PRAGMA user_version = 1")
    con.commit()
    run_batch([korpus / "ulvik_hst_2024-03-14_protokoll.pdf"], out, InlineRunner())
    assert path.read_bytes() == linked
