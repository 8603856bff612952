"""The part of the shared reference data that one release points to, for validating that release.

A release's graph names reference nodes (a ministry, a country, an outcome kind); its shapes
look at those nodes' types and, through sh:node, at their own properties. The closure of the
reference triples reachable from the nodes the release names holds everything the shapes can
reach from the release's own nodes, so validating the release with it gives the same results
about those nodes as validating it with the whole reference graph, at a fraction of the size.
"""
from __future__ import annotations

import weakref
from collections.abc import Iterable

from rdflib import Graph, URIRef

_CACHE: "weakref.WeakKeyDictionary[Graph, ReferenceIndex]" = weakref.WeakKeyDictionary()


class ReferenceIndex:
    """Reference triples by subject IRI, as rdflib triples and as N-Triples lines."""

    def __init__(self, reference: Graph):
        self.triples: dict[str, list] = {}
        self.lines: dict[str, list[str]] = {}
        self.links: dict[str, set[str]] = {}
        for s, p, o in reference:
            key = str(s)
            self.triples.setdefault(key, []).append((s, p, o))
            self.lines.setdefault(key, []).append(f"{s.n3()} {p.n3()} {o.n3()} .\n")
            if isinstance(o, URIRef):
                self.links.setdefault(key, set()).add(str(o))

    @classmethod
    def of(cls, reference: Graph) -> "ReferenceIndex":
        index = _CACHE.get(reference)
        if index is None:
            index = _CACHE[reference] = cls(reference)
        return index

    def reachable(self, names: Iterable[str]) -> list[str]:
        """The reference subjects reachable from `names`, in a stable order."""
        seen: set[str] = set()
        todo = [n for n in names if n in self.triples]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            todo.extend(n for n in self.links.get(node, ()) if n in self.triples and n not in seen)
        return sorted(seen)

    def closure_graph(self, release: Graph) -> Graph:
        names = {str(t) for triple in release for t in (triple[0], triple[2]) if isinstance(t, URIRef)}
        g = Graph()
        for node in self.reachable(names):
            for triple in self.triples[node]:
                g.add(triple)
        return g

    def closure_text(self, names: Iterable[str]) -> str:
        return "".join(line for node in self.reachable(names) for line in self.lines[node])
