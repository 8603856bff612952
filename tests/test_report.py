"""`kg report` on four made-up releases of one series: the matrices say what the fixtures say,
and the HTML file is self-contained, with every chart cell linked to its sentences."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.rdf import iris
from kg.errors import KgError
from kg.report import render
from kg.report.data import collect
from kg.store import open_store
from test_rdf_topics_queries import build_fixture_store

ORG = {"jp-mic": "Ministry of Internal Affairs and Communications", "eu-ec": "European Commission"}


def key(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return build_fixture_store(tmp_path_factory.mktemp("report") / "store")


@pytest.fixture(scope="module")
def data(store_dir):
    return collect(open_store(store_dir, read_only=True), ["jp-eu-ict"])


@pytest.fixture(scope="module")
def html(data) -> str:
    return render(data)


def test_the_timeline_holds_the_four_meetings_with_dates_and_places(data):
    assert [(m.ordinal, m.date, m.place) for m in data.meetings] == [
        (21, "2015-05-13", "Tokyo"), (22, "2016-06-08", "Brussels"),
        (23, "2017-05-18", "Tokyo"), (24, "2018-07-04", "Brussels")]
    assert set(data.series) == {str(iris.series_iri("jp-eu-ict"))}


def test_the_participation_matrix_is_what_the_fixtures_say(data):
    ordinal = {m.iri: m.ordinal for m in data.meetings}
    cells = {(key(org), ordinal[m]): cell.value for (org, m), cell in data.participation.cells.items()}
    hosts = {(org, n): "host" for org in ("jp-mic", "eu-ec") for n in (21, 22, 23, 24)}
    assert {k: v for k, v in cells.items() if v == "host"} == hosts
    known = {k: v for k, v in cells.items() if v == "participant" and not k[0].startswith("n-")}
    assert known == {("jp-meti", 21): "participant", ("jp-mofa", 21): "participant",
                     ("jp-cas", 22): "participant", ("jp-mofa", 23): "participant", ("eu-cnect", 23): "participant",
                     ("jp-ppc", 24): "participant"}  # 23: "… took part" on both sides
    assert data.participation.rows[str(iris.org_iri("jp-mic"))] == ORG["jp-mic"]
    assert all(cell.quotes for cell in data.participation.cells.values())


def test_the_topic_heat_map_is_what_the_fixtures_say(data):
    ordinal = {m.iri: m.ordinal for m in data.meetings}
    counts = {(key(c), ordinal[m]): cell.count for (c, m), cell in data.topics.cells.items()}
    assert counts == {
        ("cybersecurity", 21): 2, ("cybersecurity", 22): 2, ("cybersecurity", 23): 2, ("cybersecurity", 24): 2,
        ("rd-cooperation", 21): 2, ("internet-governance", 21): 2, ("multistakeholder", 21): 1,
        ("iot", 22): 2, ("5g", 22): 2, ("data-flows", 22): 2,
        ("ai", 23): 2, ("5g", 23): 2, ("standardisation", 23): 2, ("ai", 24): 2}
    assert list(data.topics.rows)[0].endswith("/cybersecurity")  # the most discussed topic first


def test_each_topic_cell_shows_the_heading_and_outcome_with_the_matched_words(html, data):
    cell = next(c for (t, m), c in data.topics.cells.items() if t.endswith("/cybersecurity") and m.endswith("/23"))
    block = html[html.index(f'id="{cell.anchor}"'):]
    block = block[:block.index("</div>")]
    assert "<mark>Cybersecurity</mark>" in block
    assert "Both sides agreed to share information on <mark>cyber attacks</mark>" in block


def test_the_file_is_self_contained(html):
    assert "<script" not in html and "<link" not in html and "<img" not in html and "@import" not in html
    assert not re.search(r'\b(?:src|href)\s*=\s*"(?:https?:)?//', html)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)


def test_three_charts_and_every_cell_links_to_an_anchor_that_exists(html, data):
    assert html.count("<svg ") == 3
    for name in ("timeline", "participation", "topics"):
        assert f'class="chart chart-{name}"' in html
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    links = re.findall(r'href="#([^"]+)"', html)
    assert links and all(link in ids for link in links), sorted(set(links) - ids)[:5]
    charts = {name: re.search(f'<svg [^>]*chart-{name}".*?</svg>', html, re.S).group(0)
              for name in ("timeline", "participation", "topics")}
    for name, matrix in (("participation", data.participation), ("topics", data.topics)):
        for cell in matrix.cells.values():
            assert f'<a href="#{cell.anchor}">' in charts[name], (name, cell.anchor)
    for m in data.meetings:
        assert f'href="#{m.anchor}"' in charts["timeline"]


def test_the_report_is_the_same_every_time(data, html):
    assert render(data) == html


def test_an_unknown_series_is_refused(store_dir):
    with pytest.raises(KgError, match="no reported meeting of series"):
        collect(open_store(store_dir, read_only=True), ["no-such-series"])


def test_kg_report_writes_the_file(store_dir, tmp_path):
    out = tmp_path / "out" / "report.html"
    code = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"
    proc = subprocess.run([sys.executable, "-c", code, "report", "--store", str(store_dir), "--series", "jp-eu-ict",
                           "--lang", "ja", "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "東京" in text and "ブリュッセル" in text
    bad = subprocess.run([sys.executable, "-c", code, "report", "--store", str(store_dir), "--series", "nope",
                          "-o", str(tmp_path / "x.html")], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "no reported meeting of series" in bad.stderr and not (tmp_path / "x.html").exists()


def test_a_meeting_without_a_place_has_no_place_in_the_report(tmp_path):
    # The seed's side event ("Wired for the Future") is reported without a place: none may be made up.
    import kg

    kg.build([], tmp_path / "store")  # the bundled seed
    store = open_store(tmp_path / "store", read_only=True)
    meetings = collect(store).meetings
    assert ("Washington, D.C.", 6) in {(m.place, m.ordinal) for m in meetings}
    assert all(m.place in ("Washington, D.C.", "") for m in meetings), [(m.iri, m.place) for m in meetings]


def test_a_sentence_two_releases_report_is_shown_once_under_its_topic(tmp_path):
    """A notice and a result release of one meeting repeat its headings and outcomes: under each topic
    each sentence is shown once, naming both releases, and counted once."""
    folder = tmp_path / "releases"
    folder.mkdir()
    fixtures = Path(__file__).parent / "fixtures" / "topics"
    for name in ("eu-ict-22.txt", "eu-ict-22.meta.json"):
        (folder / name).write_bytes((fixtures / name).read_bytes())
    (folder / "eu-ict-22b.txt").write_bytes((fixtures / "eu-ict-22.txt").read_bytes())
    meta = (fixtures / "eu-ict-22.meta.json").read_text(encoding="utf-8").replace(".html", "-b.html")
    (folder / "eu-ict-22b.meta.json").write_text(meta, encoding="utf-8")
    store = tmp_path / "store"
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(folder), "--store", str(store), "-q"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    data = collect(open_store(store, read_only=True), ["jp-eu-ict"])
    html = render(data)
    cells = [c for (t, m), c in data.topics.cells.items() if m.endswith("/22")]
    assert {key(t) for (t, m) in data.topics.cells if m.endswith("/22")} == {"iot", "5g", "data-flows",
                                                                               "cybersecurity"}
    for cell in cells:
        texts = [q.text for q in cell.quotes]
        assert len(texts) == len(set(texts)) == cell.count == 2, texts
        assert all(sorted(q.release.split(", ")) == ["example-eu-ict-22", "example-eu-ict-22-b"] for q in cell.quotes)
        block = html[html.index(f'id="{cell.anchor}"'):]
        block = block[:block.index("</div>")]
        sentences = re.findall(r"<blockquote dir=\"auto\"><bdi>(.*?)</bdi>", block)
        assert len(sentences) == len(set(sentences)) == 2
