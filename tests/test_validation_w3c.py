"""The W3C SHACL Core test suite, run through kg's own validation call (`kg.validation.validate_text`,
N-Triples in, as the build calls it) with each engine: the results each reports are those the
suite expects.

The suite (tests/w3c/core, with its manifests) is the W3C Data Shapes Working Group's, under the
W3C Software and Document License (tests/w3c/LICENSE.md); it is taken from the pyshacl 0.40.1
source distribution, which ships it. A result is compared by focus node, path, value, source
shape, constraint component and severity (not its message), with blank nodes and literals as
"_:" (their labels differ from parse to parse); results nested under another (sh:detail) are not
part of a report the suite expects.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import Namespace

from kg.validation import validate_text

CORE = Path(__file__).parent / "w3c" / "core"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# Tests an engine fails even when called as the suite expects (its own shortcoming, not kg's).
KNOWN = {
    ("pyshacl", "core/path/path-complex-002"): "pyshacl reports one result where the suite expects two",
}


def entries(manifest: Path = CORE / "manifest.ttl") -> list[tuple[str, Path, Path, Graph, object]]:
    g = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    found = []
    for included in g.objects(None, MF.include):
        found += entries(Path(str(included).removeprefix("file://")))
    for listed in g.objects(None, MF.entries):
        for entry in Collection(g, listed):
            if (entry, RDF.type, SHT.Validate) not in g:
                continue
            action = g.value(entry, MF.action)
            data = Path(str(g.value(action, SHT.dataGraph)).removeprefix("file://"))
            shapes = Path(str(g.value(action, SHT.shapesGraph)).removeprefix("file://"))
            name = str(entry).removeprefix("file://").removesuffix(".ttl")
            found.append((str(Path(name).relative_to(CORE.parent)), data, shapes, g, g.value(entry, MF.result)))
    return sorted(found, key=lambda e: e[0])


def shown(term) -> str:
    return str(term) if isinstance(term, URIRef) else "_:"


IRI = __import__("re").compile(r"^[A-Za-z][\w+.-]*:[^\s\"<>]*$")


def _kind(text: str) -> str:
    """An IRI as it is; a blank node label or a literal (in either engine's spelling) as "_:"."""
    return text if IRI.match(text) and not text.startswith("_:") else "_:"


def expected(g: Graph, report) -> tuple[bool, Counter]:
    conforms = bool(g.value(report, SH.conforms).toPython())
    found = Counter()
    for r in g.objects(report, SH.result):
        value = g.value(r, SH.value)
        found[(shown(g.value(r, SH.focusNode)), shown(g.value(r, SH.resultPath)) if g.value(r, SH.resultPath) else "",
               shown(value) if value is not None else "", shown(g.value(r, SH.sourceShape)),
               str(g.value(r, SH.sourceConstraintComponent)), _local(str(g.value(r, SH.resultSeverity))))] += 1
    return conforms, found


def actual(report) -> Counter:
    return Counter((_kind(v.focus), _kind(v.path) if v.path else "", _kind(v.value) if v.value else "", _kind(v.shape),
                    v.component, _local(v.severity)) for v in report.violations if not v.detail)


def _local(iri: str) -> str:
    """A severity's local name (kg keeps "Violation", "Warning" or a custom one's name)."""
    return iri.replace("/", "#").rsplit("#", 1)[-1]


def ntriples(path: Path) -> str:
    """The data graph as N-Triples, every literal as written (Oxigraph does not rewrite them)."""
    quads = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())
    return ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


ENTRIES = entries()


def test_the_suite_is_all_there():
    assert len(ENTRIES) >= 98


@pytest.mark.parametrize("engine", ["shacl", "pyshacl"])
@pytest.mark.parametrize("entry", ENTRIES, ids=[e[0] for e in ENTRIES])
def test_each_engine_passes_the_w3c_core_suite_through_kgs_call(engine, entry):
    if engine == "pyshacl":
        pytest.importorskip("pyshacl")
    name, data, shapes, manifest, report = entry
    if (engine, name) in KNOWN:
        pytest.xfail(KNOWN[(engine, name)])
    shapes_text = ox.serialize(ox.parse(path=str(shapes), format=ox.RdfFormat.TURTLE, base_iri=shapes.as_uri()),
                               format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    got = validate_text(ntriples(data), "t", engine=engine, shapes=shapes_text)
    conforms, want = expected(manifest, report)
    assert (got.conforms, actual(got)) == (conforms, want)
