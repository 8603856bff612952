"""SHACL validation: each release's graph with the reference data it points to; reference data once.

pyshacl is the reference engine (`engine="pyshacl"`). The default engine is the Rust-based
`shacl` package (`engine="shacl"`), which tests/test_bench_engine.py shows to give the same
results on every shape test case and on the seed. A result is reported as focus node, path,
message and shape, whichever engine found it.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
import os
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .config import SHAPES_FILE
from .vocab import SH, bind_prefixes


@dataclass(frozen=True, order=True)
class Violation:
    graph: str
    focus: str
    path: str
    message: str
    shape: str
    severity: str = "Violation"
    value: str = ""


@dataclass
class ValidationReport:
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations

    def extend(self, other: "ValidationReport") -> None:
        self.violations.extend(other.violations)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


ENGINES = ("shacl", "pyshacl")


def default_engine() -> str:
    """`KG_SHACL_ENGINE` if set, else the fast engine when it is installed, else pyshacl."""
    chosen = os.environ.get("KG_SHACL_ENGINE")
    if chosen in ENGINES:
        return chosen
    try:
        import shacl  # noqa: F401
    except ImportError:
        return "pyshacl"
    return "shacl"


def validate_graph(data: Graph, graph_name: str, *, focus_in: Graph | None = None,
                   engine: str | None = None) -> ValidationReport:
    """Validate `data` against the shapes; keep only results whose focus node `focus_in` describes."""
    focus = {str(s) for s in focus_in.subjects()} if focus_in is not None else None
    if (engine or default_engine()) == "shacl":
        from .fastshacl import validate_ntriples
        return validate_ntriples(data.serialize(format="nt"), graph_name, focus=focus)
    return _pyshacl(data, graph_name, focus)


def validate_text(ntriples: str, graph_name: str, *, focus: set[str] | None = None,
                  engine: str | None = None) -> ValidationReport:
    """Validate a graph given as N-Triples text (what the build's workers hold)."""
    if (engine or default_engine()) == "shacl":
        from .fastshacl import validate_ntriples
        return validate_ntriples(ntriples, graph_name, focus=focus)
    return _pyshacl(Graph().parse(data=ntriples, format="nt"), graph_name, focus)


def _pyshacl(data: Graph, graph_name: str, focus: set[str] | None) -> ValidationReport:
    import pyshacl

    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes_graph(), advanced=True,
                                                 allow_warnings=True)
    report = ValidationReport()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        violation = _violation(results, result, graph_name)
        if focus is None or violation.focus in focus:
            report.violations.append(violation)
    report.violations.sort()
    return report


def validate_release(release_graph: Graph, reference: Graph, *, engine: str | None = None) -> ValidationReport:
    """A release's graph with the reference data it points to; results about its own nodes only."""
    from .refindex import ReferenceIndex

    data = Graph()
    data += ReferenceIndex.of(reference).closure_graph(release_graph)
    data += release_graph
    return validate_graph(data, str(release_graph.identifier), focus_in=release_graph, engine=engine)


def _violation(results: Graph, result, graph_name: str) -> Violation:
    def one(prop) -> str:
        value = results.value(result, prop)
        return "" if value is None else str(value)

    path = results.value(result, SH.resultPath)
    if path is not None and (path, SH.inversePath, None) in results:
        path_text = "^" + str(results.value(path, SH.inversePath))
    else:
        path_text = "" if path is None else str(path)
    return Violation(graph=graph_name, focus=one(SH.focusNode), path=path_text,
                     message=one(SH.resultMessage), shape=one(SH.sourceShape),
                     severity=one(SH.resultSeverity).rsplit("#", 1)[-1], value=one(SH.value))


def render(report: ValidationReport, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"conforms": report.conforms, "results": [asdict(v) for v in report.violations]},
                          ensure_ascii=False, indent=2)
    if fmt == "ttl":
        return _as_turtle(report)
    if report.conforms:
        return "The store conforms to the shapes: no violations.\n"
    lines = [f"{len(report.violations)} violation(s):"]
    for v in report.violations:
        lines.append(f"- {v.focus}\n    path:    {v.path or '(the node itself)'}\n    problem: {v.message}"
                     + (f"\n    value:   {v.value}" if v.value else "")
                     + f"\n    shape:   {v.shape}\n    graph:   {v.graph}")
    return "\n".join(lines) + "\n"


def _as_turtle(report: ValidationReport) -> str:
    from rdflib import Literal

    g = bind_prefixes(Graph())
    g.bind("sh", SH)
    node = URIRef("urn:kg:validation-report")
    g.add((node, RDF.type, SH.ValidationReport))
    g.add((node, SH.conforms, Literal(report.conforms)))
    for i, v in enumerate(report.violations, start=1):
        r = URIRef(f"urn:kg:validation-report:{i}")
        g.add((node, SH.result, r))
        g.add((r, RDF.type, SH.ValidationResult))
        g.add((r, SH.focusNode, URIRef(v.focus)))
        if v.path:
            g.add((r, SH.resultPath, URIRef(v.path.lstrip("^"))))
        g.add((r, SH.resultMessage, Literal(v.message)))
        g.add((r, SH.sourceShape, URIRef(v.shape)))
        g.add((r, SH.resultSeverity, SH[v.severity]))
    return g.serialize(format="turtle")
