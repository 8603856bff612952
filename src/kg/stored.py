"""Reading graphs back out of the store as rdflib graphs, to validate or compare them."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from . import iris
from .store import open_store
from .validate import ValidationReport, validate_graph, validate_release


def rdflib_graph(store: ox.Store, name: str) -> Graph:
    """One named graph of the store as an rdflib graph."""
    data = ox.serialize(store.quads_for_pattern(None, None, None, ox.NamedNode(name)), format=ox.RdfFormat.N_QUADS)
    graph = Graph(identifier=name)
    # N-Quads lines of one graph parse as N-Triples once the graph name is dropped.
    triples = ox.serialize((q.triple for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)), format=ox.RdfFormat.N_TRIPLES)
    return graph.parse(data=triples.decode("utf-8"), format="nt")


def validate_store(store_dir: Path, *, engine: str | None = None) -> ValidationReport:
    """Every release graph with the reference data it points to, the reference data once, and the
    rules that span releases (rules/*.rq)."""
    from .crossrules import check

    store = open_store(store_dir, read_only=True)
    reference = rdflib_graph(store, str(iris.REFERENCE_GRAPH))
    report = validate_graph(reference, str(iris.REFERENCE_GRAPH), engine=engine)
    release_prefix = str(iris.graph_iri(""))
    for graph in sorted(g.value for g in store.named_graphs()):
        if graph.startswith(release_prefix):
            report.extend(validate_release(rdflib_graph(store, graph), reference, engine=engine))
    report.extend(check(store))
    return report
