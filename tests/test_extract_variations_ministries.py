"""Extraction across more ministries' formats: each test reads a short synthetic release under
tests/fixtures/general2/ written for one general cause of misses (furniture labels, participant
lists in prose and grouped lists, countries, topics, hosts, damaged dates, levels in the body)."""
from __future__ import annotations

from pathlib import Path

from extracting import GAZ, extract_file, main, text_release

FIXTURES = Path(__file__).parent / "fixtures" / "general2"


def extracted(name: str):
    return extract_file(FIXTURES / name)


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
    rel = text_release("日・ルリタニアICT対話の結果\n\n 令和5年5月1日、東京において、日・ルリタニアICT対話が開催されました。"
                       "日本側からは総務省、外務省が、ルリタニア側からは運輸通信省、気象局が参加しました。\n")
    m = main(rel)
    assert set(names(m, country="JP")) == {"総務省", "外務省"}
    assert {p.org.country for p in m.participations if p.org.mention in ("運輸通信省", "気象局")} == {None}


def test_prose_side_lists_in_an_outline_section_with_the_verb_shusseki_and_a_business_list():
    m = main(extracted("meti_style.txt"))
    assert names(m, "host") == ["経済産業省", "チリ鉱業省"]  # と共同で: a co-host
    assert set(names(m, country="JP", kind="government")) >= {"経済産業省", "外務省", "在チリ日本国大使館"}
    assert "石油天然ガス・金属鉱物資源機構(JOGMEC)" in names(m, country="JP")
    assert set(names(m, country="CL")) >= {"チリ鉱業省", "チリ外務省経済関係次官室"}
    assert set(names(m, kind="industry")) == {"チリ日本商工会議所", "日本鉱業協会"}
    assert not any("小委員会" in n for n in names(m))  # …小委員会の第4回会合 names the meeting, not a body


def test_a_grouped_list_with_a_country_label_on_each_line():
    m = main(extracted("grouped_by_country.txt"))
    other = names(m, "participant")
    assert other == ["競争局(CB)", "競争・消費及び不正抑止に関する総局(DGCCRF)", "連邦消費者保護・食品安全庁",
                     "連邦取引委員会(FTC)", "欧州委員会司法・消費者総局", "欧州消費者保護協力ネットワーク(CPC)"]
    countries = {p.org.mention: p.org.country for p in m.participations}
    assert (countries["競争局(CB)"], countries["連邦取引委員会(FTC)"], countries["欧州委員会司法・消費者総局"]) == ("CA", "US", "EU")


def test_english_delegations_comprised_of_and_with_participation_from():
    m = main(extracted("en_delegations.txt"))
    assert names(m, country="JP") == ["Ministry of Foreign Affairs", "National Police Agency", "Ministry of Defense"]
    assert names(m, country="CL") == ["National Cybersecurity Agency", "Ministry of National Defense"]
    # the Chilean foreign ministry is named only in the head's post (…, Director of … (Cyber Affairs), Ministry of …)
    assert "Ministry of Foreign Affairs of Chile" not in names(m)
    assert [p.name for p in m.people][:2] == ["TANAKA Ichiro", "Ana Rojas"]


def test_english_organisation_holds_and_a_government_hosts():
    m = main(extracted("en_hosted.txt"))
    assert names(m, "host") == ["International Telecommunication Union (ITU)", "Government of Kenya"]
    assert [p.org.country for p in m.participations if p.org.mention == "Government of Kenya"] == ["KE"]
    assert "40 ITU Member States and observer organizations" in names(m)
    assert "African Union Commission" in names(m)
    assert not any("Commonwealth" in n for n in names(m))  # the Secretary-General of … is a post, not a party


def test_companies_without_a_legal_suffix_in_an_english_private_sector_list():
    m = main(extracted("en_hosted.txt"))
    assert names(m, kind="industry") == ["Kenya ICT Action Network (KICTANet)", "Safaricom"]


def test_a_body_split_in_two_heads_stays_one_and_a_group_keeps_its_partners():
    rel = text_release("Holding of the Fifth Japan-India Cyber Dialogue\n\nMarch 3, 2024\n\n1 On March 1, the Fifth Japan-India "
                       "Cyber Dialogue was held in Tokyo.\n\n2 The Indian delegation was composed of representatives from the "
                       "National Security Council Secretariat and the Ministry of Home Affairs.\n", url="https://www.mofa.go.jp/press/release/x.html")
    m = main(rel)
    assert names(m) == ["National Security Council Secretariat", "Ministry of Home Affairs"]


def test_a_co_host_named_by_back_reference_and_companies_named_in_brackets():
    m = main(extracted("back_reference.txt"))
    assert names(m, "host") == ["総務省", "ペルー共和国運輸通信省", "同国経済財務省"]
    assert {p.org.mention: p.org.country for p in m.participations}["同国経済財務省"] == "PE"  # 同国: the country named last
    assert names(m, kind="industry") == ["株式会社サンプル通信", "テスト電機株式会社"]
    assert set(names(m, country="JP")) == {"総務省", "在ペルー日本国大使館", "国際協力機構(JICA)"}


def test_a_body_named_in_full_inside_a_post_is_labelled_with_its_fuller_name():
    rel = text_release("第3回日・ペルー・サイバー協議の開催\n令和6年2月2日\n1 2月1日,東京において,第3回日・ペルー・サイバー協議が"
                       "開催されました。\n2 日本側からは,外務省,警察庁が,ペルー側からは,ペルー国家デジタル政府庁(SGTD)次長を団長として,"
                       "国家デジタル政府庁,ペルー外務省が参加しました。\n", url="https://www.mofa.go.jp/mofaj/press/release/x.html")
    m = main(rel)
    by_name = {p.org.name: p.org.country for p in m.participations}
    assert by_name.get("ペルー国家デジタル政府庁(SGTD)") == "PE" and "国家デジタル政府庁" not in by_name


def test_a_part_of_a_group_of_economies_is_one_participant():
    rel = text_release("第40回APEC電気通信・情報ワーキンググループ会合の結果\n\n 5月2日から5日まで、ペルー・リマにおいて、第40回APEC電気通信・"
                       "情報ワーキンググループ会合が開催されました。本会合には、APEC加盟21エコノミーのうち18エコノミーのほか、APEC事務局等が参加しました。\n")
    assert "APEC加盟21エコノミーのうち18エコノミー" in names(main(rel))


def test_an_english_body_that_starts_another_meetings_name_is_not_a_party():
    rel = text_release("May 2, 2024 Results of the 3rd Japan-Pacific Digital Ministers' Meeting\n\nThe 3rd Japan-Pacific Digital "
                       "Ministers' Meeting was held online on May 1, 2024, on the occasion of the 5th APEC Digital Ministers' Meeting. "
                       "Ministers of the Pacific Islands Forum member countries took part.\n",
                       url="https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/x.html")
    m = main(rel)
    assert "APEC" not in names(m) and "Pacific Islands Forum member countries" in names(m)


def topics(rel) -> list[str]:
    return [t.label for t in main(rel).topics]


def test_bullets_right_under_an_agenda_heading_are_its_topics():
    assert topics(extracted("agenda_bullets.txt")) == ["Open RAN", "防災のための通信インフラ", "郵便分野の協力"]


def test_english_dash_bullets_between_paragraphs_are_topics():
    assert topics(extracted("en_dash_bullets.txt")) == ["Report on the Security of Digital Products",
                                                        "Guidance on Digital Security of Critical Activities"]


def test_a_last_heading_line_counts_when_its_line_break_is_there(tmp_path):
    text = (FIXTURES / "last_heading.txt").read_text(encoding="utf-8")
    assert text.endswith("ウ 研究協力\n")
    assert topics(extracted("last_heading.txt")) == ["5G", "サイバーセキュリティ", "研究協力"]
    cut = tmp_path / "cut.txt"
    cut.write_text(text.rstrip("\n"), encoding="utf-8")  # cut mid-line: the last heading may be incomplete
    assert topics(extract_file(cut)) == ["5G", "サイバーセキュリティ"]


def test_a_paragraph_number_run_into_a_day_only_date_in_the_sentence_after_the_meeting():
    m = main(extracted("back_reference.txt"))  # 1.16、17日の2日間、ペルー共和国リマにおいて開催し
    assert (m.start.iso, m.end.iso) == ("2023-11-16", "2023-11-17")
    assert m.location.mention == "ペルー共和国リマ"


def test_a_level_is_never_a_place():
    m = main(extracted("back_reference.txt"))
    assert m.level == "次官級" and m.location.mention != "次官級"
    rel = text_release("日・チリICT政策対話(第4回)の結果\n\n 令和6年7月1日、総務省は、チリ運輸通信省とともに、局長級での日・チリICT政策対話(第4回)を開催しました。\n")
    assert main(rel).location is None


def test_the_ordinal_stated_only_as_this_being_the_nth_time():
    assert main(extracted("grouped_by_country.txt")).ordinal == 3  # 今回で3回目となります


def test_levels_stated_only_in_the_body():
    rel = text_release("日・ブラジルICT合同作業部会(第6回)の結果\n\n 令和5年9月5日、総務省は、ブラジル通信省との間で、ブラジリアにおいて、"
                       "局長級の枠組みである日・ブラジルICT合同作業部会(第6回)を開催しました。\n")
    assert main(rel).level == "局長級"
    rel = text_release("日・トルコ防衛当局間協議(第3回)の開催について\n\n 防衛省は、トルコ国防省との間で、第3回日・トルコ防衛当局間協議を"
                       "開催しますので、お知らせします。\n\n1 日時\n 令和6年5月14日(火)\n\n2 その他\n 次回は局長級で開催する予定です。"
                       "本協議は審議官級で実施するものです。\n", url="https://www.mod.go.jp/j/press/news/2024/05/x.html")
    assert main(rel).level == "審議官級"  # not the next round's level


def test_a_title_naming_two_meetings_joined_by_oyobi_gives_two_meetings():
    rel = extracted("two_in_title.txt")
    cyber, experts = [m for m in rel.meetings if m.reported]
    assert (cyber.name, cyber.ordinal, cyber.start.iso) == ("日・ラトビア・サイバー協議", 2, "2024-10-07")
    assert (experts.name, experts.ordinal, experts.start.iso) == ("日・ラトビアICT専門家会合", None, "2024-10-08")  # 翌8日
    assert cyber.location.mention == "ラトビア共和国の首都リガ"  # a country before の stays in the place as written
    assert experts.location.key == cyber.location.key  # 同地において
    assert "ラトビア国防省" in names(cyber) and names(experts) == []  # サイバー協議には…: the bodies of the first only


def test_english_body_names_with_and_the_and_missions_of_a_country():
    rel = text_release("March 5, 2024\n\nResults of the Fourth Japan-Kenya ICT Policy Dialogue\n\nThe Ministry of Internal Affairs "
                       "and Communications (MIC) and the Ministry of Information, Communications and the Digital Economy of Kenya "
                       "held the Fourth Japan-Kenya ICT Policy Dialogue in Nairobi on March 4, 2024. The Embassy of Japan in Kenya "
                       "and the Communications Authority of Kenya also attended.\n",
                       url="https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/x.html")
    m = main(rel)
    assert names(m, "host") == ["Ministry of Internal Affairs and Communications (MIC)",
                                "Ministry of Information, Communications and the Digital Economy of Kenya"]
    countries = {p.org.mention: p.org.country for p in m.participations}
    assert countries["Embassy of Japan in Kenya"] == "JP" and countries["Communications Authority of Kenya"] == "KE"


def test_a_mission_belongs_to_the_country_that_sends_it():
    from kg.extract import orgs
    assert [orgs.minted(n, None, GAZ).country for n in ("在ケニア日本国大使館", "在京イスラエル大使館", "Embassy of Japan in Brazil")] \
        == ["JP", "IL", "JP"]


def test_a_task_force_is_a_meeting_and_agenda_labels_are_not_topics():
    rel = extracted("meti_style.txt")
    assert topics(rel) == ["銅鉱山の環境対策", "リチウムの供給網", "人材交流"]  # not 概要 / 主な議題
    rel = text_release("日・サウジアラビア産業協力タスクフォース(第5回)を開催しました\n\n本日、経済産業省は、サウジアラビア投資省と共同で、"
                       "日・サウジアラビア産業協力タスクフォースの第5回会合を東京で開催しました。\n", url="https://www.meti.go.jp/press/x.html")
    m = main(rel)
    assert (m.name, m.ordinal) == ("日・サウジアラビア産業協力タスクフォース", 5)
    assert {p.org.mention: p.org.country for p in m.participations}["サウジアラビア投資省"] == "SA"


def test_an_english_grouped_list_after_the_following_took_part_with_country_labels():
    m = main(extracted("en_grouped.txt"))
    assert m.ordinal == 4  # This was the fourth roundtable
    countries = {p.org.mention: p.org.country for p in m.participations if p.role == "participant"}
    assert countries == {"Competition Bureau Canada (CBC)": "CA", "Federal Cartel Office (BKartA)": "DE",
                         "Competition and Markets Authority (CMA)": "GB", "Directorate-General for Competition (DG COMP)": "EU",
                         "European Data Protection Supervisor (EDPS)": "EU"}  # the labels Canada, European Union are no parties


def test_a_grouped_list_whose_country_labels_end_in_a_colon():
    rel = text_release("G7データ保護機関会合の開催結果について\n\n令和6年10月11日\n\n 個人情報保護委員会は、10月10日、ローマにおいて開催された"
                       "G7データ保護機関会合に出席しました。\n 会合には、以下の機関が参加しました。\n・カナダ:プライバシー・コミッショナー事務局(OPC)\n"
                       "・イタリア:個人データ保護機関(GPDP)\n\n1 AIとプライバシー\n 議論しました。\n", url="https://www.ppc.go.jp/news/x/")
    countries = {p.org.mention: p.org.country for p in main(rel).participations}
    assert countries == {"個人情報保護委員会": "JP", "プライバシー・コミッショナー事務局(OPC)": "CA", "個人データ保護機関(GPDP)": "IT"}


def test_english_co_hosts_with_a_partner_or_together_with():
    for lead in ("On May 8, 2024, the Ministry of Internal Affairs and Communications (MIC) co-hosted the Second Japan-Philippines "
                 "ICT Workshop with the Department of Information and Communications Technology (DICT) in Manila.",
                 "On May 8, 2024, the Ministry of Internal Affairs and Communications (MIC), together with the Department of "
                 "Information and Communications Technology (DICT), held the Second Japan-Philippines ICT Workshop in Manila.",
                 "The Ministry of Internal Affairs and Communications (MIC) held the Second Japan-Philippines ICT Workshop in "
                 "Manila on May 8, 2024, together with the Department of Information and Communications Technology (DICT)."):
        rel = text_release("May 10, 2024\n\nResults of the Second Japan-Philippines ICT Workshop\n\n" + lead + "\n",
                           url="https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/x.html")
        assert names(main(rel), "host") == ["Ministry of Internal Affairs and Communications (MIC)",
                                            "Department of Information and Communications Technology (DICT)"], lead


def test_a_body_only_in_a_governors_post_is_no_party_and_a_fund_is_a_body():
    rel = text_release("Japan-Saudi Arabia Relations\n\nThe Third Japan-Saudi Arabia Cyber Consultations\n\nMarch 1, 2024\n\n1. On "
                       "February 28, the Third Japan-Saudi Arabia Cyber Consultations were held in Riyadh.\n\n2. The Saudi side was "
                       "led by Mr. Ahmed Ali, Deputy Governor, National Cybersecurity Authority, with participation from the Ministry "
                       "of Interior.\n", url="https://www.mofa.go.jp/press/release/x.html")
    assert names(main(rel)) == ["Ministry of Interior"]
    rel = text_release("第3回日・ケニア科学技術協力合同委員会の開催結果について\n\n令和6年1月10日\n\n 12月12日、ナイロビにおいて、第3回日・ケニア"
                       "科学技術協力合同委員会が開催されました。日本側からは文部科学省等が、ケニア側からは教育省、ケニア国家研究基金等が出席しました。\n")
    assert {p.org.mention: p.org.country for p in main(rel).participations}["ケニア国家研究基金"] == "KE"


def test_a_level_said_of_another_occasion_is_not_this_meetings():
    rel = text_release("日・チリICT政策対話(第4回)の結果\n\n 令和6年7月1日、総務省は、サンティアゴにおいて、チリ運輸通信省との間で、"
                       "日・チリICT政策対話(第4回)を開催しました。\n\n(参考)\n 両省は、2019年に局長級の会合を初めて開催しています。\n")
    assert main(rel).level is None


def test_a_manner_of_holding_is_never_a_place():
    for lead in ("総務省は、12月18日、国務省との間で、日米ICT政策対話(第11回)を対面で開催しました。",
                 "12月18日、総務省主催で日米ICT政策対話(第11回)が開催されました。"):
        rel = text_release("日米ICT政策対話(第11回)の結果\n\n令和6年12月20日\n\n " + lead + "\n")
        assert main(rel).location is None, lead


def test_an_english_side_that_included_or_was_represented_by():
    rel = text_release("Japan-India Relations\n\nThe Sixth Japan-India Cyber Dialogue\n\nMay 2, 2024\n\n1. On May 1, the Sixth "
                       "Japan-India Cyber Dialogue was held in New Delhi.\n\n2. The Japanese side included officials of the National "
                       "Police Agency and the Ministry of Defense. The Indian side was represented by the Ministry of Home Affairs.\n",
                       url="https://www.mofa.go.jp/press/release/x.html")
    m = main(rel)
    assert names(m, country="JP") == ["National Police Agency", "Ministry of Defense"]
    assert names(m, country="IN") == ["Ministry of Home Affairs"]


def test_side_lists_written_without_wa_in_an_outline_section():
    rel = text_release("日・モンゴルICT政策対話(第3回)の結果\n\n令和6年6月20日\n\n 総務省は、6月18日、ウランバートルにおいて、日・モンゴルICT政策"
                       "対話(第3回)を開催しました。\n\n1.概要\n 日本側から総務省、情報通信研究機構(NICT)が、モンゴル側からデジタル開発・通信省、"
                       "通信規制委員会がそれぞれ参加しました。\n\n2.主な成果\n(1)5G\n 一致しました。\n")
    m = main(rel)
    assert names(m, country="MN") == ["デジタル開発・通信省", "通信規制委員会"]
    assert names(m, country="JP") == ["総務省", "情報通信研究機構(NICT)"]


def test_an_english_announcement_and_its_tentative_agenda():
    rel = text_release("Press Release\n\nMay 7, 2024\n\nHolding of the Fifth Japan-Brazil ICT Working Group\n\nMIC will hold the Fifth "
                       "Japan-Brazil ICT Working Group with the Ministry of Communications of Brazil in Tokyo on May 20, 2024.\n\n"
                       "1. Agenda (tentative)\n- 5G and Open RAN\n- Digital broadcasting\n- Cybersecurity\n\n2. Contact\nInternational "
                       "Affairs Division\n", url="https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/x.html")
    m = main(rel)
    assert (names(m, "host"), m.status) == (["MIC", "Ministry of Communications of Brazil"], "scheduled")  # will hold … with: a co-host, as held … with
    assert topics(rel) == ["5G and Open RAN", "Digital broadcasting", "Cybersecurity"]


def test_an_office_of_a_minister_is_a_body_and_a_date_after_koubyoubi_on_one_line():
    rel = text_release("報道発表資料\n\n日・インドネシア経済政策対話(第2回)を開催しました\n\n本日、経済産業省は、インドネシア経済担当調整大臣府と共同で、"
                       "日・インドネシア経済政策対話の第2回会合をジャカルタで開催しました。\n\n公表日:2024年2月9日(金)\n",
                       url="https://www.meti.go.jp/press/2023/02/x.html")
    m = main(rel)
    assert rel.title == "日・インドネシア経済政策対話(第2回)を開催しました" and m.start.iso == "2024-02-09"
    assert names(m, "host") == ["経済産業省", "インドネシア経済担当調整大臣府"]


def test_english_companies_named_after_including():
    rel = text_release("Press Release\n\nMay 7, 2024\n\nResults of the Fifth Japan-Brazil ICT Working Group\n\nMIC held the Fifth "
                       "Japan-Brazil ICT Working Group in Brasilia on May 6, 2024. Japanese companies, including NEC Brasil and "
                       "Fujitsu do Brasil, took part.\n", url="https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/x.html")
    assert names(main(rel), kind="industry") == ["NEC Brasil", "Fujitsu do Brasil"]


def test_a_level_before_a_working_groups_name():
    rel = text_release("日・ベトナムICT合同作業部会(第4回)の結果\n\n令和6年11月8日\n\n 総務省は、ベトナム情報通信省とともに、局長級での"
                       "日・ベトナムICT合同作業部会(第4回)を開催しました。\n")
    assert main(rel).level == "局長級"
