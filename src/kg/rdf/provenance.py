"""Where each fact of a release graph was read: lean Web Annotations, in plain RDF 1.1.

Every fact read from the text is traced to its words, with as few triples as the facts allow.
The facts of one node read from the same words share one annotation, which names the node, the
predicates and, only where the node has other values of a predicate read elsewhere, the values:

    <…/release/R/annotation/9f…> kg:about <…/meeting/jp-us-ied/6> ;
        kg:property rdf:type, schema:name, schema:superEvent, cv:eventNumber ;
        oa:hasTarget <…/release/R/span/120-141> .
    <…/release/R/span/120-141> oa:hasSource <…/release/R> ;
        oa:hasSelector <…/release/R/span/120-141/selector> .
    <…/release/R/span/120-141/selector> oa:start 120 ; oa:end 141 ; oa:exact "第6回日米…" .
    <…/release/R> kg:sourceText "…" .

An annotation traces every triple of its graph whose subject is its kg:about, whose predicate
is one of its kg:property and, when it lists kg:value, whose object is one of those values:

    GRAPH ?g { ?a kg:about ?s ; kg:property ?p ; oa:hasTarget ?span . ?s ?p ?o .
               FILTER(NOT EXISTS { ?a kg:value ?v } || EXISTS { ?a kg:value ?o }) }

The mapping makes each annotation exact: a predicate is listed without values only when every
value the node has for it in the graph was read from those words. A topic link (dct:subject)
found by matching words has an annotation of its own, motivated by oa:classifying and naming the
label that matched (kg:matchedLabel). No rdf:type is stored for annotations, spans or selectors:
the ontology declares them by the domains of these properties (kg:about: oa:Annotation;
oa:hasSource: oa:SpecificResource; oa:start/oa:end: oa:TextPositionSelector; oa:exact:
oa:TextQuoteSelector), and the shapes find them by their properties. A selector is both a
position and a quote selector. The release's text is stored once (kg:sourceText, the text the
offsets count characters of), so the sentence around a span (`sentence_context`) is read from it
rather than stored with every span as oa:prefix and oa:suffix.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..extract.keys import digest
from ..model import Span
from . import nt
from .vocab import DCTERMS as _DCTERMS, KG as _KG, OA as _OA, XSD as _XSD

Triple = tuple[str, str, str]  # N-Triples terms
KG, OA, XSD = nt.Namespace(str(_KG)), nt.Namespace(str(_OA)), nt.Namespace(str(_XSD))
SUBJECT = nt.iri(str(_DCTERMS.subject))


class Provenance:
    """Collects, for one release, which words each fact was read from; `lines` writes them."""

    def __init__(self, release_node: str, text: str):
        self.node = release_node
        self.base = release_node[1:-1]
        self.text = text
        self.sources: dict[Triple, dict[Span, None]] = {}  # fact -> its spans, in order
        self.classified: dict[Triple, tuple[dict[Span, None], dict[str, None]]] = {}  # topic link -> spans, labels
        self.quotes: dict[Span, str] = {}  # span -> its words

    def trace(self, fact: Triple, span: Span) -> None:
        """`fact` was read from the words at `span` of the release text."""
        self.sources.setdefault(fact, {})[span] = None
        self.quotes[span] = span.quote(self.text)

    def classify(self, fact: Triple, span: Span, quote: str, label: str) -> None:
        """The topic link `fact` was made because the words `quote` at `span` match the scheme's `label` (a term)."""
        spans, labels = self.classified.setdefault(fact, ({}, {}))
        spans[span] = None
        labels[label] = None
        self.quotes.setdefault(span, quote)

    def lines(self, facts: list[Triple]) -> list[Triple]:
        """The provenance triples for the graph whose facts are `facts` (the traced ones among them)."""
        values: dict[tuple[str, str], set[str]] = defaultdict(set)
        for s, p, o in facts:
            values[(s, p)].add(o)
        present = set(facts)
        out: dict[Triple, None] = {}
        groups: dict[tuple[str, tuple[Span, ...]], dict[str, list[str]]] = {}
        for (s, p, o), spans in self.sources.items():
            groups.setdefault((s, tuple(sorted(spans, key=_order))), {}).setdefault(p, []).append(o)
        for (s, spans), props in groups.items():
            whole = [p for p, objs in props.items() if set(objs) == values[(s, p)]]
            part = {p: objs for p, objs in props.items() if p not in whole}
            if whole:
                self._annotation(out, s, whole, (), spans)
            for chosen, objs in _exact_parts(s, part, present):
                self._annotation(out, s, chosen, objs, spans)
        for (s, p, o), (spans, labels) in self.classified.items():
            node = self._annotation(out, s, [p], [o], tuple(sorted(spans, key=_order)))
            out[(node, OA.motivatedBy, OA.classifying)] = None
            for label in labels:
                out[(node, KG.matchedLabel, label)] = None
        if self.quotes:
            out[(self.node, KG.sourceText, nt.literal(self.text))] = None
        for span in sorted(self.quotes, key=_order):
            self._span(out, span)
        return list(out)

    def _annotation(self, out: dict, s: str, props, objs, spans: tuple[Span, ...]) -> str:
        key = " ".join([s, *sorted(props), "|", *sorted(objs), "|", *(f"{x.start}-{x.end}" for x in spans)])
        node = f"<{self.base}/annotation/{digest(key, 16)}>"
        out[(node, KG.about, s)] = None
        for p in props:
            out[(node, KG.property, p)] = None
        for o in objs:
            out[(node, KG.value, o)] = None
        for span in spans:
            out[(node, OA.hasTarget, self._span_iri(span))] = None
        return node

    def _span_iri(self, span: Span) -> str:
        return f"<{self.base}/span/{span.start}-{span.end}>"

    def _span(self, out: dict, span: Span) -> None:
        node = self._span_iri(span)
        selector = f"{node[:-1]}/selector>"
        out[(node, OA.hasSource, self.node)] = None
        out[(node, OA.hasSelector, selector)] = None
        out[(selector, OA.start, nt.literal(span.start, datatype=XSD.integer))] = None
        out[(selector, OA.end, nt.literal(span.end, datatype=XSD.integer))] = None
        out[(selector, OA.exact, nt.literal(self.quotes[span]))] = None


def orphaned(triples: list[Triple], dropped: set[Triple]) -> set[Triple]:
    """The provenance triples that go with the facts `dropped` from a release graph: annotations that
    then trace no fact, values that name a fact no longer there, and spans no annotation points at."""
    kept: dict[tuple[str, str], set[str]] = defaultdict(set)  # (subject, predicate) -> objects still there
    for s, p, o in triples:
        if (s, p, o) not in dropped:
            kept[(s, p)].add(o)
    notes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    spans: dict[str, list[Triple]] = defaultdict(list)  # span -> its triples and its selector's
    for s, p, o in triples:
        if p in (KG.about, KG.property, KG.value, OA.hasTarget, OA.motivatedBy, KG.matchedLabel):
            notes[s][p].append(o)
        elif p in (OA.hasSource, OA.hasSelector):
            spans[s].append((s, p, o))
    selectors = {o: s for s, pos in spans.items() for (_s, p, o) in pos if p == OA.hasSelector}
    for s, p, o in triples:
        if s in selectors:
            spans[selectors[s]].append((s, p, o))
    gone: set[Triple] = set()
    kept_targets: set[str] = set()
    for note, props in notes.items():
        about = props[KG.about][0] if props[KG.about] else None
        values = props[KG.value]
        there = set().union(*(kept[(about, p)] for p in props[KG.property])) if props[KG.property] else set()
        live = [v for v in values if v in there]
        traces = bool(live) if values else bool(there)
        if not traces:
            gone |= {(note, p, o) for p, objs in props.items() for o in objs}
            continue
        gone |= {(note, KG.value, v) for v in values if v not in live}
        kept_targets.update(props[OA.hasTarget])
    for span, its in spans.items():
        if span not in kept_targets:
            gone.update(its)
    return gone


def _order(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _exact_parts(s: str, part: dict[str, list[str]], present: set[Triple]):
    """The partly traced predicates of one node as few (predicates, values) pairs as keep each exact:
    all together when no other (predicate, value) combination of them is in the graph, else one each."""
    if not part:
        return []
    objs = list(dict.fromkeys(o for values in part.values() for o in values))
    if all((s, p, o) not in present or o in values for p, values in part.items() for o in objs):
        return [(list(part), objs)]
    return [([p], values) for p, values in part.items()]


_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?=\s)")


def sentence_context(text: str, span: Span, limit: int = 160) -> tuple[str, str]:
    """The words before and after a span up to the ends of its sentence (at most `limit` characters
    each way), so prefix + exact + suffix is the sentence the fact came from."""
    begin = max(span.start - limit, 0)
    before = text[begin:span.start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    prefix = before[ends[-1]:] if ends else before
    after = text[span.end:span.end + limit]
    if span.end > span.start and _SENTENCE_END.fullmatch(text[span.end - 1]):
        return prefix.lstrip(), ""  # the span already ends its sentence
    stop = _SENTENCE_END.search(after)
    suffix = after[:stop.end()] if stop else after
    return prefix.lstrip(), suffix.rstrip("\n")
