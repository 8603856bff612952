"""kg.rdflib_dataset: the store as an rdflib Dataset through oxrdflib (no copy), and the README's example."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import SKOS

import kg
from readme import python_example

MIC = URIRef("https://kg.example.org/org/jp-mic")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rdflib") / "store"
    kg.build(store=path)
    return path


def test_the_dataset_is_the_store_itself(store):
    ds = kg.rdflib_dataset(store)
    assert isinstance(ds, Dataset) and type(ds.store).__name__ == "OxigraphStore"  # not an N-Quads copy
    graphs = {g.identifier for g in ds.graphs()}
    releases = {URIRef(r["release"].replace("/release/", "/graph/release/")) for r in kg.query("releases", store)}
    assert releases and releases <= graphs
    # the default graph is the union, as for kg query: the same meetings, the same count
    names = {str(r.name) for r in ds.query(
        "SELECT ?name WHERE { ?m a <https://schema.org/Event> ; <https://schema.org/name> ?name }")}
    assert {r["name"] for r in kg.query("meetings", store)} <= names
    assert (MIC, SKOS.prefLabel, Literal("総務省", lang="ja")) in ds.get_graph(URIRef(
        "https://kg.example.org/graph/reference"))
    with pytest.raises((RuntimeError, OSError)):  # read-only: the view cannot change the store
        ds.add((MIC, SKOS.note, Literal("x"), URIRef("https://kg.example.org/graph/reference")))


def test_the_readme_example_runs(tmp_path):
    example = python_example("### The store as an rdflib Dataset")
    proc = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "2014-09-16 インターネットエコノミーに関する日米政策協力対話" in lines
    assert "総務省" in lines and lines[-1].endswith(" graphs")
