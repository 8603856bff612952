"""Hosts and body lists the landed extractor missed on fresh releases (issue 13): co-hosts joined by
with / と in every tense, English units named with their parent, and English lists of bodies each
followed by its country. The texts are made up in the ministries' forms; the country names are real
where the country decides the side, made up where it does not."""
from __future__ import annotations

import pytest

from extracting import main, text_release

MIC_EN = "https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/x.html"
ENV_JA = "https://www.env.go.jp/press/x.html"
MAFF_JA = "https://www.maff.go.jp/j/press/x.html"


def roles(text: str, url: str) -> tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]:
    """(hosts, everyone) of the reported meeting, each as (mention, country)."""
    m = main(text_release(text, url))
    every = [(p.org.mention, p.org.country) for p in m.participations]
    return [(p.org.mention, p.org.country) for p in m.participations if p.role == "host"], every


FINLAND = "the Ministry of Transport and Communications of Finland"


@pytest.mark.parametrize("verb", ["held", "will hold", "is holding", "is to hold"])
def test_english_cohost_with_in_every_tense(verb):
    text = (f"MIC and the 4th Japan-Finland ICT Policy Dialogue\n\nJune 10, 2025\n\n"
            f"MIC {verb} the 4th Japan-Finland ICT Policy Dialogue with {FINLAND} on June 18, 2025 in Helsinki.\n")
    hosts, _ = roles(text, MIC_EN)
    assert hosts == [("MIC", "JP"), ("Ministry of Transport and Communications of Finland", "FI")]


def test_english_passive_is_still_no_subject_host():
    text = ("Japan-Finland ICT Policy Dialogue\n\nJune 20, 2025\n\n"
            f"The 4th Japan-Finland ICT Policy Dialogue was held with {FINLAND} on June 18, 2025 in Helsinki.\n")
    hosts, every = roles(text, MIC_EN)
    assert hosts == [] and ("Ministry of Transport and Communications of Finland", "FI") in every


@pytest.mark.parametrize("ending", ["開催しました", "開催します", "開催いたします"])
def test_japanese_body_joined_by_to_to_the_object_is_a_cohost(ending):
    text = ("第3回日・インドネシア環境政策対話について\n\n令和7年6月10日\n\n"
            f"環境省は、令和7年6月18日、ジャカルタにおいて、インドネシア環境林業省と第3回日・インドネシア環境政策対話を{ending}。\n")
    hosts, _ = roles(text, ENV_JA)
    assert hosts == [("環境省", "JP"), ("インドネシア環境林業省", "ID")]


def test_japanese_kyousai_de_is_a_cohost():
    text = ("第2回日・ブラジル農業対話の開催について\n\n令和7年6月10日\n\n"
            "農林水産省は、ブラジル農牧食料供給省と共催で、令和7年6月18日、東京において第2回日・ブラジル農業対話を開催します。\n")
    hosts, _ = roles(text, MAFF_JA)
    assert hosts == [("農林水産省", "JP"), ("ブラジル農牧食料供給省", "BR")]


def test_japanese_counterpart_between_stays_a_participant():
    text = ("第3回日・インドネシア環境政策対話について\n\n令和7年6月10日\n\n"
            "環境省は、令和7年6月18日、ジャカルタにおいて、インドネシア環境林業省との間で第3回日・インドネシア環境政策対話を開催します。\n")
    hosts, every = roles(text, ENV_JA)
    assert hosts == [("環境省", "JP")] and ("インドネシア環境林業省", "ID") in every


def test_japanese_list_joined_by_to_inside_the_object_is_no_host():
    text = ("日・インドネシア環境ワークショップについて\n\n令和7年6月10日\n\n"
            "環境省は、令和7年6月18日、ジャカルタにおいて、インドネシア環境林業省と国連環境計画の共同ワークショップを開催しました。\n")
    hosts, _ = roles(text, ENV_JA)
    assert hosts == [("環境省", "JP")]


METI_EN = "https://www.meti.go.jp/english/press/x.html"


def host_keys(text: str, url: str) -> tuple[list[str], list[str]]:
    """(host keys, every key) of the reported meeting."""
    m = main(text_release(text, url))
    return [p.org.key for p in m.participations if p.role == "host"], [p.org.key for p in m.participations]


@pytest.mark.parametrize("unit", [
    "The Agency for Natural Resources and Energy (ANRE) of the Ministry of Economy, Trade and Industry",
    "The Agency for Natural Resources and Energy of the Ministry of Economy, Trade and Industry (METI)",
])
def test_english_unit_of_a_known_parent_is_the_host_not_its_parent(unit):
    text = (f"Japan-Kenya Energy Policy Dialogue\n\nJune 20, 2025\n\n{unit} held the 2nd Japan-Kenya Energy Policy "
            "Dialogue with the Ministry of Energy and Petroleum of Kenya in Tokyo on June 18, 2025.\n")
    hosts, every = host_keys(text, METI_EN)
    assert hosts[0] == "jp-anre" and "jp-meti" not in every
    m = main(text_release(text, METI_EN))
    assert m.participations[0].org.mention == unit.removeprefix("The ")  # the name as written, parent and all


def test_english_agency_of_maff_is_its_own_host():
    text = ("Japan-Ruritania Fisheries Dialogue\n\nJune 20, 2025\n\nThe Fisheries Agency of the Ministry of Agriculture, "
            "Forestry and Fisheries held the 3rd Japan-Ruritania Fisheries Dialogue in Tokyo on June 18, 2025.\n")
    assert host_keys(text, "https://www.maff.go.jp/e/press/x.html") == (["jp-jfa"], ["jp-jfa"])


def test_english_parent_named_on_its_own_is_still_a_host():
    text = ("Japan-Kenya Energy Policy Dialogue\n\nJune 20, 2025\n\nThe Ministry of Economy, Trade and Industry and the "
            "Agency for Natural Resources and Energy held the 2nd Japan-Kenya Energy Policy Dialogue in Tokyo on June 18, 2025.\n")
    assert host_keys(text, METI_EN)[0] == ["jp-meti", "jp-anre"]


HELD_KE = "Japan-Kenya Policy Dialogue\n\nJune 3, 2025\n\nThe 1st Japan-Kenya Policy Dialogue was held in Tokyo on June 2, 2025. "


def test_english_two_ministries_each_followed_by_its_country():
    text = ("Japan-Brazil Agricultural Policy Dialogue\n\nJune 3, 2025\n\nThe 2nd Japan-Brazil Agricultural Policy Dialogue "
            "was held in Tokyo on June 2, 2025. The dialogue was attended by the Ministry of Agriculture, Forestry and "
            "Fisheries of Japan and the Ministry of Agriculture and Livestock of Brazil.\n")
    m = main(text_release(text, "https://www.maff.go.jp/e/press/x.html"))
    assert [(p.org.mention, p.org.key, p.org.country) for p in m.participations] == [
        ("Ministry of Agriculture, Forestry and Fisheries of Japan", "jp-maff", "JP"),
        ("Ministry of Agriculture and Livestock of Brazil", "br-mapa", "BR")]


def test_english_known_ministry_of_japan_and_an_unknown_one_of_a_made_up_country():
    text = HELD_KE + ("The dialogue was attended by the Ministry of Agriculture, Forestry and Fisheries of Japan and the "
                      "Ministry of Agriculture of Ruritania.\n")
    _, every = roles(text, "https://www.maff.go.jp/e/press/x.html")
    assert every == [("Ministry of Agriculture, Forestry and Fisheries of Japan", "JP"), ("Ministry of Agriculture of Ruritania", None)]


@pytest.mark.parametrize("sep", [", ", "; "])
def test_english_list_of_three_each_with_its_country(sep):
    text = ("Japan-China-Korea Environment Dialogue\n\nJune 3, 2025\n\nThe 5th Japan-China-Korea Environment Dialogue was "
            f"held in Seoul on June 2, 2025. The dialogue was attended by the Ministry of the Environment of Japan{sep}the "
            f"Ministry of Environment of Korea{sep}and the Ministry of Ecology and Environment of China.\n")
    _, every = roles(text, "https://www.env.go.jp/en/press/x.html")
    assert every == [("Ministry of the Environment of Japan", "JP"), ("Ministry of Environment of Korea", "KR"),
                     ("Ministry of Ecology and Environment of China", "CN")]


def test_english_unknown_bodies_split_after_their_country():
    text = HELD_KE + ("The dialogue was attended by the Ministry of Economy, Trade and Industry of Japan, the Ministry of "
                      "Energy and Petroleum of Kenya and the Energy and Petroleum Regulatory Authority of Kenya.\n")
    _, every = roles(text, METI_EN)
    assert every == [("Ministry of Economy, Trade and Industry of Japan", "JP"), ("Ministry of Energy and Petroleum of Kenya", "KE"),
                     ("Energy and Petroleum Regulatory Authority of Kenya", "KE")]
