"""RDF terms as their N-Triples text: the form the build's mapping writes its triples in.

A release maps to about a thousand triples; made as rdflib terms, compared, hashed and then
serialised, they cost most of the build's time. Here an IRI is the string `<…>` and a literal
`"…"`, `"…"@ja` or `"…"^^<datatype>`, written exactly as rdflib's N-Triples serialiser writes
them (tests/test_rdf_nt.py checks that against rdflib for any text), so a triple is a tuple of
three strings and a graph's text is their concatenation. `term()` turns one back into an rdflib
term where rdflib is wanted.
"""
from __future__ import annotations

import contextlib
import re

from rdflib import Literal, URIRef

_BAD_IRI = re.compile(r'[<>" {}|\\^`]')  # what rdflib refuses to write in an IRI


def iri(value: str) -> str:
    """`<value>`; raises ValueError for what is not an IRI (as rdflib's writer does)."""
    if _BAD_IRI.search(value):
        raise ValueError(f'"{value}" does not look like a valid IRI')
    return f"<{value}>"


@contextlib.contextmanager
def lexical_literals():
    """rdflib keeps each literal's lexical form as written while the block runs ("none"^^xsd:boolean
    stays "none", not "false"; "01"^^xsd:integer stays "01"), so a validator sees the ill-typed
    literal the data holds. rdflib normalises them by default, a process-wide setting."""
    import rdflib

    before = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = before


def web_iri(url: str | None) -> str | None:
    """The IRI term of a URL found in a release (its source, a link, an attachment), or None when
    it is no absolute http(s) URL that a strict IRI parser (Oxigraph's, the store's) takes."""
    from pyoxigraph import NamedNode

    from ..extract.keys import web_url

    clean = web_url(url)
    if clean is None:
        return None
    try:
        NamedNode(clean)
    except ValueError:
        return None
    return iri(clean)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'


def literal(value: str | int, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal's N-Triples text; `datatype` is an IRI term (`<…>`)."""
    text = _quote(str(value))
    if lang:
        return f"{text}@{lang}"
    if datatype:
        return f"{text}^^{datatype}"
    return text


class Namespace:
    """`NS.name` and `NS["name"]` give the IRI term `<base + name>`, made once per name."""

    def __init__(self, base: str):
        self._base = base

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        value = iri(self._base + name)
        setattr(self, name, value)  # the next look-up is a plain attribute
        return value

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)


_LITERAL = re.compile(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$', re.S)
_UNESCAPE = re.compile(r"\\(.)", re.S)
_ESCAPES = {"n": "\n", "r": "\r", '"': '"', "\\": "\\", "t": "\t"}


def value(term: str) -> str:
    """The lexical value of a literal term, or the IRI of an IRI term."""
    if term.startswith("<"):
        return term[1:-1]
    m = _LITERAL.match(term)
    if m is None:
        raise ValueError(f"not an N-Triples literal: {term!r}")
    return _UNESCAPE.sub(lambda e: _ESCAPES.get(e.group(1), e.group(0)), m.group(1))


def term(text: str) -> URIRef | Literal:
    """An rdflib term from its N-Triples text."""
    if text.startswith("<"):
        return URIRef(text[1:-1])
    m = _LITERAL.match(text)
    if m is None:
        raise ValueError(f"not an N-Triples term: {text!r}")
    return Literal(value(text), lang=m.group(2), datatype=URIRef(m.group(3)) if m.group(3) else None)


def n3(text: str) -> str:
    """rdflib's `.n3()` of the term (its N3 form differs from N-Triples for a text with a line break)."""
    if text.startswith("<") or "\\n" not in text:
        return text
    return term(text).n3()


def lines(triples) -> str:
    """Triples of N-Triples terms as N-Triples text, a line each."""
    return "".join([f"{s} {p} {o} .\n" for s, p, o in triples])
