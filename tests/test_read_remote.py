"""The graph in a big triple store: the bench corpus (bench/corpus.py, 30 releases) built, linked and sent
to a real Virtuoso (and a real Oxigraph server) on 127.0.0.1, then read back through `kg query NAME
--endpoint URL` and `kg report --endpoint URL`, which must print exactly what the local store prints;
and `kg export -f nq --split DIR` loaded into Virtuoso by the README's bulk-load recipe.

Where Virtuoso 7.2's SPARQL differs, the saved query is worded so that both engines agree (each says
why in a comment):
- first-mention: the graph chosen by an aggregate is joined as a string, not looked up with GRAPH
  (Virtuoso: "Internal Optimized compiler error: Bad dfe in sqlo_place_exp");
- series, first-mention, topic-counts, topics-by-meeting, links: MIN over STR(...), not over IRIs or
  language-tagged literals, which Virtuoso compares in an order of its own;
- topic-counts, topics-by-meeting: sorted on CONCAT("~", LCASE(?label)) outside the grouped
  sub-select (Virtuoso refuses LCASE of an aggregate's name in ORDER BY, or sorts LCASE oddly);
- agreements: SELECT DISTINCT, not a GROUP BY over every column (at 10k releases Virtuoso's grouping
  failed: "Max row length is exceeded ... into a temp col");
- agreements (parties), contacts (staff), links (dbpedia, source): many values joined by
  GROUP_CONCAT over a sorted sub-select inside an OPTIONAL (the engines join in the order they find
  values, and give "" or nothing for none);
- parameters are bound by a VALUES block opening the WHERE clause, not one after the query (which
  Virtuoso did not apply inside topic-timeline's UNION: 95 rows instead of 9).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.rdf import iris

from remotes import Oxigraph, Virtuoso, bench_corpus, graph_sizes, need_oxigraph, need_virtuoso
from serving import KG, free_port

ROOT = Path(__file__).resolve().parents[1]
RELEASES = 30


def kg(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(KG + list(args), capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return bench_corpus(tmp_path_factory.mktemp("bench-corpus") / "releases", RELEASES)


@pytest.fixture(scope="module")
def store(corpus, tmp_path_factory) -> Path:
    """The bench corpus built and linked (offline: the curated links), as a user does."""
    path = tmp_path_factory.mktemp("remote-store") / "store"
    done = kg("build", str(corpus), "--store", str(path))
    assert done.returncode == 0, done.stderr
    done = kg("link", "--store", str(path))
    assert done.returncode == 0, done.stderr
    return path


def pushed(engine, store: Path, *auth: str):
    done = kg("push", "--store", str(store), "--endpoint", engine.endpoint, "--graph-store", engine.graph_store,
              *auth)
    assert done.returncode == 0, done.stderr
    return engine


@pytest.fixture(scope="module")
def virtuoso(store, tmp_path_factory):
    """The store pushed to Virtuoso."""
    engine = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield pushed(engine, store, "--user", "dba", "--password", "dba", "--digest-auth")
    engine.stop()


@pytest.fixture(scope="module")
def oxigraph(store, tmp_path_factory):
    """The store pushed to an Oxigraph server that reads the union of the graphs as its default graph, as
    Virtuoso does."""
    engine = Oxigraph(tmp_path_factory.mktemp("oxigraph"), "--union-default-graph")
    yield pushed(engine, store)
    engine.stop()


@pytest.fixture(params=[pytest.param("virtuoso", marks=need_virtuoso), pytest.param("oxigraph", marks=need_oxigraph)])
def remote(request):
    return request.getfixturevalue(request.param)


def saved_queries() -> list[str]:
    from kg.api import saved_queries as listed

    return [name for name in listed() if name != "wikidata-federated"]  # online only: it asks Wikidata


def parameters(store: Path, name: str) -> list[str]:
    """Real values for a query's parameters, taken from the store."""
    def first(query: str, column: str) -> str:
        rows = json.loads(kg("query", query, "--store", str(store), "-f", "json").stdout)
        return next(r[column] for r in rows if r[column])

    from kg.api import saved_queries as listed

    values = {"subject": lambda: first("meetings", "meeting"), "concept": lambda: first("topic-counts", "concept"),
              "series": lambda: first("series", "series")}
    return [f"{p.name}={values[p.name]()}" for p in listed()[name].params]


@pytest.mark.parametrize("name", saved_queries())
def test_every_saved_query_prints_the_same_rows_from_the_endpoint(remote, store, name):
    params = [arg for value in parameters(store, name) for arg in ("-p", value)]
    local = kg("query", name, "--store", str(store), "-f", "json", *params)
    assert local.returncode == 0, local.stderr
    rows = json.loads(local.stdout)
    assert rows or name == "topics-unmatched", f"{name} gives no rows: the comparison would show nothing"
    there = kg("query", name, "--endpoint", remote.endpoint, "-f", "json", *params)
    assert there.returncode == 0, there.stderr
    if there.stdout != local.stdout:  # show the first rows that differ
        theirs = json.loads(there.stdout)
        diff = [(i, a, b) for i, (a, b) in enumerate(zip(rows, theirs)) if a != b][:3]
        pytest.fail(f"{name}: {len(rows)} rows here, {len(theirs)} there; first differences: {diff}")


@need_virtuoso
def test_every_format_prints_the_same_and_a_report_is_the_same_file(virtuoso, store, tmp_path):
    for fmt in ("table", "csv", "tsv"):
        local = kg("query", "participants", "--store", str(store), "-f", fmt)
        there = kg("query", "participants", "--endpoint", virtuoso.endpoint, "-f", fmt)
        assert there.returncode == 0 and there.stdout == local.stdout, fmt
    assert kg("report", "--store", str(store), "-o", str(tmp_path / "here.html")).returncode == 0
    done = kg("report", "--endpoint", virtuoso.endpoint, "-o", str(tmp_path / "there.html"))
    assert done.returncode == 0, done.stderr
    here = (tmp_path / "here.html").read_bytes()
    assert (tmp_path / "there.html").read_bytes() == here and b"<svg" in here


def test_a_parameter_is_bound_as_a_term_never_pasted_into_the_query(remote, store, tmp_path):
    query = tmp_path / "named.rq"
    query.write_text("# param: name (string) a person's name as written\n# columns: person, name\n"
                     "SELECT ?person ?name WHERE { ?person <https://schema.org/name> ?name }\nORDER BY STR(?person)\n",
                     encoding="utf-8")
    people = json.loads(kg("query", "people", "--store", str(store), "-f", "json").stdout)
    for name in (people[0]["name"], 'x" } ?person ?p ?o . { "', "}"):
        local = kg("query", str(query), "-p", f"name={name}", "--store", str(store), "-f", "json")
        there = kg("query", str(query), "-p", f"name={name}", "--endpoint", remote.endpoint, "-f", "json")
        assert there.returncode == 0, there.stderr
        assert there.stdout == local.stdout
    assert json.loads(there.stdout) == []  # a hostile value matches nothing; it does not open the query


def test_an_endpoint_that_is_not_there_is_one_line_and_exit_3():
    url = f"http://127.0.0.1:{free_port()}/sparql"
    for args in (["query", "meetings"], ["report", "-o", os.devnull]):
        done = kg(*args, "--endpoint", url)
        assert done.returncode == 3
        assert done.stderr.count("\n") == 1 and url in done.stderr and "cannot reach" in done.stderr


@need_virtuoso
def test_an_answer_the_endpoint_cut_short_is_an_error_not_rows(tmp_path, monkeypatch):
    import virtuoso

    small = virtuoso.ini
    monkeypatch.setattr(virtuoso, "ini",
                        lambda *a: small(*a).replace("ResultSetMaxRows = 10000000", "ResultSetMaxRows = 10"))
    engine = Virtuoso(tmp_path / "virtuoso")  # a new database: Virtuoso's own graphs hold some 2,500 triples
    try:
        many, few = tmp_path / "many.rq", tmp_path / "few.rq"
        many.write_text("SELECT ?s ?p ?o WHERE { ?s ?p ?o }\n", encoding="utf-8")
        few.write_text("SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY STR(?s) STR(?p) STR(?o) LIMIT 3\n", encoding="utf-8")
        done = kg("query", str(many), "--endpoint", engine.endpoint)
        assert done.returncode == 3 and done.stdout == ""
        assert "cut the answer at 10 rows" in done.stderr and done.stderr.count("\n") == 1
        done = kg("query", str(few), "--endpoint", engine.endpoint, "-f", "csv")
        assert done.returncode == 0 and len(done.stdout.splitlines()) == 4, done.stderr
    finally:
        engine.stop()


# The bulk path --------------------------------------------------------------------------------

def readme_recipe() -> tuple[list[str], str]:
    """The README's bulk-load recipe: its `kg export … --split` arguments and its isql-vt command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## When one machine is not enough"):]
    export = re.search(r"^\s+kg export -f nq --split (\S+)$", section, flags=re.M)
    isql = re.search(r"^\s+(isql-vt .*)$", section, flags=re.M)
    assert export and isql, "the README's recipe is not where this test looks for it"
    return export.group(1), isql.group(1)


def quads(store: Path) -> dict[str, Graph]:
    s = ox.Store.read_only(str(store))
    return {g.value: Graph().parse(data=s.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g).decode(), format="nt")
            for g in s.named_graphs() if g.value != str(iris.BUILD_GRAPH)}


@need_virtuoso
def test_the_split_export_loads_into_virtuoso_by_the_readme_recipe(store, tmp_path):
    folder_in_readme, isql = readme_recipe()
    split = tmp_path / "split"
    done = kg("export", "-f", "nq", "--split", str(split), "--store", str(store))
    assert done.returncode == 0, done.stderr
    files = sorted(split.iterdir())
    graphs = quads(store)
    assert len(files) == len(graphs) == RELEASES + 3  # each release, reference, ontology, links
    assert {f.name for f in files} >= {"reference.nq", "ontology.nq", "links.nq"}
    whole = kg("export", "-f", "nq", "--store", str(store))
    assert b"".join(f.read_bytes() for f in files) == whole.stdout.encode("utf-8")  # the same bytes, cut by graph

    engine = Virtuoso(tmp_path / "virtuoso", dirs=[split])
    try:
        command = isql.replace("1111", str(engine.sql_port)).replace(folder_in_readme, str(split))
        done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=600,
                              env={**os.environ, "DBA_PASSWORD": "dba"})
        assert done.returncode == 0 and "Error" not in done.stdout, done.stdout + done.stderr
        sizes = graph_sizes(engine)
        assert sizes == {g: len(graph) for g, graph in graphs.items()}
        for name, graph in graphs.items():
            assert isomorphic(engine.graph(name), graph), name
    finally:
        engine.stop()


def test_split_refuses_a_folder_that_holds_files_and_writes_nothing(store, tmp_path):
    split = tmp_path / "split"
    split.mkdir()
    (split / "mine.txt").write_text("keep me")
    done = kg("export", "--split", str(split), "--store", str(store))
    assert done.returncode == 2 and "not an empty folder" in done.stderr
    assert [p.name for p in split.iterdir()] == ["mine.txt"]
    assert not list(tmp_path.glob(".split.part-*"))
    done = kg("export", "-f", "ttl", "--split", str(tmp_path / "other"), "--store", str(store))
    assert done.returncode == 2 and not (tmp_path / "other").exists()
