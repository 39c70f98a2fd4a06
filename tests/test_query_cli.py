"""`motedata query`: an aligned table for people, CSV/JSON for scripts, SQLite's own error for bad SQL."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from pipeline.cli import main


def query(out, *args):
    return CliRunner().invoke(main, ["query", "--out", str(out), *args])


def test_table_is_aligned_with_numbers_right_and_text_on_one_line(korpus_ut):
    result = query(korpus_ut, "SELECT saksnr, stemmer_for, vedtakstekst FROM vedtak "
                              "WHERE stemmer_for IS NOT NULL ORDER BY stemmer_for DESC LIMIT 3")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header, rule, rows, footer = lines[0], lines[1], lines[2:-1], lines[-1]
    assert footer == "(3 rader)" and len(rows) == 3
    widths = [len(part) for part in rule.split("  ")]
    assert header.split() == ["saksnr", "stemmer_for", "vedtakstekst"]
    start = widths[0] + 2
    numbers = [r[start:start + widths[1]] for r in rows]
    assert all(n.strip().isdigit() and n == n.strip().rjust(widths[1]) for n in numbers)  # right-aligned
    assert all(len(r) <= sum(widths) + 4 for r in rows)  # long decision texts are cut, not wrapped
    assert any(r.endswith("…") for r in rows)


def test_csv_and_json_carry_the_full_values(korpus_ut):
    sql = "SELECT saksnr, vedtakstekst FROM vedtak WHERE saksnr = 'Sak 43/24'"
    as_json = json.loads(query(korpus_ut, sql, "--json").output)
    as_csv = list(csv.DictReader(io.StringIO(query(korpus_ut, sql, "--csv").output)))
    assert as_json == as_csv and len(as_json) == 1
    assert len(as_json[0]["vedtakstekst"]) > 100


def test_bad_sql_prints_the_sqlite_error_and_tables_and_views(korpus_ut):
    result = query(korpus_ut, "SELECT tittel FROM sakr")
    assert result.exit_code == 2
    assert "SQL-feil: no such table: sakr" in result.output
    listed = result.output.split("Tabeller: ")[1].strip().split(", ")
    assert {"saker", "vedtak", "vedtak_oversikt", "kostnader_aar", "sok"} <= set(listed)
    assert not any(t.startswith("sok_fts") for t in listed)  # FTS shadow tables are noise
    assert "Traceback" not in result.output


def test_writes_are_refused_and_both_formats_at_once_is_usage(korpus_ut):
    result = query(korpus_ut, "DELETE FROM saker")
    assert result.exit_code == 2 and "readonly" in result.output
    both = query(korpus_ut, "SELECT 1", "--csv", "--json")
    assert both.exit_code == 2 and "enten --csv eller --json" in both.output
