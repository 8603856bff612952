"""Extraction on release shapes the dev corpus does not hold, written for the failure classes seen on unseen releases
(issue 13): topic lists under a section heading in every bullet and numbering style, administrative headings that are
no topics, a meeting named mid-sentence in a trip report, photo and 「大臣の動き」 pages with a section label above the
heading, and dates as releases write them. Ruritania and Graue are made up: what is found there is found by the
shape of the text. Fixture files are in tests/fixtures/unseen/; the variants below are built from templates."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extracting import extract_file, main, text_release
from kg.extract.dates import find_dates

FIXTURES = Path(__file__).parent / "fixtures" / "unseen"


def meeting(name: str):
    rel = extract_file(FIXTURES / name)
    return rel, main(rel)


def topics(m) -> list[str]:
    return [t.label for t in m.topics]


# 1. topics under a section heading ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("topics_ja_bullets.txt", ["5Gの展開と周波数政策", "サイバーセキュリティ分野の協力", "デジタル人材の育成"]),
    ("topics_ja_theme_numbered.txt", ["食料安全保障に関する協力", "スマート農業技術の普及", "動植物検疫の円滑化"]),
    ("topics_ja_circled.txt", ["気候変動対策と緑の移行", "海洋プラスチックごみ対策", "循環経済の推進"]),
    ("topics_ja_kana.txt", ["港湾インフラ整備に関する協力", "鉄道の安全技術", "観光交通の回復"]),
    ("topics_en_dash.txt", ["5G deployment and spectrum policy", "Cooperation on cybersecurity", "Developing digital skills"]),
    ("topics_en_numbered.txt", ["Cooperation on food security", "Dissemination of smart agriculture",
                                "Smoother plant and animal quarantine"]),
    ("topics_en_bullets.txt", ["Climate change and the green transition", "Marine plastic litter",
                               "Promotion of the circular economy"]),
    ("topics_en_agenda.txt", ["Cooperation on port infrastructure", "Railway safety technology", "Recovery of tourist travel"]),
])
def test_the_items_under_a_topic_heading_are_the_topics_and_admin_headings_are_not(name, expected):
    rel, m = meeting(name)
    assert topics(m) == expected


JA_ITEMS = ["防災分野における協力", "電波の有効利用", "人材交流の促進"]
EN_ITEMS = ["Cooperation on disaster risk reduction", "Efficient use of radio spectrum", "Promotion of personnel exchanges"]
JA_MARKS = [lambda k: "・", lambda k: "■", lambda k: "○", lambda k: f"({k})", lambda k: "①②③"[k - 1],
            lambda k: "アイウ"[k - 1] + " ", lambda k: f"{k})", lambda k: "- "]
EN_MARKS = [lambda k: "- ", lambda k: "• ", lambda k: f"({k}) ", lambda k: f"{k}) ", lambda k: "■ ", lambda k: ""]
JA_AFTER = ["傍聴について\n本協議は非公開です。", "取材について\n冒頭のみ撮影可能です。", "報道関係者の皆様へ\n取材を希望される方は事前に登録してください。",
            "問い合わせ先\n大臣官房国際課", "配布資料\n会議資料は後日掲載します。", "関連リンク\n前回の報道発表", "主な成果\n両国は協力を継続することで一致しました。",
            "結果\n両者は次回会合を東京で開催することで一致しました。"]
EN_AFTER = ["Contact\nInternational Affairs Office", "Related links\nPrevious press release", "Attachments\nProgramme (PDF)",
            "Results\nThe two sides agreed to continue their cooperation.", "Press coverage\nThe opening session is open to the press."]


def _ja(heading: str, mark, after: str) -> str:
    items = "\n".join(f"{mark(k)}{t}" for k, t in enumerate(JA_ITEMS, 1))
    return _ja_body(f"{heading}\n{items}\n{after}")


def _ja_body(body: str) -> str:
    return (f"令和6年7月2日\n経済産業省\n第4回日ルリタニア産業政策対話の結果\n"
            f"経済産業省は、7月1日(月)、グラウにおいて、ルリタニア産業省との間で第4回日ルリタニア産業政策対話を開催しました。\n{body}\n")


def _en(heading: str, mark, after: str) -> str:
    items = "\n".join(f"{mark(k)}{t}" for k, t in enumerate(EN_ITEMS, 1))
    return _en_body(f"{heading}\n{items}\n{after}")


def _en_body(body: str) -> str:
    return ("Ministry of Economy, Trade and Industry\nJuly 2, 2024\nResults of the 4th Japan-Ruritania Industrial Policy Dialogue\n"
            "On July 1, 2024, the Ministry of Economy, Trade and Industry held the 4th Japan-Ruritania Industrial Policy "
            f"Dialogue with the Ministry of Industry of Ruritania in Graue.\n{body}\n")


@pytest.mark.parametrize("heading", ["主な議題", "主要議題", "議題", "主なテーマ", "1 主なテーマ", "1. 議題", "2 主な議題(予定)", "議題:"])
@pytest.mark.parametrize("mark", range(len(JA_MARKS)))
def test_japanese_topic_lists_in_every_bullet_and_numbering_style(heading, mark):
    after = JA_AFTER[(mark + len(heading)) % len(JA_AFTER)]
    m = main(text_release(_ja(heading, JA_MARKS[mark], after)))
    assert topics(m) == JA_ITEMS, (heading, JA_MARKS[mark](1), after)


@pytest.mark.parametrize("heading", ["Main topics", "Topics discussed", "1. Main topics", "Agenda", "Key topics:", "Topics"])
@pytest.mark.parametrize("mark", range(len(EN_MARKS)))
def test_english_topic_lists_in_every_bullet_and_numbering_style(heading, mark):
    after = EN_AFTER[(mark + len(heading)) % len(EN_AFTER)]
    m = main(text_release(_en(heading, EN_MARKS[mark], after), url="https://www.meti.go.jp/english/press/x.html"))
    assert topics(m) == EN_ITEMS, (heading, EN_MARKS[mark](1), after)


@pytest.mark.parametrize("after", JA_AFTER)
def test_an_admin_or_results_heading_alone_is_no_topic(after):
    text = _ja("1 概要", lambda k: "", "")  # no agenda at all: only the admin block after the lead
    m = main(text_release(text.replace("1 概要\n" + "\n".join(JA_ITEMS) + "\n", "") + after + "\n"))
    assert topics(m) == []


# 2. a meeting named mid-sentence in a trip report ----------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("trip_ja_midsentence.txt", ("アジア太平洋海洋協力(APMC)高級実務者会合", 18, "2023-10-04")),
    ("trip_ja_midsentence2.txt", ("アジア太平洋電気通信共同体(APT)政策規制フォーラム", 12, "2024-06-12")),
    ("trip_en_midsentence.txt", ("Asia-Pacific Maritime Cooperation (APMC) Senior Officials' Meeting", 18, "2023-10-04")),
    ("trip_en_midsentence2.txt", ("Asia-Pacific Telecommunity (APT) Policy and Regulatory Forum", 12, "2024-06-12")),
])
def test_the_meeting_a_trip_report_names_mid_sentence(name, expected):
    rel, m = meeting(name)
    assert (m.name, m.ordinal, m.start.iso) == expected


JA_TRIPS = [  # (how the sentence names the meeting, the name, the round)
    ("グラウで開催された第7回南洋諸島首脳会議(PIS)関係閣僚会合準備会合に出席しました", "南洋諸島首脳会議(PIS)関係閣僚会合準備会合", 7),
    ("グラウにおいて行われた第3回ルリタニア・日本経済合同委員会に参加し、講演を行いました", "ルリタニア・日本経済合同委員会", 3),
    ("グラウで開かれた第21回アジア海運フォーラム(AMF)に出席し、基調講演を行いました", "アジア海運フォーラム(AMF)", 21),
    ("グラウで開催された第二回ルリタニア湾岸諸国防災協力会議の閣僚セッションに出席しました", "ルリタニア湾岸諸国防災協力会議", 2),
    ("グラウで開催された第5回日ルリタニア観光政策協議(局長級)に出席しました", "日ルリタニア観光政策協議", 5),
    ("グラウで開催された第12回東洋港湾局長会議等に出席しました", "東洋港湾局長会議", 12),
    ("グラウで行われた南洋諸島気候変動対話(SICD)に出席しました", "南洋諸島気候変動対話(SICD)", None),
    ("グラウにおいてアジア海運フォーラム(AMF)高級実務者会合に出席しました", "アジア海運フォーラム(AMF)高級実務者会合", None),
    ("グラウにおいて、アジア海運フォーラム(AMF)高級実務者会合に出席しました", "アジア海運フォーラム(AMF)高級実務者会合", None),
    ("新たに設置された南洋諸島海洋協力会議に出席しました", "南洋諸島海洋協力会議", None),
]


@pytest.mark.parametrize("sentence, name, nth", JA_TRIPS)
def test_japanese_names_end_at_the_meeting_noun_and_no_participle_is_part_of_them(sentence, name, nth):
    text = (f"令和6年2月9日\n国土交通省\n田中国土交通審議官のルリタニア出張\n"
            f"田中国土交通審議官は、2月7日、{sentence}。\n会合では、地域の協力について意見交換が行われました。\n")
    m = main(text_release(text, url="https://www.mlit.go.jp/report/press/x.html"))
    assert (m.name, m.ordinal, m.start.iso) == (name, nth, "2024-02-07")


EN_TRIPS = [
    ("attended the 7th Pacific Islands Summit (PIS) Preparatory Senior Officials' Meeting held in Graue",
     "Pacific Islands Summit (PIS) Preparatory Senior Officials' Meeting", 7),
    ("took part in the Third Ruritania-Japan Joint Economic Committee, held in Graue", "Ruritania-Japan Joint Economic Committee", 3),
    ("participated in the 21st Asian Shipping Forum (ASF) in Graue and gave a keynote speech", "Asian Shipping Forum (ASF)", 21),
]


@pytest.mark.parametrize("sentence, name, nth", EN_TRIPS)
def test_english_names_run_through_a_bracketed_abbreviation_to_the_meeting_noun(sentence, name, nth):
    text = ("Ministry of Land, Infrastructure, Transport and Tourism\nFebruary 9, 2024\nVice-Minister Tanaka's visit to Ruritania\n"
            f"On February 7, 2024, Vice-Minister for Land, Infrastructure, Transport and Tourism Tanaka {sentence}.\n")
    m = main(text_release(text, url="https://www.mlit.go.jp/en/report/x.html"))
    assert (m.name, m.ordinal, m.start.iso) == (name, nth, "2024-02-07")


# 3. photo reports and 「大臣の動き」 pages ------------------------------------------------------------------------

@pytest.mark.parametrize("name, title", [
    ("photo_ja_label.txt", "日・ルリタニア保健協力覚書署名式及び意見交換"),
    ("photo_ja_label2.txt", "ルリタニア教育大臣による表敬"),
    ("photo_en_label.txt", "Japan-Ruritania Health Cooperation Memorandum Signing Ceremony and Exchange of Views"),
    ("photo_en_label2.txt", "Courtesy call by the Minister of Education of Ruritania"),
])
def test_a_page_label_the_heading_under_it_and_the_event_date(name, title):
    rel, m = meeting(name)
    assert rel.title == title and m.name == title  # the heading names the occasion: a signing, a courtesy call
    assert rel.issued is None and m.start.iso == m.end.iso == rel.event_date.iso  # the date line is the event's
    assert not any(s.kind == "title" and s.heading in ("大臣の動き", "副大臣の動き", "Minister's activities", "Photo report")
                   for s in rel.sections)


PAGES = [  # (page, title, event date)
    ("大臣の動き\n令和6年3月14日(木)\n日・ルリタニア保健協力覚書署名式及び意見交換\n"
     "3月14日、山田厚生労働大臣は、来日中のルリタニア保健大臣と覚書に署名し、意見交換を行いました。\n",
     "日・ルリタニア保健協力覚書署名式及び意見交換", "2024-03-14"),
    ("ホーム > 大臣の動き > ルリタニア国防次官との会談\n副大臣の動き\nルリタニア国防次官との会談\n2024年3月14日\n"
     "山田防衛副大臣は、ルリタニア国防次官と会談を行いました。\n", "ルリタニア国防次官との会談", "2024-03-14"),
    ("写真で見る大臣の動き\n日・ルリタニア科学技術協力協定署名式\n令和5年11月2日(木曜日)\n写真:署名式の様子\n"
     "佐藤文部科学大臣は、ルリタニア科学大臣と協定に署名しました。\n", "日・ルリタニア科学技術協力協定署名式", "2023-11-02"),
    ("Minister's activities\nCourtesy call by the Minister of Health of Ruritania\n14 March 2024\n"
     "Minister Yamada received a courtesy call from the Minister of Health of Ruritania.\n",
     "Courtesy call by the Minister of Health of Ruritania", "2024-03-14"),
    ("大臣の動き\nルリタニア大使の表敬を受けました\n令和6年3月14日\n山田大臣は、ルリタニア大使の表敬を受けました。\n",
     "ルリタニア大使の表敬を受けました", "2024-03-14"),
    ("Photo report\nJapan-Ruritania Science Cooperation Agreement Signing Ceremony\nThursday, November 2, 2023\n"
     "Minister Sato and the Minister of Science of Ruritania signed the agreement.\n",
     "Japan-Ruritania Science Cooperation Agreement Signing Ceremony", "2023-11-02"),
]


@pytest.mark.parametrize("page, title, day", PAGES)
def test_activity_pages_in_several_forms(page, title, day):
    rel = text_release(page, url="https://www.mhlw.go.jp/stf/photo/x.html")
    m = main(rel)
    assert (rel.title, m.start.iso, m.end.iso, rel.issued) == (title, day, day, None)
    assert m.name == title.removesuffix("を受けました")  # the occasion, without the verb


def test_an_activity_page_that_prints_no_year_gives_no_date():
    rel = text_release("大臣の動き\n山田大臣とルリタニア保健大臣の意見交換\n3月14日\n3月14日、山田大臣は、ルリタニア保健大臣と意見交換を行いました。\n")
    m = main(rel)
    assert (m.name, m.start, rel.issued) == ("山田大臣とルリタニア保健大臣の意見交換", None, None)


# 4. dates as releases write them ---------------------------------------------------------------------------------

JA_WHEN = [  # (how the lead writes the days, start, end); the release is dated under its title, 2023-10-06
    ("10月3日(火)から5日(木)まで", "2023-10-03", "2023-10-05"),
    ("令和5年10月3日(火曜日)〜同月5日(木曜日)", "2023-10-03", "2023-10-05"),
    ("10月3日(火)から同5日(木)まで", "2023-10-03", "2023-10-05"),
    ("9月30日(土)から10月2日(月)にかけて", "2023-09-30", "2023-10-02"),
    ("令和5年9月30日から同年10月2日まで", "2023-09-30", "2023-10-02"),
    ("2023年10月3日(火)及び4日(水)の2日間", "2023-10-03", "2023-10-04"),
    ("10月4日(水・祝)", "2023-10-04", "2023-10-04"),
    ("3日(火)~5日(木)", "2023-10-03", "2023-10-05"),
    ("10月3・4日", "2023-10-03", "2023-10-04"),
    ("10月3-5日", "2023-10-03", "2023-10-05"),
]
EN_WHEN = [
    ("On October 3 and 4, 2023", "2023-10-03", "2023-10-04"),
    ("From 3 to 5 October 2023", "2023-10-03", "2023-10-05"),
    ("From 3–5 October", "2023-10-03", "2023-10-05"),
    ("On 3 and 4 October", "2023-10-03", "2023-10-04"),
    ("From 30 September to 2 October 2023", "2023-09-30", "2023-10-02"),
    ("From September 30 to October 2, 2023", "2023-09-30", "2023-10-02"),
    ("On Tuesday, 3 October 2023", "2023-10-03", "2023-10-03"),
    ("On the 3rd and 4th October 2023", "2023-10-03", "2023-10-04"),
    ("From 3~4 October 2023", "2023-10-03", "2023-10-04"),
]


DATED = {  # a release dated 2023-10-06 under its title, the lead writing the meeting's days
    "ja": ("第9回日ルリタニア防衛当局間協議の結果\n{dated}\n防衛省\n防衛省は、{when}、ルリタニア・グラウにおいて、"
           "第9回日ルリタニア防衛当局間協議を開催しました。\n", ["令和5年10月6日", "2023年10月6日(金)", "令和5年10月6日(金曜日)"]),
    "en": ("Results of the 9th Japan-Ruritania Defense Authorities Consultation\n{dated}\nMinistry of Defense\n{when}, the "
           "Ministry of Defense held the 9th Japan-Ruritania Defense Authorities Consultation in Graue.\n",
           ["October 6, 2023", "6 October 2023", "Friday, October 6, 2023"]),
}


@pytest.mark.parametrize("lang, when, start, end", [("ja", *w) for w in JA_WHEN] + [("en", *w) for w in EN_WHEN])
@pytest.mark.parametrize("line", range(3))
def test_dates_as_leads_write_them_and_the_date_line_under_the_title(lang, when, start, end, line):
    page, dated = DATED[lang]
    rel = text_release(page.format(dated=dated[line], when=when), url="https://www.mod.go.jp/j/press/x.html")
    m = main(rel)
    assert (rel.issued.iso, m.start.iso, m.end.iso) == ("2023-10-06", start, end)


@pytest.mark.parametrize("text, expected", [
    ("3–5 October", []),  # no year and nothing to take it from: no date is guessed
    ("on 30 February 2023", []),
    ("from 30 October to 2 November 2023", [("2023-10-30", "2023-11-02")]),
    ("令和元年5月1日(水)から3日(金)まで", [("2019-05-01", "2019-05-03")]),
])
def test_dates_without_a_reference(text, expected):
    assert [(r.first.iso, r.last.iso) for r in find_dates(text)] == expected


def test_a_year_less_day_takes_the_year_of_the_release_across_new_year():
    found = find_dates("from 30 December to 2 January", dt.date(2024, 1, 5))
    assert [(r.first.iso, r.last.iso) for r in found] == [("2023-12-30", "2024-01-02")]


JA_SHAPES = [  # what follows the lead; the items are JA_ITEMS
    "【主なテーマ】\n・{0}\n・{1}\n・{2}\n【取材について】\n冒頭のみ撮影可能です。",
    "<議題>\n(1){0}\n(2){1}\n(3){2}",
    "■主な議題\n・{0}\n・{1}\n・{2}\n■問い合わせ先\n国際課",
    "会合では、以下の議題について議論を行いました。\n・{0}\n・{1}\n・{2}",
    "主な議題は以下のとおりです。\n(1) {0}\n(2) {1}\n(3) {2}",
    "1 日時 令和6年7月1日(月)\n2 場所 グラウ\n3 主な議題\n(1){0}\n(2){1}\n(3){2}\n4 傍聴について\n非公開です。",
    "1.日時:令和6年7月1日(月)\n2.場所:グラウ\n3.議題\n・{0}\n・{1}\n・{2}\n4.取材について\n冒頭カメラ撮りのみ可。",
    "1. 議題\n(1) {0}\n(2) {1}\n(3) {2}\n2. 結果\n両国は、防災分野で協力することで一致しました。",
    "主な議題\n(1) 冒頭挨拶\n(2) {0}\n(3) {1}\n(4) {2}\n(5) その他",
    "会合では、以下の点について意見交換を行いました。\n■ {0}\n■ {1}\n■ {2}",
]
EN_SHAPES = [
    "The two sides discussed the following topics:\n- {0}\n- {1}\n- {2}",
    "1. Date: July 1, 2024\n2. Venue: Graue\n3. Agenda\n(1) {0}\n(2) {1}\n(3) {2}\n4. Contact\nInternational Affairs Office",
    "Topics:\n• {0}\n• {1}\n• {2}",
    "The main topics discussed were:\n- {0}\n- {1}\n- {2}",
    "[Main topics]\n- {0}\n- {1}\n- {2}\n[Related links]\nPrevious press release",
    "Agenda\n(1) Opening remarks\n(2) {0}\n(3) {1}\n(4) {2}\n(5) Others",
    "The ministers exchanged views on the following points:\n- {0}\n- {1}\n- {2}",
]


@pytest.mark.parametrize("shape", JA_SHAPES)
def test_japanese_topic_sections_in_other_shapes(shape):
    m = main(text_release(_ja_body(shape.format(*JA_ITEMS) + "\n問い合わせ先\n大臣官房国際課")))
    assert topics(m) == JA_ITEMS


@pytest.mark.parametrize("shape", EN_SHAPES)
def test_english_topic_sections_in_other_shapes(shape):
    text = _en_body(shape.format(*EN_ITEMS) + "\nContact\nInternational Affairs Office")
    m = main(text_release(text, url="https://www.meti.go.jp/english/press/x.html"))
    assert topics(m) == EN_ITEMS


# meeting names in titles, as ministries write them -----------------------------------------------------------------

JA_PAGE = "令和6年7月2日\n経済産業省\n{title}\n経済産業省は、7月1日(月)、グラウにおいて、{lead}\n問い合わせ先\n国際課\n"
EN_PAGE = "Ministry of Economy, Trade and Industry\nJuly 2, 2024\n{title}\nOn July 1, 2024, {lead}\nContact\nOffice\n"


@pytest.mark.parametrize("page, title, lead, name, nth", [
    (JA_PAGE, "「日ルリタニア海洋対話」第5回会合の結果", "日ルリタニア海洋対話の第5回会合を開催しました。", "日ルリタニア海洋対話", 5),
    (JA_PAGE, "ルリタニア政府との第2回食料安全保障対話の開催について", "ルリタニア政府との間で第2回食料安全保障対話を開催しました。",
     "食料安全保障対話", 2),
    (JA_PAGE, "日ルリタニア投資促進ワーキンググループ第3回会合の開催結果", "同ワーキンググループの会合を開催しました。",
     "日ルリタニア投資促進ワーキンググループ", 3),
    (JA_PAGE, "山田経済産業大臣が第6回日ルリタニア閣僚級経済対話に出席しました", "第6回日ルリタニア閣僚級経済対話が開催されました。",
     "日ルリタニア閣僚級経済対話", 6),
    (EN_PAGE, "Press Release: Results of the Second Japan-Ruritania Energy Dialogue",
     "METI held the Second Japan-Ruritania Energy Dialogue in Graue.", "Japan-Ruritania Energy Dialogue", 2),
    (EN_PAGE, "Results of the 5th Meeting of the Japan-Ruritania Joint Committee",
     "the 5th Meeting of the Japan-Ruritania Joint Committee was held in Graue.", "Japan-Ruritania Joint Committee", 5),
    (EN_PAGE, "METI Minister Yamada Visits Ruritania",
     "Minister Yamada attended the 6th Japan-Ruritania Economic Dialogue held in Graue.", "Japan-Ruritania Economic Dialogue", 6),
])
def test_the_meeting_a_title_names_with_its_round_wherever_the_round_is_written(page, title, lead, name, nth):
    m = main(text_release(page.format(title=title, lead=lead)))
    assert (m.name, m.ordinal, m.start.iso) == (name, nth, "2024-07-01")


# the release date in the header, as sites print it ----------------------------------------------------------------

@pytest.mark.parametrize("dated", ["令和6年7月2日 14時00分", "令和6年7月2日 14:00", "報道発表日:令和6年7月2日", "2024年7月2日 報道発表",
                                   "令和6年7月2日\u3000経済産業省", "発表日時:2024年7月2日(火)15:00", "令和6年(2024年)7月2日", "掲載日:2024年7月2日"])
@pytest.mark.parametrize("above", [True, False])
def test_japanese_header_dates_with_a_time_a_label_or_the_issuer(dated, above):
    title = "第4回日ルリタニア産業政策対話の結果"
    head = f"{dated}\n{title}" if above else f"{title}\n{dated}"
    rel = text_release(_ja_body("問い合わせ先\n国際課").replace("令和6年7月2日\n経済産業省\n" + title, head))
    assert (rel.title, rel.issued.iso, main(rel).start.iso) == (title, "2024-07-02", "2024-07-01")


@pytest.mark.parametrize("dated", ["Press Release | July 2, 2024", "Updated: July 2, 2024", "July 2, 2024 14:00", "Tuesday, 2 July 2024",
                                   "July 2, 2024 | Ministry of Economy, Trade and Industry", "July 2, 2024 (Tue)", "Release Date: 2 July 2024"])
def test_english_header_dates_with_a_time_a_weekday_a_label_or_the_issuer(dated):
    title = "Results of the 4th Japan-Ruritania Industrial Policy Dialogue"
    rel = text_release(_en_body("Contact\nOffice").replace("Ministry of Economy, Trade and Industry\nJuly 2, 2024", dated))
    assert (rel.title, rel.issued.iso, main(rel).start.iso) == (title, "2024-07-02", "2024-07-01")


@pytest.mark.parametrize("title", ["山田外務審議官の南洋諸島関連会合出席(結果)", "山田外務審議官のルリタニア訪問(南洋諸島関連会合出席)",
                                   "山田外務審議官のルリタニア訪問"])
def test_a_trip_title_over_a_lead_that_names_the_meeting_with_its_round(title):
    rel = text_release(f"令和5年10月6日\n外務省\n{title}\n山田外務審議官は、10月4日、グラウで開催された第18回南洋諸島首脳会議(PIS)"
                       "外相会合準備会合に出席しました。\n", url="https://www.mofa.go.jp/mofaj/press/x.html")
    m = main(rel)
    assert (m.name, m.ordinal, m.start.iso) == ("南洋諸島首脳会議(PIS)外相会合準備会合", 18, "2023-10-04")


def test_an_english_trip_title_over_a_lead_that_names_the_meeting_with_its_round():
    rel = text_release("October 6, 2023\nMinistry of Foreign Affairs\nDeputy Minister Yamada's attendance at the Pacific Islands "
                       "related meetings\nOn October 4, Deputy Minister Yamada attended the 18th Pacific Islands Summit (PIS) "
                       "Foreign Ministers' Preparatory Meeting held in Graue.\n", url="https://www.mofa.go.jp/press/x.html")
    m = main(rel)
    assert (m.name, m.ordinal) == ("Pacific Islands Summit (PIS) Foreign Ministers' Preparatory Meeting", 18)


@pytest.mark.parametrize("name, level", [("日ルリタニア外相電話会談", "大臣級"), ("日ルリタニア首脳テレビ会談", "首脳級"),
                                         ("日ルリタニア防衛相オンライン会談", "大臣級"), ("日ルリタニア局長級協議", "局長級")])
def test_the_level_of_a_call_or_an_online_talk(name, level):
    rel = text_release(f"令和6年7月2日\n外務省\n{name}\n7月1日、{name}が行われました。\n", url="https://www.mofa.go.jp/mofaj/press/x.html")
    assert (main(rel).name, main(rel).level) == (name, level)


PROCEEDINGS = [
    ("ja", "議事次第\n1. 開会\n2. {0}\n3. {1}\n4. その他\n5. 閉会"),
    ("ja", "議題\n(1) 開会挨拶\n(2) {0}\n(3) {1}\n(4) 閉会挨拶"),
    ("ja", "主な議題\n・冒頭挨拶\n・{0}\n・{1}\n・記念撮影"),
    ("en", "Agenda\n1. Opening\n2. {0}\n3. {1}\n4. Closing"),
    ("en", "Programme\n1. Adoption of the agenda\n2. {0}\n3. {1}\n4. Any other business"),
    ("en", "Main topics\n- Opening remarks\n- {0}\n- {1}\n- Wrap-up"),
]


@pytest.mark.parametrize("lang, body", PROCEEDINGS)
def test_the_items_of_the_proceedings_are_no_topics(lang, body):
    items = JA_ITEMS if lang == "ja" else EN_ITEMS
    text = _ja_body(body.format(*items) + "\n問い合わせ先\n国際課") if lang == "ja" else _en_body(body.format(*items) + "\nContact\nOffice")
    assert topics(main(text_release(text))) == items[:2]


def test_a_results_section_after_an_agenda_list_ends_the_topics():
    body = "1. 議題\n(1) {0}\n(2) {1}\n2. 結果\n(1) 防災協力の強化\n(2) 周波数調整の枠組み\n問い合わせ先\n国際課"
    assert topics(main(text_release(_ja_body(body.format(*JA_ITEMS))))) == JA_ITEMS[:2]
    body = "1. Main topics\n(1) {0}\n(2) {1}\n2. Results\n(1) Stronger cooperation\n(2) A framework for spectrum\nContact\nOffice"
    assert topics(main(text_release(_en_body(body.format(*EN_ITEMS))))) == EN_ITEMS[:2]
    # without an agenda list, the headings under the results are the topics (the corpus README's 主な成果 headings)
    assert topics(main(text_release(_ja_body("主な成果\n(1) 防災協力の強化\n(2) 周波数調整の枠組み\n問い合わせ先\n国際課")))) == [
        "防災協力の強化", "周波数調整の枠組み"]


def test_a_menu_item_that_reads_like_a_page_label_far_above_the_title_labels_nothing():
    rel = text_release("ホーム\n大臣の動き\n報道発表\n政策について\n統計情報\n報道資料\n第4回日ルリタニア産業政策対話の結果\n令和6年7月2日\n"
                       "経済産業省は、7月1日、グラウにおいて第4回日ルリタニア産業政策対話を開催しました。\n")
    assert (rel.title, rel.issued.iso, rel.event_date, main(rel).start.iso) == (
        "第4回日ルリタニア産業政策対話の結果", "2024-07-02", None, "2024-07-01")


def test_the_documents_under_a_handouts_heading_are_attachments_and_no_topics():
    rel = text_release(_ja_body("配布資料\n資料1 日ルリタニア協力の概要(PDF)\n資料2 共同声明(PDF)\n問い合わせ先\n国際課"))
    assert [d.title for d in rel.documents] == ["資料1 日ルリタニア協力の概要", "資料2 共同声明"]
    assert topics(main(rel)) == []
