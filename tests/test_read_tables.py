"""The saved queries the build keeps as tables (kg.read.tables) give exactly the rows their SPARQL gives.

On a store built from a sample of the benchmark corpus, the seed and the test fixtures (every
kind of release the extractor is tested on), each tabled query is read from its table as
`kg query NAME -f csv|tsv|json` reads it, and run as SPARQL (the saved query's text, which stays
the definition): the same bytes, in the same order; with --limit/--offset the same slice; with
the filters (-p series/org/since/until) the same rows. A second build that replaces one release
refreshes only its rows; a table whose store has moved on is not used.
"""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import api
from kg.read import tables
from kg.read.queries import find_query, run

ROOT = Path(__file__).parents[1]
KG = [str(Path(sys.executable).parent / "kg")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    src = tmp_path_factory.mktemp("tables-src")
    corpus.write(src / "bench", 120, seed=11)
    for folder in ("releases", "general", "general2", "topics", "build"):
        shutil.copytree(ROOT / "tests" / "fixtures" / folder, src / folder)
    shutil.copytree(ROOT / "data" / "releases", src / "seed")
    store = tmp_path_factory.mktemp("tables") / "store"
    done = subprocess.run(KG + ["build", str(src), "--store", str(store), "-q"], capture_output=True, text=True,
                          timeout=900)
    assert (store / tables.TABLES).is_file(), done.stderr
    return store


def sparql(store: Path, name: str, fmt: str, **params) -> str:
    db = ox.Store.read_only(str(store))
    return run(db, find_query(name), params).render(fmt)


def values(store: Path, query: str, column: str) -> list[str]:
    rows = run(ox.Store.read_only(str(store)), find_query(query))
    return sorted({r[column] for r in rows if r[column]})


@pytest.mark.parametrize("name", [n for n, group in tables.TABLED.items() if not group])
def test_every_table_gives_the_rows_of_its_query(built, name):
    for fmt in ("csv", "tsv", "json"):
        found = api.query_text(name, fmt, built)
        assert found is not None, f"{name} was not read from its table"
        text, count = found
        assert text == sparql(built, name, fmt), f"{name} -f {fmt}"
    assert count > 3


def test_the_topic_timeline_table_gives_the_rows_of_its_query_for_every_concept(built):
    concepts = values(built, "topic-counts", "concept")
    assert len(concepts) > 10
    for concept in concepts:
        text, _count = api.query_text("topic-timeline", "json", built, concept=concept)
        assert text == sparql(built, "topic-timeline", "json", concept=concept), concept


def test_limit_and_offset_give_the_same_slice(built):
    whole = api.query("participants", built)
    for limit, offset in ((100, 0), (7, 13), (None, len(whole) - 3), (5, len(whole) + 10)):
        text, count = api.query_text("participants", "csv", built, limit=limit, offset=offset)
        want = whole[offset:None if limit is None else offset + limit]
        assert count == len(want) and text == api.query("participants", built, limit=limit, offset=offset).render("csv")
        assert [r["org"] for r in api.query("participants", built, limit=limit, offset=offset)] == [r["org"] for r in want]


@pytest.mark.parametrize("name", ["meetings", "participants", "agreements", "topics", "people", "topics-unmatched"])
def test_the_filters_give_the_rows_of_the_query_with_them(built, name):
    series = values(built, "series", "series")
    orgs = values(built, "participants", "org")
    cases = [{"series": series[0]}, {"series": series[len(series) // 2]}, {"org": orgs[0]},
             {"org": "jp-mic"}, {"since": "2015-01-01"}, {"until": "2012-12-31"},
             {"since": "2010-01-01", "until": "2019-12-31", "org": "org/jp-mic"}]
    for params in cases:
        text, _count = api.query_text(name, "csv", built, **params)
        assert text == sparql(built, name, "csv", **params), params
    everything = api.query_text(name, "csv", built)[0]
    assert api.query_text(name, "csv", built, org="jp-mic")[0] != everything


@pytest.mark.parametrize("drive", [True, False])
def test_a_filter_gives_the_same_rows_whether_it_drives_the_read_or_tests_each_row(built, monkeypatch, drive):
    """A selective filter lists its meetings first, a broad one tests the rows read in order: the table
    chooses by counting; forced either way, the rows are the SPARQL's."""
    series = values(built, "series", "series")
    monkeypatch.setattr(tables.Tables, "_driver", lambda self, filters: next(iter(filters), None) if drive else None)
    for params in ({"series": series[0]}, {"org": "jp-mic"}, {"since": "2015-01-01", "until": "2016-12-31"},
                   {"until": "2012-12-31", "org": "org/jp-mic"}):
        for name in ("participants", "topics"):
            text, _count = api.query_text(name, "csv", built, **params)
            assert text == sparql(built, name, "csv", **params), (name, params)
            assert api.query_text(name, "csv", built, limit=3, offset=2, **params)[0].splitlines()[1:] == \
                text.splitlines()[3:6]


def test_a_rebuilt_release_refreshes_only_its_rows_and_a_stale_table_is_not_used(built, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built, store)
    db = sqlite3.connect(store / tables.TABLES)
    before = db.execute("SELECT COUNT(*) FROM rows").fetchone()[0]
    db.close()
    seed = ROOT / "data" / "releases" / "soumu_01tsushin08_02000040.txt"
    changed = tmp_path / "seed" / seed.name
    changed.parent.mkdir()
    changed.write_text(seed.read_text(encoding="utf-8").replace("日米両国は、", "日米両国は、改めて", 1),
                       encoding="utf-8")
    shutil.copy(seed.with_suffix(".meta.json"), changed.with_suffix(".meta.json"))
    done = subprocess.run(KG + ["build", str(changed), "--store", str(store), "-q"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    text, _ = api.query_text("agreements", "csv", store)
    assert "改めて" in text and text == sparql(store, "agreements", "csv")
    for name in ("series", "first-mention", "topic-counts", "participants"):  # rows of several releases made again
        assert api.query_text(name, "csv", store)[0] == sparql(store, name, "csv"), name
    db = sqlite3.connect(store / tables.TABLES)
    assert db.execute("SELECT COUNT(*) FROM rows").fetchone()[0] == before  # the seed says as much as before
    db.execute("UPDATE meta SET value = 'another' WHERE key = 'generation'")  # as if the store moved on
    db.commit()
    db.close()
    assert api.query_text("agreements", "csv", store) is None
    assert api.query("agreements", store).render("csv") == text  # the SPARQL, then


def test_a_first_build_small_enough_for_one_transaction_has_every_row(tmp_path):
    """The seed alone (written in one SPARQL Update, not bulk-loaded): the tables are whole, the topics
    no release names included."""
    store = tmp_path / "store"
    done = subprocess.run(KG + ["build", str(ROOT / "data" / "releases"), "--store", str(store), "-q"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for name in [n for n, group in tables.TABLED.items() if not group]:
        found = api.query_text(name, "csv", store)
        assert found is not None and found[0] == sparql(store, name, "csv"), name
    assert api.query_text("topic-counts", "csv", store)[1] > 20
