"""Lean provenance (kg.rdf.provenance): every traced fact, and only those, read back from the annotations.

An annotation traces the facts of its graph whose subject is its kg:about, whose predicate is
one of its kg:property and, when it lists kg:value, whose object is one of those values. Here
the facts the annotations trace are worked out that way and compared with the facts the mapping
said it read from the text, with their spans, on hand-made facts and on a sample of the
synthetic benchmark corpus; and the provenance costs at most 3 triples per fact there.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from kg.extract import extract_release
from kg.ingest import read_source
from kg.model import Span
from kg.rdf import nt
from kg.rdf.mapping import mapped
from kg.rdf.provenance import KG, OA, Provenance
from stores import knowledge

ROOT = Path(__file__).parents[1]
REL = "<https://kg.example.org/release/r>"
M, ORG1, ORG2, PART = (f"<https://kg.example.org/{x}>" for x in ("meeting/m", "org/a", "org/b", "meeting/m/part/a"))
P = {name: f"<https://kg.example.org/ns#{name}>" for name in ("name", "attendee", "participation", "role", "level")}


def traced(triples: list[tuple[str, str, str]]) -> dict[tuple, set[tuple[int, int]]]:
    """fact -> the (start, end) of its spans, as a reader of the graph works them out."""
    by = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by[s][p].append(o)
    facts = {(s, p, o) for s, p, o in triples}
    out: dict[tuple, set[tuple[int, int]]] = defaultdict(set)
    for a in [s for s in by if KG.about in by[s]]:
        [node] = by[a][KG.about]
        values = set(by[a].get(KG.value, []))
        spans = set()
        for target in by[a][OA.hasTarget]:
            [selector] = by[target][OA.hasSelector]
            spans.add((int(nt.value(by[selector][OA.start][0])), int(nt.value(by[selector][OA.end][0]))))
        for p in by[a][KG.property]:
            for o in by[node].get(p, []):
                if (not values or o in values) and (node, p, o) in facts:
                    out[(node, p, o)] |= spans
    return out


def test_whole_and_partly_traced_predicates_read_back_exactly():
    text = "第1回会合は東京で、A省とB省が出席した。"
    facts = [(M, P["name"], '"会合"'), (M, P["level"], '"局長級"'), (M, P["attendee"], ORG1), (M, P["attendee"], ORG2),
             (M, P["participation"], PART), (PART, P["role"], '"host"')]
    prov = Provenance(REL, text)
    said = {facts[0]: Span(0, 5), facts[2]: Span(9, 11), facts[3]: Span(12, 14), facts[4]: Span(9, 11),
            facts[5]: Span(9, 11)}  # the level is read from nowhere
    for fact, span in said.items():
        prov.trace(fact, span)
    lines = prov.lines(facts)
    assert traced(facts + lines) == {f: {(s.start, s.end)} for f, s in said.items()}
    assert (REL, KG.sourceText, nt.literal(text)) in lines
    # the two attendees, read from different words, each need their value; the name does not
    assert sum(1 for s, p, _o in lines if p == KG.value) == 2


def test_on_the_benchmark_corpus_the_annotations_trace_what_the_mapping_read_and_cost_under_three_triples_a_fact(
        tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    gaz, scheme = knowledge()
    corpus.write(tmp_path, 40, seed=7)
    facts = provenance = releases = 0
    for path in sorted(tmp_path.glob("*.txt")) + sorted(tmp_path.glob("*.html")):
        release = extract_release(read_source(path), gaz)
        rg, data = mapped(release, gaz, scheme)
        prov = rg.provenance.lines(data)
        said = {f: {(s.start, s.end) for s in spans} for f, spans in rg.provenance.sources.items()}
        for f, (spans, _labels) in rg.provenance.classified.items():
            said.setdefault(f, set()).update((s.start, s.end) for s in spans)
        assert said and traced(data + prov) == said
        facts, provenance, releases = facts + len(data), provenance + len(prov), releases + 1
    assert releases == 40
    assert provenance / facts <= 3.0, f"{provenance / facts:.2f} provenance triples per fact"


def test_leaving_facts_out_leaves_their_annotations_and_spans_out_too():
    """kg.pipeline.prune leaves out facts the shapes reject; what traced them goes with them."""
    from kg.rdf.provenance import orphaned

    text = "第1回会合は東京で、A省とB省が出席した。"
    facts = [(M, P["name"], '"会合"'), (M, P["attendee"], ORG1), (M, P["attendee"], ORG2), (M, P["level"], '"x"')]
    prov = Provenance(REL, text)
    prov.trace(facts[0], Span(0, 5))
    prov.trace(facts[1], Span(9, 11))
    prov.trace(facts[2], Span(12, 14))
    prov.trace(facts[3], Span(0, 5))
    triples = facts + prov.lines(facts)
    dropped = {facts[1], facts[3]}  # one attendee, and a fact that shares its words with the name
    kept = [t for t in triples if t not in dropped | orphaned(triples, dropped)]
    assert traced(kept) == {facts[0]: {(0, 5)}, facts[2]: {(12, 14)}}
    spans = {s for s, p, _o in kept if p == OA.hasSource}
    assert spans == {o for _s, p, o in kept if p == OA.hasTarget}  # no span without an annotation, nor the other way
    assert not any(("/span/9-11" in s) for s, _p, _o in kept)
