"""`kg link` offline: the curated alignments of data/links/ on the seed, end to end, and the file's checks."""
from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import gazetteer
from clirun import invoke
from kg.config import DATA_DIR
from kg.link.alignments import read_alignments

LINKS = "https://kg.example.org/graph/links"
EXACT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#exactMatch")
BASE = "https://kg.example.org/"
CASES = Path(__file__).parent / "cases" / "link"

# The seed's bodies, places and countries with their verified Wikidata items.
SEED = {"org/jp-mic": "Q1322293", "org/us-dos": "Q789915", "org/jp-mofa": "Q222241", "org/jp-meti": "Q1197264",
        "org/us-doc": "Q503577", "org/us-nsf": "Q304878", "org/int-itu": "Q376150",
        "place/washington-dc": "Q61", "place/busan": "Q16520", "place/tokyo": "Q1490",
        "country/JP": "Q17", "country/US": "Q30", "country/KR": "Q884"}


def quads(store_dir: Path, graph: str | None = None) -> list[ox.Quad]:
    store = ox.Store.read_only(str(store_dir))
    try:
        return list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph) if graph else None))
    finally:
        del store
        gc.collect()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("seed") / "store"
    code, _out, err = invoke("build", "--store", str(store), "-q", str(DATA_DIR / "releases"))
    assert code == 0, err
    code, _out, err = invoke("link", "--store", str(store), "--cache", str(store.parent / "cache"))
    assert code == 0, err
    return store


def test_the_seed_entities_carry_their_verified_qids(seed_store):
    links = {(q.subject.value, q.object.value) for q in quads(seed_store, LINKS) if q.predicate == EXACT}
    missing = {key: qid for key, qid in SEED.items()
               if (BASE + key, f"http://www.wikidata.org/entity/{qid}") not in links}
    assert not missing, f"not linked: {missing}"
    assert (BASE + "org/jp-mic", "http://ja.dbpedia.org/resource/総務省") in links
    assert (BASE + "place/washington-dc", "http://dbpedia.org/resource/Washington,_D.C.") in links


def test_the_links_query_shows_source_and_items(seed_store):
    code, out, err = invoke("query", "links", "--store", str(seed_store), "-f", "tsv")
    assert code == 0, err
    rows = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()[1:]}
    mic = rows[BASE + "org/jp-mic"]
    assert mic[1:3] == ["総務省", "http://www.wikidata.org/entity/Q1322293"]
    assert set(mic[3].split()) == {"http://dbpedia.org/resource/Ministry_of_Internal_Affairs_and_Communications",
                                   "http://ja.dbpedia.org/resource/総務省"}
    assert mic[4] == "curated"


def test_exports_include_the_links_graph(seed_store):
    code, out, err = invoke("export", "--store", str(seed_store), "-f", "nq")
    assert code == 0, err
    lines = [ln for ln in out.splitlines() if ln.endswith(f"<{LINKS}> .")]
    assert any("<http://www.w3.org/2004/02/skos/core#exactMatch> <http://www.wikidata.org/entity/Q1322293>" in ln
               for ln in lines)


def test_linking_leaves_the_release_graphs_alone_and_a_rebuild_keeps_the_links(seed_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    before = sorted(map(str, (q for q in quads(store) if q.graph_name.value != LINKS)))
    assert invoke("link", "--store", str(store), "--cache", str(tmp_path / "cache"))[0] == 0
    assert sorted(map(str, (q for q in quads(store) if q.graph_name.value != LINKS))) == before
    links = sorted(map(str, quads(store, LINKS)))
    assert invoke("build", "--store", str(store), "-q", str(DATA_DIR / "releases"))[0] == 0
    assert sorted(map(str, quads(store, LINKS))) == links


def test_every_curated_row_names_a_known_entity():
    gaz = gazetteer.load()
    known = ({f"org/{k}" for k in gaz.bodies} | {f"place/{k}" for k in gaz.places}
             | {f"country/{k}" for k in gaz.countries} | {f"series/{k}" for k in gaz.series})
    rows = read_alignments(DATA_DIR / "links" / "alignments.tsv")
    assert rows
    assert sorted({a.entity for a in rows} - known) == []
    assert {a.source for a in rows} <= {"curated", "reviewed"}


@pytest.mark.parametrize("row,problem", [
    ("org/jp-mic\t総務省\t1322293\t\t\tcurated\t\t", "bad Wikidata ID '1322293'"),
    ("jp-mic\t総務省\tQ1322293\t\t\tcurated\t\t", "bad entity key 'jp-mic'"),
    ("org/jp-mic\t総務省\t\thttps://en.wikipedia.org/wiki/MIC\t\tcurated\t\t", "bad dbpedia_en IRI"),
    ("org/jp-mic\t総務省\tQ1322293\t\t\tguessed\t\t", "bad source 'guessed'"),
])
def test_a_malformed_alignment_row_is_refused_with_its_line(tmp_path, row, problem):
    store = tmp_path / "store"
    s = ox.Store(str(store))
    s.load(path=str(CASES / "store.trig"), format=ox.RdfFormat.TRIG)
    s.flush()
    del s
    gc.collect()
    links = tmp_path / "links"
    links.mkdir()
    (links / "alignments.tsv").write_text("entity\tlabel\twikidata\tdbpedia_en\tdbpedia_ja\tsource\tscore\tnote\n"
                                          + row + "\n", encoding="utf-8")
    code, _out, err = invoke("link", "--store", str(store), "--links", str(links))
    assert code == 2
    assert f"{links / 'alignments.tsv'}:2: {problem}" in err
    assert not quads(store, LINKS)
