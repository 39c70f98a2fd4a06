"""rapport.html: one self-contained page about an output folder, for the person who ran it.

Read from OUT/motedata.sqlite only: the documents read, the failures with their
messages, rows per table, decisions per utvalg and outcome, cost per KOSTRA function
and year, and, where `<name>.gold.json` lies beside a PDF, the eval figures of the rows
written for it (scored with pipeline/evaluate.py, without running the pipeline again).
Charts are matplotlib SVG inlined in the page, so it opens without network or files
beside it. The same database gives the same bytes (no clock, fixed SVG ids).
"""
from __future__ import annotations

import html
import io
import sqlite3
from collections import defaultdict
from pathlib import Path

from .evaluate import predicted_from_db, score_against_gold
from .records import TABLES
from .atomic import atomic_write_bytes
from .write import DB_NAME

REPORT_NAME = "rapport.html"

UTFALL_ORDER = ["vedtatt", "ikke_vedtatt", "utsatt", "trukket", "tatt_til_orientering", "sendt_tilbake", "ukjent"]
UTFALL_COLORS = {"vedtatt": "#2b8a3e", "ikke_vedtatt": "#c92a2a", "utsatt": "#e67700", "trukket": "#868e96",
                 "tatt_til_orientering": "#1971c2", "sendt_tilbake": "#9c36b5", "ukjent": "#ced4da"}
MAX_FUNCTIONS_CHARTED = 12
MAX_YEARS_CHARTED = 4

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto; max-width: 72em;
       padding: 0 1em; color: #1b1b1b; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f1f3f5; } td.tall { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
.sammendrag { font-size: 1.15em; } .feil { color: #c92a2a; } .ok { color: #2b8a3e; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
.merknad { color: #555; font-size: 0.9em; }
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset(), raw: set[int] = frozenset(),
           nowrap: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for r in rows:
        cells = []
        for i, v in enumerate(r):
            cls = ' class="tall"' if i in numeric else (' class="nowrap"' if i in nowrap else "")
            cells.append(f"<td{cls}>{v if i in raw else _e(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _svg(fig) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "motedata", "svg.fonttype": "none", "font.size": 10,
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


def decisions_chart(counts: dict[tuple[str, str], int]) -> str:
    """Horizontal stacked bars: decisions per (kommune) utvalg, split by utfall."""
    plt = _pyplot()
    groups = sorted({g for g, _ in counts}, key=lambda g: -sum(n for (g2, _), n in counts.items() if g2 == g))
    outcomes = [u for u in UTFALL_ORDER if any(u == o for _, o in counts)]
    outcomes += sorted({o for _, o in counts} - set(outcomes))
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(groups) + 1.2))
    left = [0] * len(groups)
    for o in outcomes:
        values = [counts.get((g, o), 0) for g in groups]
        ax.barh(groups, values, left=left, label=o.replace("_", " "), color=UTFALL_COLORS.get(o, "#adb5bd"))
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.set_xlabel("antall vedtak")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return _svg(fig)


def costs_chart(values: dict[tuple[str, int], float], labels: dict[str, str], kommune: str) -> str:
    """Grouped horizontal bars: million kroner per KOSTRA function, one bar per year."""
    plt = _pyplot()
    years = sorted({y for _, y in values})[-MAX_YEARS_CHARTED:]
    functions = sorted({f for f, _ in values}, key=lambda f: -max(abs(values.get((f, y), 0)) for y in years))
    functions = sorted(functions[:MAX_FUNCTIONS_CHARTED])
    height = 0.8 / max(1, len(years))
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(functions) * max(1, len(years)) ** 0.5 + 1.4))
    for i, y in enumerate(years):
        pos = [j + i * height for j in range(len(functions))]
        ax.barh(pos, [values.get((f, y), 0) / 1e6 for f in functions], height=height, label=str(y))
    ax.set_yticks([j + height * (len(years) - 1) / 2 for j in range(len(functions))])
    ax.set_yticklabels([f"{f} {labels.get(f, '')}"[:48] for f in functions])
    ax.invert_yaxis()
    ax.set_xlabel(f"mill. kr ({kommune})")
    ax.legend(fontsize=8, frameon=False)
    return _svg(fig)


def _gold_entries(con: sqlite3.Connection, base: Path) -> list:
    """(gold, pdf, predicted rows, failures) for each document with a gold file beside its PDF."""
    feil = defaultdict(list)
    for fil, melding in con.execute("SELECT fil, feilmelding FROM feil ORDER BY rowid"):
        feil[fil].append(melding)
    entries = []
    for dokument_id, fil in con.execute("SELECT dokument_id, fil FROM dokumenter ORDER BY fil"):
        pdf = Path(fil) if Path(fil).is_absolute() else base / fil
        gold = pdf.with_name(pdf.stem + ".gold.json")
        if pdf.suffix.lower() == ".pdf" and gold.is_file():
            entries.append((gold, Path(fil), predicted_from_db(con, dokument_id), feil.get(fil, [])))
    return entries


def _eval_section(con: sqlite3.Connection, base: Path) -> str:
    entries = _gold_entries(con, base)
    if not entries:
        return ""
    report = score_against_gold(entries)
    tab = _table(["tabell", "gull", "funnet", "treff", "presisjon", "tilbakekalling"],
                 [[t, s["gull"], s["funnet"], s["treff"], f"{s['presisjon']:.3f}", f"{s['tilbakekalling']:.3f}"]
                  for t, s in report["tabeller"].items()], numeric={1, 2, 3, 4, 5})
    weak = [[f, s["riktige"], s["antall"], f"{s['nøyaktighet']:.3f}"] for f, s in report["felt"].items()
            if s["nøyaktighet"] is not None and s["nøyaktighet"] < 1]
    ok = sum(s["riktige"] for s in report["felt"].values())
    total = sum(s["antall"] for s in report["felt"].values())
    fields = (f"<p>Felt på matchede poster: {ok} av {total} riktige ({ok / total:.1%}).</p>" if total else "")
    if weak:
        fields += "<p>Felt under 1,000:</p>" + _table(["felt", "riktige", "antall", "nøyaktighet"], weak,
                                                       numeric={1, 2, 3})
    return (f"<h2 id=\"eval\">Treffsikkerhet mot gullannotering</h2>"
            f"<p>{report['dokumenter']} dokumenter har en <code>.gold.json</code> ved siden av PDF-en; "
            f"radene som ble skrevet for dem er sammenlignet med den (som <code>motedata eval</code>).</p>"
            + tab + fields)


def _costs_section(con: sqlite3.Connection) -> str:
    rows = con.execute("SELECT kommune, kostra_funksjon, funksjon_navn, aar, verdi_nok FROM kostnader_aar "
                       "WHERE hovedverdi = 1 ORDER BY rowid").fetchall()
    if not rows:
        return "<h2>Kostnader etter KOSTRA-funksjon</h2><p>Ingen kostnadslinjer med KOSTRA-funksjon og år.</p>"
    per_kommune: dict[str, dict[tuple[str, int], float]] = defaultdict(lambda: defaultdict(float))
    labels: dict[str, str] = {}
    for kommune, funksjon, navn, aar, verdi in rows:
        per_kommune[kommune or "ukjent kommune"][(funksjon, aar)] += verdi
        labels.setdefault(funksjon, navn)
    parts = ["<h2 id=\"kostnader\">Kostnader etter KOSTRA-funksjon</h2>",
             "<p class=\"merknad\">Beløp i kroner fra kostnadstabellene, per funksjon og år (netto der tabellen også "
             "gir inntekter og utgifter). Diagrammet viser de største funksjonene og de siste årene; tabellen alt.</p>"]
    for kommune in sorted(per_kommune):
        values = per_kommune[kommune]
        years = sorted({y for _, y in values})
        functions = sorted({f for f, _ in values})
        parts.append(f"<h3>{_e(kommune)}</h3><figure>{costs_chart(values, labels, kommune)}</figure>")
        parts.append(_table(["funksjon", "navn"] + [str(y) for y in years],
                            [[f, labels.get(f, "")] + [f"{values[(f, y)] / 1e6:,.1f}".replace(",", " ")
                                                       if (f, y) in values else "" for y in years]
                             for f in functions], numeric=set(range(2, 2 + len(years)))))
        parts.append("<p class=\"merknad\">mill. kr</p>")
    return "".join(parts)


def render_report(con: sqlite3.Connection, base: Path) -> str:
    """The report as HTML; `base` is the folder relative paths in dokumenter.fil start from."""
    counts = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in TABLES}
    docs = con.execute("SELECT fil, dokumenttype, kommune, utvalg, motedato, sider, tekstlag, dokument_id "
                       "FROM dokumenter ORDER BY fil").fetchall()
    feil = con.execute("SELECT fil, steg, feilmelding, tidspunkt FROM feil ORDER BY fil, rowid").fetchall()
    failed = {f[0] for f in feil}
    pages = sum(d[5] or 0 for d in docs)
    parts = [f"<!DOCTYPE html><html lang=\"no\"><head><meta charset=\"utf-8\"><title>motedata – rapport</title>"
             f"<style>{_CSS}</style></head><body>",
             "<h1>motedata – rapport</h1>",
             f"<p class=\"sammendrag\">{len(docs)} dokumenter lest, {pages} sider. "
             + (f"<span class=\"feil\">{len(failed)} med feil</span>." if failed else
                "<span class=\"ok\">Ingen feil.</span>") + "</p>",
             "<h2 id=\"tabeller\">Rader per tabell</h2>",
             _table(["tabell", "rader"], [[n, c] for n, c in counts.items()], numeric={1})]
    parts.append(f"<h2 id=\"feil\">Feil ({len(feil)})</h2>")
    if feil:
        parts.append(_table(["fil", "steg", "feilmelding", "tidspunkt"], [list(f) for f in feil], nowrap={3}))
    else:
        parts.append("<p class=\"ok\">Alle dokumentene ble lest.</p>")
    warnings = con.execute("SELECT d.fil, a.side, a.steg, a.melding FROM advarsler a LEFT JOIN dokumenter d "
                           "ON d.dokument_id = a.dokument_id ORDER BY d.fil, a.rowid").fetchall()
    if warnings:
        parts.append(f"<h2 id=\"advarsler\">Advarsler ({len(warnings)})</h2>"
                     "<p class=\"merknad\">Steder der et dokument motsier seg selv.</p>"
                     + _table(["fil", "side", "steg", "melding"], [list(w) for w in warnings], numeric={1}))
    parts.append("<h2 id=\"dokumenter\">Dokumenter</h2>")
    parts.append(_table(["fil", "type", "kommune", "utvalg", "møtedato", "sider", "tekstlag", "status"],
                        [list(d[:7]) + ["<span class=\"feil\">feil</span>" if d[0] in failed else "ok"] for d in docs],
                        numeric={5}, raw={7}, nowrap={4}))
    decided = con.execute("SELECT COALESCE(NULLIF(kommune, ''), '?') || ' – ' || COALESCE(NULLIF(utvalg, ''), '?'), "
                          "COALESCE(NULLIF(utfall, ''), 'ukjent'), count(*) FROM vedtak_oversikt GROUP BY 1, 2")
    decisions = {(g, u): n for g, u, n in decided}
    parts.append("<h2 id=\"vedtak\">Vedtak per utvalg og utfall</h2>")
    parts.append(f"<figure>{decisions_chart(decisions)}</figure>" if decisions else "<p>Ingen vedtak.</p>")
    parts.append(_costs_section(con))
    parts.append(_eval_section(con, base))
    parts.append("</body></html>\n")
    return "".join(parts)


def write_report(out_dir: Path, base: Path | None = None) -> Path:
    """Write OUT/rapport.html from OUT/motedata.sqlite (atomically); returns its path."""
    out_dir = Path(out_dir)
    con = sqlite3.connect(f"file:{out_dir / DB_NAME}?mode=ro", uri=True)
    try:
        text = render_report(con, Path(base) if base else Path.cwd())
    finally:
        con.close()
    path = out_dir / REPORT_NAME
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
