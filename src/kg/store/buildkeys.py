"""What the store remembers of how each graph was built, so a rebuild skips what has not changed.

A release file's input key is the SHA-256 of the code's fingerprint, the file's bytes and its
sidecar's bytes. The fingerprint covers the package's source, the data files (gazetteer,
vocabularies), the ontology and shapes, and the IRI base: change any of them and every key
changes, so everything is rebuilt. The keys live in the store itself, in the named graph
BUILD_GRAPH (`<graph IRI> kg:sha256OfInput "…"; kg:tripleCount n`), written in the same write as the graphs they
describe, so they can never disagree with what is stored. The sizes let a rebuild report the
store's size without counting 50 M triples.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ..rdf import iris
from ..config import BASE, DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR
from ..rdf.vocab import KG, XSD

XSD_INTEGER = str(XSD.integer)

BUILD_GRAPH = iris.BUILD_GRAPH
INPUT_KEY = str(KG.sha256OfInput)
TRIPLE_COUNT = str(KG.tripleCount)
PACKAGE_DIR = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A digest of everything besides the input files that decides what a build writes."""
    h = hashlib.sha256(BASE.encode("utf-8"))
    # The saved queries count too: the build keeps their rows as tables (kg.read.tables).
    files = sorted(PACKAGE_DIR.rglob("*.py")) + sorted(ONTOLOGY_DIR.glob("*")) + sorted(QUERIES_DIR.glob("*.rq"))
    files += sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and "releases" not in p.relative_to(DATA_DIR).parts)
    for path in files:
        if path.is_file():
            h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def input_key(path: Path, code: str) -> str:
    """The key of a file and its sidecar; one that cannot be read gets a key no stored graph has
    (reading it then fails with the reason, and the file is reported)."""
    h = hashlib.sha256(code.encode("ascii"))
    meta = path.with_name(path.name.rsplit(".", 1)[0] + ".meta.json")
    try:
        h.update(path.read_bytes() if path.is_file() else b"")
        if meta.is_file():
            h.update(b"\0meta\0" + meta.read_bytes())
    except OSError:
        return "unreadable"
    return h.hexdigest()


def stored_keys(store: ox.Store, wanted: set[str] | None = None) -> dict[str, str]:
    """Graph IRI -> input key, for every graph the store has a key for (or only those keys `wanted`:
    a build of a few files then reads a few rows, not one per release of a 50 k store)."""
    build = ox.NamedNode(str(BUILD_GRAPH))
    if wanted is None:
        return {q.subject.value: q.object.value
                for q in store.quads_for_pattern(None, ox.NamedNode(INPUT_KEY), None, build)}
    keys = {}
    for key in wanted:
        for q in store.quads_for_pattern(None, ox.NamedNode(INPUT_KEY), ox.Literal(key), build):
            keys[q.subject.value] = key
    return keys


def graph_key(store: ox.Store, graph: str) -> str | None:
    for q in store.quads_for_pattern(ox.NamedNode(graph), ox.NamedNode(INPUT_KEY), None, ox.NamedNode(str(BUILD_GRAPH))):
        return q.object.value
    return None


def has_release_graphs(store: ox.Store) -> bool:
    prefix = str(iris.graph_iri(""))
    build = ox.NamedNode(str(BUILD_GRAPH))
    return any(q.subject.value.startswith(prefix)
               for q in store.quads_for_pattern(None, ox.NamedNode(INPUT_KEY), None, build))


def key_triples(keys: dict[str, tuple[str, int]]) -> str:
    """N-Triples of the build graph for these graphs: their input keys and their sizes."""
    return "".join(f"<{g}> <{INPUT_KEY}> \"{k}\" .\n<{g}> <{TRIPLE_COUNT}> \"{n}\"^^<{XSD_INTEGER}> .\n"
                   for g, (k, n) in keys.items())


def store_size(store: ox.Store) -> int:
    """The triples in the store: the recorded sizes of the graphs builds wrote, the others counted
    (all in SPARQL, so a 50 k-release store is not walked in Python)."""
    build, count = str(BUILD_GRAPH), TRIPLE_COUNT
    rows = list(store.query(f"SELECT (SUM(?n) AS ?t) WHERE {{ GRAPH <{build}> {{ ?g <{count}> ?n }} }}"))
    total = int(rows[0]["t"].value) if rows and rows[0]["t"] is not None else 0
    # Release graphs are written only by builds, which record their sizes; the few other graphs
    # (the build graph itself, links, anything another tool wrote) are counted unless recorded.
    prefix = str(iris.graph_iri(""))
    build_node = ox.NamedNode(build)
    for graph in store.named_graphs():
        if graph.value.startswith(prefix):
            continue
        if graph.value != build and any(True for _ in store.quads_for_pattern(graph, ox.NamedNode(count), None, build_node)):
            continue
        n = list(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"))
        total += int(n[0]["n"].value)
    return total