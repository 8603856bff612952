"""Every SHACL shape has data that conforms and data that fails for the reason the shape names.

tests/cases/shapes/valid.ttl conforms. For each property shape and each of its constraints the
test breaks that constraint in a copy of the graph, runs pyshacl (the reference engine), and
checks that exactly that shape reports it, with its own plain-words message. pyshacl, the
reference engine, runs them; tests/test_validation_engines.py holds the fast engine to the same results.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD

from kg.validation import shapes_graph, validate_graph
from kg.rdf.vocab import SH

VALID = Path(__file__).parent / "cases" / "shapes" / "valid.ttl"
BOGUS = URIRef("https://kg.example.org/test/not-a-known-thing")

CONSTRAINTS = [SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH["class"], SH.pattern, SH.nodeKind,
               SH.lessThanOrEquals, SH.minInclusive, SH.uniqueLang, SH.qualifiedMinCount, SH["or"],
               SH.minLength, SH.node, SH.hasValue]


def valid_graph() -> Graph:
    return Graph().parse(VALID, format="turtle")


def node_shapes(shapes: Graph) -> list[URIRef]:
    return sorted(s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def property_cases() -> list[tuple[URIRef, URIRef, URIRef]]:
    """(node shape, property shape, constraint) for every constraint of every property shape."""
    shapes = shapes_graph()
    cases = []
    for node_shape in node_shapes(shapes):
        for prop in shapes.objects(node_shape, SH.property):
            for c in CONSTRAINTS:
                if (prop, c, None) in shapes:
                    cases.append((node_shape, prop, c))
    return cases


def focus_nodes(g: Graph, shapes: Graph, node_shape: URIRef) -> list:
    target = shapes.value(node_shape, SH.targetClass)
    by_property = {s for p in shapes.objects(node_shape, SH.targetSubjectsOf) for s in g.subjects(p, None)}
    by_property |= {o for p in shapes.objects(node_shape, SH.targetObjectsOf) for o in g.objects(None, p)}
    if by_property:  # the provenance shapes find their nodes by their properties
        return sorted(by_property)
    if target is None:  # a shape reached through sh:node: the outcome kind concepts
        return sorted(set(g.objects(None, URIRef("https://kg.example.org/ns#outcomeKind"))))
    return sorted(g.subjects(RDF.type, target))


def path_of(shapes: Graph, prop) -> tuple[URIRef, bool]:
    path = shapes.value(prop, SH.path)
    inverse = shapes.value(path, SH.inversePath)
    return (inverse, True) if inverse is not None else (path, False)


def values(g: Graph, focus, path: URIRef, inverse: bool) -> list:
    return list(g.subjects(path, focus)) if inverse else list(g.objects(focus, path))


def set_values(g: Graph, focus, path: URIRef, inverse: bool, new: list) -> None:
    if inverse:
        g.remove((None, path, focus))
        for v in new:
            g.add((v, path, focus))
    else:
        g.remove((focus, path, None))
        for v in new:
            g.add((focus, path, v))


def another_like(g: Graph, value):
    """A second value that differs from `value` but is otherwise of the same kind."""
    if isinstance(value, Literal):
        if value.datatype == XSD.integer:
            return Literal(int(value) + 1, datatype=value.datatype)
        if value.datatype == XSD.date:
            return Literal("2020-05-03", datatype=XSD.date)
        if value.datatype == XSD.gYear:
            return Literal("2021", datatype=XSD.gYear)
        if value.datatype == XSD.gMonth:
            return Literal("--06", datatype=XSD.gMonth)
        if value.language:
            return Literal(str(value) + "2", lang="fr")
        return Literal(str(value) + "2", datatype=value.datatype)
    twin = URIRef(str(value) + "-twin")
    for p, o in list(g.predicate_objects(value)):
        g.add((twin, p, o))
    return twin


def break_constraint(g: Graph, shapes: Graph, prop, constraint, focus) -> None:
    """Change `g` so that `focus` violates `constraint` of property shape `prop`."""
    path, inverse = path_of(shapes, prop)
    current = values(g, focus, path, inverse)
    arg = shapes.value(prop, constraint)
    if constraint in (SH.minCount, SH.qualifiedMinCount, SH.hasValue):
        if constraint == SH.qualifiedMinCount:
            wanted = shapes.value(shapes.value(prop, SH.qualifiedValueShape), SH["class"])
            keep = [v for v in current if (v, RDF.type, wanted) not in g]
            set_values(g, focus, path, inverse, keep)
        else:
            set_values(g, focus, path, inverse, [])
    elif constraint == SH.maxCount:
        set_values(g, focus, path, inverse, current + [another_like(g, current[0])] * (int(arg)))
    elif constraint == SH.datatype:
        wrong = Literal("x", lang="en") if arg == XSD.string else Literal("x")
        set_values(g, focus, path, inverse, [wrong])
    elif constraint in (SH["in"], SH["class"], SH["or"], SH.node):
        wrong = BOGUS if isinstance(current[0], URIRef) else Literal("not-allowed")
        set_values(g, focus, path, inverse, [wrong])
    elif constraint == SH.pattern:
        wrong = URIRef("urn:x:y") if isinstance(current[0], URIRef) else Literal("!!")
        set_values(g, focus, path, inverse, [wrong])
    elif constraint == SH.nodeKind:
        set_values(g, focus, path, inverse, [Literal(str(current[0]))])
    elif constraint == SH.lessThanOrEquals:
        other = list(g.objects(focus, arg))[0]
        set_values(g, focus, path, inverse, [another_like(g, another_like(g, other))])
    elif constraint == SH.minInclusive:
        set_values(g, focus, path, inverse, [Literal(int(arg) - 1, datatype=current[0].datatype)])
    elif constraint == SH.uniqueLang:
        set_values(g, focus, path, inverse, current + [Literal(str(current[0]) + "2", lang=current[0].language)])
    elif constraint == SH.minLength:
        set_values(g, focus, path, inverse, [Literal("")])
    else:  # pragma: no cover - a constraint this test does not know how to break
        raise AssertionError(f"no way to break {constraint}")


def test_the_valid_graph_conforms():
    report = validate_graph(valid_graph(), "test", engine="pyshacl")
    assert report.conforms, "\n".join(f"{v.focus} {v.path}: {v.message}" for v in report.violations)


def test_every_shape_has_a_message():
    shapes = shapes_graph()
    missing = [str(s) for s in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
               if shapes.value(s, SH.message) is None]
    assert not missing, f"shapes without sh:message: {missing}"


def test_every_node_shape_has_an_instance_in_the_valid_graph():
    shapes, g = shapes_graph(), valid_graph()
    empty = [str(s) for s in node_shapes(shapes) if not focus_nodes(g, shapes, s)]
    assert not empty, f"valid.ttl has no node for {empty}"


@pytest.mark.parametrize("node_shape,prop,constraint", property_cases(),
                         ids=lambda v: str(v).rsplit("#", 1)[-1])
def test_breaking_a_constraint_is_reported_by_its_shape(node_shape, prop, constraint):
    shapes, g = shapes_graph(), valid_graph()
    path, inverse = path_of(shapes, prop)
    candidates = focus_nodes(g, shapes, node_shape)
    focus = next((f for f in candidates if values(g, f, path, inverse)), candidates[0])
    break_constraint(g, shapes, prop, constraint, focus)
    report = validate_graph(g, "test", engine="pyshacl")
    sources = {v.shape for v in report.violations}
    message = str(shapes.value(prop, SH.message))
    expected = str(prop) if isinstance(prop, URIRef) else None
    assert not report.conforms, f"breaking {constraint} of {prop} went unnoticed"
    if expected:
        assert expected in sources, f"expected {prop} to report, got {sources}"
    assert any(v.message == message for v in report.violations), [v.message for v in report.violations]


def test_every_list_in_the_shapes_is_well_formed():
    shapes = shapes_graph()
    for prop in shapes.subjects(SH["in"], None):
        members = list(Collection(shapes, shapes.value(prop, SH["in"])))
        assert members, f"empty sh:in on {prop}"
