"""The build's N-Triples text (`mapping.release_ntriples`) is the graph `mapping.graph_for_release`
gives, as two parsers read it.

Both come from `mapping.release_triples` (terms made as N-Triples text, kg.rdf.nt); the golden tests
check `graph_for_release`. Here, on the hand-built release, the seed and a sample of the synthetic
corpus, rdflib and Oxigraph must read the text as the same triples, the graph's.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.extract import extract_release
from kg.ingest import read_source
from kg.rdf.mapping import graph_for_release, release_ntriples
from kg.rdf.vocab import DCTERMS
from records import sample_release
from stores import knowledge

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def releases(tmp: Path):
    import corpus

    gaz, _scheme = knowledge()
    yield sample_release()
    yield extract_release(read_source(ROOT / "data" / "releases" / "soumu_01tsushin08_02000040.txt"), gaz)
    corpus.write(tmp, 12, seed=3)
    for path in sorted(tmp.glob("*.txt")) + sorted(tmp.glob("*.html")):
        yield extract_release(read_source(path), gaz)


def test_the_emitted_text_is_the_graph_of_the_mapping(tmp_path):
    checked = linked = 0
    for release in releases(tmp_path):
        expected = graph_for_release(release, *knowledge())
        name, triples, text = release_ntriples(release, *knowledge())
        assert name == str(expected.identifier)
        assert set(Graph().parse(data=text, format="nt")) == set(expected)
        oxi = {str(t) for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
        ref = {str(t) for t in ox.parse(expected.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
        assert oxi == ref
        linked += any(True for _ in expected.triples((None, DCTERMS.subject, None)))
        checked += 1
    assert checked >= 10 and linked >= 5


def test_the_text_has_one_line_per_triple():
    _name, triples, text = release_ntriples(sample_release(), *knowledge())
    assert text.count("\n") == len(triples) == len(set(triples))
