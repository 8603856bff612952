"""kg.nt writes terms exactly as rdflib's N-Triples writer does, and reads them back.

The build's mapping makes every triple as N-Triples text; a literal escaped differently from
rdflib would change the graph (or break it), so any text is checked against rdflib itself.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef, XSD
from rdflib.plugins.serializers.nt import _quoteLiteral

from kg.rdf import nt

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ['a"b', "back\\slash", "line\nbreak", "cr\rlf", '"""', 'ends with "', "\\n", "tab\there", "日本側からは、"])


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from([None, "ja", "en", "ja-JP"]))
def test_a_literal_is_written_as_rdflib_writes_it(text, lang):
    assert nt.literal(text, lang=lang) == _quoteLiteral(Literal(text, lang=lang))
    assert nt.term(nt.literal(text, lang=lang)) == Literal(text, lang=lang)
    assert nt.n3(nt.literal(text, lang=lang)) == Literal(text, lang=lang).n3()


@pytest.mark.parametrize("value, datatype", [(5, XSD.integer), ("2014-09-16", XSD.date), ("2014", XSD.gYear),
                                             ("--09", XSD.gMonth)])
def test_typed_literals(value, datatype):
    text = nt.literal(value, datatype=nt.iri(str(datatype)))
    assert text == _quoteLiteral(Literal(value, datatype=datatype))
    assert nt.term(text) == Literal(value, datatype=datatype)
    assert nt.n3(text) == Literal(value, datatype=datatype).n3()


def test_iris_and_namespaces():
    ns = nt.Namespace("https://schema.org/")
    assert ns.name == ns["name"] == "<https://schema.org/name>" == URIRef("https://schema.org/name").n3()
    assert nt.term(ns.name) == URIRef("https://schema.org/name")
    assert nt.value(ns.name) == "https://schema.org/name"
    with pytest.raises(ValueError, match="valid IRI"):
        nt.iri("https://kg.example.org/org/a b")


def test_a_line_is_read_by_rdflib_as_the_triple():
    line = nt.lines([(nt.iri("https://e.org/s"), nt.iri("https://e.org/p"), nt.literal('say "hi"\n', lang="en"))])
    (s, p, o), = Graph().parse(data=line, format="nt")
    assert (s, p, o) == (URIRef("https://e.org/s"), URIRef("https://e.org/p"), Literal('say "hi"\n', lang="en"))
