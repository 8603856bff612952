"""A release's graph as N-Triples text, written straight from its triples (the build's fast path).

`mapping.release_triples` makes its triples as N-Triples terms (kg.nt), so the text is their
concatenation. tests/test_bench_emit.py checks that rdflib and Oxigraph read it as the same graph.
"""
from __future__ import annotations

from . import nt
from .gazetteer import Gazetteer
from .mapping import release_triples
from .model import Release


def release_ntriples(release: Release, gazetteer: Gazetteer) -> tuple[str, list, str]:
    """(graph IRI, triples as N-Triples terms, N-Triples text) of one release."""
    identifier, triples = release_triples(release, gazetteer)
    return str(identifier), triples, nt.lines(triples)
