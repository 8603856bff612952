"""Who took part and who held it, on short releases written for issue 13's failure classes (several ministries,
Japanese and English, several wordings): per-country lists, English delegations, groups, co-hosts, and one body
written with a country's long and short name. Each assertion is what a reader checks: the body and its country."""
from __future__ import annotations

from extracting import main, text_release

JA = "https://www.mlit.go.jp/report/press/x.html"
EN = "https://www.mofa.go.jp/press/release/x.html"


def parties(text: str, url: str = JA, role: str | None = None) -> dict[str, str | None]:
    m = main(text_release(text, url))
    return {p.org.mention: p.org.country for p in m.participations if role in (None, p.role)}


def hosts(text: str, url: str = JA) -> list[str]:
    return list(parties(text, url, "host"))


# 1. per-country lists ---------------------------------------------------------------------------------------------

def test_japanese_list_per_country_with_kara():
    got = parties("第7回日中韓港湾局長会議の結果について\n\n令和6年11月20日\n国土交通省\n\n"
                  "令和6年11月19日、福岡において第7回日中韓港湾局長会議が開催されました。本会議には、日本から国土交通省港湾局、"
                  "中国から交通運輸部水運局、韓国から海洋水産部及び釜山港湾公社が参加しました。\n")
    assert got == {"国土交通省港湾局": "JP", "交通運輸部水運局": "CN", "海洋水産部": "KR", "釜山港湾公社": "KR"}


def test_japanese_list_per_country_with_yori_and_a_long_country_name():
    got = parties("日・ベトナム農業協力対話の開催結果\n\n令和6年3月5日\n農林水産省\n\n"
                  "令和6年3月4日、ハノイにおいて日・ベトナム農業協力対話を開催しました。本対話には、日本より農林水産省及び"
                  "国際協力機構が、ベトナム社会主義共和国より農業農村開発省及び計画投資省が出席しました。\n",
                  "https://www.maff.go.jp/j/press/x.html")
    assert got["農林水産省"] == "JP" and got["国際協力機構"] == "JP"
    assert got["農業農村開発省"] == "VN" and got["計画投資省"] == "VN"


def test_japanese_side_lists_in_one_sentence():
    got = parties("日米環境政策対話の結果について\n\n令和5年9月1日\n環境省\n\n"
                  "令和5年8月31日、東京において日米環境政策対話が開催されました。日本側から環境省及び外務省、米国側から"
                  "環境保護庁及び国務省海洋国際環境科学局が出席しました。\n", "https://www.env.go.jp/press/x.html")
    assert got == {"環境省": "JP", "外務省": "JP", "環境保護庁": "US", "国務省海洋国際環境科学局": "US"}


def test_a_country_named_as_a_source_of_goods_marks_no_list():
    got = parties("日豪経済対話の開催について\n\n令和6年2月1日\n経済産業省\n\n"
                  "令和6年1月31日、東京において日豪経済対話が開催され、経済産業省及び豪州外務貿易省が出席しました。"
                  "豪州からの液化天然ガスの輸入について意見交換を行いました。\n", "https://www.meti.go.jp/press/x.html")
    assert got["経済産業省"] == "JP" and got["豪州外務貿易省"] == "AU"


def test_english_from_country_before_each_list():
    got = parties("Results of the Japan-UK Industrial Strategy Dialogue\n\nMay 10, 2024\n\n"
                  "On May 9, 2024, the Japan-UK Industrial Strategy Dialogue was held in London. From Japan, the Ministry of "
                  "Economy, Trade and Industry and the New Energy and Industrial Technology Development Organization "
                  "attended, and from the UK, the Department for Business and Trade and the Office for Life Sciences.\n",
                  "https://www.meti.go.jp/english/press/x.html")
    assert got == {"Ministry of Economy, Trade and Industry": "JP",
                   "New Energy and Industrial Technology Development Organization": "JP",
                   "Department for Business and Trade": "GB", "Office for Life Sciences": "GB"}


def test_english_country_after_each_list():
    got = parties("Japan-Indonesia Maritime Consultation\n\nOctober 2, 2023\n\n"
                  "On October 1, the Japan-Indonesia Maritime Consultation was held in Jakarta. The Ministry of Land, "
                  "Infrastructure, Transport and Tourism attended from Japan, and the Coordinating Ministry for Maritime "
                  "Affairs and Investment and the Maritime Security Agency attended from Indonesia.\n",
                  "https://www.mlit.go.jp/en/report/press/x.html")
    assert got == {"Ministry of Land, Infrastructure, Transport and Tourism": "JP",
                   "Coordinating Ministry for Maritime Affairs and Investment": "ID", "Maritime Security Agency": "ID"}


def test_english_represented_by_with_an_elided_verb():
    got = parties("Japan-Australia Maritime Security Dialogue\n\nJune 3, 2024\n\n"
                  "On June 2, the Japan-Australia Maritime Security Dialogue was held in Canberra. Japan was represented by "
                  "the Ministry of Foreign Affairs and the Japan Coast Guard; Australia by the Department of Home Affairs "
                  "and the Australian Border Force.\n", EN)
    assert got == {"Ministry of Foreign Affairs": "JP", "Japan Coast Guard": "JP", "Department of Home Affairs": "AU",
                   "Australian Border Force": "AU"}


# 2. English delegations --------------------------------------------------------------------------------------------

def test_a_delegation_named_by_its_demonym_lists_its_country_bodies():
    got = parties("Japan-Philippines Vice-Ministerial Strategic Dialogue\n\nMay 10, 2024\n\n"
                  "On May 9, the Japan-Philippines Vice-Ministerial Strategic Dialogue was held in Manila. The Japanese "
                  "delegation was led by Mr. Taro Yamada, Deputy Minister, and included officials from the Ministry of "
                  "Defense. The Philippine delegation was led by Ms. Maria Santos, Undersecretary, and included officials "
                  "from the National Security Council, the Department of National Defense and the Philippine Coast Guard.\n",
                  "https://www.mod.go.jp/en/article/x.html")
    assert got == {"Ministry of Defense": "JP", "National Security Council": "PH", "Department of National Defense": "PH",
                   "Philippine Coast Guard": "PH"}


def test_officials_of_a_list_that_ends_with_its_country():
    got = parties("Japan-Philippines Fisheries Dialogue\n\nMay 10, 2024\n\n"
                  "On May 9, the Japan-Philippines Fisheries Dialogue was held in Manila. Officials from the Department of "
                  "Agriculture, the Department of Transportation and the Bureau of Fisheries and Aquatic Resources of the "
                  "Philippines attended, together with representatives of the Fisheries Agency.\n",
                  "https://www.maff.go.jp/e/press/x.html")
    assert got["Department of Agriculture"] == "PH"
    assert got["Department of Transportation"] == "PH"  # not the U.S. department of that name
    assert got["Fisheries Agency"] == "JP"


def test_a_korean_delegation_and_an_indian_one():
    got = parties("Japan-Korea-India Digital Partnership Meeting\n\nJuly 1, 2024\n\n"
                  "On June 30, the Japan-Korea-India Digital Partnership Meeting was held in Tokyo. The Korean delegation "
                  "included officials from the Ministry of Science and ICT and the Korea Internet & Security Agency. The "
                  "Indian delegation included officials from the Ministry of Electronics and Information Technology.\n",
                  "https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/x.html")
    assert got["Ministry of Science and ICT"] == "KR" and got["Korea Internet & Security Agency"] == "KR"
    assert got["Ministry of Electronics and Information Technology"] == "IN"


# 3. groups ---------------------------------------------------------------------------------------------------------

def test_a_group_and_a_secretariat_are_two_parties_in_english():
    got = parties("The 16th ASEAN-Japan Cybersecurity Policy Meeting\n\nOctober 10, 2024\n\n"
                  "On October 9, 2024, the 16th ASEAN-Japan Cybersecurity Policy Meeting was held in Tokyo. The meeting was "
                  "attended by ASEAN Member States and the ASEAN Secretariat, together with the relevant ministries and "
                  "research institutes.\n", "https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/x.html")
    assert set(got) == {"ASEAN Member States", "ASEAN Secretariat"}


def test_a_generic_noun_after_a_group_is_the_groups_and_generic_words_alone_are_no_party():
    got = parties("日EU研究・イノベーション協力会合の開催\n\n令和6年10月10日\n文部科学省\n\n"
                  "令和6年10月9日、ブリュッセルにおいて日EU研究・イノベーション協力会合が開催され、文部科学省、欧州委員会、"
                  "EU加盟国の関係省庁及び欧州の研究機関が参加しました。関係省庁も出席しました。\n",
                  "https://www.mext.go.jp/b_menu/houdou/x.html")
    assert set(got) == {"文部科学省", "欧州委員会", "EU加盟国"}


# 4. hosts ----------------------------------------------------------------------------------------------------------

def test_a_ministry_holds_a_meeting_together_with_a_group_and_a_secretariat():
    got = hosts("第5回日ASEANサイバーセキュリティ政策会議の結果\n\n令和6年10月10日\n総務省\n\n"
                "総務省は、ASEAN加盟国の担当省庁及びASEAN事務局とともに、令和6年10月9日、東京において第5回日ASEAN"
                "サイバーセキュリティ政策会議を開催しました。\n", "https://www.soumu.go.jp/menu_news/s-news/x.html")
    assert got == ["総務省", "ASEAN加盟国", "ASEAN事務局"]


def test_the_partner_of_an_active_held_with_is_a_co_host():
    got = parties("Results of the 8th Japan-Finland ICT Policy Dialogue\n\nOctober 10, 2024\n\n"
                  "The Ministry of Internal Affairs and Communications (MIC) held the 8th Japan-Finland ICT Policy Dialogue "
                  "with the Ministry of Transport and Communications of Finland on October 9, 2024 in Helsinki.\n",
                  "https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/x.html", "host")
    assert got == {"Ministry of Internal Affairs and Communications (MIC)": "JP",
                   "Ministry of Transport and Communications of Finland": "FI"}  # no date in the name


def test_co_chairs_are_hosts_in_english_and_in_japanese():
    en = "Japan-Philippines Maritime Dialogue\n\nMay 10, 2024\n\nOn May 9, the 3rd Japan-Philippines Maritime Dialogue " \
         "was held in Manila. {}\n"
    for said in ("The dialogue was co-chaired by Japan and the Philippines.",
                 "It was co-chaired by the Philippines and Japan."):
        assert set(parties(en.format(said), EN, "host").values()) == {"JP", "PH"}
    ja = parties("第3回日フィリピン海洋協議の結果\n\n令和6年5月10日\n外務省\n\n令和6年5月9日、マニラにおいて第3回日フィリピン"
                 "海洋協議が開催されました。本協議は、日本とフィリピンが共同議長を務め、外務省及び防衛省が出席しました。\n",
                 "https://www.mofa.go.jp/mofaj/press/release/x.html", "host")
    assert set(ja.values()) == {"JP", "PH"}


# a name several foreign countries' bodies bear, and places (the unfinished patch this work took over) --------------

def test_a_name_of_several_foreign_bodies_is_the_counterparts_of_the_bilateral_meeting():
    ja = parties("第4回日マレーシアICT政策対話の結果\n\n令和6年7月10日\n総務省\n\n総務省は、令和6年7月9日、クアラルンプール"
                 "において第4回日マレーシアICT政策対話を開催しました。本対話には、総務省及び通信省が出席しました。\n",
                 "https://www.soumu.go.jp/menu_news/s-news/x.html")
    assert ja == {"総務省": "JP", "通信省": "MY"}
    got = parties("第3回日フィリピン海洋協議の結果\n\n令和6年5月10日\n外務省\n\n令和6年5月9日、マニラにおいて第3回日フィリピン"
                  "海洋協議が開催されました。外務省、防衛省、フィリピン外務省及び国防省が出席しました。\n",
                  "https://www.mofa.go.jp/mofaj/press/release/x.html")
    assert got["国防省"] == "PH" and got["防衛省"] == "JP"  # not the U.S. department of that Japanese name


def test_a_city_written_in_hiragana_is_a_place_and_a_known_place_with_commas_ends_the_sentence():
    ja = main(text_release("第2回日ルリタニア科学技術協力会合の開催\n\n令和6年7月10日\n文部科学省\n\n令和6年7月9日、つくば市において"
                           "第2回日ルリタニア科学技術協力会合が開催されました。\n", "https://www.mext.go.jp/b_menu/houdou/x.html"))
    assert ja.location.mention == "つくば市"
    en = main(text_release("Japan-US Policy Dialogue on the Internet Economy\n\nMay 10, 2024\n\nOn May 9, the Japan-US Policy "
                           "Dialogue on the Internet Economy was held in Washington, D.C. The Ministry of Internal Affairs and "
                           "Communications and the Department of State attended.\n",
                           "https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/x.html"))
    assert en.location.mention == "Washington, D.C."
    assert {p.org.mention: p.org.country for p in en.participations} == {
        "Ministry of Internal Affairs and Communications": "JP", "Department of State": "US"}
