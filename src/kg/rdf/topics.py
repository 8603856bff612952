"""Topics: link every agenda item and outcome to the concepts of data/topics.ttl, saying why.

`load_scheme()` reads the SKOS concept scheme (checked, skos:narrower completed from
skos:broader). Mapping is given that scheme, as it is given the gazetteer, and `topic_lines` adds
to one release's triples, for each agenda item and outcome, `dct:subject <concept>`, and tells the
release's provenance (kg.rdf.provenance) why: the span of the matched words and the label that
matched, which it writes as a Web Annotation with motivation oa:classifying.

Matching is on NFKC, case-folded text by every prefLabel and altLabel, ja and en: a heading
may name two subjects (サイバーセキュリティ及びIoTセキュリティ). An outcome also takes the concepts
of the agenda item it sits under (the heading's words are the reason), and an agenda item whose
heading names no concept takes those its outcomes name. Pure: only `load_scheme` reads a file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from . import iris, nt
from ..config import BASE, DATA_DIR
from ..errors import ConfigError
from ..extract.textnorm import Norm, nfkc
from ..model import Span
from .provenance import Provenance
from .vocab import DCTERMS, RDF, SKOS, bind_prefixes

SCHEME_FILE = DATA_DIR / "topics.ttl"
SCHEME = iris.iri("topics")
TOPICS_GRAPH = iris.iri("graph", "topics")
_QID = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9]\d*$")


def load_scheme(path: Path = SCHEME_FILE) -> Graph:
    """The concept scheme as a graph named TOPICS_GRAPH; a malformed file raises ConfigError."""
    graph = bind_prefixes(Graph(identifier=TOPICS_GRAPH))
    try:
        graph.parse(path, format="turtle", publicID=BASE)
    except (OSError, SyntaxError, ValueError) as exc:  # rdflib's Turtle errors are SyntaxErrors
        raise ConfigError(f"cannot read the topic scheme: {exc}", where=str(path),
                          hint="it must be Turtle; see the comments at the top of data/topics.ttl") from exc
    for narrower, broader in list(graph.subject_objects(SKOS.broader)):
        graph.add((broader, SKOS.narrower, narrower))
    for broader, narrower in list(graph.subject_objects(SKOS.narrower)):
        graph.add((narrower, SKOS.broader, broader))
    for concept in sorted(graph.subjects(RDF.type, SKOS.Concept)):
        _check_concept(graph, concept, path)
    return graph


def _check_concept(graph: Graph, concept: URIRef, path: Path) -> None:
    def fail(problem: str, hint: str) -> None:
        raise ConfigError(f"concept <{concept}> {problem}", where=str(path), hint=hint)

    if (concept, SKOS.inScheme, SCHEME) not in graph:
        fail("is not in the scheme", f"add `skos:inScheme <{SCHEME.removeprefix(BASE)}>`")
    for lang in ("ja", "en"):
        labels = [o for o in graph.objects(concept, SKOS.prefLabel) if o.language == lang]
        if len(labels) != 1 or not str(labels[0]).strip():
            fail(f"has {len(labels)} prefLabel@{lang}", f"give it exactly one non-empty prefLabel \"…\"@{lang}")
    for other in graph.objects(concept, SKOS.broader):
        if (other, RDF.type, SKOS.Concept) not in graph:
            fail(f"has a broader concept <{other}> that the scheme does not define", "define it or fix the name")
    for link in graph.objects(concept, SKOS.exactMatch):
        if str(link).startswith("http://www.wikidata.org/") and not _QID.match(str(link)):
            fail(f"links to {link}, which is not a Wikidata item IRI", "write wd:Q… with a verified QID")


@dataclass(frozen=True)
class Match:
    concept: URIRef
    label: Literal  # the scheme's label that matched
    quote: str  # the matched words as the release prints them
    span: Span | None  # where they stand (offsets of the release text), when known


class Matcher:
    """Finds the concepts whose labels a text contains."""

    def __init__(self, scheme: Graph):
        labels: dict[tuple[str, URIRef], Literal] = {}
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for concept, label in scheme.subject_objects(prop):
                key = fold(str(label))
                if key and (concept, RDF.type, SKOS.Concept) in scheme:
                    labels.setdefault((key, concept), label)
        # Longest labels first: a label inside a longer one of another concept gives way to it.
        self.labels = sorted(((k, c, lab) for (k, c), lab in labels.items()), key=lambda t: (-len(t[0]), t[0], t[1]))
        # Labels by their first two characters: a text is searched only for labels whose start it holds.
        self._by_head: dict[str, list[int]] = {}
        for i, (key, _c, _l) in enumerate(self.labels):
            self._by_head.setdefault(key[:2], []).append(i)

    def find(self, text: str, offset: int = 0) -> list[Match]:
        """Matches in `text`, which starts at `offset` of the release text; in text order."""
        folded = fold(text)
        heads = {folded[i:i + 2] for i in range(len(folded))}
        candidates = [self.labels[i] for i in sorted({j for h in heads for j in self._by_head.get(h, ())})]
        candidates = [c for c in candidates if c[0] in folded]
        if not candidates:
            return []
        # Offsets back to the release text, through NFKC (most text is NFKC already) and case folding.
        norm = _Plain(text, offset) if nfkc(text) == text else Norm(text, offset)
        folded, origin = _fold_with_map(norm.text)
        taken: list[tuple[int, int, URIRef, Literal]] = []
        for key, concept, label in candidates:
            for start in _occurrences(folded, key):
                end = start + len(key)
                if _whole_word(norm.text, origin, start, end) and not any(
                        s <= start and end <= e for s, e, *_ in taken):
                    taken.append((start, end, concept, label))
        return [Match(c, label, norm.quote(origin[s], origin[e - 1] + 1), norm.span(origin[s], origin[e - 1] + 1))
                for s, e, c, label in sorted(taken)]


@dataclass
class _Plain:
    """A text that NFKC leaves as it is: offsets need no map (the fast path of textnorm.Norm)."""

    text: str
    offset: int

    def span(self, start: int, end: int) -> Span:
        return Span(self.offset + start, self.offset + end)

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]


def fold(text: str) -> str:
    """The matching form of a text: NFKC, case-folded."""
    return nfkc(text).casefold()


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """Case-fold an NFKC text; origin[i] is the NFKC offset that folded character i came from."""
    parts, origin = [], []
    for i, ch in enumerate(text):
        piece = ch.casefold()
        parts.append(piece)
        origin.extend([i] * len(piece))
    return "".join(parts), origin


def _occurrences(text: str, key: str):
    start = text.find(key)
    while start >= 0:
        yield start
        start = text.find(key, start + 1)


def _whole_word(text: str, origin: list[int], start: int, end: int) -> bool:
    """ASCII letters and digits at a label's edge must not run on into a word ("AI" in "said", "MAINTAIN").

    Acronyms glued in damaged text still match where the case changes show the seam: "IoTAI" is
    IoT (mixed case) then AI (after the lower-case o of IoT).
    """
    first, last = origin[start], origin[end - 1]
    words = text[first:last + 1]
    before = text[first - 1] if first > 0 else ""
    beyond = text[first - 2] if first > 1 else ""
    after = text[last + 1] if last + 1 < len(text) else ""
    left = _edge_ok(before, text[first]) or (before.isupper() and text[first].isupper() and beyond.islower())
    right = _edge_ok(after, text[last]) or (after.isupper() and text[last].isupper() and words != words.upper())
    return left and right


def _edge_ok(outside: str, inside: str) -> bool:
    return not (outside.isascii() and outside.isalnum() and inside.isascii() and inside.isalnum())


_MATCHERS: dict[int, tuple[Graph, Matcher]] = {}


def _matcher(scheme: Graph) -> Matcher:
    """One matcher per scheme object (rdflib graphs compare by name, so not lru_cache)."""
    held = _MATCHERS.get(id(scheme))
    if held is None or held[0] is not scheme:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        held = _MATCHERS[id(scheme)] = (scheme, Matcher(scheme))
    return held[1]


@dataclass(frozen=True)
class Entry:
    """An agenda item or outcome to match, with the words to read: its traced span, else its value."""

    node: str  # N-Triples IRI term
    outcome: bool  # an outcome (else an agenda item)
    text: str
    start: int | None  # where `text` starts in the release; None when no span is recorded
    source: str | None  # the release (IRI term) the span belongs to
    topic: str | None = None  # an outcome's agenda item


def topic_lines(entries: list[Entry], scheme: Graph, provenance: Provenance | None = None) -> list[tuple[str, str, str]]:
    """The triples (N-Triples terms) that link a release's agenda items and outcomes to the concepts of
    `scheme`, in a stable order; each link's reason (the matched words, where they stand and the label)
    goes to `provenance`. Pure: the same entries give the same answer.
    """
    matcher = _matcher(scheme)
    found = {e.node: _matches(matcher, e) for e in sorted(entries, key=lambda e: e.node[1:-1])}
    items = {e.node: found[e.node] for e in sorted(entries, key=lambda e: e.node[1:-1]) if not e.outcome}
    outcomes = sorted((e for e in entries if e.outcome), key=lambda e: e.node[1:-1])
    under: dict[str, list[str]] = {}
    for out in outcomes:
        if out.topic is not None:
            under.setdefault(out.topic, []).append(out.node)
    added: dict[tuple[str, str, str], None] = {}  # an ordered set
    for out in outcomes:
        inherited = items.get(out.topic, []) if out.topic is not None else []
        _link(added, provenance, out.node, found[out.node] + inherited)
    for item, matches in items.items():
        _link(added, provenance, item, matches or [m for out in under.get(item, []) for m in found[out]])
    return list(added)


def _matches(matcher: Matcher, entry: Entry) -> list[tuple[Match, str | None]]:
    found = matcher.find(entry.text, entry.start or 0)
    if entry.start is None:
        found = [Match(m.concept, m.label, m.quote, None) for m in found]
    return [(m, entry.source) for m in found]


_SUBJECT = nt.iri(str(DCTERMS.subject))
_LABELS: dict[Literal, str] = {}


def _label_term(label: Literal) -> str:
    text = _LABELS.get(label)
    if text is None:
        text = _LABELS[label] = nt.literal(str(label), lang=label.language,
                                           datatype=nt.iri(str(label.datatype)) if label.datatype else None)
    return text


def _link(added: dict, provenance: Provenance | None, node: str, matches: list[tuple[Match, str | None]]) -> None:
    for match, source in matches:
        fact = (node, _SUBJECT, nt.iri(str(match.concept)))
        added[fact] = None
        if provenance is not None and match.span is not None and source is not None:
            provenance.classify(fact, match.span, match.quote, _label_term(match.label))
