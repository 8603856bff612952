"""The build's N-Triples text is the graph `mapping.graph_for_release` gives, as two parsers read it.

kg.emit writes a release's N-Triples from `mapping.release_triples` (terms made as N-Triples text,
kg.nt); the golden tests check `graph_for_release`. Here, on the hand-built release, the seed and a
sample of the synthetic corpus, rdflib and Oxigraph must read the text as the same triples, the
graph's, and the topic links the build made must be what `topics.topic_triples` finds again in
the graph without them (the build reads the records, topic_triples the triples).
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
    from kg.topics import topic_triples
    from kg.vocab import DCTERMS, OA

    gaz = gazetteer.load()
    checked = linked = 0
    for release in releases(tmp_path):
        expected = graph_for_release(release, gaz)
        name, triples, text = release_ntriples(release, gaz)
        assert name == str(expected.identifier)
        assert set(Graph().parse(data=text, format="nt")) == set(expected)
        oxi = {str(t) for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
        ref = {str(t) for t in ox.parse(expected.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
        assert oxi == ref
        facts = {f for f, _p, _o in expected.triples((None, OA.motivatedBy, OA.classifying))}
        added = {t for t in expected if t[0] in facts or t[1] == DCTERMS.subject}
        without = [t for t in expected if t not in added]
        again = set(topic_triples(without))
        assert {t for t in again if t[0] in facts or t[1] == DCTERMS.subject} == added
        linked += bool(added)
        checked += 1
    assert checked >= 10 and linked >= 5


def test_the_text_has_one_line_per_triple():
    gaz = gazetteer.load()
    _name, triples, text = release_ntriples(sample_release(), gaz)
    assert text.count("\n") == len(triples) == len(set(triples))
