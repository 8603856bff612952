"""Writes the store, or one release's graph, in a standard RDF format. Same store, same bytes.

Quads are sorted before writing. Turtle and N-Triples hold triples, so they carry the union of
the graphs chosen; TriG and N-Quads keep the named graphs. JSON-LD is compacted with the
shipped context (ontology/kg.context.jsonld), offline.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pyoxigraph as ox

from . import iris
from .config import CONTEXT_FILE
from .errors import KgError
from .vocab import PREFIXES

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
EXTENSIONS = {".ttl": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig", ".jsonld": "jsonld", ".json": "jsonld"}


def format_for(path: str | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    for ext, name in EXTENSIONS.items():
        if path and path.endswith(ext):
            return name
    return "trig"


def quads(store: ox.Store, release: str | None = None) -> list[ox.Quad]:
    if release is None:
        bookkeeping = ox.NamedNode(str(iris.BUILD_GRAPH))
        found = [q for q in store.quads_for_pattern(None, None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != bookkeeping]
    else:
        graph = ox.NamedNode(str(iris.graph_iri(release)))
        if not store.contains_named_graph(graph):
            raise KgError(f"no release {release!r} in the store", hint="`kg query releases` lists the release IDs")
        found = list(store.quads_for_pattern(None, None, None, graph))
    return sorted(found, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def export(store: ox.Store, fmt: str, release: str | None = None) -> bytes:
    if fmt not in FORMATS:
        raise KgError(f"unknown export format {fmt!r}", hint="use one of " + ", ".join(FORMATS))
    data = quads(store, release)
    if fmt == "jsonld":
        return jsonld(data)
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    if FORMATS[fmt].supports_datasets:
        return ox.serialize(data, format=FORMATS[fmt], prefixes=prefixes if fmt == "trig" else None)
    triples = sorted({q.triple for q in data}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(triples, format=FORMATS[fmt], prefixes=prefixes if fmt == "ttl" else None)


@lru_cache(maxsize=1)
def context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


def _no_network(url, options=None):
    raise KgError(f"JSON-LD processing tried to fetch {url}", hint="the shipped context must be self-contained")


def jsonld(data: list[ox.Quad]) -> bytes:
    """Compacted JSON-LD: expand from N-Quads, compact with the shipped context, sort for stable bytes."""
    from pyld import jsonld as pyld

    nquads = ox.serialize(data, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    options = {"format": "application/n-quads", "documentLoader": _no_network}
    expanded = pyld.from_rdf(nquads, options)
    compacted = pyld.compact(expanded, context()["@context"], {"documentLoader": _no_network})
    doc = {"@context": context()["@context"], "@graph": _sorted_graph(compacted)}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _node_id(node: dict) -> str:
    return node.get("id", node.get("@id", ""))


def _sorted_graph(compacted: dict) -> list:
    """The compacted nodes in IRI order; pyld puts a lone node at the top level instead of in @graph."""
    if "@graph" in compacted:
        nodes = compacted["@graph"]
    else:
        lone = {k: v for k, v in compacted.items() if k != "@context"}
        nodes = [lone] if lone else []
    for node in nodes:
        if isinstance(node.get("@graph"), list):
            node["@graph"] = sorted(node["@graph"], key=_node_id)
    return sorted(nodes, key=_node_id)
