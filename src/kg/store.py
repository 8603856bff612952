"""The on-disk RDF store (Oxigraph): one named graph per release, plus reference and ontology graphs.

Writes are transactional: a build's graphs replace the old ones in one SPARQL Update, so an
interrupted build leaves the store as it was.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from . import iris
from .errors import StoreError

ONTOLOGY_GRAPH = iris.iri("graph", "ontology")


def open_store(path: Path | str, *, create: bool = False, read_only: bool = False) -> ox.Store:
    path = Path(path)
    if not create and not (path / "CURRENT").exists():
        raise StoreError(f"no store at {path}", hint="build one first with `kg build`, or pass --store DIR")
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}",
                         hint="another kg process may be writing to it; wait for it to finish") from exc


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
