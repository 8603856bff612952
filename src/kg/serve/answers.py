"""What a query worker's jobs share: the error a job answers with, a size-limited output, RDF terms
as picklable tuples, and RDF written in the formats clients ask for.

Imported by the worker (worker.py) and by the jobs of the protocols (gsp.py's graph reads, the
entity quads, reconcile_index.py), so that none of them imports another.
"""
from __future__ import annotations

import io

import pyoxigraph as ox


class JobError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class Limited(io.RawIOBase):
    """A byte buffer that refuses to grow past its limit, which stops a serialiser mid-way."""

    def __init__(self, limit: int):
        self.buffer = io.BytesIO()
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self.buffer.tell() + len(data) > self.limit:
            raise JobError(413, f"the answer is larger than the server's limit of {self.limit} bytes; "
                                "add a LIMIT or narrow the query")
        return self.buffer.write(data)


def plain(term) -> tuple | None:
    """An RDF term as a picklable tuple: (kind, value, language, datatype)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value, None, None)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, None, None)
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.language, term.datatype.value if term.datatype else None)
    return ("literal", str(term), None, None)


def prefixes() -> dict[str, str]:
    from ..rdf.vocab import PREFIXES

    return {k: str(v) for k, v in PREFIXES.items()}


def turtle(triples, out: Limited) -> bytes:
    """Turtle with the project's prefixes, from size-limited N-Triples (triples: a query's answer)."""
    triples.serialize(out, format=ox.RdfFormat.N_TRIPLES)
    parsed = [q.triple for q in ox.parse(out.buffer.getvalue(), format=ox.RdfFormat.N_TRIPLES)]
    return ox.serialize(parsed, format=ox.RdfFormat.TURTLE, prefixes=prefixes())


def quads_as(quads: list[ox.Quad], fmt: ox.RdfFormat, max_bytes: int) -> bytes:
    """Quads as N-Quads or TriG (with the project's prefixes), refused past `max_bytes`."""
    out = Limited(max_bytes)
    if fmt == ox.RdfFormat.TRIG:
        ox.serialize(quads, out, format=fmt, prefixes=prefixes())
    else:
        ox.serialize(quads, out, format=fmt)
    return out.buffer.getvalue()
