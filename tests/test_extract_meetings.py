"""Meetings: names, ordinals, levels, dates, places, status; two in one release; mentioned and planned ones."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import gazetteer
from kg.extract import extract_release
from kg.extract.meetings import level_of, number, title_parts
from kg.ingest import read_source
from kg.model import Source

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
GAZ = gazetteer.load()


def extracted(name: str):
    return extract_release(read_source(FIXTURES / name), GAZ)


def text_release(text: str, url: str | None = None):
    return extract_release(Source("t.txt", text, "", "utf-8", url=url), GAZ)


def reported(rel):
    return [m for m in rel.meetings if m.reported]


def summary(m) -> tuple:
    return (m.name, m.ordinal, m.level, m.start and m.start.iso, m.end and m.end.iso,
            m.location and m.location.mention, m.status)


@pytest.mark.parametrize("name, expected", [
    ("mic_dialogue.txt", ("日加ICT政策対話", 2, "局長級", "2021-06-02", "2021-06-03", "オタワ", "completed")),
    ("mofa_passive.txt", ("日豪サイバー対話", 3, None, "2020-02-05", "2020-02-06", "外務省", "completed")),
    ("meti_date_end.txt", ("日独経済対話", None, None, "2019-11-20", "2019-11-20", "ベルリン", "completed")),
    ("en_one_line.txt", ("Japan-Canada ICT Policy Dialogue", 3, "Director General-Level", "2021-05-17", "2021-05-18",
                         "Ottawa", "completed")),
    ("damaged.txt", ("日印ICT合同作業部会", 5, None, "2018-02-12", "2018-02-13", "ニューデリー", "completed")),
    ("chair_country.txt", ("G7デジタル・技術大臣会合", None, "大臣級", "2023-12-18", "2023-12-19",
                           "万国津梁館(沖縄県名護市)", "completed")),
])
def test_the_reported_meeting(name, expected):
    assert summary(reported(extracted(name))[0]) == expected


def test_a_release_reporting_two_meetings_yields_two():
    ms = reported(extracted("two_meetings.txt"))
    assert [(m.name, m.ordinal, m.kind, m.series_key) for m in ms] == [
        ("日EU・ICT政策対話", 26, "meeting", "jp-eu-ict"), ("日EU・ICT戦略ワークショップ", 10, "workshop", "jp-eu-ictws")]
    assert all(m.attendance == "online" and m.location is None for m in ms)
    assert all(m.attendance_span for m in ms)


def test_hybrid_with_a_venue_is_mixed_attendance():
    m = reported(extracted("chair_country.txt"))[0]
    assert m.attendance == "mixed"


def test_the_planned_next_meeting_is_scheduled_with_a_vague_date():
    [nxt] = [m for m in extracted("mic_dialogue.txt").meetings if m.status == "scheduled"]
    assert (nxt.reported, nxt.ordinal, nxt.level, nxt.location.mention) == (False, 3, "局長級", "東京")
    assert nxt.start.vague and nxt.start.year == 2022 and nxt.start.month is None


def test_an_earlier_meeting_of_the_series_is_mentioned():
    rel = extracted("mofa_passive.txt")
    [earlier] = [m for m in rel.meetings if not m.reported]
    assert (earlier.ordinal, earlier.series_key, earlier.start.year, earlier.start.month) == (
        2, reported(rel)[0].series_key, 2019, 3)


def test_an_announced_meeting_is_scheduled():
    rel = text_release("報道資料\n\n令和7年1月10日\n\n日米対話(第3回)の開催\n\n"
                       " 総務省は、1月20日(月)に、東京において、日米対話(第3回)を開催します。")
    m = reported(rel)[0]
    assert (m.start.iso, m.status, m.ordinal) == ("2025-01-20", "scheduled", 3)


def test_ordinal_only_in_the_body_and_series_from_the_gazetteer():
    rel = text_release("平成22年10月31日\n\nAPEC電気通信・情報産業大臣会合の結果概要\n\n"
                       "10月30日から31日にかけて、沖縄県(名護市)において、第8回APEC電気通信・情報産業大臣会合を開催しました。")
    m = reported(rel)[0]
    assert (m.ordinal, m.level, m.series_key, m.known_series) == (8, "大臣級", "apec-telmin", True)
    assert (m.start.iso, m.end.iso, m.location.mention) == ("2010-10-30", "2010-10-31", "沖縄県(名護市)")


def test_unknown_series_get_one_minted_key_per_name():
    a = reported(extracted("mic_dialogue.txt"))[0]
    b = [m for m in extracted("mic_dialogue.txt").meetings if m.status == "scheduled"][0]
    # a series data/series.tsv does not list: keyed by what its name is made of (x-…), or by the name itself (s-…)
    assert a.series_key == b.series_key and a.series_key[:2] in ("s-", "x-")


def test_spans_quote_the_source_text():
    rel = extracted("mic_dialogue.txt")
    m = reported(rel)[0]
    assert (m.start.span.quote(rel.text), m.end.span.quote(rel.text)) == ("6月2日", "3日")
    assert m.location.span.quote(rel.text) == "オタワ"
    assert m.span.quote(rel.text) == "日加ICT政策対話"


@pytest.mark.parametrize("title, parts", [
    ("インターネットエコノミーに関する日米政策協力対話(第6回局長級会合)の結果",
     [("インターネットエコノミーに関する日米政策協力対話", 6, "局長級")]),
    ("第5回日米サイバー対話の開催", [("日米サイバー対話", 5, None)]),
    ("日仏ICT政策協議(第十六回)の結果", [("日仏ICT政策協議", 16, None)]),
    ("A政策対話(第21回)及びB戦略ワークショップ(第1回)の結果", [("A政策対話", 21, None), ("B戦略ワークショップ", 1, None)]),
    ("インターネットエコノミーに関する日米政策協力 課長級準備会合の開催",
     [("インターネットエコノミーに関する日米政策協力 課長級準備会合", None, "課長級")]),
    ("G7香川・高松情報通信大臣会合の開催結果", [("G7香川・高松情報通信大臣会合", None, "大臣級")]),
    ("Outcome of Fourth Director General Level Meeting of the Japan-U.S. Policy Cooperation Dialogue on the Internet Economy",
     [("Japan-U.S. Policy Cooperation Dialogue on the Internet Economy", 4, "Director General-Level")]),
    ("日米ICT政策対話(第3回)の結果 〜AIで協力〜", [("日米ICT政策対話", 3, None)]),
    ("Japan-U.S. Cyber Dialogue (Fifth Meeting)", [("Japan-U.S. Cyber Dialogue", 5, None)]),
    ("「日中韓情報通信大臣会合」の開催結果", [("日中韓情報通信大臣会合", None, "大臣級")]),
    ("APEC TELMIN10の結果", [("APEC TELMIN", 10, None)]),
    ("日米サイバー対話(第6回)が開催されました", [("日米サイバー対話", 6, None)]),
    ("MIC Holds the 3rd Japan-India ICT Joint Working Group", [("Japan-India ICT Joint Working Group", 3, None)]),
    ("The 2nd Japan-UK Digital Group Meeting Was Held", [("Japan-UK Digital Group Meeting", 2, None)]),
    ("Results of 25th Japan-EU ICT Policy Dialogue and 9th Japan-EU ICT Strategy Workshop",
     [("Japan-EU ICT Policy Dialogue", 25, None), ("Japan-EU ICT Strategy Workshop", 9, None)]),
])
def test_title_forms(title, parts):
    assert [(p.name, p.ordinal, p.level and p.level.value) for p in title_parts(title, 0, GAZ)] == parts


def test_numbers_and_levels():
    assert [number(x) for x in ("6", "六", "十六", "二十一", "Fourth", "11th", "Tenth", "Twenty-first")] == [
        6, 6, 16, 21, 4, 11, 10, 21]
    assert [(p.name, p.ordinal) for p in title_parts("Results of the Twenty-Second Japan-EU ICT Policy Dialogue", 0, GAZ)] == [
        ("Japan-EU ICT Policy Dialogue", 22)]
    assert [level_of(x, GAZ).value for x in ("次官級での", "閣僚会合", "Director General-Level Meeting", "高級事務レベル協議",
                                              "防衛相会談", "Defense Ministerial Meeting", "G20 Digital Economy Ministers' Meeting",
                                              "High-Level Consultation", "合同高級委員会", "首脳会議")] == [
        "次官級", "閣僚級", "Director General-Level", "高級事務級", "大臣級", "Ministerial", "Ministers'", "High-Level", "高級",
        "首脳級"]
    assert level_of("日豪ハイレベル農業対話", GAZ).weak and not level_of("局長級会合", GAZ).weak


def test_an_announced_meeting_with_a_fused_ordinal_and_a_chair_country():
    rel = extracted("announce_fused.txt")
    m = reported(rel)[0]
    assert (m.series_key, m.ordinal, m.status, m.start.iso, m.end.iso, m.location.key if m.location.known else None) == (
        "apec-telmin", 11, "scheduled", "2022-08-25", "2022-08-26", "bangkok")
    assert {p.org.name: p.role for p in m.participations} == {"タイ": "host", "総務省": "participant"}
    assert [t.number for t in m.topics] == ["i)", "ii)"]


def test_days_without_a_month_take_the_release_month():
    rel = text_release("報道資料\n\n平成30年1月15日\n\n日印対話(第5回)の結果\n\n 総務省は、11、12日、ニューデリーにて、日印対話(第5回)を開催しました。")
    m = reported(rel)[0]
    assert (m.start.iso, m.end.iso) == ("2018-01-11", "2018-01-12")


def test_english_date_after_the_title_and_a_planned_meeting_in_a_year():
    rel = extracted("en_side_lists.txt")
    m = reported(rel)[0]
    assert (rel.issued.iso, m.ordinal, m.level, m.start.iso, m.end.iso) == (
        "2024-09-19", 6, "Director-General-Level", "2024-09-16", "2024-09-17")
    assert [t.label for t in m.topics] == ["Internet governance", "Privacy"]
    [nxt] = [x for x in rel.meetings if x.status == "scheduled"]
    assert (nxt.ordinal, nxt.start.year, nxt.start.iso, nxt.location.mention) == (7, 2025, None, "Tokyo")


def test_talks_abroad_local_date_and_a_place_after_a_clause():
    rel = extracted("mofa_talks.txt")
    m = reported(rel)[0]
    assert (m.start.iso, m.location.mention, m.location.country) == ("2023-07-12", "ジャカルタ（インドネシア）", "ID")
    assert all(o.party_countries == ["JP", "ID"] for o in m.outcomes)


def test_a_quoted_title_with_the_ordinal_inside_and_the_next_meeting():
    rel = extracted("mic_2006_quoted.txt")
    m, nxt = rel.meetings
    assert summary(m) == ("日中韓情報通信大臣会合", 3, "大臣級", "2006-05-11", "2006-05-12", "札幌市", "completed")
    assert (nxt.ordinal, nxt.start.year, nxt.location.mention, nxt.location.country, nxt.series_key) == (
        4, 2008, "中国", "CN", m.series_key)
    assert [(p.name, p.org.key) for p in m.people] == [("竹中", "jp-mic")]
    [c] = rel.contacts
    assert (c.unit, c.phone) == ("総務省情報通信政策局国際政策課", "03-5253-5920")


def test_a_place_with_a_country_prefix_resolves():
    m = reported(extracted("mod_talks.txt"))[0]
    assert (m.location.mention, m.location.key, m.start.iso) == ("米国ワシントンDC", "washington-dc", "2023-01-11")


def test_english_numbered_paragraphs_ordinal_in_the_lead_and_side_lists():
    rel = extracted("mofa_en_numbered.txt")
    m = reported(rel)[0]
    assert summary(m) == ("Japan-Australia Cyber Policy Dialogue", 3, None, "2020-02-05", "2020-02-06", "Tokyo", "completed")
    assert {p.org.name: p.org.country for p in m.participations} == {
        "Ministry of Foreign Affairs": "JP", "National Police Agency": "JP", "Ministry of Defense": "JP",
        "Department of Foreign Affairs and Trade": "AU", "Department of Home Affairs": "AU"}
    assert rel.publisher.key == "jp-mofa" and rel.lang == "en"


def test_japanese_dates_written_before_each_meeting_name():
    rel = extracted("meti_two_dates.txt")
    dialogue, workshop = reported(rel)
    assert (dialogue.ordinal, dialogue.start.iso, workshop.ordinal, workshop.start.iso) == (25, "2019-12-13", 9, "2019-12-11")
    assert rel.title.endswith("（第9回）を開催しました")  # the title as written, full-width brackets kept
    assert rel.title_span.quote(rel.text) == rel.title


def test_without_a_lead_the_meeting_sentence_is_in_the_first_section():
    rel = text_release("令和6年3月1日\n\n日米ICT政策対話(第3回)の結果\n\n1 概要\n"
                       " 総務省と国務省は、2月28日、東京にて、日米ICT政策対話(第3回)を開催しました。\n2 主な成果\n(1)AI\n 両国は、協力で一致しました。\n")
    m = reported(rel)[0]
    assert (m.start.iso, m.location.mention, [t.label for t in m.topics]) == ("2024-02-28", "東京", ["AI"])
    assert {p.org.key: p.role for p in m.participations} == {"jp-mic": "host", "us-dos": "host"}


def test_honjitsu_is_the_release_date_and_local_time_notes_are_ignored():
    rel = text_release("平成21年10月16日\n\n日・ASEAN情報通信大臣会合の結果\n\n 本日、情報通信大臣会合がビエンチャンにおいて開催されました。\n\n"
                       "1 概要\n(1) 日時:平成21年10月16日(金)10:00から(日本時間12:00)\n")
    m = reported(rel)[0]
    assert (m.start.iso, m.end.iso, m.start.span.quote(rel.text)) == ("2009-10-16", "2009-10-16", "本日")


def test_offsets_survive_a_bom_and_crlf(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(("報道資料\r\n\r\n令和2年3月5日\r\n\r\n日米対話（第2回）の結果\r\n\r\n"
                      "　３月４日、総務省と国務省は、東京にて、日米対話（第２回）を開催しました。\r\n").encode("utf-8-sig"))
    rel = extract_release(read_source(path), GAZ)
    m = reported(rel)[0]
    assert (m.start.iso, m.ordinal) == ("2020-03-04", 2)
    assert m.start.span.quote(rel.text) == "３月４日" and m.location.span.quote(rel.text) == "東京"
    assert [p.spans[0].quote(rel.text) for p in m.participations] == ["総務省", "国務省"]


def test_english_meetings_named_in_passing():
    rel = text_release("Results of the 25th Japan-EU ICT Policy Dialogue\nDecember 17, 2019\n"
                       "MIC and the European Commission held the 25th Japan-EU ICT Policy Dialogue in Tokyo on December 13, 2019.\n"
                       "1. Main achievements\n1. International collaboration\n"
                       "Japan explained the results of the G20 Ministerial Meeting on Trade and Digital Economy, which was held in "
                       "June this year. Both sides will prepare for the G7 Digital Ministers' Meeting to be held in Italy in April 2020.\n")
    others = [(m.name, m.status, m.start and (m.start.year, m.start.month), m.location and m.location.mention)
              for m in rel.meetings if not m.reported]
    assert others == [("G20 Ministerial Meeting on Trade and Digital Economy", "completed", None, None),
                      ("G7 Digital Ministers' Meeting", "scheduled", (2020, 4), "Italy")]
