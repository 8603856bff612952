"""The fast SHACL engine: the Rust-based `shacl` package, its results put in the reference engine's terms.

pyshacl, the reference engine, also lists the results nested under an `sh:node` failure (its
sh:detail) as results of their own; this engine reports only the outer one, so for each
`sh:node` failure the nested shape is checked on the offending value and its results added,
as pyshacl does. tests/test_validation_engines.py checks that both engines report the same.
"""
from __future__ import annotations

from functools import lru_cache

import shacl
from rdflib import URIRef

from ..config import SHAPES_FILE
from .report import ValidationReport, Violation
from .shapes import shapes_graph
from ..rdf.vocab import SH


@lru_cache(maxsize=1)
def compiled() -> shacl.Shapes:
    return shacl.Shapes.from_turtle(SHAPES_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def targeted(node_shape: str, value: str) -> shacl.Shapes:
    """The shapes with `node_shape` also aimed at one value, to see why that value failed it."""
    extra = f"\n<{node_shape}> <{SH.targetNode}> {value} .\n"
    return shacl.Shapes.from_turtle(SHAPES_FILE.read_text(encoding="utf-8") + extra)


def validate_ntriples(text: str, graph_name: str, *, focus: set[str] | None = None) -> ValidationReport:
    """Validate N-Triples text; keep results about the `focus` nodes (all when None)."""
    found: set[Violation] = set()
    _collect(compiled().validate_text(text, format="ntriples", allow_warnings=True).results,
             text, graph_name, found, depth=0)
    report = ValidationReport(sorted(v for v in found if focus is None or v.focus in focus))
    return report


def _collect(results, text: str, graph_name: str, found: set[Violation], depth: int) -> None:
    for r in results:
        found.add(_violation(r, graph_name))
        if r.component == "NodeConstraintComponent" and r.value and depth < 4:
            for node_shape in shapes_graph().objects(URIRef(_plain(r.source_shape)), SH.node):
                inner = targeted(str(node_shape), r.value).validate_text(text, format="ntriples", allow_warnings=True)
                nested = [x for x in inner.results
                          if x.focus_node == r.value and _plain(x.root_shape) == str(node_shape)]
                _collect(nested, text, graph_name, found, depth + 1)


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


def _violation(r, graph_name: str) -> Violation:
    return Violation(graph=graph_name, focus=_plain(r.focus_node), path=_path(r.path), message=r.message or "",
                     shape=_plain(r.source_shape), severity=r.severity, value=r.value_plain or "")
