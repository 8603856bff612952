"""`kg export` on the seed and on a small store made to hold every kind of value the writers meet.

The JSON-LD is written by kg.jsonld from the context's term definitions; PyLD, the reference
processor, expands it here and it must give back the store's quads exactly. The other formats are
read back by rdflib, by Oxigraph and, where installed, by rapper.
"""
from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld as pyld
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from clirun import invoke
from kg.read import export as export_mod
from kg.rdf import iris
from kg.errors import KgError
from kg.read.export import export
from kg.read.jsonld import Context, context

SEED = Path(__file__).parent / "cases" / "seed"
FORMATS = ["ttl", "nt", "nq", "trig", "jsonld"]
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"
KGNS = "https://kg.example.org/ns#"
G1, G2 = ox.NamedNode(str(iris.graph_iri("r1"))), ox.NamedNode(str(iris.graph_iri("r2")))
REF = ox.NamedNode(str(iris.REFERENCE_GRAPH))
BUILD = ox.NamedNode(str(iris.BUILD_GRAPH))
E = ox.NamedNode("https://kg.example.org/meeting/s-test/2")
ODD = ox.NamedNode("https://schema.org///odd")  # "schema://odd" would read back as an absolute IRI


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def lit(value: str, datatype: str | None = None, language: str | None = None) -> ox.Literal:
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=n(datatype)) if datatype else ox.Literal(value)


def synthetic_quads() -> list[ox.Quad]:
    """Values that take every path of the JSON-LD writer, in two release graphs and the reference."""
    triples = [
        (E, n(RDF + "type"), n(KGNS + "PressRelease")),          # a class term
        (E, n(RDF + "type"), n(SCHEMA + "Thing")),               # a compact IRI
        (E, n(RDF + "type"), n("http://example.org/C")),         # no prefix: the IRI itself
        (E, n(RDF + "type"), lit("not a class")),                # a literal object of rdf:type
        (E, n(SCHEMA + "startDate"), lit("2020-05-01", XSD + "date")),   # the term's datatype
        (E, n(SCHEMA + "startDate"), lit("2020", XSD + "gYear")),        # another datatype
        (E, n(SCHEMA + "name"), lit("名前", language="ja")),
        (E, n(SCHEMA + "name"), lit("name", language="en")),
        (E, n(SCHEMA + "name"), lit("another name", language="en")),
        (E, n(SCHEMA + "name"), lit("en-GB name", language="en-gb")),
        (E, n(SCHEMA + "name"), lit("no language")),             # not for a language map
        (E, n(KGNS + "position"), lit("3", XSD + "integer")),
        (E, n(KGNS + "position"), lit("third")),
        (E, n(KGNS + "score"), lit("0.80", XSD + "decimal")),    # Oxigraph keeps it as 0.8
        (E, n(SCHEMA + "about"), n("https://kg.example.org/concept/cyber")),
        (E, n(SCHEMA + "about"), lit("about, as text")),         # not for a term typed @id
        (E, n(SCHEMA + "url"), ODD),
        (E, n(KGNS + "alpha2"), lit("JP")),                      # a term without type or container
        (E, n(KGNS + "alpha2"), lit("1", XSD + "integer")),
        (E, n(KGNS + "alpha2"), n("http://example.org/x")),
        (E, n(KGNS + "alpha2"), lit("jp", language="en")),
        (E, n("http://example.org/p"), lit("a predicate with no prefix")),
        (E, n(SCHEMA + "description"), lit('quotes " and \\ and\nnew line\ttab 日本 😀')),
        (E, n(SCHEMA + "disambiguatingDescription"), lit("a line that ends .\r\n .\nthen\x0b\x1c\u2028more")),
        (E, n("http://www.w3.org/ns/prov#generatedAtTime"), lit("2020-01-01T00:00:00Z", XSD + "dateTime")),
        (E, n("http://www.w3.org/2000/01/rdf-schema#label"), lit("id")),  # a keyword alias as a value
        (n(KGNS + "PressRelease"), n(RDF + "type"), n("http://www.w3.org/2002/07/owl#Class")),
        (ODD, n(SCHEMA + "name"), lit("odd", language="en")),
    ]
    shared = (n("https://kg.example.org/series/s-test"), n(SCHEMA + "name"), lit("テスト対話", language="ja"))
    quads = [ox.Quad(s, p, o, G1) for s, p, o in triples]
    quads += [ox.Quad(*shared, G1), ox.Quad(*shared, G2), ox.Quad(*shared, REF)]
    quads += [ox.Quad(E, n(SCHEMA + "name"), lit("in r2", language="ja"), G2),
              ox.Quad(n("https://kg.example.org/org/x"), n(KGNS + "orgKind"), n(KGNS + "government"), REF),
              ox.Quad(n("https://kg.example.org/build/x"), n(KGNS + "sha256"), lit("0" * 64), BUILD),
              ox.Quad(E, n(KGNS + "sha256"), lit("in the default graph"), ox.DefaultGraph())]
    return quads


def make_store(quads: list[ox.Quad], path: Path | None = None) -> ox.Store:
    store = ox.Store(str(path)) if path else ox.Store()
    store.add_graph(n(str(iris.graph_iri("empty"))))
    for q in quads:
        store.add(q)
    return store


def exported(quads) -> set[str]:
    """The quads an export must hold: all named graphs but the build's bookkeeping."""
    return {str(q) for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != BUILD}


def stored(store: ox.Store) -> set[str]:
    """What the export of a store must hold (Oxigraph stores some literals in canonical form: 0.80 as 0.8)."""
    return exported(store.quads_for_pattern(None, None, None, None))


def stored_triples(store: ox.Store) -> set[str]:
    """What a Turtle or N-Triples export must hold: the union of the exported graphs."""
    return {str(q.triple) for q in store.quads_for_pattern(None, None, None, None)
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != BUILD}


def canonical(nquads: str | bytes) -> set[str]:
    return {str(q) for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)}


def _no_network(url, options=None):
    raise AssertionError(f"PyLD tried to fetch {url}")


def pyld_quads(data: bytes) -> set[str]:
    nquads = pyld.to_rdf(json.loads(data), {"format": "application/n-quads", "documentLoader": _no_network})
    return canonical(nquads)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> ox.Store:
    return make_store(synthetic_quads(), tmp_path_factory.mktemp("synthetic") / "store")


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "store"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(SEED), "--store", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return path


def test_pyld_expands_the_jsonld_to_the_stores_quads(synthetic):
    assert pyld_quads(export(synthetic, "jsonld")) == stored(synthetic)


def test_pyld_expands_the_seeds_jsonld_to_the_seeds_quads(seed):
    store = ox.Store.read_only(str(seed))
    quads = list(store.quads_for_pattern(None, None, None, None))
    assert BUILD in {q.graph_name for q in quads}, "the seed store has a bookkeeping graph to leave out"
    want = exported(quads)
    assert len(want) > 500
    assert pyld_quads(export(store, "jsonld")) == want
    assert canonical(export(store, "nq")) == want


def test_the_jsonld_is_compacted_with_the_shipped_context(synthetic):
    doc = json.loads(export(synthetic, "jsonld"))
    assert doc["@context"] == context()["@context"]
    graphs = {g["id"]: g["@graph"] for g in doc["@graph"]}
    assert list(graphs) == sorted(graphs), "graphs in IRI order"
    assert str(iris.graph_iri("empty")) not in graphs and BUILD.value not in graphs
    node = next(x for x in graphs[G1.value] if x["id"] == E.value)
    assert list(node)[:2] == ["id", "type"]
    assert node["type"] == ["http://example.org/C", "PressRelease", "schema:Thing"], "in N-Triples order"
    assert node["rdf:type"] == "not a class"
    assert node["name"] == {"en": ["another name", "name"], "en-gb": "en-GB name", "ja": "名前"}
    assert node["schema:name"] == "no language"
    assert node["startDate"] == "2020-05-01"
    assert node["schema:startDate"] == {"@value": "2020", "@type": "xsd:gYear"}
    assert (node["position"], node["kg:position"], node["score"]) == ("3", "third", "0.8")
    assert (node["about"], node["schema:about"]) == ("https://kg.example.org/concept/cyber", "about, as text")
    assert node["url"] == ODD.value
    assert node["alpha2"] == [{"@value": "1", "@type": "xsd:integer"}, "JP", {"@value": "jp", "@language": "en"},
                              {"id": "http://example.org/x"}]
    assert node["http://example.org/p"] == "a predicate with no prefix"
    assert node["generatedAtTime"] == "2020-01-01T00:00:00Z"
    assert [x["id"] for x in graphs[G1.value]] == [E.value, "kg:PressRelease", "https://kg.example.org/series/s-test",
                                                    ODD.value], "subjects in IRI order, written compacted"


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_content_same_bytes_whatever_the_order_it_was_stored_in(tmp_path, fmt):
    quads = synthetic_quads()
    backwards = list(reversed(quads))
    shuffled = list(quads)
    random.Random(7).shuffle(shuffled)
    outputs = {export(make_store(quads, tmp_path / "a"), fmt), export(make_store(backwards, tmp_path / "b"), fmt),
               export(make_store(shuffled), fmt)}
    assert len(outputs) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_back_as_the_store(synthetic, fmt):
    data = export(synthetic, fmt)
    want = stored(synthetic)
    if fmt == "jsonld":
        got = {str(q) for q in ox.parse(data, format=ox.RdfFormat.JSON_LD)}
        assert got == want
    elif fmt in ("nq", "trig"):
        got = {str(q) for q in ox.parse(data, format=export_mod.FORMATS[fmt])}
        assert got == want
        rdflib_got = Dataset()
        rdflib_got.parse(data=data.decode(), format={"nq": "nquads", "trig": "trig"}[fmt])
        rdflib_want = Dataset()
        rdflib_want.parse(data="".join(q + " .\n" for q in want), format="nquads")
        assert sorted(rdflib_got.quads((None, None, None, None))) == sorted(rdflib_want.quads((None, None, None, None)))
    else:
        triples = stored_triples(synthetic)
        assert {str(t) for t in ox.parse(data, format=export_mod.FORMATS[fmt])} == triples
        lines = data.decode().splitlines() if fmt == "nt" else []
        assert len(lines) == len(set(lines)), "each triple once"
        assert isomorphic(Graph().parse(data=data.decode(), format={"nt": "nt", "ttl": "turtle"}[fmt]),
                          Graph().parse(data="".join(t + " .\n" for t in triples), format="nt"))


@pytest.mark.parametrize("fmt", ["nt", "ttl"])
def test_a_union_merged_from_runs_on_disk_is_the_same(synthetic, monkeypatch, fmt):
    in_memory = export(synthetic, fmt)
    monkeypatch.setattr(export_mod, "RUN_BYTES", 100)
    assert export(synthetic, fmt) == in_memory


def test_one_release(synthetic):
    g2 = {q for q in stored(synthetic) if q.endswith(f" {G2}")}
    assert g2
    assert canonical(export(synthetic, "nq", release="r2")) == g2
    assert pyld_quads(export(synthetic, "jsonld", release="r2")) == g2
    with pytest.raises(KgError, match="no release 'nope'"):
        export(synthetic, "nq", release="nope")


@pytest.mark.skipif(not shutil.which("rapper"), reason="rapper (Debian raptor2-utils) is not installed")
@pytest.mark.parametrize("fmt,syntax", [("ttl", "turtle"), ("nt", "ntriples"), ("nq", "nquads"), ("trig", "trig")])
def test_rapper_reads_the_exports(synthetic, tmp_path, fmt, syntax):
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(export(synthetic, fmt))
    proc = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True)
    count = len(stored_triples(synthetic) if fmt in ("ttl", "nt") else stored(synthetic))
    assert proc.returncode == 0 and f"returned {count} triples" in proc.stderr, proc.stderr
    assert "error" not in proc.stderr.lower() and "warning" not in proc.stderr.lower(), proc.stderr


def test_the_writer_refuses_a_context_it_cannot_honour():
    for body in ({"@vocab": "https://example.org/"}, {"x": {"@id": "https://e.org/x", "@reverse": "y"}},
                 {"x": {"@id": "https://e.org/x", "@container": "@set"}}):
        with pytest.raises(KgError):
            Context({"@context": body})


def test_an_iri_that_would_read_back_as_a_compact_iri_is_refused():
    ctx = Context({"@context": {"ex": "https://example.org/"}})
    assert ctx.compact_iri("https://example.org/a") == "ex:a"
    with pytest.raises(KgError, match="compact IRI"):
        ctx.compact_iri("ex:a")


def test_the_command_writes_the_file_whole(seed, tmp_path):
    out = tmp_path / "out" / "graph.jsonld"
    code, _, err = invoke("export", "--store", str(seed), "-o", str(out))
    assert code == 0 and f"wrote {out}" in err
    assert [p.name for p in out.parent.iterdir()] == ["graph.jsonld"]
    store = ox.Store.read_only(str(seed))
    assert pyld_quads(out.read_bytes()) == exported(store.quads_for_pattern(None, None, None, None))
    del store
    missing = tmp_path / "none.nq"
    code, _, err = invoke("export", "--store", str(seed), "--release", "nope", "-o", str(missing))
    assert code == 2 and "no release 'nope'" in err and not missing.exists()
    code, out_text, _ = invoke("export", "--store", str(seed), "-f", "nq")
    assert code == 0 and out_text.encode() == export(ox.Store.read_only(str(seed)), "nq")


@pytest.mark.parametrize("fmt", ["nq", "jsonld"])
def test_worker_processes_write_the_same_bytes(seed, fmt, monkeypatch):
    monkeypatch.setattr(export_mod, "GRAPHS_PER_TASK", 1)  # the seed has only three graphs
    monkeypatch.setattr(export_mod, "WORKERS_FROM", 2)
    store = ox.Store.read_only(str(seed))
    alone = export(store, fmt)
    calls = []
    monkeypatch.setattr(export_mod, "render", lambda *a: calls.append(a))  # the parent's copy only, not the workers'
    shared = io.BytesIO()
    export_mod.write(store, fmt, shared, jobs=2, path=seed)
    assert shared.getvalue() == alone and not calls, "the graphs were rendered in the workers"
