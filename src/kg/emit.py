"""A release's graph as N-Triples text, written straight from its triples (the build's fast path).

`mapping.release_triples` gives the same triples `mapping.graph_for_release` puts in an rdflib
Graph; here each term is written as rdflib's N-Triples serialiser writes it (`_nt_row`), with
the text of each term kept, so a predicate or class written a thousand times is formatted once.
tests/test_bench_emit.py checks the text parses to the graph `graph_for_release` gives.
"""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral

from .gazetteer import Gazetteer
from .mapping import release_triples
from .model import Release

_TERMS: dict = {}
_LIMIT = 200_000


def term_text(term) -> str:
    """A subject, predicate or object as rdflib's N-Triples writer gives it."""
    text = _TERMS.get(term)
    if text is None:
        if type(term) is URIRef:
            text = term.n3()
        elif isinstance(term, Literal):
            text = _quoteLiteral(term)
        else:
            text = term.n3()
        if len(_TERMS) > _LIMIT:
            _TERMS.clear()
        _TERMS[term] = text
    return text


def ntriples(triples) -> str:
    t = term_text
    return "".join(f"{t(s)} {t(p)} {t(o)} .\n" for s, p, o in triples)


def release_ntriples(release: Release, gazetteer: Gazetteer) -> tuple[str, list, str]:
    """(graph IRI, triples, N-Triples text) of one release."""
    identifier, triples = release_triples(release, gazetteer)
    return str(identifier), triples, ntriples(triples)
