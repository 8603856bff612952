"""Golden cases: an input release and its expected graph, compared by isomorphism.

Each folder under tests/cases/ with a release file (NAME.txt or NAME.html, optional NAME.meta.json)
and NAME.expected.trig is one case. On failure the test prints the triples missing and unexpected.
Refresh the expected graphs after an intended change with `pytest tests/test_rdf_mapping_golden.py --generate-snapshots`
and read the diff before committing it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.extract import extract_release
from kg.ingest import read_source
from kg.rdf.mapping import graph_for_release
from stores import knowledge

CASES = Path(__file__).parent / "cases"
SOURCES = sorted(p for p in CASES.glob("*/*") if p.suffix in (".txt", ".html"))


def expected_path(source: Path) -> Path:
    return source.with_name(source.stem + ".expected.trig")


def build_graph(source: Path) -> Graph:
    gaz, scheme = knowledge()
    return graph_for_release(extract_release(read_source(source), gaz), gaz, scheme)


def read_expected(path: Path) -> Graph:
    ds = Dataset()
    ds.parse(path, format="trig")
    graphs = [g for g in ds.graphs() if len(g)]
    assert len(graphs) == 1, f"{path} should hold exactly one named graph"
    return graphs[0]


def write_expected(path: Path, graph: Graph) -> None:
    ds = Dataset()
    for prefix, ns in graph.namespaces():
        ds.bind(prefix, ns)
    named = ds.graph(graph.identifier)
    for triple in sorted(graph):
        named.add(triple)
    path.write_text(ds.serialize(format="trig"), encoding="utf-8")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_graph(source: Path, request):
    got = build_graph(source)
    expected = expected_path(source)
    if request.config.getoption("--generate-snapshots"):
        write_expected(expected, got)
        pytest.skip(f"wrote {expected}")
    assert expected.exists(), f"no {expected.name}: run pytest with --generate-snapshots, then read the graph"
    want = read_expected(expected)
    if to_isomorphic(got) == to_isomorphic(want):
        return
    _both, missing, unexpected = graph_diff(to_isomorphic(want), to_isomorphic(got))
    lines = [f"{source.name}: the graph differs from {expected.name}",
             f"missing ({len(missing)}):"] + [f"  - {t}" for t in sorted(missing.serialize(format='nt').splitlines())[:60]]
    lines += [f"unexpected ({len(unexpected)}):"] + [f"  + {t}" for t in sorted(unexpected.serialize(format='nt').splitlines())[:60]]
    pytest.fail("\n".join(lines))
