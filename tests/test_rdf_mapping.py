"""Records -> graph -> validation -> store -> saved queries -> exports, on a release built by hand."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.rdf import iris
from kg.rdf.reference import reference_graph
from kg.rdf.vocab import KG, OA, RDF, SCHEMA, XSD
from kg.read.export import export
from kg.read.queries import find_query, run
from kg.store import open_store
from kg.validation import validate_release
from records import TEXT, sample_release
from stores import knowledge, release_graph, write_store


@pytest.fixture(scope="module")
def graph():
    return release_graph(sample_release())


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return open_store(write_store(tmp_path_factory.mktemp("store") / "store", sample_release()), read_only=True)


def rows(store, name, **params):
    return run(store, find_query(name), params)


def test_the_graph_conforms_to_the_shapes(graph):
    reference = reference_graph(*knowledge())
    report = validate_release(graph, reference)
    assert report.conforms, [(v.focus, v.path, v.message) for v in report.violations]


def test_no_blank_nodes(graph):
    from rdflib import BNode
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


def test_every_quote_is_the_text_at_its_offsets(graph):
    quotes = 0
    for target in set(graph.objects(None, OA.hasTarget)):
        [selector] = graph.objects(target, OA.hasSelector)
        start, end = int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end))
        assert TEXT[start:end] == str(graph.value(selector, OA.exact))
        quotes += 1
    assert quotes >= 8
    assert [str(t) for t in graph.objects(None, KG.sourceText)] == [TEXT]  # the text the offsets count into


def test_each_annotation_traces_facts_that_are_in_the_graph(graph):
    """An annotation traces the facts of its node with its predicates (and values, when it lists them)."""
    traced = 0
    for a in set(graph.subjects(KG.about, None)):
        node, values = graph.value(a, KG.about), set(graph.objects(a, KG.value))
        for p in graph.objects(a, KG.property):
            found = [o for o in graph.objects(node, p) if not values or o in values]
            assert found, (a, node, p)
            traced += len(found)
    assert traced >= 20


def test_mapping_is_deterministic():
    a = release_graph(sample_release())
    b = release_graph(sample_release())
    assert isomorphic(a, b) and sorted(a) == sorted(b)


def test_meetings_query(store):
    [row] = rows(store, "meetings")
    assert row["release_url"] == "https://www.example.go.jp/r1.html"
    assert (row["series"], row["ordinal"], row["level"]) == ("テスト対話", 2, "局長級")
    assert (row["start"], row["end"], row["location"]) == ("2020-05-01", "2020-05-02", "東京")


def test_participants_query(store):
    got = {(r["label"], r["mention"], r["country"], r["kind"], r["role"]) for r in rows(store, "participants")}
    assert got == {("総務省", "総務省", "JP", "government", "host"),
                   ("架空国通信省", "架空国通信省", "FR", "government", "host")}


def test_series_query_lists_past_and_planned_meetings_in_order(store):
    got = [(r["ordinal"], r["start"], r["release_url"]) for r in rows(store, "series")]
    assert got == [(1, None, "https://www.example.go.jp/r0.html"),
                   (2, "2020-05-01", "https://www.example.go.jp/r1.html"),
                   (3, "2021", "https://www.example.go.jp/r1.html")]


def test_other_queries(store):
    assert [r["label"] for r in rows(store, "topics")] == ["サイバーセキュリティ"]
    agreed, confirmed = rows(store, "agreements")
    assert (agreed["kind"], agreed["topic"], agreed["parties"]) == ("agreed", "サイバーセキュリティ", "日本")
    assert confirmed["kind"] == "confirmed" and not confirmed["parties"], "an outcome with no party names none"
    [person] = rows(store, "people")
    assert rows(store, "releases")[0]["publisher"] == "総務省"
    assert (person["name"], person["post"], person["org"]) == ("山田", "国際戦略局長", "総務省")
    [doc] = rows(store, "documents")
    assert (doc["title"], doc["lang"], doc["format"]) == ("共同声明(英文)", "en", "application/pdf")
    [contact] = rows(store, "contacts")
    assert (contact["unit"], contact["staff"], contact["phone"]) == ("国際戦略局 国際経済課", "佐藤補佐", "03-1234-5678")
    [release] = rows(store, "releases")
    assert (release["title"], release["issued"], release["publisher"], release["lang"]) == (
        "テスト対話(第2回局長級会合)の結果", "2020-05-02", "総務省", "ja")


def test_provenance_traces_a_fact_to_its_words(store):
    meeting = str(iris.meeting_iri("s-test", 2, ""))
    facts = rows(store, "provenance", subject=meeting)
    start = [f for f in facts if f["predicate"] == str(SCHEMA.startDate)]
    assert start and start[0]["quote"] == "5月1日" and TEXT[start[0]["start"]:start[0]["end"]] == "5月1日"
    assert {f["release_url"] for f in facts} == {"https://www.example.go.jp/r1.html"}


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_exports_read_back_isomorphic_and_are_deterministic(store, fmt):
    data = export(store, fmt)
    assert data == export(store, fmt)
    rdflib_format = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt]
    expected = ox.serialize(sorted(store.quads_for_pattern(None, None, None, None), key=str), format=ox.RdfFormat.N_QUADS)
    want = Dataset()
    want.parse(data=expected.decode(), format="nquads")
    got = Dataset()
    got.parse(data=data.decode(), format=rdflib_format)
    if fmt in ("ttl", "nt"):
        union_want = Graph()
        for s, p, o, _g in want.quads((None, None, None, None)):
            union_want.add((s, p, o))
        union_got = Graph()
        for s, p, o, _g in got.quads((None, None, None, None)):
            union_got.add((s, p, o))
        assert isomorphic(union_want, union_got)
    else:
        assert sorted(want.quads((None, None, None, None))) == sorted(got.quads((None, None, None, None)))


def test_jsonld_uses_the_shipped_context(store):
    doc = json.loads(export(store, "jsonld"))
    assert doc["@context"]["schema"] == "https://schema.org/"
    text = json.dumps(doc, ensure_ascii=False)
    assert '"startDate": "2020-05-01"' in text and "https://schema.org/startDate" not in text


def test_one_release_export(store, graph):
    data = export(store, "nt", release="example-r1")
    got = Graph().parse(data=data.decode(), format="nt")
    assert isomorphic(got, graph)
    assert (URIRef(iris.release_iri("example-r1")), KG.sha256, Literal("0" * 64)) in got
    assert XSD


@pytest.mark.skipif(not __import__("shutil").which("rapper"), reason="rapper (Debian raptor2-utils) is not installed")
@pytest.mark.parametrize("fmt,syntax", [("ttl", "turtle"), ("nt", "ntriples"), ("nq", "nquads"), ("trig", "trig")])
def test_a_second_independent_parser_reads_the_exports(store, tmp_path, fmt, syntax):
    import subprocess

    path = tmp_path / f"export.{fmt}"
    path.write_bytes(export(store, fmt))
    proc = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    expected = len({q.triple for q in store.quads_for_pattern(None, None, None, None)}) if fmt in ("ttl", "nt") \
        else len(list(store.quads_for_pattern(None, None, None, None)))
    assert f"returned {expected} triples" in proc.stderr, proc.stderr
    assert "error" not in proc.stderr.lower() and "warning" not in proc.stderr.lower(), proc.stderr


def test_pyld_reads_the_jsonld_export_back(store):
    from pyld import jsonld

    doc = json.loads(export(store, "jsonld"))
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert len(set(nquads.strip().splitlines())) == len(list(store.quads_for_pattern(None, None, None, None)))


def test_jsonld_of_a_single_node_keeps_it(tmp_path):
    s = open_store(tmp_path / "one", create=True)
    s.update('INSERT DATA { GRAPH <https://kg.example.org/graph/release/x> { '
             '<https://kg.example.org/org/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "x"@ja } }')
    doc = json.loads(export(s, "jsonld"))
    assert doc["@graph"], "a store of one node exports that node"
    text = json.dumps(doc, ensure_ascii=False)
    assert "https://kg.example.org/org/x" in text
