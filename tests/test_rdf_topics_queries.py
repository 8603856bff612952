"""Four releases of one series (tests/fixtures/topics, made up): the saved topic queries and `kg topics`.

The store is built by `kg.build`, as a user builds it: `build_fixture_store` is shared with the
report tests.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.rdf import iris
from kg.read.queries import find_query, run
from kg.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "topics"
SERIES = str(iris.series_iri("jp-eu-ict"))


def topic(key: str) -> str:
    return str(iris.iri("topic", key))


def meeting(n: int) -> str:
    return str(iris.meeting_iri("jp-eu-ict", n, ""))


def build_fixture_store(path: Path) -> Path:
    """A store of the four fixture releases, built as `kg build` builds it."""
    report = kg.build([FIXTURES], path, jobs=1)
    assert report.ok and len(report.built) == 4, report
    return path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return build_fixture_store(tmp_path_factory.mktemp("topics") / "store")


@pytest.fixture(scope="module")
def store(store_dir):
    return open_store(store_dir, read_only=True)


def test_topic_timeline_of_cybersecurity_lists_every_meeting_in_date_order(store):
    rows = run(store, find_query("topic-timeline"), {"concept": topic("cybersecurity")})
    assert [r["ordinal"] for r in rows] == [21, 22, 23, 24]
    assert [r["date"] for r in rows] == ["2015-05-13", "2016-06-08", "2017-05-18", "2018-07-04"]
    assert [r["heading"] for r in rows] == ["サイバーセキュリティ", "サイバーセキュリティ及びIoTセキュリティ",
                                            "Cybersecurity", "情報セキュリティ分野の協力"]
    assert [r["outcome_kind"] for r in rows] == ["agreed", "agreed", "agreed", "agreed"]
    assert rows[2]["outcome"].startswith("Both sides agreed to share information on cyber attacks")
    assert [r["place"] for r in rows] == ["東京", "ブリュッセル", "Tokyo", "ブリュッセル"]
    assert all(r["series"] for r in rows)


def test_topic_timeline_of_a_topic_discussed_twice(store):
    rows = run(store, find_query("topic-timeline"), {"concept": topic("ai")})
    assert [(r["ordinal"], r["heading"]) for r in rows] == [(23, "Artificial Intelligence (AI)"), (24, "AIの社会実装")]


def test_topics_by_meeting_is_the_matrix_the_fixtures_hold(store):
    rows = run(store, find_query("topics-by-meeting"), {"series": SERIES})
    cells = {(r["concept"].rsplit("/", 1)[1], r["ordinal"]) for r in rows}
    expected = {("cybersecurity", n) for n in (21, 22, 23, 24)} | {
        ("rd-cooperation", 21), ("internet-governance", 21), ("multistakeholder", 21),
        ("iot", 22), ("5g", 22), ("data-flows", 22),
        ("ai", 23), ("5g", 23), ("standardisation", 23), ("ai", 24)}
    assert cells == expected
    by_cell = {(r["concept"].rsplit("/", 1)[1], r["ordinal"]): (r["headings"], r["outcomes"]) for r in rows}
    assert by_cell[("cybersecurity", 22)] == (1, 1)
    assert by_cell[("multistakeholder", 21)] == (0, 1)  # named in the outcome only


def test_first_mention_gives_the_first_meeting_of_each_topic(store):
    rows = run(store, find_query("first-mention"))
    first = {r["concept"].rsplit("/", 1)[1]: (r["ordinal"], r["date"]) for r in rows}
    assert first["cybersecurity"] == (21, "2015-05-13")
    assert first["5g"] == (22, "2016-06-08")
    assert first["ai"] == (23, "2017-05-18")
    assert len(rows) == len(first)  # one series: one row per topic


def kg_cli(*args: str) -> subprocess.CompletedProcess:
    # Through the installed entry point (kg.cli:main), as the `kg` command runs.
    code = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)


def test_kg_topics_unmatched_lists_the_heading_no_concept_matches(store_dir):
    proc = kg_cli("topics", "--unmatched", "--store", str(store_dir), "-f", "tsv")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].split("\t") == ["release_url", "meeting", "position", "heading"]
    assert [line.split("\t")[1:] for line in lines[1:]] == [[meeting(24), "2", "オンライン取引の課題"]]


def test_kg_topics_counts_meetings_per_concept(store_dir):
    proc = kg_cli("topics", "--store", str(store_dir), "-f", "tsv")
    assert proc.returncode == 0, proc.stderr
    rows = {line.split("\t")[0].rsplit("/", 1)[-1]: line.split("\t") for line in proc.stdout.splitlines()[1:]}
    assert rows["cybersecurity"][4] == "4" and rows["ai"][4] == "2" and rows["spectrum"][4] == "0"


def test_kg_build_links_topics_and_the_store_conforms(tmp_path):
    report = kg.build([FIXTURES], tmp_path / "store")
    assert report.ok and len(report.built) == 4
    rows = kg.query("topic-timeline", tmp_path / "store", concept=topic("cybersecurity"))
    assert [r["ordinal"] for r in rows] == [21, 22, 23, 24]
    assert kg.validate(tmp_path / "store").conforms


def test_topic_timeline_shows_a_heading_whose_meeting_has_no_outcome_on_it(tmp_path):
    # The same release with its outcome sentences left out: the headings stay, no outcome is on them.
    text = (FIXTURES / "eu-ict-21.txt").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith(" 日EU双方は")]
    (tmp_path / "eu-ict-21.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")
    (tmp_path / "eu-ict-21.meta.json").write_bytes((FIXTURES / "eu-ict-21.meta.json").read_bytes())
    assert kg.build([tmp_path / "eu-ict-21.txt"], tmp_path / "store").ok
    rows = kg.query("topic-timeline", tmp_path / "store", concept=topic("cybersecurity"))
    assert [(r["ordinal"], r["heading"], r["outcome_kind"], r["outcome"]) for r in rows] == [
        (21, "サイバーセキュリティ", None, None)]
