"""Errors a user can cause in `kg query` and `kg validate` are one line, never a traceback."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from serving import build_store

KG = [str(Path(sys.executable).parent / "kg")]
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
START = ox.NamedNode("https://schema.org/startDate")


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(KG + list(args), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("errors") / "store")


def test_a_query_parameter_that_is_not_selected_is_one_line(store, tmp_path):
    query = tmp_path / "mine.rq"
    query.write_text("# param: n (integer) a number the query does not select\n"
                     "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    proc = kg("query", str(query), "-p", "n=3", "--store", str(store))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and str(query) in proc.stderr and "?n" in proc.stderr


@pytest.mark.parametrize("engine", ["shacl", "pyshacl"])
def test_an_impossible_date_is_a_violation_not_a_traceback(store, tmp_path, engine):
    pytest.importorskip("pyshacl")
    copy = Path(shutil.copytree(store, tmp_path / "store"))
    db = ox.Store(str(copy))
    row = next(iter(db.query("SELECT ?m ?g WHERE { GRAPH ?g { ?m <https://schema.org/startDate> ?d } } LIMIT 1")))
    for q in list(db.quads_for_pattern(row["m"], START, None, row["g"])):
        db.remove(q)
    db.add(ox.Quad(row["m"], START, ox.Literal("2014-09-31", datatype=XSD_DATE), row["g"]))
    db.flush()
    del db
    proc = kg("validate", "--store", str(copy), "--engine", engine)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "ValueError" not in proc.stderr, proc.stderr
    assert "2014-09-31" in proc.stdout and str(START.value) in proc.stdout
