"""The build's fast emission path writes exactly the triples of `mapping.graph_for_release`.

kg.emit writes a release's N-Triples from `mapping.release_triples` without an rdflib Graph;
the golden tests check `graph_for_release`. Here both are compared triple for triple (no blank
nodes, so equal sets are equal graphs) on the hand-built release, the seed, and a sample of
the synthetic corpus, and the text is read by rdflib and by Oxigraph.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg import gazetteer
from kg.emit import release_ntriples
from kg.extract import extract_release
from kg.ingest import read_source
from kg.mapping import graph_for_release
from records import sample_release

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def releases(tmp: Path):
    import corpus

    gaz = gazetteer.load()
    yield sample_release()
    yield extract_release(read_source(ROOT / "data" / "releases" / "soumu_01tsushin08_02000040.txt"), gaz)
    corpus.write(tmp, 12, seed=3)
    for path in sorted(tmp.glob("*.txt")) + sorted(tmp.glob("*.html")):
        yield extract_release(read_source(path), gaz)


def test_the_emitted_text_is_the_graph_of_the_mapping(tmp_path):
    gaz = gazetteer.load()
    checked = 0
    for release in releases(tmp_path):
        expected = graph_for_release(release, gaz)
        name, triples, text = release_ntriples(release, gaz)
        assert name == str(expected.identifier)
        assert set(triples) == set(expected)
        assert set(Graph().parse(data=text, format="nt")) == set(expected)
        oxi = {str(t) for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
        ref = {str(t) for t in ox.parse(expected.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
        assert oxi == ref
        checked += 1
    assert checked >= 10


def test_the_text_has_one_line_per_triple():
    gaz = gazetteer.load()
    _name, triples, text = release_ntriples(sample_release(), gaz)
    assert text.count("\n") == len(triples) == len(set(triples))
