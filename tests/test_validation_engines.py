"""The fast SHACL engine (PyPI `shacl`) reports what pyshacl, the reference engine, reports.

On every shape test case of tests/test_ontology_shapes.py (every constraint of every shape broken in
turn), on the conforming graph, and on the seed release validated as the build validates it
(its graph with the reference data it points to), the two engines give the same set of
results: focus node, path, message, shape, severity and value. Shapes that are blank nodes
have labels local to each parse, so they are compared as "a blank node".
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.extract import extract_release
from kg.ingest import read_source
from kg.rdf.mapping import graph_for_release
from kg.rdf.reference import reference_graph
from stores import knowledge
from kg.validation import validate_graph, validate_release, validate_text
from kg.validation import shapes_graph
from test_ontology_shapes import break_constraint, focus_nodes, path_of, property_cases, valid_graph, values

SEED = Path(__file__).parents[1] / "data" / "releases" / "soumu_01tsushin08_02000040.txt"


def results(report) -> set[tuple]:
    return {(v.focus, v.path, v.message, v.shape if v.shape.startswith("http") else "_:", v.severity, v.value,
             v.component, v.detail) for v in report.violations}


def broken(node_shape, prop, constraint) -> Graph:
    shapes, g = shapes_graph(), valid_graph()
    path, inverse = path_of(shapes, prop)
    candidates = focus_nodes(g, shapes, node_shape)
    focus = next((f for f in candidates if values(g, f, path, inverse)), candidates[0])
    break_constraint(g, shapes, prop, constraint, focus)
    return g


def test_both_engines_agree_on_the_conforming_graph():
    g = valid_graph()
    assert results(validate_graph(g, "t", engine="shacl")) == results(validate_graph(g, "t", engine="pyshacl")) == set()


@pytest.mark.parametrize("node_shape,prop,constraint", property_cases(), ids=lambda v: str(v).rsplit("#", 1)[-1])
def test_both_engines_agree_on_every_broken_constraint(node_shape, prop, constraint):
    """Each graph is handed over as N-Triples text, as the build hands a release to the engines
    (an rdflib term made from a Python int, "-1"^^xsd:decimal, would look ill-typed to pyshacl)."""
    text = broken(node_shape, prop, constraint).serialize(format="nt")
    fast, reference = validate_text(text, "t", engine="shacl"), validate_text(text, "t", engine="pyshacl")
    assert reference.violations, "the case breaks nothing"
    assert results(fast) == results(reference)


def test_both_engines_agree_on_the_seed_and_the_reference_data():
    gaz, scheme = knowledge()
    reference = reference_graph(gaz, scheme)
    graph = graph_for_release(extract_release(read_source(SEED), gaz), gaz, scheme)
    assert results(validate_release(graph, reference, engine="shacl")) == \
        results(validate_release(graph, reference, engine="pyshacl"))
    assert results(validate_graph(reference, "r", engine="shacl")) == results(validate_graph(reference, "r", engine="pyshacl"))


def test_the_engines_agree_on_a_seed_with_broken_facts():
    """The seed with a date made a string and a meeting's series removed: both engines name both."""
    from rdflib import Literal
    from kg.rdf.vocab import SCHEMA

    gaz, scheme = knowledge()
    reference = reference_graph(gaz, scheme)
    graph = graph_for_release(extract_release(read_source(SEED), gaz), gaz, scheme)
    meeting = next(graph.subjects(SCHEMA.superEvent, None))
    graph.remove((meeting, SCHEMA.superEvent, None))
    for s, o in list(graph.subject_objects(SCHEMA.startDate))[:1]:
        graph.set((s, SCHEMA.startDate, Literal(str(o))))
    fast = validate_release(graph, reference, engine="shacl")
    assert len(results(fast)) >= 2
    assert results(fast) == results(validate_release(graph, reference, engine="pyshacl"))


def test_the_engines_agree_on_a_start_date_of_the_wrong_datatype():
    """A start date written as a plain string beside an end date: it is not an xsd:date, and it
    cannot be compared with the end date (sh:lessThanOrEquals). pyshacl and Jena report both; the
    fast engine reported only the first, the adapter adds the second."""
    from rdflib import Literal
    from kg.rdf.vocab import SCHEMA, SH

    gaz, scheme = knowledge()
    reference = reference_graph(gaz, scheme)
    fixture = Path(__file__).parent / "fixtures" / "build" / "mic_jp_fr.txt"
    graph = graph_for_release(extract_release(read_source(fixture), gaz), gaz, scheme)
    meeting = next(s for s in graph.subjects(SCHEMA.endDate, None) if (s, SCHEMA.startDate, None) in graph)
    graph.set((meeting, SCHEMA.startDate, Literal(str(graph.value(meeting, SCHEMA.startDate)))))
    fast = validate_release(graph, reference, engine="shacl")
    assert results(fast) == results(validate_release(graph, reference, engine="pyshacl"))
    assert {v.component for v in fast.violations} == {str(SH.DatatypeConstraintComponent),
                                                      str(SH.LessThanOrEqualsConstraintComponent)}
