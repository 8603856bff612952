"""Worker jobs that read whole graphs or quads: the Graph Store Protocol's reads, an entity's quads
(N-Quads, TriG), the named graphs a service description lists, and a saved query's rows as
`kg query -f json` gives them. Each runs in a query worker, next to its read-only store."""
from __future__ import annotations

import pyoxigraph as ox

from . import negotiate
from .answers import JobError, Limited, quads_as, turtle

ENTITY_QUADS = """SELECT ?s ?p ?o ?g ?subject WHERE {
  { GRAPH ?g { ?subject ?p ?o } BIND(?subject AS ?s) }
  UNION
  { GRAPH ?g { ?s ?p ?subject } FILTER(?p NOT IN (<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>,
                                               <http://www.w3.org/1999/02/22-rdf-syntax-ns#object>,
                                               <https://kg.example.org/ns#about>, <https://kg.example.org/ns#value>))
    BIND(?subject AS ?o) }
}"""


def graph_names(store: ox.Store, limit: int = 1000) -> tuple[list[str], bool]:
    """The named graphs in IRI order, at most `limit` of them, and whether there are more."""
    names = []
    for g in store.named_graphs():
        if isinstance(g, ox.NamedNode):
            names.append(g.value)
    names.sort()
    return names[:limit], len(names) > limit


def has_graph(store: ox.Store, graph: str) -> bool:
    return store.contains_named_graph(ox.NamedNode(graph))


def read_graph(store: ox.Store, media: str, graph: str | None = None, max_bytes: int = 16 << 20) -> bytes:
    """One named graph, or (graph None) the default graph: the union of the named graphs, as the
    SPARQL endpoint sees it. Triples in the format of `media`."""
    if graph is not None and not has_graph(store, graph):
        raise JobError(404, f"no graph {graph} in this store; GET /sparql describes the named graphs")
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", use_default_graph_as_union=True)
    fmt = negotiate.GRAPHS[media]
    out = Limited(max_bytes)
    if fmt == ox.RdfFormat.TURTLE:
        return turtle(result, out)
    result.serialize(out, format=fmt)
    return out.buffer.getvalue()


def read_dataset(store: ox.Store, media: str, max_bytes: int = 16 << 20) -> bytes:
    """Every named graph of the store, as N-Quads or TriG."""
    out = Limited(max_bytes)
    store.dump(out, format=negotiate.DATASETS[media])
    body = out.buffer.getvalue()
    if negotiate.DATASETS[media] == ox.RdfFormat.TRIG:  # once more, with prefixes (the size is known now)
        return quads_as(list(ox.parse(body, format=ox.RdfFormat.TRIG)), ox.RdfFormat.TRIG, max_bytes)
    return body


def entity_quads(store: ox.Store, iri: str, media: str, max_bytes: int = 16 << 20) -> bytes:
    """What an entity says and what points at it, each statement in the named graph holding it."""
    solutions = store.query(ENTITY_QUADS, substitutions={ox.Variable("subject"): ox.NamedNode(iri)})
    quads = [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in solutions]
    return quads_as(quads, negotiate.DATASETS[media], max_bytes)


def saved_rows(store: ox.Store, name: str, values: dict[str, str], max_bytes: int = 16 << 20,
               limit: int | None = None, offset: int = 0, folder: str | None = None) -> bytes:
    """A saved query's rows as `kg query NAME -f json` prints them: an array of objects keyed by column
    (from `offset` on, at most `limit`; from the table the build keeps of it, when there is one)."""
    from ..errors import KgError
    from ..read.queries import find_query, listing, run

    from .service import NO_SERVICE, refused

    try:
        saved = find_query(name)
        if refused(saved.text):
            raise JobError(403, NO_SERVICE)
        found = listing(store, saved, values, "json", limit=limit, offset=offset, folder=folder)
        text = found[0] if found is not None else run(store, saved, values, limit=limit, offset=offset).render("json")
    except KgError as exc:
        raise JobError(400, exc.render()) from exc
    body = text.encode("utf-8")
    if len(body) > max_bytes:
        raise JobError(413, f"the answer is larger than the server's limit of {max_bytes} bytes")
    return body


JOBS = {"graph_names": graph_names, "read_graph": read_graph, "read_dataset": read_dataset,
        "entity_quads": entity_quads, "saved_rows": saved_rows, "has_graph": has_graph}
