"""The ontology, the shapes, the JSON-LD context and the terms the code emits agree with each other."""
from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.config import CONTEXT_FILE, ONTOLOGY_FILE
from stores import knowledge, release_graph
from kg.rdf.reference import reference_graph
from kg.validation import shapes_graph
from kg.rdf.vocab import SH
from records import sample_release


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def declared(ontology: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for k in kinds for s in ontology.subjects(RDF.type, k)}


def expand(context: dict, value: str) -> str:
    prefix, _, local = value.partition(":")
    return context[prefix] + local if prefix in context and isinstance(context[prefix], str) else value


def emitted_terms() -> tuple[set[URIRef], set[URIRef]]:
    """The predicates and classes in what the code writes: a release's graph and the reference graph."""
    g = release_graph(sample_release()) + reference_graph(*knowledge())
    return set(g.predicates()), set(g.objects(None, RDF.type))


def test_every_term_has_labels_in_ja_and_en_and_a_comment(ontology):
    problems = []
    for term in sorted(declared(ontology)):
        langs = {label.language for label in ontology.objects(term, RDFS.label) if isinstance(label, Literal)}
        if not {"ja", "en"} <= langs:
            problems.append(f"{term}: rdfs:label in {sorted(langs, key=str)}, wants ja and en")
        if ontology.value(term, RDFS.comment) is None:
            problems.append(f"{term}: no rdfs:comment")
    assert not problems, "\n".join(problems)


def test_every_term_the_code_emits_is_declared(ontology):
    predicates, classes = emitted_terms()
    missing = sorted((predicates | classes) - declared(ontology) - {RDF.type})
    assert not missing, "emitted but not declared in ontology/kg.owl.ttl:\n" + "\n".join(missing)


def test_every_shape_path_and_target_is_declared(ontology):
    shapes = shapes_graph()
    used = set(shapes.objects(None, SH.targetClass)) | {p for p in shapes.objects(None, SH.path) if isinstance(p, URIRef)}
    used |= set(shapes.objects(None, SH.inversePath))
    missing = sorted(used - declared(ontology))
    assert not missing, "used by shapes but not declared:\n" + "\n".join(missing)


def test_every_class_the_code_emits_has_a_shape():
    _predicates, classes = emitted_terms()
    targets = set(shapes_graph().objects(None, SH.targetClass))
    unshaped = sorted(classes - targets - {URIRef("https://schema.org/GovernmentOrganization"),
                                           URIRef("http://www.w3.org/2004/02/skos/core#Concept"),
                                           URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement")})
    assert not unshaped, "classes without a shape:\n" + "\n".join(unshaped)


def test_the_context_has_a_term_for_every_declared_term_and_no_other(ontology, context):
    terms = {expand(context, v if isinstance(v, str) else v["@id"]) for k, v in context.items()
             if not k.startswith("@") and k not in ("id", "type") and (not isinstance(v, str) or ":" in v)
             and not (isinstance(v, str) and v.endswith(("/", "#")))}
    names = {str(t) for t in declared(ontology)}
    assert not names - terms, "declared but not in the context:\n" + "\n".join(sorted(names - terms))
    assert not terms - names, "in the context but not declared:\n" + "\n".join(sorted(terms - names))
