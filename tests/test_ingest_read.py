"""Reading release files: encodings, BOMs, newlines, HTML pages, sidecars, and bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kg.errors import InputError
from kg.ingest.read import decode, read_source

TEXT = "報道資料\r\n\r\n令和元年10月17日\r\n\r\n日米対話(第1回)の結果\r\n 総務省は、東京にて開催しました。\r\n"


def write(tmp_path: Path, name: str, data: bytes, meta: dict | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    if meta is not None:
        (tmp_path / (path.stem + ".meta.json")).write_text(json.dumps(meta), encoding="utf-8")
    return path


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8-sig", TEXT.encode("utf-8-sig")),
    ("cp932", TEXT.encode("cp932")),
    ("euc_jp", TEXT.encode("euc_jp")),
])
def test_encodings_are_detected_and_newlines_normalised(tmp_path, encoding, data):
    src = read_source(write(tmp_path, "r.txt", data))
    assert src.text == TEXT.replace("\r\n", "\n").strip("\n")
    assert src.encoding == encoding
    assert "\r" not in src.text and not src.text.startswith("\ufeff")


def test_sidecar_gives_url_and_meta(tmp_path):
    src = read_source(write(tmp_path, "r.txt", TEXT.encode(), {"url": "https://www.soumu.go.jp/x.html", "publisher": "総務省"}))
    assert src.url == "https://www.soumu.go.jp/x.html" and src.meta["publisher"] == "総務省"
    assert len(src.sha256) == 64


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (bytes([0x81, 0xff, 0xfe, 0x80, 0xa0, 0xff]) * 10, "cannot decode"),
])
def test_bad_files_raise_input_error_naming_the_problem_and_file(tmp_path, data, words):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as err:
        read_source(path)
    assert words in str(err.value) and str(path) in str(err.value)


def test_a_broken_sidecar_is_named(tmp_path):
    path = write(tmp_path, "r.txt", TEXT.encode())
    (tmp_path / "r.meta.json").write_text("{url:", encoding="utf-8")
    with pytest.raises(InputError, match="r.meta.json"):
        read_source(path)


PAGE = """<!DOCTYPE html><html><head><meta charset="Shift_JIS"><title>t</title>
<link rel="canonical" href="https://www.soumu.go.jp/menu_news/s-news/01x.html"></head>
<body><div id="header"><ul><li>メニュー</li><li>English</li></ul></div>
<nav class="breadcrumb"><a href="/">総務省トップ</a> &gt; 報道資料</nav>
<div id="contents"><p>報道資料</p><p>令和元年10月17日</p><h1>日米対話(第1回)の結果</h1>
<p>　10月10日、総務省は<b>東京</b>にて&quot;対話&quot;を開催しました。</p>
<h2>【別添】</h2><ul><li><a href="/main_content/000001.pdf">共同声明(和文)</a></li></ul>
<script>var x = "<p>no</p>";</script></div><div id="footer">フッター</div></body></html>"""


def test_html_keeps_the_body_lines_and_drops_furniture(tmp_path):
    src = read_source(write(tmp_path, "p.html", PAGE.encode("cp932")))
    assert src.encoding == "cp932"
    lines = [ln for ln in src.text.split("\n") if ln]
    assert lines[:3] == ["報道資料", "令和元年10月17日", "日米対話(第1回)の結果"]
    assert "メニュー" not in src.text and "フッター" not in src.text and "var x" not in src.text
    assert '"対話"' in src.text


def test_html_links_are_absolute_with_spans_into_the_text(tmp_path):
    src = read_source(write(tmp_path, "p.html", PAGE.encode("cp932")))
    assert src.url == "https://www.soumu.go.jp/menu_news/s-news/01x.html"
    [(words, url, span)] = src.links
    assert url == "https://www.soumu.go.jp/main_content/000001.pdf"
    assert span.quote(src.text) == words == "共同声明(和文)"


def test_html_sidecar_url_wins_and_resolves_links(tmp_path):
    path = write(tmp_path, "p.html", PAGE.replace('<link rel="canonical" href="https://www.soumu.go.jp/menu_news/s-news/01x.html">', "")
                 .encode("utf-8"), {"url": "https://www.mofa.go.jp/a/b.html"})
    src = read_source(path)
    assert src.links[0][1] == "https://www.mofa.go.jp/main_content/000001.pdf"


def test_decode_honours_a_declared_charset():
    data = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=EUC-JP"></head><body>総務省</body></html>'
    text, enc = decode(data.encode("euc_jp"), html=True)
    assert "総務省" in text and enc == "euc_jp"


def test_the_charset_the_server_sent_is_used(tmp_path):
    page = write(tmp_path, "p.html", "<html><body><p>日加政策対話の結果</p></body></html>".encode("iso-2022-jp"),
                 {"url": "https://www.soumu.go.jp/x.html", "charset": "iso-2022-jp"})
    src = read_source(page)
    assert "日加政策対話" in src.text and src.encoding == "iso2022_jp"


def test_iso_2022_jp_is_recognised_by_its_escapes(tmp_path):
    src = read_source(write(tmp_path, "r.txt", TEXT.encode("iso-2022-jp")))
    assert src.text.startswith("報道資料") and src.encoding == "iso2022_jp"


def test_relative_links_follow_the_base_element(tmp_path):
    page = write(tmp_path, "p.html", ('<html><head><base href="https://www.soumu.go.jp/menu_news/s-news/"></head><body>'
                                      '<p><a href="01x_02000011.html">第1回の結果</a></p></body></html>').encode(),
                 {"url": "https://www.soumu.go.jp/main_content/page.html"})
    assert [url for _, url, _ in read_source(page).links] == ["https://www.soumu.go.jp/menu_news/s-news/01x_02000011.html"]


@pytest.mark.parametrize("wrapper", ['<div id="globalNavi">', '<div class="localNavi side">', '<ul class="menuList">',
                                     '<div id="pankuzu">', '<div class="l-footer">', '<div role="navigation">',
                                     '<div class="l-side">', '<div id="search">', '<div class="side-column">',
                                     '<div class="siteHeader">'])
def test_navigation_in_its_many_names_is_dropped(tmp_path, wrapper):
    tag = wrapper[1:wrapper.index(" ")]
    page = f"<html><body>{wrapper}<a href='/x'>政策</a></{tag}><div id='contents'><p>日米対話の結果</p></div></body></html>"
    src = read_source(write(tmp_path, "p.html", page.encode()))
    assert src.text == "日米対話の結果" and src.links == []


def test_a_two_column_table_reads_as_labelled_lines(tmp_path):
    page = ("<html><body><p>日米対話の結果</p><table><tr><th>日時</th><td>令和元年10月10日(木)</td></tr>"
            "<tr><th>場所</th><td>東京</td></tr><tr><td>A</td><td>B</td></tr></table></body></html>")
    src = read_source(write(tmp_path, "p.html", page.encode()))
    assert [ln for ln in src.text.split("\n") if ln] == ["日米対話の結果", "日時: 令和元年10月10日(木)", "場所: 東京", "A B"]


def test_a_page_in_utf8_that_declares_shift_jis_is_read_as_utf8(tmp_path):
    page = '<html><head><meta charset="Shift_JIS"></head><body><p>日米対話の結果</p></body></html>'
    src = read_source(write(tmp_path, "p.html", page.encode("utf-8")))
    assert src.text == "日米対話の結果" and src.encoding == "utf-8"


def test_content_classes_are_kept(tmp_path):
    page = ('<html><body><div class="contents-body main"><p>日米対話の結果</p></div>'
            '<div class="related-links"><a href="/r.html">関係報道資料</a></div></body></html>')
    src = read_source(write(tmp_path, "p.html", page.encode()))
    assert src.text.split("\n")[0] == "日米対話の結果" and [u for _, u, _ in src.links] == ["/r.html"]


def test_an_article_header_holds_the_title_and_date(tmp_path):
    page = ("<html><body><header><nav>メニュー</nav></header><main><article><header><p>令和4年10月7日</p>"
            "<h1>日英デジタル・グループ会合(第1回)の結果</h1></header><p>本文です。</p></article></main>"
            "<footer>フッター</footer></body></html>")
    src = read_source(write(tmp_path, "p.html", page.encode()))
    assert [ln for ln in src.text.split("\n") if ln] == ["令和4年10月7日", "日英デジタル・グループ会合(第1回)の結果", "本文です。"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=80).map(lambda t: t.encode("utf-8")), st.booleans())
def test_any_bytes_decode_or_raise_input_error(data, html):
    try:
        text, encoding = decode(data, html=html)
    except InputError:
        return
    assert isinstance(text, str) and "\r" not in text and encoding
