"""`kg fetch` against a real HTTP server on 127.0.0.1 serving a small ministry-like site.

The series: four releases of one dialogue (the newest links to the three before it through its
関係報道資料 block; the third links to the first through an old address that redirects, and to a
page that robots.txt forbids), one page Shift_JIS by meta tag and one by HTTP header only,
a PDF attachment and a link to another site.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fetch_site import LAST_MODIFIED, PDF, SERIES, Site
from kg.cli import main

NAMES = [Path(p).name for p in SERIES]


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def kg(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def fetch_json(site: Site, out: Path, *args, url: str | None = None):
    result = kg("fetch", url or site.url(SERIES[3]), "--into", out, "--delay", "0", "-f", "json", *args)
    return result, {o["url"]: o for o in json.loads(result.stdout or "[]")}


def test_follow_related_from_the_newest_reaches_all_four_once(site, tmp_path):
    out = tmp_path / "releases"
    result, outcomes = fetch_json(site, out, "--follow-related")
    assert result.exit_code == 0, result.stderr
    assert [site.count(p) for p in SERIES] == [1, 1, 1, 1]
    assert site.count(PDF) == 1 and site.count("/robots.txt") == 1
    assert site.count("/internal/01kokusai05_draft.html") == 0, "robots.txt forbids /internal/"
    followed = {p for p, _, _ in site.log}
    assert followed == {"/robots.txt", PDF, "/old/s-news/" + NAMES[0], *SERIES}, "menus, side bars, footers not followed"
    assert sorted(p.name for p in out.glob("*.html")) == sorted(NAMES)
    for path in SERIES:
        assert (out / Path(path).name).read_bytes() == site.body(path), "saved as served"
    assert (out / "attachments" / "000951234.pdf").read_bytes() == site.body(PDF)
    off_site = outcomes["https://www.example.org/digital/japan-canada-2024.html"]
    assert off_site["result"] == "skipped" and "another site" in off_site["message"]
    assert outcomes[site.url("/internal/01kokusai05_draft.html")]["result"] == "skipped"
    assert "fetched already" in outcomes[site.url("/old/s-news/" + NAMES[0])]["message"]
    assert all(h["User-Agent"].startswith("kg-fetch/") for _, h, _ in site.log)
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == sorted(
        [n for name in NAMES for n in (name, name.replace(".html", ".meta.json"))]
        + ["attachments/000951234.pdf", "attachments/000951234.meta.json"]), "no temporary files left"


def test_the_sidecar_records_the_answer(site, tmp_path):
    out = tmp_path / "releases"
    result, _ = fetch_json(site, out, "--follow-related")
    assert result.exit_code == 0, result.stderr
    header_sjis = json.loads((out / NAMES[2].replace(".html", ".meta.json")).read_text("utf-8"))
    url = site.url(SERIES[2])
    assert header_sjis["url"] == header_sjis["final_url"] == header_sjis["requested_url"] == url
    assert header_sjis["status"] == 200 and header_sjis["content_type"] == "text/html"
    assert header_sjis["charset"] == "shift_jis" and header_sjis["decoded_as"] == "cp932"
    assert header_sjis["last_modified"] == LAST_MODIFIED and header_sjis["etag"].startswith('"')
    assert dt.datetime.fromisoformat(header_sjis["retrieved"]).tzinfo is not None
    assert header_sjis["related"][1] == site.url(SERIES[1])
    meta_sjis = json.loads((out / NAMES[1].replace(".html", ".meta.json")).read_text("utf-8"))
    assert meta_sjis["charset"] is None and meta_sjis["decoded_as"] == "cp932", "declared in the page only"
    newest = json.loads((out / NAMES[3].replace(".html", ".meta.json")).read_text("utf-8"))
    assert newest["attachments"] == [site.url(PDF), "https://www.example.org/digital/japan-canada-2024.html"]
    pdf = json.loads((out / "attachments" / "000951234.meta.json").read_text("utf-8"))
    assert pdf["content_type"] == "application/pdf" and pdf["bytes"] == len(site.body(PDF))


def test_a_redirected_url_records_where_it_ended(site, tmp_path):
    out = tmp_path / "releases"
    old = site.url("/old/s-news/" + NAMES[0])
    result, outcomes = fetch_json(site, out, url=old)
    assert result.exit_code == 0, result.stderr
    meta = json.loads((out / NAMES[0].replace(".html", ".meta.json")).read_text("utf-8"))
    assert meta["requested_url"] == old
    assert meta["url"] == meta["final_url"] == outcomes[old]["final_url"] == site.url(SERIES[0])


def test_a_second_fetch_is_all_304s(site, tmp_path):
    out = tmp_path / "releases"
    first, _ = fetch_json(site, out, "--follow-related")
    assert first.exit_code == 0, first.stderr
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.suffix in (".html", ".pdf")}
    second, outcomes = fetch_json(site, out, "--follow-related")
    assert second.exit_code == 0, second.stderr
    for path in [*SERIES, PDF]:
        assert site.statuses(path) == [200, 304]
        assert outcomes[site.url(path)]["result"] == "unchanged"
    asked = [h for p, h, s in site.log if s == 304]
    assert len(asked) == 5 and all(h.get("If-None-Match") and h.get("If-Modified-Since") for h in asked)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before} == before
    meta = json.loads((out / NAMES[0].replace(".html", ".meta.json")).read_text("utf-8"))
    assert meta["status"] == 200 and "checked" in meta


def test_a_changed_page_is_fetched_again(site, tmp_path):
    out = tmp_path / "releases"
    fetch_json(site, out, url=site.url(SERIES[0]))
    changed = site.body(SERIES[0]).replace("6月10日".encode(), "6月11日".encode())

    def serve_changed(h):
        h.answer(200, changed, {"Content-Type": "text/html; charset=UTF-8", "ETag": '"v2"'})
    site.on(SERIES[0], serve_changed)
    result, outcomes = fetch_json(site, out, url=site.url(SERIES[0]))
    assert result.exit_code == 0 and outcomes[site.url(SERIES[0])]["result"] == "fetched"
    assert (out / NAMES[0]).read_bytes() == changed
    assert json.loads((out / NAMES[0].replace(".html", ".meta.json")).read_text("utf-8"))["etag"] == '"v2"'


def test_since_leaves_out_older_releases_unrequested(site, tmp_path):
    out = tmp_path / "releases"
    result, outcomes = fetch_json(site, out, "--follow-related", "--since", "2023-01-01")
    assert result.exit_code == 0, result.stderr
    assert [site.count(p) for p in SERIES] == [0, 0, 1, 1], "the dates printed in the related block suffice"
    assert sorted(p.name for p in out.glob("*.html")) == NAMES[2:]
    assert "before 2023-01-01" in outcomes[site.url(SERIES[0])]["message"]


def test_depth_zero_keeps_to_the_page_and_its_attachments(site, tmp_path):
    out = tmp_path / "releases"
    result, outcomes = fetch_json(site, out, "--follow-related", "--depth", "0")
    assert result.exit_code == 0, result.stderr
    assert [site.count(p) for p in SERIES] == [0, 0, 0, 1] and site.count(PDF) == 1
    assert "--depth 0" in outcomes[site.url(SERIES[0])]["message"]


def test_without_follow_only_the_urls_given(site, tmp_path):
    out = tmp_path / "releases"
    result = kg("fetch", site.url(SERIES[3]), site.url(SERIES[3]) + "#top", "--into", out, "--delay", "0")
    assert result.exit_code == 0, result.stderr
    assert site.count(SERIES[3]) == 1 and site.count(PDF) == 0
    assert result.stdout.startswith("fetched   200 page")
    assert "pages: 1 fetched" in result.stderr


def test_robots_txt_that_cannot_be_read_keeps_the_fetcher_away(site, tmp_path):
    from fetch_site import status

    site.on("/robots.txt", status(503))
    result, outcomes = fetch_json(site, tmp_path / "r", "--retries", "0")
    assert site.count(SERIES[3]) == 0
    assert outcomes[site.url(SERIES[3])]["result"] == "skipped"
    assert "could not be read (HTTP 503)" in outcomes[site.url(SERIES[3])]["message"]


def test_a_missing_robots_txt_allows_everything(site, tmp_path):
    from fetch_site import status

    site.on("/robots.txt", status(404))
    result, outcomes = fetch_json(site, tmp_path / "r")
    assert result.exit_code == 0 and outcomes[site.url(SERIES[3])]["result"] == "fetched"


def test_the_fetched_folder_builds_into_one_series_of_four_meetings(site, tmp_path):
    out, store = tmp_path / "releases", tmp_path / "store"
    fetched, _ = fetch_json(site, out, "--follow-related")
    assert fetched.exit_code == 0, fetched.stderr
    built = kg("build", out, "--store", store)
    assert built.exit_code == 0, built.stderr
    assert "releases: 4 built" in built.stderr
    rows = json.loads(kg("query", "series", "--store", store, "-f", "json").stdout)
    ours = [r for r in rows if r["label"] == "デジタル経済に関する日加政策対話"]
    assert len({r["series"] for r in ours}) == 1
    assert [(int(r["ordinal"]), r["start"]) for r in ours] == [
        (1, "2021-06-09"), (2, "2022-05-18"), (3, "2023-05-31"), (4, "2024-06-12")]


def test_fetch_then_build_in_one_go(site, tmp_path):
    result = kg("fetch", site.url(SERIES[0]), "--into", tmp_path / "r", "--delay", "0",
                "--build", "--store", tmp_path / "store")
    assert result.exit_code == 0, result.stderr
    assert "pages: 1 fetched" in result.stderr and "releases: 1 built" in result.stderr


def test_names_come_from_the_url_and_stay_with_it(tmp_path):
    from kg.ingest.fetch import canonical
    from kg.ingest.save import attachment_place, page_place, write_meta

    a, b = "https://www.soumu.go.jp/a/index.html", "https://www.soumu.go.jp/b/index.html"
    first = page_place(tmp_path, a)
    first.body.write_bytes(b"<html></html>")
    write_meta(first, {"url": a, "requested_url": a})
    second = page_place(tmp_path, b)
    assert first.body.name == "index.html" and second.body.name.startswith("index-")
    assert page_place(tmp_path, a) == first and page_place(tmp_path, b) == second
    assert page_place(tmp_path, "https://www.mofa.go.jp/press/release/").body.name == "release.html"
    assert attachment_place(tmp_path, "https://x.go.jp/doc?id=3", "application/pdf").body.suffix == ".pdf"
    assert canonical("HTTP://WWW.Soumu.go.jp:80/a.html#top") == canonical("http://www.soumu.go.jp/a.html")


def test_a_gzipped_answer_is_saved_as_the_page_it_holds(site, tmp_path):
    from fetch_site import gzipped

    site.on(SERIES[0], gzipped(site.body(SERIES[0])))
    result, _ = fetch_json(site, tmp_path, url=site.url(SERIES[0]))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / NAMES[0]).read_bytes() == site.body(SERIES[0])
    assert json.loads((tmp_path / NAMES[0].replace(".html", ".meta.json")).read_text("utf-8"))["content_encoding"] == "gzip"
    assert all(h.get("Accept-Encoding") == "gzip" for _, h, _ in site.log)


def test_urls_printed_in_the_related_block_count_with_the_date_above_them():
    from kg import gazetteer
    from kg.config import DEFAULT_RELEASES
    from kg.ingest.links import read_page
    from kg.ingest import read_source

    page = read_page(read_source(DEFAULT_RELEASES / "soumu_01tsushin08_02000040.txt"), gazetteer.load())
    assert page.issued == dt.date(2014, 9, 19)
    assert [(link.kind, link.url.rsplit("/", 1)[1], str(link.issued)) for link in page.links] == [
        ("related", "02tsushin06_02000027.html", "2010-06-16"), ("related", "01tsushin06_01000005.html", "2010-11-01"),
        ("related", "01tsushin06_01000011.html", "2011-06-11"), ("related", "01tsushin06_02000030.html", "2012-03-23"),
        ("related", "01tsushin06_02000039.html", "2012-10-20"), ("related", "01tsushin06_02000057.html", "2014-03-13")]


def test_an_attachment_that_answers_html_is_not_saved_where_build_would_read_it(site, tmp_path):
    from fetch_site import typed

    site.on(PDF, typed("text/html", b"<html><body><p>moved</p></body></html>"))
    result, outcomes = fetch_json(site, tmp_path, "--follow-related", "--depth", "0")
    assert result.exit_code == 0, result.stderr
    assert outcomes[site.url(PDF)]["result"] == "skipped" and "not a document" in outcomes[site.url(PDF)]["message"]
    assert not (tmp_path / "attachments").exists() or not any((tmp_path / "attachments").iterdir())
