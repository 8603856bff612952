"""One body the gazetteer does not know, written with its country's long name and later its short one (タイ王国X省,
then タイX省; 大韓民国X部 / 韓国X部; Ministry of X of the Republic of Korea / … of Korea): one participant, listed as
first written, one key, and in the built graph one row of the participants query and one label."""
from __future__ import annotations

import json

import kg
from kg import api

from extracting import main, text_release

MAFF = "https://www.maff.go.jp/j/press/kokusai/x.html"
MOFA_EN = "https://www.mofa.go.jp/press/release/x.html"

JA_THAI = ("日タイ農業協力対話の開催結果について\n\n令和6年7月2日\n農林水産省\n\n"
           "令和6年7月1日、バンコクにおいて、農林水産省とタイ王国高等教育・科学・研究・イノベーション省は第3回日タイ農業"
           "協力対話を開催しました。日本側からは農林水産省及び外務省が、タイ側からはタイ高等教育・科学・研究・イノベーション省"
           "及びタイ王国商務省が出席しました。\n")
JA_KOREA_VIETNAM = ("日韓越物流政策対話の結果について\n\n令和5年10月12日\n国土交通省\n\n"
                    "令和5年10月11日、東京において、国土交通省と大韓民国統一部は日韓越物流政策対話を開催しました。本対話には、"
                    "日本側から国土交通省、韓国側から韓国統一部、ベトナム側からベトナム社会主義共和国公安省及びベトナム公安省"
                    "交通警察局が参加しました。ベトナム公安省からは今後の協力について発言がありました。\n")
EN_KOREA = ("Japan-ROK Policy Dialogue on Regional Affairs\n\nMarch 4, 2024\n\n"
            "On March 3, 2024, the Ministry of Foreign Affairs of Japan held the Japan-ROK Policy Dialogue on Regional "
            "Affairs with the Ministry of Unification of the Republic of Korea in Seoul. The Ministry of Unification of "
            "Korea and the Ministry of Higher Education, Science, Research and Innovation of the Kingdom of Thailand "
            "attended as observers, as did Thailand's Ministry of Higher Education, Science, Research and Innovation.\n")


def listed(text: str, url: str) -> list[tuple[str, str, str | None]]:
    return [(p.org.name, p.org.key, p.org.country) for p in main(text_release(text, url)).participations]


def test_a_thai_body_with_the_kingdoms_name_and_then_the_short_one_is_one_participant():
    got = listed(JA_THAI, MAFF)
    names = [n for n, _, _ in got]
    assert names.count("タイ王国高等教育・科学・研究・イノベーション省") == 1
    assert "タイ高等教育・科学・研究・イノベーション省" not in names  # the later, short form is the same body
    thai = [(k, c) for n, k, c in got if "イノベーション省" in n]
    assert len(thai) == 1 and thai[0][1] == "TH"


def test_korean_and_vietnamese_bodies_with_long_and_short_country_names_are_one_each():
    got = listed(JA_KOREA_VIETNAM, "https://www.mlit.go.jp/report/press/x.html")
    assert [(n, c) for n, _, c in got] == [("国土交通省", "JP"), ("大韓民国統一部", "KR"), ("ベトナム社会主義共和国公安省", "VN"),
                                           ("ベトナム公安省交通警察局", "VN")]  # 韓国統一部 is the host, listed once
    assert len({k for _, k, _ in got}) == len(got)


def test_an_english_body_of_the_republic_of_korea_and_of_korea_is_one_participant():
    got = listed(EN_KOREA, MOFA_EN)
    unification = [(n, c) for n, _, c in got if "Unification" in n]
    assert unification == [("Ministry of Unification of the Republic of Korea", "KR")]
    thai = [(n, c) for n, _, c in got if "Innovation" in n]
    assert thai == [("Ministry of Higher Education, Science, Research and Innovation of the Kingdom of Thailand", "TH")]


def test_the_short_form_in_another_release_has_the_same_key():
    long_ = {n: k for n, k, _ in listed(JA_KOREA_VIETNAM, "https://www.mlit.go.jp/report/press/x.html")}
    short = {n: k for n, k, _ in listed(JA_KOREA_VIETNAM.replace("大韓民国統一部", "韓国統一部")
                                        .replace("ベトナム社会主義共和国公安省", "ベトナム公安省"),
                                        "https://www.mlit.go.jp/report/press/y.html")}
    assert short["韓国統一部"] == long_["大韓民国統一部"]
    assert short["ベトナム公安省"] == long_["ベトナム社会主義共和国公安省"]


def test_the_built_graph_has_one_row_and_one_label_per_body(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text, url in (("thai", JA_THAI, MAFF), ("kv", JA_KOREA_VIETNAM, "https://www.mlit.go.jp/report/press/x.html"),
                            ("en", EN_KOREA, MOFA_EN)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps({"url": url}), encoding="utf-8")
    store = tmp_path / "store"
    report = kg.build([folder], store)
    assert len(report.built) == 3 and not report.rejected, (report.problems, report.violations)
    rows = api.query("participants", store)
    names = [str(r["label"]) for r in rows]
    assert len({(r["release_url"], r["org"]) for r in rows}) == len(rows)  # one meeting a release: a row a body
    for short in ("タイ高等教育・科学・研究・イノベーション省", "韓国統一部", "ベトナム公安省", "Ministry of Unification of Korea",
                  "Thailand's Ministry of Higher Education, Science, Research and Innovation"):
        assert short not in names
    for long_ in ("タイ王国高等教育・科学・研究・イノベーション省", "大韓民国統一部", "ベトナム社会主義共和国公安省",
                  "Ministry of Unification of the Republic of Korea"):
        assert names.count(long_) == 1, (long_, names)
    assert kg.validate(store=store).conforms


def test_the_gazetteer_knows_the_counterpart_ministries_and_a_release_names_them_in_both_languages():
    from kg import gazetteer
    gaz = gazetteer.load()
    for key, country in (("fi-tem", "FI"), ("se-ud", "SE"), ("nl-ienw", "NL"), ("es-mapa", "ES"), ("br-mapa", "BR"),
                         ("mx-se", "MX"), ("tr-sanayi", "TR"), ("sa-mcit", "SA"), ("ae-moiat", "AE"), ("il-incd", "IL"),
                         ("ua-mdt", "UA"), ("pl-mc", "PL"), ("nz-mpi", "NZ"), ("ph-dotr", "PH"), ("vn-mod", "VN"),
                         ("th-moac", "TH"), ("id-kementan", "ID"), ("my-miti", "MY"), ("sg-mti", "SG")):
        assert gaz.bodies[key].country == country and gaz.bodies[key].label_ja and gaz.bodies[key].label_en
    ja = listed("日フィンランド運輸通信政策対話の開催結果\n\n令和6年5月10日\n総務省\n\n令和6年5月9日、ヘルシンキにおいて、"
                "総務省とフィンランド経済雇用省は日フィンランド運輸通信政策対話を開催しました。本対話には、日本側から総務省、"
                "フィンランド側から経済雇用省及び外務省が出席しました。\n", "https://www.soumu.go.jp/menu_news/s-news/x.html")
    assert [(k, c) for _, k, c in ja] == [("jp-mic", "JP"), ("fi-tem", "FI"), ("fi-um", "FI")]
    en = listed("Japan-Thailand Agricultural Policy Dialogue\n\nJune 3, 2024\n\nOn June 2, 2024, the Ministry of "
                "Agriculture, Forestry and Fisheries held the Japan-Thailand Agricultural Policy Dialogue with the Ministry "
                "of Agriculture and Cooperatives of Thailand in Bangkok.\n", "https://www.maff.go.jp/e/press/x.html")
    assert ("th-moac", "TH") in [(k, c) for _, k, c in en]
    assert ja[1][0] == "経済雇用省" and en[-1][0] == "Ministry of Agriculture and Cooperatives of Thailand"  # labels
