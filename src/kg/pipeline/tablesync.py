"""Keeping the store's tables (kg.read.tables) in step with the graphs a build writes.

The workers make each release's rows (kg.read.tables.Maker); here they go into the tables file of
the folder the build writes: after the SPARQL Update of a small build, or into the copy of the
store a bulk load fills, as the results arrive. The generation that marks the tables as the
store's goes into the store's build graph in the same write as the graphs (`key`), and into the
tables when they are complete (`finish`). Graphs whose rows the build does not have (a fresh copy
takes over graphs it did not rebuild; the tables were not the store's when the build began) get
their rows made here from their stored triples.
"""
from __future__ import annotations

import uuid
from pathlib import Path

import pyoxigraph as ox

from ..rdf import iris
from ..read import aggregates, tables, views
from ..read.queries import find_query


class TableSync:
    def __init__(self, store: ox.Store, store_dir: Path, reference):
        self.store_dir = Path(store_dir)
        self.reference = reference
        self.generation = uuid.uuid4().hex
        self.consistent = tables.Tables.open(self.store_dir, tables.generation(store)) is not None
        self.pending: list[tuple[str, tuple]] = []  # (graph, rows) of a small build, written after its commit
        self.writer: tables.Writer | None = None
        self.written: set[str] = set()
        self._maker: tables.Maker | None = None

    def key(self) -> dict[str, tuple[str, int]]:
        """The build graph's entry for the tables: written with the graphs."""
        return {tables.TABLES_KEY: (self.generation, 0)}

    def add(self, graph: str, table: tuple | None) -> None:
        if table is None:
            return
        if self.writer is None:
            self.pending.append((graph, table))
            return
        self.writer.replace(graph, *table)
        self.written.add(graph)

    def bulk(self, folder: Path, fresh: bool) -> None:
        """From now on, rows go to the tables of the store's copy in `folder`."""
        self.writer = tables.Writer(folder, copy_from=None if fresh else self.store_dir)
        if fresh or not self.consistent:
            self.writer.clear()
        for graph, table in self.pending:
            self.add(graph, table)
        self.pending = []

    def commit(self, store: ox.Store) -> None:
        """After a small build's SPARQL Update: its rows into the store's own tables."""
        self.writer = tables.Writer(self.store_dir)
        if not self.consistent:  # every graph's rows are made again below
            self.writer.clear()
        for graph, table in self.pending:
            self.add(graph, table)
        self.pending = []
        self._complete(store, self.writer)

    def prepare(self, store: ox.Store, folder: Path, kept: list[str]) -> None:
        """Before a bulk-loaded copy takes the store's place: the rows of the graphs it kept, then commit."""
        assert self.writer is not None
        for graph in kept:
            self._remake(store, graph)
        self._complete(store, self.writer, skip=set(kept))

    def _complete(self, store: ox.Store, writer: tables.Writer, skip: set[str] = frozenset()) -> None:
        """When the tables were not the store's, every other release graph's rows are made again."""
        if not self.consistent:
            prefix = str(iris.graph_iri(""))
            for g in store.named_graphs():
                if g.value.startswith(prefix) and g.value not in self.written and g.value not in skip:
                    self._remake(store, g.value)
        if self._maker is None:
            self._maker = tables.Maker(self.reference)
        ref = self._maker.ref
        if writer.everything or not writer.has(str(iris.REFERENCE_GRAPH)):  # the reference data's series names
            writer.replace(str(iris.REFERENCE_GRAPH), [], [], aggregates.facts(views.Graph(ref), str(iris.REFERENCE_GRAPH)))
        writer.finish(self.generation, {name: tables.query_digest(find_query(name).text) for name in tables.TABLED},
                      reference=ref)

    def _remake(self, store: ox.Store, graph: str) -> None:
        if not graph.startswith(str(iris.graph_iri(""))):
            return
        if self._maker is None:
            self._maker = tables.Maker(self.reference)
        triples = [(str(q.subject), str(q.predicate), str(q.object))
                   for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
        self.writer.replace(graph, *self._maker.rows(triples, graph))
        self.written.add(graph)

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.abort()
