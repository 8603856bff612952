"""What validation finds: a result per focus node, path and shape, whichever engine found it."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, order=True)
class Violation:
    graph: str
    focus: str
    path: str
    message: str
    shape: str
    severity: str = "Violation"
    value: str = ""
    component: str = ""  # the constraint component's IRI (sh:DatatypeConstraintComponent …)
    detail: bool = False  # a result nested under another (sh:detail of an sh:node failure)


@dataclass
class ValidationReport:
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations

    def extend(self, other: "ValidationReport") -> None:
        self.violations.extend(other.violations)

    def render(self, fmt: str = "text") -> str:
        """The report as `text` (for people), `json`, or `ttl` (a SHACL validation report)."""
        if fmt == "json":
            return json.dumps({"conforms": self.conforms, "results": [asdict(v) for v in self.violations]},
                              ensure_ascii=False, indent=2) + "\n"
        if fmt == "ttl":
            return _as_turtle(self)
        if self.conforms:
            return "The store conforms to the shapes: no violations.\n"
        lines = [f"{len(self.violations)} violation(s):"]
        for v in self.violations:
            lines.append(f"- {v.focus}\n    path:    {v.path or '(the node itself)'}\n    problem: {v.message}"
                         + (f"\n    value:   {v.value}" if v.value else "")
                         + f"\n    shape:   {v.shape}\n    graph:   {v.graph}")
        return "\n".join(lines) + "\n"


def _as_turtle(report: ValidationReport) -> str:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF

    from ..rdf.vocab import SH, bind_prefixes

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
