"""The on-disk RDF store (Oxigraph) and nothing else.

It holds one named graph per release, the reference, ontology and links graphs, and the build's
own bookkeeping graph. This package opens the store (`open_store`), writes a build into it all at
once or not at all (`kg.store.write`), remembers what each graph was built from
(`kg.store.buildkeys`), and reads a graph back for rdflib (`rdflib_graph`).

It must not import rdflib at module level (`kg query` opens the store and needs only pyoxigraph),
must not extract, map or validate, and never prints.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError, WriteError, is_lock, os_reason


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
        if is_lock(exc):
            raise StoreError(f"cannot open the store at {path}: another process holds its lock",
                             hint="another kg process may be writing to it; wait for it to finish") from exc
        if read_only:
            raise StoreError(f"cannot open the store at {path}: {os_reason(exc)}") from exc
        raise WriteError(f"cannot write the store at {path}: {os_reason(exc)}") from exc


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


def rdflib_dataset(store: ox.Store):
    """The store as an rdflib Dataset, through oxrdflib's rdflib store backed by pyoxigraph: no copy,
    SPARQL runs in Oxigraph, and the default graph is the union of the named graphs (as for
    `kg query`). Open the store read-only for a view that cannot change it."""
    try:
        from oxrdflib import OxigraphStore
    except ImportError:
        from ..errors import ConfigError

        raise ConfigError("the rdflib view needs oxrdflib", hint="pip install 'kg-meetings[rdflib]'") from None
    from rdflib import Dataset

    return Dataset(store=OxigraphStore(store=store), default_union=True)


def rdflib_graph(store: ox.Store, name: str):
    """One named graph of the store as an rdflib graph."""
    from rdflib import Graph

    from ..rdf.nt import lexical_literals

    text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
    with lexical_literals():  # an ill-typed literal stays as stored, for validation to see
        return Graph(identifier=name).parse(data=text.decode("utf-8"), format="nt")

