"""The command line as a user runs it: `kg queries`, `kg query`, `kg export`, `kg validate`, on a real store."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf import iris
from kg.read.queries import saved_queries
from records import sample_release
from stores import write_store

KG = [sys.executable, "-m", "kg"]


def kg(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(KG + list(args), capture_output=True, text=True, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return write_store(tmp_path_factory.mktemp("cli") / "store", sample_release())


def test_queries_lists_every_saved_query_with_its_summary():
    out = kg("queries").stdout
    for name, q in saved_queries().items():
        assert name in out and q.summary in out
    assert "-p subject=<iri>" in out


CONTRACT = ["releases", "meetings", "participants", "topics", "agreements", "people", "documents", "series", "contacts",
            "bodies-unknown"]


@pytest.mark.parametrize("name", CONTRACT)
def test_every_contract_query_answers_with_its_declared_columns(store_dir, name):
    rows = json.loads(kg("query", name, "--store", str(store_dir), "-f", "json").stdout)
    assert rows, f"{name} found nothing in the sample store"
    assert list(rows[0]) == saved_queries()[name].columns


@pytest.mark.parametrize("name", [n for n, q in saved_queries().items() if "online" not in " ".join(q.notes + [q.summary])])
def test_every_saved_query_declares_the_columns_it_selects(store_dir, name):
    from kg.read.queries import run

    query = saved_queries()[name]
    values = {p.name: "https://kg.example.org/x" if p.type == "iri" else "x" for p in query.params}
    rows = run(ox.Store.read_only(str(store_dir)), query, values)
    assert rows.columns == query.columns


def test_table_csv_and_tsv_carry_the_same_rows(store_dir):
    as_json = json.loads(kg("query", "participants", "--store", str(store_dir), "-f", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(kg("query", "participants", "--store", str(store_dir), "-f", "csv").stdout)))
    as_tsv = list(csv.DictReader(io.StringIO(kg("query", "participants", "--store", str(store_dir), "-f", "tsv").stdout),
                                 delimiter="\t"))
    assert [r["label"] for r in as_csv] == [r["label"] for r in as_tsv] == [r["label"] for r in as_json]
    table = kg("query", "participants", "--store", str(store_dir)).stdout
    assert "架空国通信省" in table and "(2 rows)" in table


def test_a_parameter_is_bound_as_a_value(store_dir):
    meeting = str(iris.meeting_iri("s-test", 2, ""))
    rows = json.loads(kg("query", "provenance", "-p", f"subject={meeting}", "--store", str(store_dir), "-f", "json").stdout)
    assert rows and {r["subject"] for r in rows} == {meeting}
    injected = kg("query", "provenance", "-p", "subject=x:y> } UNION { ?s ?p ?o", "--store", str(store_dir), check=False)
    assert injected.returncode == 2 and "wants an IRI" in injected.stderr


@pytest.mark.parametrize("args,words", [
    (["query", "no-such-query"], "no saved query named 'no-such-query'"),
    (["query", "meetings", "-p", "year=2014"], "has no parameter year"),
    (["query", "provenance"], "needs -p subject=VALUE"),
    (["query", "meetings", "-p", "oops"], "bad parameter 'oops'"),
])
def test_usage_errors_exit_2_with_a_clear_line(store_dir, args, words):
    proc = kg(*args, "--store", str(store_dir), check=False)
    assert proc.returncode == 2, proc.stderr
    assert words in proc.stderr and "Traceback" not in proc.stderr


def test_a_malformed_query_file_names_the_file(store_dir, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# summary: broken\nSELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    proc = kg("query", str(bad), "--store", str(store_dir), check=False)
    assert proc.returncode == 2 and str(bad) in proc.stderr and "does not parse" in proc.stderr


def test_a_missing_store_is_a_clear_error(tmp_path):
    proc = kg("query", "meetings", "--store", str(tmp_path / "nowhere"), check=False)
    assert proc.returncode == 2 and "no store at" in proc.stderr and "kg build" in proc.stderr


def test_export_guesses_the_format_from_the_file_name(store_dir, tmp_path):
    out = tmp_path / "graph.jsonld"
    kg("export", "--store", str(store_dir), "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["@context"]["kg"] == "https://kg.example.org/ns#"
    proc = kg("export", "--store", str(store_dir), "--release", "nope", check=False)
    assert proc.returncode == 2 and "no release 'nope'" in proc.stderr


def test_validate_reports_a_violation_in_words(store_dir, tmp_path):
    assert kg("validate", "--store", str(store_dir)).returncode == 0
    broken = tmp_path / "broken"
    s = ox.Store(str(broken))
    for q in ox.Store.read_only(str(store_dir)).quads_for_pattern(None, None, None, None):
        s.add(q)
    meeting = iris.meeting_iri("s-test", 2, "")
    s.update(f"INSERT DATA {{ GRAPH <{iris.graph_iri('example-r1')}> {{ <{meeting}> <https://schema.org/endDate> "
             f"\"2020-04-01\"^^<http://www.w3.org/2001/XMLSchema#date> }} }}")
    del s
    text = kg("validate", "--store", str(broken), check=False)
    assert text.returncode == 1
    assert "not after the end date" in text.stdout and str(meeting) in text.stdout
    report = json.loads(kg("validate", "--store", str(broken), "-f", "json", check=False).stdout)
    assert report["conforms"] is False
    assert {r["shape"].rsplit("#", 1)[-1] for r in report["results"]} >= {"MeetingStart", "MeetingEnd"}


def test_a_query_whose_service_is_unreachable_exits_3_and_says_it_is_online_only(store_dir, tmp_path):
    rq = tmp_path / "remote.rq"
    rq.write_text("# summary: asks a remote endpoint\nSELECT ?s WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n",
                  encoding="utf-8")
    proc = kg("query", str(rq), "--store", str(store_dir), check=False)
    assert proc.returncode == 3, proc.stderr
    assert "online only" in proc.stderr and "http://127.0.0.1:9/sparql" in proc.stderr and "Traceback" not in proc.stderr


def test_every_command_is_documented_in_the_readme():
    from kg.cli import main

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [name for name in main.commands if f"kg {name}" not in readme]
    assert not missing, f"commands the README does not mention: {missing}"
    for name, command in main.commands.items():
        assert command.help and command.help.strip(), f"kg {name} has no help text"


def test_an_error_is_one_line_and_traceback_shows_it_whole(store_dir):
    plain = kg("query", "no-such-query", "--store", str(store_dir), check=False)
    assert plain.returncode == 2 and plain.stderr.count("\n") == 1 and "Traceback" not in plain.stderr
    full = kg("--traceback", "query", "no-such-query", "--store", str(store_dir), check=False)
    assert full.returncode != 0 and "Traceback (most recent call last)" in full.stderr
    assert "QueryError: no saved query named 'no-such-query'" in full.stderr


def test_a_bug_is_one_line_with_exit_4_and_a_pointer_to_traceback(store_dir, monkeypatch):
    # An exception that is no KgError is a bug in kg: one line, exit 4, and how to see it whole.
    from click.testing import CliRunner

    from kg import api
    from kg.cli import main

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "query", broken)
    result = CliRunner().invoke(main, ["query", "meetings", "--store", str(store_dir)])
    assert result.exit_code == 4
    assert result.stderr.startswith("internal error: ZeroDivisionError: division by zero")
    assert "--traceback" in result.stderr and "Traceback" not in result.stderr
