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

from rdflib import Graph, Literal
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
                   engine: str | None = None, shapes: str | None = None) -> ValidationReport:
    """Validate `data` against the shapes (the project's, or `shapes` as Turtle text); keep only
    results whose focus node `focus_in` describes."""
    focus = {str(s) for s in focus_in.subjects()} if focus_in is not None else None
    if (engine or default_engine()) == "shacl":
        from .fast import validate_ntriples
        return validate_ntriples(_ntriples(data), graph_name, focus=focus, shapes=shapes)
    return _pyshacl(data, graph_name, focus, shapes)


def validate_text(ntriples: str, graph_name: str, *, focus: set[str] | None = None,
                  engine: str | None = None, shapes: str | None = None) -> ValidationReport:
    """Validate a graph given as N-Triples text (what the build's workers hold) against the shapes
    (the project's, or `shapes` as Turtle text). Literals are read as written: an ill-typed one
    ("none"^^xsd:boolean) is seen as such by either engine."""
    if (engine or default_engine()) == "shacl":
        from .fast import validate_ntriples
        return validate_ntriples(ntriples, graph_name, focus=focus, shapes=shapes)
    return _pyshacl(_as_pyshacl_reads(ntriples, "nt"), graph_name, focus, shapes)


def _as_pyshacl_reads(text: str, fmt: str) -> Graph:
    """A graph parsed as pyshacl parses what it is given: literals as written, and of xsd:boolean
    only "true" true (pyshacl's own patch of rdflib, applied while it validates)."""
    try:
        from pyshacl.monkey import rdflib_bool_patch, rdflib_bool_unpatch
    except ImportError:
        from ..errors import ConfigError

        raise ConfigError("the pyshacl engine is not installed",
                          hint="pip install 'kg-meetings[pyshacl]', or use --engine shacl") from None
    rdflib_bool_patch()
    try:
        return Graph().parse(data=text, format=fmt)
    finally:
        rdflib_bool_unpatch()


def _ntriples(graph: Graph) -> str:
    """N-Triples of an rdflib graph with each literal's lexical form as it is held (rdflib's writer
    would write "none"^^xsd:boolean as "false")."""
    from ..rdf.nt import lexical_literals

    with lexical_literals():
        return "".join(f"{s.n3()} {p.n3()} {_term(o)} .\n" for s, p, o in graph)


def _term(o) -> str:
    return _nt_literal(o) if isinstance(o, Literal) else o.n3()


def _nt_literal(o: Literal) -> str:
    from ..rdf import nt

    return nt.literal(str(o), lang=o.language, datatype=f"<{o.datatype}>" if o.datatype else None)


def _pyshacl(data: Graph, graph_name: str, focus: set[str] | None, shapes: str | None = None) -> ValidationReport:
    try:
        import pyshacl
    except ImportError:
        from ..errors import ConfigError

        raise ConfigError("the pyshacl engine is not installed",
                          hint="pip install 'kg-meetings[pyshacl]', or use --engine shacl") from None

    shapes_graph_ = shapes_graph() if shapes is None else _as_pyshacl_reads(shapes, "turtle")
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes_graph_, advanced=True, allow_warnings=True)
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
                     severity=one(SH.resultSeverity).rsplit("#", 1)[-1], value=one(SH.value),
                     component=one(SH.sourceConstraintComponent), detail=(None, SH.detail, result) in results)