"""SHACL validation: each release's graph with the reference data it points to; reference data once.

pyshacl is the reference engine. A result is reported as focus node, path, message and shape.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
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


def validate_graph(data: Graph, graph_name: str, *, focus_in: Graph | None = None) -> ValidationReport:
    """Validate `data` against the shapes; keep only results whose focus node `focus_in` describes."""
    import pyshacl

    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes_graph(), advanced=True,
                                                 allow_warnings=True)
    report = ValidationReport()
    subjects = set(focus_in.subjects()) if focus_in is not None else None
    for result in results.subjects(RDF.type, SH.ValidationResult):
        violation = _violation(results, result, graph_name)
        if subjects is None or URIRef(violation.focus) in subjects:
            report.violations.append(violation)
    report.violations.sort()
    return report


def validate_release(release_graph: Graph, reference: Graph) -> ValidationReport:
    data = Graph()
    data += reference
    data += release_graph
    return validate_graph(data, str(release_graph.identifier), focus_in=release_graph)


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
