"""The pages `kg fetch` saves read right with kg.ingest: body kept, furniture dropped, links absolute.

These check the extraction engineer's HTML ingest on the fetch fixture site, as served and saved.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fetch_site import PDF, SERIES, Site
from kg.ingest.fetch import FetchOptions, fetch
from kg.ingest import read_source

FURNITURE = ["サイトマップ", "English", "検索", "組織案内", "総務省トップ", "報道資料一覧", "新着情報",
             "電波利用料", "プライバシーポリシー", "ウェブアクセシビリティ", "Copyright", "ページトップへ戻る",
             "dataLayer", "base.css"]
PLACES = ["Web会議形式にて", "オタワにて", "東京にて", "トロントにて"]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    site = Site()
    out = tmp_path_factory.mktemp("fetched")
    try:
        report = fetch([site.url(SERIES[3])], FetchOptions(into=out, follow=True, delay=0))
        assert not report.failed
        yield site.base, out
    finally:
        site.close()


@pytest.mark.parametrize("n", range(4))
def test_the_body_is_kept_and_the_furniture_dropped(saved, n):
    base, out = saved
    source = read_source(out / Path(SERIES[n]).name)
    title = f"デジタル経済に関する日加政策対話(第{n + 1}回局長級会合)の結果"
    assert source.text.startswith("報道資料") and title in source.text
    assert PLACES[n] in source.text and "連絡先" in source.text and source.text.endswith("FAX:03-5253-0001")
    assert [word for word in FURNITURE if word in source.text] == []
    assert source.url == base + SERIES[n]
    assert source.encoding == ("cp932" if n in (1, 2) else "utf-8"), "Shift_JIS by meta tag (2nd), by header (3rd)"


def test_link_targets_are_absolute_and_point_where_the_page_did(saved):
    base, out = saved
    source = read_source(out / Path(SERIES[3]).name)
    urls = [url for _, url, _ in source.links]
    assert urls == [base + PDF, "https://www.example.org/digital/japan-canada-2024.html",
                    base + SERIES[0], base + SERIES[1], base + SERIES[2]], "only the body's links"
    for text, url, span in source.links:
        assert span.quote(source.text) == text


def test_without_a_sidecar_the_url_comes_from_the_canonical_link(saved, tmp_path):
    base, out = saved
    alone = tmp_path / "alone.html"
    shutil.copyfile(out / Path(SERIES[1]).name, alone)
    source = read_source(alone)
    assert source.url == base + SERIES[1]
    assert all(url.startswith(("http://", "https://")) for _, url, _ in source.links)


def test_the_charset_of_the_http_header_is_used(tmp_path):
    text = "<html><body><p>日加政策対話の結果について、総務省は発表しました。</p></body></html>"
    page = tmp_path / "iso2022.html"
    page.write_bytes(text.encode("iso-2022-jp"))
    (tmp_path / "iso2022.meta.json").write_text(json.dumps({"url": "https://www.soumu.go.jp/x.html",
                                                            "charset": "iso-2022-jp"}))
    assert "日加政策対話" in read_source(page).text


def test_relative_links_follow_the_base_element(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<html><head><base href="https://www.soumu.go.jp/menu_news/s-news/"></head><body>'
                    '<p>日加政策対話の結果について、総務省は発表しました。</p><h2>【関係報道資料】</h2>'
                    '<p><a href="01kokusai05_02000011.html">第1回の結果</a></p></body></html>', encoding="utf-8")
    (tmp_path / "page.meta.json").write_text(json.dumps({"url": "https://www.soumu.go.jp/main_content/page.html"}))
    assert [url for _, url, _ in read_source(page).links] == [
        "https://www.soumu.go.jp/menu_news/s-news/01kokusai05_02000011.html"]
