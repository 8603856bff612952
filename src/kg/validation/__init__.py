"""SHACL validation before storing: each release's graph with the reference data it points to.

This package holds the engines (the Rust-based `shacl` package in `kg.validation.fast`, pyshacl as
the reference), the result types (`kg.validation.report`), the closure of the reference data a
release points to (`kg.validation.closure`) and the rules that span releases
(`kg.validation.crossrules`, SPARQL over a store it is given). It must not open or write the store,
extract or map, nor print.

The reference data is validated once per build, not once per release that points into it.

pyshacl is the reference engine (`engine="pyshacl"`). The default engine is the Rust-based
`shacl` package (`engine="shacl"`), which tests/test_validation_engines.py shows to give the same
results on every shape test case and on the seed. A result is reported as focus node, path,
message and shape, whichever engine found it.
"""
from __future__ import annotations

import logging
import os

from rdflib import Graph
from rdflib.namespace import RDF

from ..rdf.vocab import SH
from .report import ValidationReport, Violation
from .shapes import shapes_graph

__all__ = ["ValidationReport", "Violation", "default_engine", "render", "validate_graph",
           "validate_release", "validate_text"]


ENGINES = ("shacl", "pyshacl")

# rdflib logs a traceback for every ill-typed literal it reads ("2014-09-31"^^xsd:date); the shapes
# report that literal as a violation, which is the one message a user should see.
logging.getLogger("rdflib.term").addHandler(logging.NullHandler())


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
        from .fast import validate_ntriples
        return validate_ntriples(data.serialize(format="nt"), graph_name, focus=focus)
    return _pyshacl(data, graph_name, focus)


def validate_text(ntriples: str, graph_name: str, *, focus: set[str] | None = None,
                  engine: str | None = None) -> ValidationReport:
    """Validate a graph given as N-Triples text (what the build's workers hold)."""
    if (engine or default_engine()) == "shacl":
        from .fast import validate_ntriples
        return validate_ntriples(ntriples, graph_name, focus=focus)
    return _pyshacl(Graph().parse(data=ntriples, format="nt"), graph_name, focus)


def _pyshacl(data: Graph, graph_name: str, focus: set[str] | None) -> ValidationReport:
    try:
        import pyshacl
    except ImportError:
        from ..errors import ConfigError

        raise ConfigError("the pyshacl engine is not installed",
                          hint="pip install 'kg-meetings[pyshacl]', or use --engine shacl") from None

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
    from .closure import ReferenceIndex

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
