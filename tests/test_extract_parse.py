"""Parsing: page furniture, header (date, issuer, title) and sections, on fixtures of each layout."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kg import gazetteer
from kg.errors import KgError, ParseError
from kg.ingest import read_source
from kg.model import Source
from kg.extract.parse import parse_release

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
GAZ = gazetteer.load()


def parsed(name: str):
    return parse_release(read_source(FIXTURES / name), GAZ)


def kinds(rel) -> list[str]:
    return [s.kind for s in rel.sections]


def test_mic_header_breadcrumb_label_date_issuer_title():
    rel = parsed("mic_dialogue.txt")
    assert kinds(rel)[:5] == ["breadcrumb", "label", "date", "issuer", "title"]
    assert rel.issued.iso == "2021-06-04" and rel.issuer_printed
    assert rel.title == "日加ICT政策対話(第2回局長級会合)の結果"
    assert rel.title_span.quote(rel.text) == rel.title
    assert rel.publisher.key == "jp-mic" and rel.lang == "ja"
    assert rel.id == "soumu-01tsushin08_99000002"


def test_sections_and_furniture():
    rel = parsed("mic_dialogue.txt")
    by_kind = {s.kind for s in rel.sections}
    assert {"lead", "heading", "attendees", "plans", "attachments", "related", "contact", "furniture"} <= by_kind
    numbers = [s.number for s in rel.sections if s.kind == "heading"]
    assert numbers == ["1", "(1)", "(2)", "(3)"]
    assert all(s.span.quote(rel.text).strip() for s in rel.sections)


def test_mofa_title_before_date_and_publisher_from_the_site():
    rel = parsed("mofa_passive.txt")
    assert rel.title == "第3回日豪サイバー対話の開催" and rel.issued.iso == "2020-02-07"
    assert rel.publisher.key == "jp-mofa" and not rel.issuer_printed


def test_meti_date_printed_at_the_end():
    rel = parsed("meti_date_end.txt")
    assert rel.issued.iso == "2019-11-21" and rel.issued.span.quote(rel.text).startswith("令和元年11月21日")
    assert rel.title == "日独経済対話を開催しました" and rel.publisher.key == "jp-meti"


def test_english_date_and_title_on_one_line():
    rel = parsed("en_one_line.txt")
    assert rel.lang == "en" and rel.issued.iso == "2021-05-19"
    assert rel.title == "Results of the 3rd Japan-Canada ICT Policy Dialogue"
    assert rel.title_span.quote(rel.text) == rel.title
    assert rel.publisher.name == "Ministry of Internal Affairs and Communications"


def test_no_title_no_date_starts_straight_in_the_body():
    src = Source("x.txt", "総務省は、本日、日米対話を開催しました。\n両国は協力を確認しました。", "", "utf-8")
    rel = parse_release(src, GAZ)
    assert rel.title is None and rel.issued is None and kinds(rel) == ["lead"]


def test_issuer_line_is_recognised():
    src = Source("x.txt", "平成22年7月30日\n総務省\n\n日米対話の開催\n\n本日開催しました。", "", "utf-8")
    rel = parse_release(src, GAZ)
    assert "issuer" in kinds(rel) and rel.publisher.key == "jp-mic" and rel.title == "日米対話の開催"


def test_full_width_text_keeps_original_offsets():
    text = "報道資料\n\n令和２年３月５日\n\n日米対話（第２回）の結果\n\n　３月４日、総務省は東京にて開催しました。"
    rel = parse_release(Source("x.txt", text, "", "utf-8"), GAZ)
    assert rel.issued.iso == "2020-03-05" and rel.issued.span.quote(text) == "令和２年３月５日"
    assert rel.title_span.quote(text) == "日米対話（第２回）の結果"


@pytest.mark.parametrize("text", ["", "   ", "a", "!!!\n???", "12345"])
def test_text_that_is_not_a_release_raises_parse_error(text):
    with pytest.raises(ParseError, match="not a release"):
        parse_release(Source("junk.txt", text, "", "utf-8"), GAZ)


LINES = st.sampled_from(["総務省トップ > 報道資料 > 日米対話の結果", "報道資料", "平成26年9月19日", "総務省",
                         "日米対話(第6回局長級会合)の結果", "1 主な成果", "(1)サイバー", "【別添】", "連絡先",
                         "ページトップへ戻る", "December 17, 2019 Results", "公表日", "ア データ", "・ 箇条"])


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES | st.text(max_size=30), max_size=12))
def test_any_text_parses_or_raises_the_projects_error(lines):
    text = "\n".join(lines)
    try:
        rel = parse_release(Source("x.txt", text, "", "utf-8"), GAZ)
    except KgError:
        return
    for sec in rel.sections:
        assert 0 <= sec.span.start <= sec.span.end <= len(text)
    if rel.issued:
        assert rel.issued.span.quote(text)


def test_a_cut_breadcrumb_still_finds_the_title():
    text = "総務省トップ > 報道資料一覧 > 日米対話(第2回局長級会…\n\n報道資料\n\n平成26年9月19日\n\n写真説明\n\n日米対話(第2回局長級会合)の結果\n\n本文です。"
    rel = parse_release(Source("x.txt", text, "", "utf-8"), GAZ)
    assert rel.title == "日米対話(第2回局長級会合)の結果"
