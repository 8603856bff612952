"""Compacted JSON-LD written node by node from the shipped context's term definitions.

A general JSON-LD processor (PyLD) expands the whole dataset, then compacts it: at 1k releases
it does not finish in minutes. The shipped context is simple (prefixes, terms with an @id, a
type coercion, a language container), so the compact form of a node follows from the terms
alone, and each node is written as soon as its triples are read, graph by graph.

Each value goes under the term that reads it back as the same RDF term, else under the compact
IRI of its predicate in expanded value form:
- an IRI under a term typed @id as a plain string, else as {"id": …};
- a language-tagged string under a term with a @language container as {lang: text}, else as
  {"@value": …, "@language": …};
- an xsd:string under a term with no type and no container as a plain string;
- another typed literal under a term coerced to its datatype as its lexical form, else as
  {"@value": …, "@type": …}; rdf:type values go under "type", as class terms or compact IRIs.
IRIs are compacted with the context's prefixes where the result reads back as the same IRI.
The tests expand the output with PyLD and compare it as RDF with the store.

Layout: the context, then "@graph" with one object per named graph ({"id": G, "@graph": [...]}),
one node per line, in the order of the sorted N-Triples lines (subjects in IRI order).
"""
from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO

import pyoxigraph as ox

from ..config import CONTEXT_FILE
from ..errors import KgError

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
GEN_DELIMS = tuple(":/?#[]@")
TERM_KEYS = {"@id", "@type", "@container"}


@dataclass(frozen=True)
class Term:
    name: str
    iri: str
    type: str | None = None        # "@id", or the IRI of a datatype
    container: str | None = None   # "@language" or None


class Context:
    """The term definitions of a JSON-LD 1.1 context limited to what the shipped context uses.

    Anything else (@vocab, @base, a default @language, @reverse, scoped contexts…) is refused
    rather than written wrongly.
    """

    def __init__(self, context: dict):
        self.document = context
        body = context["@context"]
        if not isinstance(body, dict):
            raise KgError("the JSON-LD context must be one object")
        unsupported = set(k for k in body if k.startswith("@")) - {"@version"}
        if unsupported:
            raise KgError(f"the JSON-LD writer does not handle {sorted(unsupported)} in the context")
        self.prefixes: dict[str, str] = {}
        self.aliases: dict[str, str] = {}   # keyword -> alias ("@id" -> "id")
        raw: dict[str, dict] = {}
        for name, value in body.items():
            if name.startswith("@"):
                continue
            if ":" in name:
                raise KgError(f"the JSON-LD writer does not handle the term {name!r} (a colon in a term)")
            if isinstance(value, str):
                if value.startswith("@"):
                    self.aliases[value] = name
                    continue
                value = {"@id": value}
                if value["@id"].endswith(GEN_DELIMS) and ":" in value["@id"]:
                    self.prefixes[name] = value["@id"]
            if not isinstance(value, dict) or set(value) - TERM_KEYS or value.get("@container") not in (None, "@language"):
                raise KgError(f"the JSON-LD writer does not handle the definition of {name!r}: {value!r}")
            raw[name] = value
        self.names = set(raw) | set(self.aliases.values())
        self._any_namespace = re.compile("|".join(re.escape(ns) for ns in self.prefixes.values()) or "(?!)")
        self.id_key = self.aliases.get("@id", "@id")
        self.type_key = self.aliases.get("@type", "@type")
        self.terms: dict[str, list[Term]] = {}
        self.classes: dict[str, str] = {}   # IRI -> a simple term usable as a type value
        for name, value in sorted(raw.items(), key=lambda kv: (len(kv[0]), kv[0])):
            kind = value.get("@type")
            term = Term(name, self._expand(value["@id"]),
                        kind if kind in (None, "@id") else self._expand(kind), value.get("@container"))
            self.terms.setdefault(term.iri, []).append(term)
            if term.type is None and term.container is None:
                self.classes.setdefault(term.iri, name)

    def _expand(self, value: str) -> str:
        prefix, colon, suffix = value.partition(":")
        if colon and prefix in self.prefixes and not suffix.startswith("//"):
            return self.prefixes[prefix] + suffix
        if not colon:
            raise KgError(f"the JSON-LD writer cannot expand {value!r} in the context")
        return value

    @lru_cache(maxsize=65536)  # noqa: B019 - one Context per process
    def compact_iri(self, iri: str, vocab: bool = False) -> str:
        """The shortest form of an IRI that expands back to it (a class term only where vocab)."""
        if vocab and iri in self.classes:
            return self.classes[iri]
        if self._any_namespace.match(iri) is None:
            return self._absolute(iri)
        best = None
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and len(iri) > len(namespace):
                suffix = iri[len(namespace):]
                candidate = f"{prefix}:{suffix}"
                if suffix.startswith("//") or candidate in self.names:
                    continue
                if best is None or (len(candidate), candidate) < (len(best), best):
                    best = candidate
        return best if best is not None else self._absolute(iri)

    def _absolute(self, iri: str) -> str:
        scheme = iri.partition(":")[0]
        if scheme in self.prefixes or (scheme in self.names and not iri.partition(":")[2].startswith("//")):
            raise KgError(f"the IRI {iri} would read back as a compact IRI with the context's {scheme!r}")
        return iri

    def term_for(self, predicate: str, kind: str, datatype: str | None = None) -> Term | None:
        """The first term for the predicate that reads back a value of this kind as it is."""
        for term in self.terms.get(predicate, ()):
            if kind == "iri" and term.type == "@id" and term.container is None:
                return term
            if kind == "lang" and term.container == "@language" and term.type is None:
                return term
            if kind == "typed" and term.type == datatype and term.container is None:
                return term
        return None

    def plain_term(self, predicate: str) -> Term | None:
        """A term with neither type nor container: it reads any value in expanded form."""
        for term in self.terms.get(predicate, ()):
            if term.type is None and term.container is None:
                return term
        return None


@lru_cache(maxsize=1)
def context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def shipped() -> Context:
    return Context(context())


class NodeWriter:
    """Turns one subject's triples into a compacted node object."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._keys: dict[tuple, tuple[str, str]] = {}

    def _slot(self, predicate: str, kind: str, datatype: str | None) -> tuple[str, str]:
        """(key, how) for a value: how is "string", "langmap", "id", "value" or "type"."""
        ck = (predicate, kind, datatype)
        if ck in self._keys:
            return self._keys[ck]
        ctx = self.ctx
        if predicate == RDF_TYPE and kind == "iri":
            slot = (ctx.type_key, "type")
        else:
            term = ctx.term_for(predicate, kind, datatype)
            if term is not None:
                slot = (term.name, {"iri": "string", "lang": "langmap", "typed": "string"}[kind])
            else:
                plain = ctx.plain_term(predicate)
                key = plain.name if plain is not None else ctx.compact_iri(predicate, vocab=True)
                slot = (key, "string" if kind == "string" else "id" if kind == "iri" else "value")
        self._keys[ck] = slot
        return slot

    def node(self, subject: ox.NamedNode | ox.BlankNode, triples: Iterable[ox.Triple]) -> dict:
        ctx = self.ctx
        props: dict[str, object] = {}
        keys, slot, compact = self._keys, self._slot, ctx.compact_iri
        for triple in triples:
            obj = triple.object
            kind_of = type(obj)
            if kind_of is ox.Literal:
                language = obj.language
                if language:
                    kind, datatype = "lang", None
                else:
                    datatype = obj.datatype.value
                    kind, datatype = ("string", None) if datatype == XSD_STRING else ("typed", datatype)
            elif kind_of is ox.NamedNode:
                kind, datatype, language = "iri", None, None
            elif kind_of is ox.BlankNode:
                raise KgError("the JSON-LD writer does not write blank nodes", hint="the store has none by design")
            else:
                raise KgError(f"the JSON-LD writer cannot write {obj!r}")
            predicate = triple.predicate.value
            key, how = keys.get((predicate, kind, datatype)) or slot(predicate, kind, datatype)
            if how == "langmap":
                props.setdefault(key, {}).setdefault(language, []).append(obj.value)
                continue
            if how == "string":
                value = compact(obj.value) if kind == "iri" else obj.value
            elif how == "type":
                value = compact(obj.value, True)
            elif how == "id":
                value = {ctx.id_key: compact(obj.value)}
            elif language:
                value = {"@value": obj.value, "@language": language}
            else:
                value = {"@value": obj.value, "@type": compact(datatype, True)}
            props.setdefault(key, []).append(value)
        node: dict[str, object] = {ctx.id_key: _subject(ctx, subject)}
        if ctx.type_key in props:
            node[ctx.type_key] = _one(props.pop(ctx.type_key))
        for key in sorted(props):
            values = props[key]
            if isinstance(values, dict):
                node[key] = {lang: _one(values[lang]) for lang in sorted(values)}
            else:
                node[key] = _one(values)
        return node


def _subject(ctx: Context, subject) -> str:
    if isinstance(subject, ox.NamedNode):
        return ctx.compact_iri(subject.value)
    raise KgError("the JSON-LD writer does not write blank nodes", hint="the store has none by design")


def _one(values: list):
    return values[0] if len(values) == 1 else values


@lru_cache(maxsize=1)
def _writer() -> NodeWriter:
    return NodeWriter(shipped())


def graph_text(graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> str:
    """One named graph as a graph object, one node per line; "" for a graph with no triples.

    The triples come grouped by subject (sorted N-Triples lines are).
    """
    writer = _writer()
    dumps = _dumps
    nodes = [dumps(writer.node(subject, group)) for subject, group in itertools.groupby(triples, key=_subject_of)]
    if not nodes:
        return ""
    ctx = writer.ctx
    return ("{" + dumps(ctx.id_key) + ": " + dumps(ctx.compact_iri(graph.value)) + ', "@graph": [\n'
            + ",\n".join(nodes) + "\n]}")


def triples_document(ntriples: bytes) -> str:
    """A document of triples (a CONSTRUCT's answer, as N-Triples): the shipped context, then one node
    per subject in IRI order, the same triple once."""
    lines = sorted(set(ntriples.splitlines(keepends=True)))
    triples = ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)
    writer = _writer()
    nodes = [_dumps(writer.node(subject, group)) for subject, group in itertools.groupby(
        (q.triple if isinstance(q, ox.Quad) else q for q in triples), key=_subject_of)]
    return ('{"@context": ' + _dumps(context()["@context"]) + ',\n"@graph": [\n' + ",\n".join(nodes) + "\n]}\n")


def write_document(graph_texts: Iterable[bytes], out: BinaryIO) -> None:
    """The document: the shipped context, then the graph objects (UTF-8 text from graph_text)."""
    out.write(('{"@context": ' + _dumps(context()["@context"]) + ',\n"@graph": [').encode("utf-8"))
    first = True
    for text in graph_texts:
        if text:
            out.write(b"\n" if first else b",\n")
            out.write(text)
            first = False
    out.write(b"\n]}\n")


def _subject_of(triple: ox.Triple):
    return triple.subject


_dumps = json.JSONEncoder(ensure_ascii=False).encode
