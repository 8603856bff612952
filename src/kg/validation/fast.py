"""The fast SHACL engine: the Rust-based `shacl` package, its results put in the reference engine's terms.

pyshacl, the reference engine, also lists the results nested under an `sh:node` failure (its
sh:detail) as results of their own; this engine reports only the outer one, so for each
`sh:node` failure the nested shape is checked on the offending value and its results added
(marked `detail`), as pyshacl does, whether the node shape is named or a blank node, and
whether the outer shape is a node or a property shape. It also misses one result pyshacl and
Jena give: when a value is of another datatype than the one `sh:lessThan` / `sh:lessThanOrEquals`
compares it with (a start date written as a plain string), the pair is not comparable, which the
specification counts as a violation; the adapter adds it. tests/test_validation_engines.py
checks that both engines report the same, also on the W3C SHACL Core test suite.
"""
from __future__ import annotations

import re
from functools import lru_cache

import shacl
from rdflib import BNode, Graph, URIRef

from ..config import SHAPES_FILE
from ..rdf.vocab import SH
from .report import ValidationReport, Violation
from .shapes import shapes_graph

_SH = str(SH)
_COMPARISONS = {SH.lessThan: "LessThanConstraintComponent", SH.lessThanOrEquals: "LessThanOrEqualsConstraintComponent"}


@lru_cache(maxsize=1)
def _project_shapes() -> str:
    return SHAPES_FILE.read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def compiled(text: str | None = None) -> shacl.Shapes:
    return shacl.Shapes.from_turtle(text if text is not None else _project_shapes())


@lru_cache(maxsize=64)
def targeted(text: str | None, node_shape: str, value: str) -> shacl.Shapes:
    """The shapes with `node_shape` (an IRI, or a blank node given as its sh:node list) also aimed
    at one value, to see why that value failed it."""
    return shacl.Shapes.from_turtle((text if text is not None else _project_shapes()) + _aim(text, node_shape, value))


def _aim(text: str | None, node_shape: str, value: str) -> str:
    if not node_shape.startswith("_:"):
        return f"\n<{node_shape}> <{SH.targetNode}> {value} .\n"
    # A blank node shape has no name across parses: aim a copy of its triples, under a fresh IRI.
    shapes = shapes_graph(text)
    node = BNode(node_shape[2:])
    copy = URIRef(f"urn:kg:nested-shape:{node_shape[2:]}")
    g = Graph()
    for p, o in shapes.predicate_objects(node):
        g.add((copy, p, o))
    for s, p, o in shapes.triples((None, None, None)):  # its own blank nodes (lists, property shapes) as they are
        if isinstance(s, BNode) and s != node and _reachable(shapes, node, s):
            g.add((s, p, o))
    return "\n" + g.serialize(format="nt") + f"<{copy}> <{SH.targetNode}> {value} .\n"


def _reachable(g: Graph, start, goal) -> bool:
    seen, todo = set(), [start]
    while todo:
        n = todo.pop()
        if n == goal:
            return True
        if n in seen:
            continue
        seen.add(n)
        todo.extend(o for o in g.objects(n, None) if isinstance(o, BNode))
    return False


def validate_ntriples(text: str, graph_name: str, *, focus: set[str] | None = None,
                      shapes: str | None = None) -> ValidationReport:
    """Validate N-Triples text against the project's shapes (or `shapes`, Turtle); keep results
    about the `focus` nodes (all when None)."""
    found: list[Violation] = []  # each result the engine gives, twice if it gives it twice
    results = compiled(shapes).validate_text(text, format="ntriples", allow_warnings=True).results
    _collect(results, text, graph_name, found, shapes, depth=0)
    _incomparable(results, text, graph_name, found, shapes)
    return ValidationReport(sorted(v for v in found if focus is None or v.focus in focus))


def _collect(results, text: str, graph_name: str, found: list[Violation], shapes: str | None, depth: int) -> None:
    for r in results:
        violation = _violation(r, graph_name, detail=depth > 0)
        if depth == 0 or violation not in found:  # a nested result is listed once, as pyshacl does
            found.append(violation)
        if r.component == "NodeConstraintComponent" and r.value and depth < 4:
            for node_shape in _nested(shapes, r.source_shape):
                inner = targeted(shapes, node_shape, r.value).validate_text(text, format="ntriples",
                                                                            allow_warnings=True)
                aimed = node_shape if not node_shape.startswith("_:") else f"urn:kg:nested-shape:{node_shape[2:]}"
                # The nested shape's own results: its root is the shape, or one of its property shapes
                # (the provenance shapes reach their spans and selectors through sh:node).
                roots = {aimed} | ({str(p) for p in shapes_graph(shapes).objects(URIRef(node_shape), SH.property)}
                                   if not node_shape.startswith("_:") else set())
                nested = [x for x in inner.results if x.focus_node == r.value and _plain(x.root_shape) in roots]
                _collect(nested, text, graph_name, found, shapes, depth + 1)


def _nested(shapes: str | None, source_shape: str) -> list[str]:
    """The sh:node shapes of a shape, as IRIs or "_:label"."""
    graph = shapes_graph(shapes)
    shape = BNode(source_shape[2:]) if source_shape.startswith("_:") else URIRef(_plain(source_shape))
    if source_shape.startswith("_:") and (shape, None, None) not in graph:
        return []  # the engine's own label for a blank node shape: not one rdflib knows
    return [f"_:{n}" if isinstance(n, BNode) else str(n) for n in graph.objects(shape, SH.node)]


def _incomparable(results, text: str, graph_name: str, found: list[Violation], shapes: str | None) -> None:
    """sh:lessThan(OrEquals) results for values of another datatype than the one compared with."""
    graph = shapes_graph(shapes)
    for r in results:
        if r.component != "DatatypeConstraintComponent" or not r.path or not r.source_shape.startswith("<"):
            continue
        shape = URIRef(_plain(r.source_shape))
        for prop, component in _COMPARISONS.items():
            for other in graph.objects(shape, prop):
                if _values(text, r.focus_node, str(other)):
                    found.append(Violation(graph=graph_name, focus=_plain(r.focus_node), path=_path(r.path),
                                        message=r.message or "", shape=_plain(r.source_shape), severity=r.severity,
                                        value=r.value_plain or "", component=_SH + component))


def _values(text: str, subject: str, predicate: str) -> list[str]:
    return re.findall(rf"^{re.escape(subject)} <{re.escape(predicate)}> (.+) \.$", text, flags=re.M)


def _plain(term: str | None) -> str:
    """An N-Triples IRI or blank node as pyshacl's str() gives it: the IRI, or the label."""
    if not term:
        return ""
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    if term.startswith("_:"):
        return term[2:]
    return term


def _path(path: str | None) -> str:
    if not path:
        return ""
    if path.startswith("^<") and path.endswith(">"):
        return "^" + path[2:-1]
    return _plain(path)


def _violation(r, graph_name: str, detail: bool = False) -> Violation:
    return Violation(graph=graph_name, focus=_plain(r.focus_node), path=_path(r.path), message=r.message or "",
                     shape=_plain(r.source_shape), severity=r.severity, value=r.value_plain or "",
                     component=_SH + r.component if r.component else "", detail=detail)
