"""One test per kind of miss issue 13 lists, each on short releases written for it (tests/fixtures/classes/): the
shapes of page furniture, English lists of bodies, multilateral member lists, labelled host lines, levels, places,
topics, meetings inside trip and photo reports, datelines, and one meeting for a Japanese and an English release.
Ruritania is made up on purpose: what is found there is found by the shape of the text, not by the data files."""
from __future__ import annotations

from pathlib import Path

from extracting import extract_file, main

FIXTURES = Path(__file__).parent / "fixtures" / "classes"


def meeting(name: str):
    rel = extract_file(FIXTURES / name)
    return rel, main(rel)


def parties(m, role: str | None = None) -> dict[str, str | None]:
    return {p.org.mention: p.org.country for p in m.participations if role in (None, p.role)}


# page furniture and titles ---------------------------------------------------------------------------------------

def test_menu_items_print_links_and_site_names_are_no_title():
    rel, m = meeting("furniture_ja.txt")  # 国土交通省 / メニュー / • 印刷 / この記事を印刷 around the title
    assert rel.title == "「第4回日ルリタニア運輸ハイレベル協議」の開催について"
    assert (m.name, m.ordinal, rel.issued.iso) == ("日ルリタニア運輸ハイレベル協議", 4, "2024-06-03")


def test_a_breadcrumb_written_as_a_list_and_a_long_english_title():
    rel, m = meeting("furniture_en_list_crumb.txt")  # - Home / - News Releases / … / - the title, then the title
    assert rel.title == "Results of the 3rd Japan-Kenya Economic Policy Dialogue" and rel.issued.iso == "2024-06-07"
    assert (m.name, m.ordinal) == ("Japan-Kenya Economic Policy Dialogue", 3)


def test_a_numbered_breadcrumb_on_one_line_site_name_and_language_links():
    rel, m = meeting("furniture_en_numbered_crumb.txt")  # 1. Home 2. … / Ministry of … / • Sitemap / • japanese
    assert rel.title == "Results of the Japan-Ruritania Cyber Consultation"
    assert m.name == "Japan-Ruritania Cyber Consultation" and m.start.iso == "2024-05-17"


def test_a_bracketed_label_an_issuer_line_and_a_language_link_are_no_title():
    rel, m = meeting("furniture_en_press_label.txt")  # (Press Release) / Ministry of Defense / In Japanese
    assert rel.title == "Japan-Ruritania Defense Ministerial Meeting (Summary)"
    assert rel.issuer_printed and rel.publisher.key == "jp-mod"
    assert m.name == "Japan-Ruritania Defense Ministerial Meeting"  # (Summary) is no part of the name


def test_a_line_in_latin_letters_on_a_japanese_page_is_no_title():
    rel, m = meeting("furniture_latin_line.txt")  # ラインBack to Home, after skip links; a contact block before the lead
    assert rel.title == "第一回日ルリタニア物流大臣会合について"
    assert (m.name, m.ordinal, m.level, m.start.iso, m.location.mention) == ("日ルリタニア物流大臣会合", 1, "大臣級",
                                                                             "2007-04-02", "グラウ")


def test_a_headline_repeated_by_the_body_after_a_notice():
    rel, m = meeting("furniture_headline.txt")  # no header; a machine-translation notice; the headline ends with '.'
    assert rel.title == "Minister for Digital Transformation Yamada went on a business trip to Ruritania."
    assert (m.name, m.level, m.location.mention) == ("G20 Digital Economy Ministers' Meeting", "Ministers'", "Bali")
    assert (m.start.iso, m.end.iso) == ("2024-05-02", "2024-05-06")  # from May 2 to May 6, 2024


# English lists of bodies -----------------------------------------------------------------------------------------

def test_english_lists_of_bodies_each_side_with_its_country():
    _, m = meeting("en_body_lists.txt")
    got = [(p.org.mention, p.org.country) for p in m.participations]
    assert got[:7] == [("Ministry of Foreign Affairs", "JP"),
                       ("Cabinet Secretariat (Secretariat of Headquarters for Ocean Policy)", "JP"),  # a unit in brackets
                       ("Fisheries Agency", "JP"), ("Agency for Natural Resources and Energy", "JP"),
                       ("Japan Coast Guard", "JP"), ("Ministry of the Environment", "JP"), ("Ministry of Defense", "JP")]
    assert got[7:] == [("Ministry of Foreign Affairs", "PE"),  # the same name on the Peruvian side: Peru's ministry
                       ("Peruvian Sea Guard", "PE"),  # no head word, but an item of a list of bodies
                       ("Ministry of Economy, Finance and Industry", "PE"),  # commas of its own, before a semicolon
                       ("State Oceanic Board", "PE"), ("Peruvian Academy of Sciences", "PE"),
                       ("Embassy of Peru in Japan", "PE"),  # a mission belongs to the country that sends it
                       ("Directorate-General for Maritime Affairs and Fisheries of the European Commission", "EU")]
    assert m.participations[0].org.key == "jp-mofa" and m.participations[7].org.key != "jp-mofa"


def test_a_known_name_with_commas_then_and_the_next_body():
    _, m = meeting("furniture_en_list_crumb.txt")
    assert parties(m, "host") == {"Ministry of Economy, Trade and Industry": "JP",
                                  "Ministry of Economy, Finance and Industry of Kenya": "KE"}


def test_side_labels_with_bodies_in_brackets_and_persons_are_not_countries():
    _, m = meeting("en_persons_posts.txt")  # Ruritania (Ruritanian Telecommunications Authority): Mr. … Thai, …
    assert parties(m) == {"Ministry of Internal Affairs and Communications (MIC)": "JP",
                          "Ruritanian Telecommunications Authority": None}
    assert (m.location, m.attendance, m.attendance_span.quote(m_text("en_persons_posts.txt"))) == (None, "online", "web conference")


def m_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# multilateral meetings -------------------------------------------------------------------------------------------

def test_member_invited_and_organisation_lists_of_a_multilateral_meeting():
    _, m = meeting("multilateral.txt")
    got = parties(m)
    assert {"豪州", "ブラジル", "カナダ", "中国", "フランス", "ドイツ", "インドネシア", "チリ", "オランダ", "シンガポール"} <= set(got)
    assert "我が国" not in got  # the bare Japan is never listed as a participant
    assert [p.org.key for p in m.participations if p.org.kind == "international"] == ["int-fao", "int-ifad", "int-wb"]
    assert "XYZ(ペルー農業開発機構)" in got  # an abbreviation with the body's name in brackets
    assert not any("招待" in name or name.endswith("各国") for name in got)  # the labels of the lists are no bodies
    assert parties(m, "host") == {"ペルー": "PE"}  # ペルー(議長国)
    assert (m.name, m.start.iso, m.end.iso, m.location.mention) == ("G20農業大臣会合", "2024-08-28", "2024-08-29", "ペルー・リマ")


def test_countries_as_the_subject_of_kaisai_and_the_chair_country_host():
    _, m = meeting("countries_subject.txt")  # 日本、中国及びモンゴルの三国は…を開催し / 議長国であるモンゴル
    assert parties(m, "host") == {"日本": "JP", "中国": "CN", "モンゴル": "MN"}
    assert {p.org.key for p in m.participations} == {"c-jp", "c-cn", "c-mn"}  # one body per country


def test_the_parties_a_series_description_names_are_participants():
    _, m = meeting("series_description.txt")  # • ASEAN+3観光大臣会合 / ASEAN諸国と日中韓3カ国が…を目的とした会合です
    assert parties(m) == {"ASEAN諸国": None, "日中韓3カ国": None}
    assert m.topics == []  # the heading names the meeting itself


# hosts from a labelled line and levels -----------------------------------------------------------------------------

def test_a_labelled_host_line_with_spaced_labels_and_a_stated_level():
    _, m = meeting("furniture_ja.txt")  # >主 催 :国土交通省、ルリタニア運輸省 / …定期的に行っている次官級協議です
    assert parties(m, "host") == {"国土交通省": "JP", "ルリタニア運輸省": None}
    assert m.level == "次官級"  # stated, over ハイレベル in the name


def test_levels_in_a_name_by_the_kind_of_meeting_and_stated_in_a_sentence():
    assert meeting("levels.txt")[1].level == "高級事務級"  # 高級事務レベル海洋協議第3回会議
    assert meeting("level_kind.txt")[1].level == "大臣級"  # 防衛相会談
    assert meeting("level_stated.txt")[1].level == "次官級"  # 次官級で情報・意見交換を行うもの
    assert meeting("places_between.txt")[1].level == "ハイレベル"  # only the name's ハイレベル
    assert meeting("en_body_lists.txt")[1].level == "High-Level"
    assert meeting("furniture_en_press_label.txt")[1].level == "Ministerial"


def test_an_ordinal_written_after_the_series_name():
    _, m = meeting("levels.txt")
    assert (m.name, m.ordinal, m.start.iso, m.end.iso) == ("日ルリタニア高級事務レベル海洋協議", 3, "2024-01-30", "2024-01-31")
    assert [x for x in extract_file(FIXTURES / "levels.txt").meetings if not x.reported] == []  # no second meeting


# places -------------------------------------------------------------------------------------------------------------

def test_places_as_written_a_city_with_region_and_country_a_building_a_labelled_line():
    assert meeting("places.txt")[1].location.mention == "Strelsau, Central Province, Ruritania"
    assert meeting("furniture_en_press_label.txt")[1].location.mention == "Ruritanian Ministry of Defence"
    _, m = meeting("places_between.txt")  # …の間において / >場 所 :ルリタニア・グラウ
    assert m.location.mention == "ルリタニア・グラウ"
    assert meeting("trip_report.txt")[1].location.mention == "フィジーの首都スバ"


def test_a_venue_is_no_participant():
    _, m = meeting("furniture_en_press_label.txt")  # at the Ruritanian Ministry of Defence
    assert m.participations == []
    _, m = meeting("joint_statement_points.txt")  # …第2回会合をデジタル庁で開催しました
    assert m.location.mention == "デジタル庁" and m.participations == []


# topics -------------------------------------------------------------------------------------------------------------

def test_topics_unnumbered_under_an_agenda_heading_and_structural_headings_left_out():
    assert [t.label for t in meeting("furniture_ja.txt")[1].topics] == ["都市交通の展望", "港湾物流の効率化", "観光交流の拡大"]
    assert [t.label for t in meeting("level_kind.txt")[1].topics] == ["防衛協力の進展"]  # not 冒頭, その他
    assert [t.label for t in meeting("furniture_en_list_crumb.txt")[1].topics] == ["Supply chains"]  # not Opening Remarks


def test_topics_numbered_in_square_brackets_and_the_points_of_a_joint_statement():
    assert [t.label for t in meeting("places_between.txt")[1].topics] == ["公共交通政策等について", "鉄道の高速化について"]
    assert [t.label for t in meeting("joint_statement_points.txt")[1].topics] == [
        "研究及びイノベーションにおける協力を強化する", "半導体", "5G, Beyond 5G/6G"]
    assert [t.label for t in meeting("dateline.txt")[1].topics] == ["世界経済及び両国経済の動向", "地域金融協力"]


# meetings inside trip and photo reports, datelines -----------------------------------------------------------------

def test_the_meeting_of_a_trip_report_is_the_one_said_to_be_held():
    _, m = meeting("trip_report.txt")  # title …訪問(太平洋諸島フォーラム(PIF)域外国対話出席); 2 … 第35回PIF域外国対話が開催され
    assert (m.name, m.ordinal) == ("PIF域外国対話", 35)
    assert parties(m, "host") == {"フィジー": "FJ"}  # 議長国フィジー
    assert m.start is None  # no year is printed anywhere


def test_a_photo_report_dates_and_places_the_event_and_names_it_from_its_caption_title():
    rel, m = meeting("photo_report.txt")
    assert rel.issued is None  # the date line is the event's, not the release's
    assert (m.name, m.ordinal, m.level) == ("日中ルリタニア保健大臣会合", 9, "大臣級")
    assert (m.start.iso, m.location.mention) == ("2019-12-15", "ストレルサウ・パレスホテル(ルリタニア・グラウ)")


def test_a_bracketed_dateline_is_the_release_date_and_honjitsu_the_meeting_day():
    rel, m = meeting("dateline.txt")  # 【2010年3月23日 於:東京】 / 本日、東京において第4回…を開催した
    assert rel.issued.iso == "2010-03-23"
    assert (m.name, m.ordinal, m.start.iso, m.location.mention) == ("日ルリタニア財務対話", 4, "2010-03-23", "東京")
    assert parties(m, "host") == {"日本国財務省": "JP", "ルリタニア財務省": None}


# one meeting in both languages ---------------------------------------------------------------------------------------

def test_a_japanese_and_an_english_release_of_an_unlisted_series_describe_one_meeting():
    from kg import gazetteer
    from kg.rdf.iris import meeting_iri

    ja, en = main(extract_file(FIXTURES / "crosslang_ja.txt")), main(extract_file(FIXTURES / "crosslang_en.txt"))
    assert "日ペルー安全保障対話" not in {s.label_ja for s in gazetteer.load().series.values()}
    assert (ja.series_key, ja.ordinal) == (en.series_key, en.ordinal) and ja.series_key.startswith("x-")
    assert meeting_iri(ja.series_key, ja.ordinal, "") == meeting_iri(en.series_key, en.ordinal, "")
    assert ja.start.iso == en.start.iso == "2024-03-19"
