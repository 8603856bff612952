"""Extraction beyond the forms it was first tuned on: each test reads a short synthetic release
under tests/fixtures/general/ written for one way releases differ (see DOMAIN.md §2)."""
from __future__ import annotations

from pathlib import Path

from stores import release_graph
from kg.rdf.vocab import KG, SCHEMA

from extracting import extract_file, main, text_release

FIXTURES = Path(__file__).parent / "fixtures" / "general"


def extracted(name: str):
    return extract_file(FIXTURES / name)


def names(m, role: str | None = None) -> list[str]:
    return [p.org.mention for p in m.participations if role is None or p.role == role]


def test_a_release_without_title_names_its_working_group_in_the_lead():
    m = main(extracted("lead_only.txt"))
    assert (m.name, m.ordinal) == ("日マレーシアICT共同作業部会", 4)
    assert (m.start.iso, m.end.iso) == ("2020-11-05", "2020-11-06")
    assert m.location.mention == "マレーシア・クアラルンプール"
    assert names(m, "host") == ["総務省", "マレーシア通信マルチメディア省"]
    assert "本作業部会" not in names(m)  # "this working group" is the meeting, not a body


def test_a_title_glued_to_the_first_sentence_comes_from_the_breadcrumb():
    rel = extracted("glued_title.txt")
    assert rel.title == "日フィンランドICT政策対話(第2回)の結果"
    m = main(rel)
    assert (m.name, m.ordinal) == ("日フィンランドICT政策対話", 2)
    assert names(m, "host") == ["総務省"]  # not 結果総務省


def test_a_combined_date_and_place_heading_gives_the_place_line():
    m = main(extracted("glued_title.txt"))
    assert m.location.mention == "ヘルシンキ(フィンランド運輸通信省)"
    assert m.start.iso == "2021-03-02"


def test_an_online_form_is_the_written_location_but_not_a_place():
    rel = extracted("online_forms.txt")
    m = main(rel)
    assert m.location is None and m.attendance == "mixed"
    g = release_graph(rel)
    written = [str(o) for o in g.objects(None, KG.locationText)]
    assert written == ["ハイブリッド形式(総務省第1特別会議室及びオンライン)"]
    assert not list(g.objects(None, SCHEMA.location))
    assert names(m, "host") == ["総務省"]  # a long venue between を and 開催 keeps the host


def test_web_meeting_without_a_place():
    rel = text_release("日独ICT政策対話(第7回)の結果\n\n 総務省は、6月1日、ドイツ連邦経済エネルギー省との間で、"
                       "日独ICT政策対話(第7回)をWEB会議にて開催しました。\n")
    m = main(rel)
    assert m.location is None and m.attendance == "online"
    g = release_graph(rel)
    assert [str(o) for o in g.objects(None, KG.locationText)] == ["WEB会議"]


def topic_labels(m) -> list[str]:
    return [t.label for t in m.topics]


def test_topics_under_an_outline_heading_after_fields():
    m = main(extracted("outline_fields.txt"))
    assert topic_labels(m) == ["欧州の安全保障環境", "防衛装備協力"]  # not 場所 / 出席者, not the empty (3)


def test_topics_of_each_meeting_section_in_a_two_meeting_release():
    ms = [m for m in extracted("two_sections.txt").meetings if m.reported]
    assert [(m.name, m.ordinal) for m in ms] == [("日独ICT政策対話", 8), ("日独AIセミナー", 2)]
    assert topic_labels(ms[0]) == ["データ流通", "量子技術"]
    assert topic_labels(ms[1]) == []
    assert ms[1].start.iso == "2023-06-07"


def test_a_sibling_heading_of_the_agenda_ends_its_items():
    m = main(extracted("agenda_sibling.txt"))
    assert topic_labels(m) == ["デジタルインフラの整備", "偽情報対策"]


def test_bullet_headings_over_paragraphs_are_topics():
    m = main(extracted("en_bullets.txt"))
    assert topic_labels(m) == ["Cross-border data exchange", "Cyber hygiene for public services"]


def test_bullet_list_items_are_not_headings():
    rel = text_release("日米ICT政策対話(第9回)の結果\n\n 総務省は、5月1日、東京にて日米ICT政策対話(第9回)を開催しました。\n"
                       "主な成果は以下のとおり。\n● 5Gの安全性\n● 海底ケーブル\n")
    assert topic_labels(main(rel)) == []


def by_mention(m) -> dict:
    return {p.org.mention: p for p in m.participations}


def test_english_body_names_of_every_shape():
    m = main(extracted("en_bodies.txt"))
    found = by_mention(m)
    assert names(m, "host") == ["Ministry of Internal Affairs and Communications (MIC)",
                                "Agency for Digital Government and Public Services (DIGG) of Sweden"]
    assert found["Agency for Digital Government and Public Services (DIGG) of Sweden"].org.country == "SE"
    for name in ("Swedish Armed Forces", "Swedish Civil Contingencies Agency (MSB)", "Swedish Police"):
        assert found[name].org.country == "SE" and found[name].org.kind == "government"
    assert found["National Police Agency"].org.key == "jp-npa"
    industry = {p.org.mention for p in m.participations if p.org.kind == "industry"}
    assert industry == {"Japan Electronics and Information Technology Industries Association",
                        "Confederation of Swedish Enterprise"}


def test_a_known_name_keeps_its_abbreviation_in_a_host_list():
    rel = text_release("March 2, 2022 Results of the 5th Japan-Canada ICT Policy Dialogue\n\n"
                       "Global Affairs Canada (GAC) and the Ministry of Internal Affairs and Communications held the 5th "
                       "Japan-Canada ICT Policy Dialogue in Tokyo on February 28, 2022.\n")
    m = main(rel)
    assert [p.org.key for p in m.participations if p.role == "host"] == ["ca-gac", "jp-mic"]


def test_the_meetings_own_name_is_not_a_body_whatever_its_case():
    rel = text_release("Fifth Meeting of the Japan-Estonia Digital Council\n\nThe Digital Agency held the fifth meeting "
                       "of the Japan-Estonia Digital Council online on 2 June 2023, attended by the Japan-Estonia "
                       "Digital Council members and the Ministry of Economic Affairs and Communications of Estonia.\n")
    m = main(rel)
    assert (m.name, m.ordinal) == ("Japan-Estonia Digital Council", 5)
    assert not any("Council" in n for n in names(m))


def test_grouped_lists_labelled_by_country():
    m = main(extracted("grouped_lists.txt"))
    country = {p.org.mention: p.org.country for p in m.participations}
    assert country["外務省"] == country["警察庁"] == "JP"
    assert country["英国外務・英連邦・開発省"] == country["国家サイバーセキュリティセンター(NCSC)"] == "GB"
    assert country["カナダ公安省"] == country["国家安全保障会議(NSC)"] == "CA"
    assert m.location is None and m.attendance == "online"


def test_a_country_prefixed_name_resolves_only_to_a_body_of_that_country():
    m = main(extracted("country_prefix.txt"))
    found = by_mention(m)
    assert found["インド外務省"].org.key != "jp-mofa" and found["インド外務省"].org.country == "IN"
    assert found["インド国防省"].org.key not in ("us-dod", "jp-mod") and found["インド国防省"].org.country == "IN"
    assert found["外務省"].org.key == "jp-mofa"
    assert found["国立研究開発法人情報通信研究機構"].org.key == "jp-nict"  # the legal form is not part of the name
    for name in ("インド国軍", "インド・サイバー緊急対応チーム(ICERT)"):
        assert found[name].org.country == "IN"


def test_a_short_form_is_one_body_with_the_full_name():
    m = main(extracted("country_prefix.txt"))
    full = [p for p in m.participations if p.org.name.endswith("電子情報技術省")]
    # India's ministry is known (data/bodies.tsv): one body, named as written in full, with its own label
    assert [(p.org.mention, p.org.key, p.role) for p in full] == [("インド共和国電子情報技術省", "in-meity", "host")]


def test_each_of_two_meetings_gets_the_bodies_its_own_sentence_lists():
    dialogue, seminar = [m for m in extracted("two_meetings_parties.txt").meetings if m.reported]
    assert (dialogue.name, seminar.name) == ("日英ICT政策対話", "日英量子セミナー")
    assert "在英国日本国大使館" in names(dialogue) and "在英国日本国大使館" not in names(seminar)
    assert "国立研究開発法人情報通信研究機構(NICT)" in names(seminar)
    assert "国立研究開発法人情報通信研究機構(NICT)" not in names(dialogue)
    industry = {p.org.mention for p in seminar.participations if p.org.kind == "industry"}
    assert {"富士通株式会社", "東芝欧州研究所"} <= industry  # …等の企業が参加: any name in the list


def test_companies_that_speak_in_a_topic_take_part():
    dialogue = main(extracted("two_meetings_parties.txt"))
    industry = [p.org for p in dialogue.participations if p.org.kind == "industry"]
    assert [(o.mention, o.country) for o in industry] == [("ソフトバンク株式会社", None), ("英国ロイヤルメール公社", "GB")]


def test_a_company_only_named_in_a_topic_is_not_a_participant():
    rel = text_release("日独ICT政策対話(第7回)の結果\n\n 総務省は、6月1日、ベルリンにて日独ICT政策対話(第7回)を開催しました。\n"
                       "\n1 主な成果\n(1)5G\n 日本側から、楽天モバイル株式会社による仮想化網の導入事例を説明しました。\n"
                       "(2)AI\n 両国の取組を共有しました。\n")
    assert not [p for p in main(rel).participations if p.org.kind == "industry"]


def test_a_meeting_held_within_an_umbrella_meeting_takes_its_own_day_and_the_umbrella_place():
    rel = text_release("Results of the 3rd Japan-Pacific Islands Digital Ministers' Meeting\n\n"
                       "The Pacific Digital Week and Related Meetings were held in Suva from March 4 to 6, 2025. "
                       "On March 5, the 3rd Japan-Pacific Islands Digital Ministers' Meeting was held with the "
                       "Pacific Islands Forum member countries in attendance, and the Ministry of Internal Affairs and "
                       "Communications took part.\n")
    m = main(rel)
    assert (m.ordinal, m.start.iso, m.end.iso, m.location.mention) == (3, "2025-03-05", "2025-03-05", "Suva")
    assert names(m) == ["Pacific Islands Forum member countries", "Ministry of Internal Affairs and Communications"]


def test_an_english_ordinal_alone_in_brackets_and_a_spaced_directorate_general():
    rel = text_release("Japan-France ICT Policy Dialogue (11th)\n\nThe 11th Japan-France ICT Policy Dialogue was held online on "
                       "9 February 2022 between the Ministry of Internal Affairs and Communications and the French "
                       "Directorate General for Enterprise (DGE).\n")
    m = main(rel)
    assert (m.name, m.ordinal) == ("Japan-France ICT Policy Dialogue", 11)
    assert "French Directorate General for Enterprise (DGE)" in names(m)


def test_words_for_the_list_itself_are_not_bodies():
    rel = text_release("報道発表\n\n日米豪サイバー協議の開催\n\n令和6年2月1日\n\n 1月30日、ワシントンDCにおいて、日米豪サイバー協議が"
                       "開催されました。\n 各国の出席機関は以下のとおりです。\n【日本】外務省、防衛省\n【アメリカ合衆国】国務省、国防総省\n"
                       "【オーストラリア】外務貿易省、オーストラリア国防省\n")
    m = main(rel)
    assert names(m) == ["外務省", "防衛省", "国務省", "国防総省", "外務貿易省", "オーストラリア国防省"]
    assert [p.org.country for p in m.participations] == ["JP", "JP", "US", "US", "AU", "AU"]
    assert by_mention(m)["オーストラリア国防省"].org.key != "us-dod"


def test_an_english_level_in_prose_is_kept_as_written():
    rel = text_release("Fifth Japan-Mexico Digital Dialogue Held\n\nThe Ministry of Economy, Trade and Industry held the Fifth "
                       "Japan-Mexico Digital Dialogue at the director-general level in Mexico City on June 3, 2024.\n")
    assert main(rel).level == "director-general level"


def test_a_photo_caption_is_not_the_title():
    rel = text_release("アジア\n\n写真：協議の様子\n\n 2月14日、東京において、第8回日ベトナム外交・防衛当局間協議が開催されました。\n",
                       url="https://www.mofa.go.jp/mofaj/a_o/x.html")
    assert rel.title != "写真：協議の様子"
    assert (main(rel).name, main(rel).ordinal) == ("日ベトナム外交・防衛当局間協議", 8)


def test_each_english_delegation_names_its_country():
    rel = text_release("The Fourth Japan-Philippines Cyber Dialogue\n\n1. On 11 April 2024, the Fourth Japan-Philippines "
                       "Cyber Dialogue was held in Manila.\n\n2. The Japanese delegation included officials from the "
                       "Ministry of Foreign Affairs. The Philippine delegation included officials from the Department of "
                       "Foreign Affairs and the Armed Forces of the Philippines.\n", url="https://www.mofa.go.jp/press/x.html")
    country = {p.org.mention: (p.org.key, p.org.country) for p in main(rel).participations}
    assert country["Ministry of Foreign Affairs"] == ("jp-mofa", "JP")
    assert country["Department of Foreign Affairs"][1] == "PH"
    assert country["Armed Forces of the Philippines"][1] == "PH"


def test_the_last_item_of_a_bullet_list_before_a_paragraph_is_no_heading():
    rel = text_release("日米ICT政策対話(第9回)の結果\n\n 総務省は、5月1日、東京にて日米ICT政策対話(第9回)を開催しました。\n"
                       "意見交換の概要は以下のとおり。\n・5Gの安全性\n・海底ケーブル\n両国は協力を確認しました。\n")
    assert topic_labels(main(rel)) == []
    # a list the sentence introduces as the topics is the topics (the corpus README: theme lines under 以下のテーマにつき)
    rel = text_release("日米ICT政策対話(第9回)の結果\n\n 総務省は、5月1日、東京にて日米ICT政策対話(第9回)を開催しました。\n"
                       "議題は以下のとおり。\n・5Gの安全性\n・海底ケーブル\n両国は協力を確認しました。\n")
    assert topic_labels(main(rel)) == ["5Gの安全性", "海底ケーブル"]
    rel = text_release("日米ICT政策対話(第9回)の結果\n\n 総務省は、5月1日、東京にて日米ICT政策対話(第9回)を開催しました。\n"
                       "・5Gの安全性\n 両国は協力を確認しました。\n・海底ケーブル\n 両国は情報を共有しました。\n")
    assert topic_labels(main(rel)) == ["5Gの安全性", "海底ケーブル"]


def test_an_ordinal_in_brackets_after_the_name_in_the_lead():
    rel = text_release(" 総務省は、7月11日、クアラルンプールにおいて、マレーシア通信デジタル省との間で、日マレーシアICT政策対話(第五回)を"
                       "実施しました。\n")
    assert (main(rel).name, main(rel).ordinal) == ("日マレーシアICT政策対話", 5)
    rel = text_release("報道資料\n\n令和4年7月14日\n\n日マレーシアICT政策対話の結果\n\n 総務省は、7月11日、クアラルンプールにおいて、"
                       "日マレーシアICT政策対話(第5回)を実施しました。\n")
    assert (main(rel).name, main(rel).ordinal) == ("日マレーシアICT政策対話", 5)


def test_a_hybrid_form_with_its_venues_in_brackets():
    rel = text_release("日加ICT政策対話(第8回)の結果\n\n 総務省は、6月1日、カナダ・イノベーション・科学・経済開発省との間で、"
                       "日加ICT政策対話(第8回)をハイブリッド形式(東京会場及びWeb)で開催しました。\n")
    assert rel.source.text[slice(*_span(main(rel).attendance_span))] == "ハイブリッド形式(東京会場及びWeb)"


def _span(span):
    return span.start, span.end


def test_side_sub_headings_under_attendees_list_each_sides_bodies():
    rel = text_release("報道資料\n\n令和2年12月10日\n\n日独ICT政策対話(第4回)の結果\n\n 総務省は、12月8日(火)、ドイツ連邦経済エネルギー省"
                       "との間で、日独ICT政策対話(第4回)をオンライン形式にて開催しました。\n\n2 出席者\n(1)日本側\n 総務省、外務省\n"
                       "(2)ドイツ側\n 連邦内務省、在京ドイツ大使館\n")
    country = {p.org.mention: p.org.country for p in main(rel).participations}
    assert country == {"総務省": "JP", "ドイツ連邦経済エネルギー省": "DE", "外務省": "JP", "連邦内務省": "DE",
                       "在京ドイツ大使館": "DE"}


def test_english_side_lines_in_the_lead_and_a_known_body_of_a_country():
    rel = text_release("November 12, 2021 MIC Holds the 4th Japan-Germany ICT Policy Dialogue\n\nOn November 10, 2021, MIC held "
                       "the 4th Japan-Germany ICT Policy Dialogue online with the Federal Ministry for Economic Affairs and "
                       "Energy (BMWi) of Germany.\nJapanese side: MIC, Ministry of Foreign Affairs\nGerman side: BMWi, Federal "
                       "Office for Information Security (BSI)\n")
    found = {p.org.key: p.org.country for p in main(rel).participations}
    assert found["de-bmwi"] == "DE" and found["jp-mofa"] == "JP"
    assert len(found) == 4  # MIC, BMWi (two names, one body), MOFA, BSI


def test_co_hosts_written_jointly_and_a_host_before_主催の():
    rel = text_release("日星デジタル政策対話(第2回)の結果\n\n 総務省は、シンガポール情報通信メディア開発庁と共同で、2月27日、"
                       "シンガポールにおいて、日星デジタル政策対話(第2回)を開催しました。\n")
    assert names(main(rel), "host") == ["総務省", "シンガポール情報通信メディア開発庁"]
    rel = text_release("日ASEANサイバーセキュリティ政策会議(第15回)の結果\n\n 2月27日、東京において、総務省主催の"
                       "日ASEANサイバーセキュリティ政策会議(第15回)が開催されました。\n")
    assert names(main(rel), "host") == ["総務省"]


def test_an_unnumbered_place_field_without_a_colon_and_an_embassy_in_english():
    rel = text_release("報道資料\n\n令和6年5月22日\n\n日墨ICT政策対話(第2回)の結果\n\n 総務省は、メキシコ通信運輸省との間で、"
                       "日墨ICT政策対話(第2回)を開催しました。\n\n1 日時 令和6年5月20日(月)\n2 場所 メキシコシティ(メキシコ通信運輸省)\n")
    assert main(rel).location.mention == "メキシコシティ(メキシコ通信運輸省)"
    rel = text_release("May 22, 2024\n\nResults of the 7th Japan-India ICT Joint Working Group\n\nMIC held the 7th Japan-India "
                       "ICT Joint Working Group in New Delhi on May 20, 2024.\nJapanese side: MIC, Embassy of Japan\n"
                       "Indian side: Ministry of Electronics and Information Technology (MeitY)\n")
    country = {p.org.mention: p.org.country for p in main(rel).participations}
    assert country["Embassy of Japan"] == "JP"
    assert country["Ministry of Electronics and Information Technology (MeitY)"] == "IN"


def test_each_of_two_english_meetings_gets_the_bodies_of_its_own_sentence():
    rel = text_release("Results of the 26th Japan-EU ICT Policy Dialogue and the 10th Japan-EU ICT Strategy Workshop\n\n"
                       "On May 13, 2021, MIC and the European Commission held the 26th Japan-EU ICT Policy Dialogue online, "
                       "and on May 14, 2021, the 10th Japan-EU ICT Strategy Workshop.\n"
                       "At the Policy Dialogue, the Ministry of Foreign Affairs also took part.\n"
                       "At the Strategy Workshop, the National Institute of Information and Communications Technology "
                       "took part.\n")
    dialogue, workshop = [m for m in rel.meetings if m.reported]
    assert "Ministry of Foreign Affairs" in names(dialogue) and "Ministry of Foreign Affairs" not in names(workshop)
    nict = "National Institute of Information and Communications Technology"
    assert nict in names(workshop) and nict not in names(dialogue)


def test_a_later_sentence_about_the_series_does_not_replace_the_meeting_sentence():
    rel = text_release("報道資料\n\n令和3年9月3日\n\n日米ICT政策対話(第5回)の結果\n\n 総務省は、9月1日、ワシントンDCにおいて、米国国務省"
                       "とともに、第5回目となる日米の政策対話を開催しました。日米ICT政策対話は、平成22年から毎年行われています。\n")
    m = main(rel)
    assert (m.start.iso, m.location.mention) == ("2021-09-01", "ワシントンDC")
    assert names(m, "host") == ["総務省", "米国国務省"]


def test_an_outline_of_fields_before_the_outcomes_gives_no_topics():
    rel = text_release("日英ICT政策対話(第9回)の結果\n\n 総務省は、6月1日、ロンドンにて日英ICT政策対話(第9回)を開催しました。\n\n"
                       "1 概要\n(1)日時\n 6月1日\n(2)出席者\n 総務省、英国科学・イノベーション・技術省\n"
                       "2 主な成果\n(1)AIの安全性\n 一致しました。\n(2)海底ケーブル\n 確認しました。\n")
    assert topic_labels(main(rel)) == ["AIの安全性", "海底ケーブル"]


def test_a_country_inside_a_name_in_an_english_attendee_block_is_no_party():
    rel = text_release("May 22, 2024\n\nResults of the 7th Japan-India ICT Joint Working Group\n\nMIC held the 7th Japan-India "
                       "ICT Joint Working Group in New Delhi on May 20, 2024.\n\n2. Participants\nJapanese side: MIC, Embassy "
                       "of Japan in India\nIndian side: Department of Telecommunications\n")
    assert sorted(names(main(rel))) == ["Department of Telecommunications", "Embassy of Japan in India", "MIC"]
