"""The on-disk RDF store (Oxigraph): one named graph per release, plus reference and ontology graphs.

Writes are transactional: a build's graphs replace the old ones in one SPARQL Update, so an
interrupted build leaves the store as it was.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph

from . import iris
from .storeopen import open_store  # noqa: F401 (re-exported: the modules that write or read the store import it from here)

ONTOLOGY_GRAPH = iris.iri("graph", "ontology")


def ntriples(graph: Graph) -> str:
    """A graph as N-Triples text, which is also valid inside SPARQL INSERT DATA."""
    return graph.serialize(format="nt")


def replace_graphs(store: ox.Store, graphs: Iterable[tuple[str, str]]) -> int:
    """Replace each named graph (IRI, N-Triples body) in one transaction. Returns the triples written."""
    parts, count = [], 0
    for name, body in graphs:
        parts.append(f"DROP SILENT GRAPH <{name}> ;")
        if body.strip():
            parts.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }} ;")
            count += body.count("\n")
    if parts:
        store.update("\n".join(parts).rstrip(" ;"))
        store.flush()
    return count
