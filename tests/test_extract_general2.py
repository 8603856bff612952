"""Extraction across more ministries' formats: each test reads a short synthetic release under
tests/fixtures/general2/ written for one general cause of misses (furniture labels, participant
lists in prose and grouped lists, countries, topics, hosts, damaged dates, levels in the body)."""
from __future__ import annotations

from pathlib import Path

from kg import gazetteer
from kg.extract import extract_release
from kg.ingest import read_source
from kg.model import Source

FIXTURES = Path(__file__).parent / "fixtures" / "general2"
GAZ = gazetteer.load()


def extracted(name: str):
    return extract_release(read_source(FIXTURES / name), GAZ)


def text_release(text: str, url: str = "https://www.soumu.go.jp/menu_news/s-news/x.html"):
    return extract_release(Source("t.txt", text, "", "utf-8", url=url), GAZ)


def main(rel):
    return [m for m in rel.meetings if m.reported][0]


def names(m, role: str | None = None, country: str | None = None, kind: str | None = None) -> list[str]:
    return [p.org.mention for p in m.participations if (role is None or p.role == role)
            and (country is None or p.org.country == country) and (kind is None or p.org.kind == kind)]


def test_a_news_release_label_is_not_the_title():
    rel = extracted("meti_style.txt")
    assert rel.title == "日チリ経済連携協定鉱業協力小委員会(第4回)を開催しました"
    assert rel.issued.iso == "2023-06-09"


def test_furniture_labels_in_either_language_are_not_titles():
    for label in ("ニュースリリース", "記者発表資料", "News Release", "Press Statement"):
        rel = text_release(f"{label}\n\n日英ICT政策対話(第2回)の開催\n\n 令和5年4月3日、総務省は、東京において、日英ICT政策対話を開催しました。\n")
        assert rel.title == "日英ICT政策対話(第2回)の開催", label
