"""Stores for tests, written the way `kg build` writes them (kg.store.write), from hand-built records.

For releases that come from files, tests call `kg.build` itself; this is for records made by hand
(tests/records.py), so that mapping, store, queries and export are tested apart from extraction.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg import gazetteer
from kg.rdf import iris
from kg.rdf.mapping import graph_for_release, release_ntriples
from kg.rdf.reference import ontology_graph, reference_graph
from kg.rdf.topics import load_scheme
from kg.store.write import Session


@lru_cache(maxsize=1)
def knowledge():
    """The gazetteer and the topic scheme, loaded once for the tests."""
    return gazetteer.load(), load_scheme()


def release_graph(release):
    """A release's graph as an rdflib Graph, mapped with the bundled gazetteer and topic scheme."""
    return graph_for_release(release, *knowledge())


def write_store(path: Path, *releases) -> Path:
    """A store with the reference and ontology graphs and these releases, in one write as a build makes it."""
    gaz, scheme = knowledge()
    writes = [(str(iris.REFERENCE_GRAPH), reference_graph(gaz, scheme).serialize(format="nt").encode("utf-8")),
              (str(iris.ONTOLOGY_GRAPH), ontology_graph().serialize(format="nt").encode("utf-8"))]
    for release in releases:
        name, _triples, text = release_ntriples(release, gaz, scheme)
        writes.append((name, text.encode("utf-8")))
    session = Session(path)
    session.commit(writes, {})
    session.store = None
    return path
