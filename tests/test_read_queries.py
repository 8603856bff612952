"""The saved-query path on its own: what a `kg query` process loads, and how rows are rendered."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

KG = "https://kg.example.org/"


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("q") / "store"
    s = ox.Store(str(path))
    g, r = ox.NamedNode(KG + "graph/release/r1"), ox.NamedNode(KG + "release/r1")
    for p, o in [("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(KG + "ns#PressRelease")),
                 (KG + "ns#sha256", ox.Literal("ab")), ("http://purl.org/dc/terms/language", ox.Literal("ja")),
                 ("https://schema.org/url", ox.NamedNode("https://example.org/r1.html"))]:
        s.add(ox.Quad(r, ox.NamedNode(p), o, g))
    # a body the release names, with a label, but no publisher
    s.add(ox.Quad(ox.NamedNode(KG + "org/x"), ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
                  ox.Literal("架空省", language="ja"), g))
    s.flush()
    del s
    return path


@pytest.mark.parametrize("fmt", ["table", "tsv", "json"])
def test_a_query_process_does_not_import_rdflib(tiny_store, fmt):
    """rdflib takes longer to import than most saved queries take to run; `kg query` needs only pyoxigraph."""
    script = ("import sys\nfrom kg.cli import main\n"
              f"sys.argv = ['kg', 'query', 'releases', '--store', {str(tiny_store)!r}, '-f', {fmt!r}]\n"
              "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
              "print('rdflib' in sys.modules, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "False"
    assert "https://example.org/r1.html" in proc.stdout


@pytest.mark.parametrize("term", [
    None, ox.NamedNode(KG + "org/jp-mic"), ox.BlankNode("b1"), ox.Literal("総務省", language="ja"), ox.Literal("plain"),
    ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ox.Literal("x7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ox.Literal("0.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
    ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
    ox.Literal("2014-09-16", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
])
def test_the_fast_cell_conversion_agrees_with_python_value(term):
    from kg.read.queries import _value, python_value

    assert _value(term) == python_value(term) and type(_value(term)) is type(python_value(term))


def test_a_release_without_a_publisher_is_one_row_with_none(tiny_store):
    from kg.read.queries import find_query, run

    store = ox.Store.read_only(str(tiny_store))
    rows = run(store, find_query("releases"))
    assert [(r["release_url"], r["publisher"], r["lang"]) for r in rows] == [("https://example.org/r1.html", None, "ja")]
