"""The pages of `kg serve` in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

What a person would do: open the home page and see the timeline, click a meeting, open an
organisation, run a saved query with its parameter, and ask a question in the query box.
"""
from __future__ import annotations

import shutil

import pytest

from serving import SEED_RELEASE, Server, build_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
if not shutil.which(CHROMIUM):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

BASE = "https://kg.example.org/"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(build_store(tmp_path_factory.mktemp("browser") / "store"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True, args=ARGS)
        yield context
        context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def test_home_timeline_leads_to_a_meeting_with_its_quotes(server, page):
    page.goto(server.url + "/")
    assert page.locator("h1").inner_text() == "Meetings in government press releases"
    timeline = page.locator("svg.timeline")
    assert timeline.is_visible()
    assert timeline.locator("a.meeting").count() >= 3
    assert page.locator("table.series").get_by_text("日米サイバー対話").is_visible()
    timeline.locator('a.meeting[href="/meeting/jp-us-ied/6"]').click()
    page.wait_for_url("**/meeting/jp-us-ied/6")
    heading = page.locator("h1").inner_text()
    assert "インターネットエコノミーに関する日米政策協力対話" in heading and "第6回" in heading and "2014-09-16" in heading
    facts = page.locator("#facts")
    assert facts.get_by_text("ワシントンD.C.").first.is_visible()
    quote = facts.locator("blockquote.quote").first
    assert quote.is_visible() and quote.inner_text().startswith("「")
    assert quote.locator(f'a[href="/release/{SEED_RELEASE}"]').count() == 1
    # A fact's quote is shown inside its whole sentence, the quoted words marked.
    start = facts.locator("blockquote.quote", has=page.locator("mark", has_text="9月16日")).first
    assert start.is_visible() and "ワシントンD.C.にて" in start.inner_text()


def test_an_organisation_page_shows_labels_meetings_and_sources(server, page):
    page.goto(server.url + "/org/us-dos")
    assert page.locator("h1").inner_text() == "国務省"
    row = page.locator("#meetings tbody tr").filter(has=page.locator('a[href="/meeting/jp-us-ied/6"]'))
    assert row.locator("td").first.inner_text() == "2014-09-16" and "host" in row.inner_text()
    assert row.locator("a.kind").count() >= 1  # what the meeting agreed, confirmed …
    assert page.locator("dl.labels").get_by_text("United States Department of State").is_visible()
    incoming = page.locator("#incoming")
    meeting = incoming.locator('a[href="/meeting/jp-us-ied/6"]').first
    assert meeting.is_visible()
    assert "第6回" in incoming.inner_text()
    quotes = incoming.locator("blockquote.quote")
    assert quotes.count() >= 1 and "国務省" in quotes.first.inner_text()
    meeting.click()
    page.wait_for_url("**/meeting/jp-us-ied/6")
    assert page.locator("#facts").get_by_text("国務省").first.is_visible()


def test_a_saved_query_runs_from_the_home_page_with_its_parameter(server, page):
    page.goto(server.url + "/")
    form = page.locator('form[action="/queries/provenance"]')
    form.locator('input[name="subject"]').fill(BASE + "meeting/jp-us-ied/6")
    form.get_by_role("button", name="Run provenance").click()
    page.wait_for_url("**/queries/provenance?**")
    table = page.locator("table.results")
    assert table.is_visible()
    assert table.locator("tbody tr").count() >= 1
    assert "国務省" in table.inner_text() and "ワシントンD.C." in table.inner_text()


def test_the_query_box_answers_with_a_table(server, page):
    page.goto(server.url + "/")
    page.locator('textarea[name="query"]').fill(
        "PREFIX cv: <http://data.europa.eu/m8g/>\n"
        "SELECT ?meeting WHERE { ?meeting cv:eventNumber 5 } ORDER BY ?meeting")
    page.get_by_role("button", name="Run query").click()
    page.wait_for_url("**/sparql?**")
    table = page.locator("table.results")
    assert table.locator("th").all_inner_texts() == ["meeting"]
    assert table.locator('a[href="/meeting/jp-us-ied/5"]').first.is_visible()
    assert table.locator("tbody tr").count() == table.locator('a[href="/meeting/jp-us-ied/5"]').count()


CLOSE_MEETINGS = """@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix cv: <http://data.europa.eu/m8g/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://kg.example.org/graph/release/test-close> {
  <https://kg.example.org/series/test-close> a schema:EventSeries ; skos:prefLabel "近接会合テスト"@ja .
""" + "".join(
    f"""  <https://kg.example.org/meeting/test-close/{n}> a schema:Event ;
      schema:superEvent <https://kg.example.org/series/test-close> ; cv:eventNumber {n} ;
      schema:startDate "{day}"^^xsd:date ; schema:name "近接会合テスト"@ja .
""" for n, day in [(1, "2013-05-01"), (2, "2013-05-03"), (3, "2013-05-03"), (4, "2013-05-04"),
                   (5, "2015-11-20"), (6, "2015-11-21")]) + "}\n"


@pytest.fixture(scope="module")
def close_server(tmp_path_factory):
    import pyoxigraph as ox

    path = build_store(tmp_path_factory.mktemp("close") / "store")
    store = ox.Store(str(path))
    store.load(CLOSE_MEETINGS.encode("utf-8"), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    srv = Server(path)
    yield srv
    srv.stop()


def test_dots_of_meetings_close_in_time_do_not_hide_each_other(close_server, page):
    """Six meetings, four within four days and two a day apart: every dot whole, every number readable."""
    page.goto(close_server.url + "/")
    dots = page.locator('svg.timeline a.meeting[href^="/meeting/test-close/"]')
    assert dots.count() == 6
    boxes = [dots.nth(i).locator("circle").bounding_box() for i in range(6)]
    centres = sorted(((b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, b["width"]) for b in boxes))
    for (x1, y1, w), (x2, y2, _w) in zip(centres, centres[1:]):
        assert y1 == y2 and x2 - x1 >= w, centres  # side by side, not on top of each other
    for i in range(6):
        dot = dots.nth(i)
        label = dot.locator("text.ordinal")
        box = label.bounding_box()
        # what the reader sees at the middle of the number belongs to this dot, not a neighbour's circle
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a').getAttribute('href')",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert hit == dot.get_attribute("href") and label.text_content() == dot.get_attribute("href").rsplit("/", 1)[1]
    assert page.locator("svg.timeline line.when").count() >= 4  # the moved dots' true dates are marked
    dots.nth(3).click()
    page.wait_for_url("**/meeting/test-close/*")
