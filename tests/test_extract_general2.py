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


def test_bodies_on_a_kenyan_side_are_kenyan_and_the_embassy_in_kenya_is_japanese():
    m = main(extracted("kenya_sides.txt"))
    assert set(names(m, country="KE")) == {"ケニア共和国情報通信・デジタル経済省", "ケニア通信庁", "国家電子政府推進機構"}
    assert set(names(m, country="JP")) == {"総務省", "在ケニア日本国大使館", "国際協力機構(JICA)"}


def test_the_countries_of_the_g20_and_beyond_are_known():
    from kg.extract import orgs
    for name, code in (("サウジアラビア王国", "SA"), ("Saudi Arabia", "SA"), ("ケニア", "KE"), ("南ア", "ZA"),
                       ("トルコ", "TR"), ("Türkiye", "TR"), ("アラブ首長国連邦", "AE"), ("チリ", "CL"),
                       ("ナイジェリア", "NG"), ("Egypt", "EG"), ("ペルー", "PE"), ("東ティモール", "TL")):
        assert orgs.country_code(name, GAZ) == code, name


def test_a_body_on_the_side_of_a_country_we_do_not_know_is_never_filed_as_japanese():
    rel = text_release("日・ツバルICT対話の結果\n\n 令和5年5月1日、東京において、日・ツバルICT対話が開催されました。"
                       "日本側からは総務省、外務省が、ツバル側からは運輸通信省、気象局が参加しました。\n")
    m = main(rel)
    assert set(names(m, country="JP")) == {"総務省", "外務省"}
    assert {p.org.country for p in m.participations if p.org.mention in ("運輸通信省", "気象局")} == {None}
