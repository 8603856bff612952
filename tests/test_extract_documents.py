"""Attachments, documents named in the text, related releases and contacts; HTML links kept as URLs."""
from __future__ import annotations

from pathlib import Path

from kg import gazetteer
from kg.extract import extract_release
from kg.ingest import read_source

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
GAZ = gazetteer.load()


def extracted(name: str):
    return extract_release(read_source(FIXTURES / name), GAZ)


def test_attachments_with_language_and_format():
    rel = extracted("mic_dialogue.txt")
    assert [(d.title, d.lang, d.format) for d in rel.documents] == [
        ("共同記者発表", "ja", "application/pdf"), ("共同記者発表", "en", "application/pdf")]
    assert all(d.span.quote(rel.text).startswith("共同記者発表") for d in rel.documents)


def test_html_attachments_and_related_releases_keep_their_urls():
    rel = extracted("page_links.html")
    assert [(d.title, d.lang, d.format, d.url) for d in rel.documents] == [
        ("共同プレス発表", "ja", "application/pdf", "https://www.soumu.go.jp/main_content/000999001.pdf"),
        ("Joint Press Statement", "en", "application/pdf", "https://www.soumu.go.jp/main_content/000999002.pdf")]
    [r] = rel.related
    assert (r.title, r.issued.iso, r.ordinal, r.url) == (
        "日韓ICT政策対話(第3回)の結果", "2021-10-05", 3, "https://www.soumu.go.jp/menu_news/s-news/01tsushin08_99000000.html")
    assert r.series_key == rel.meetings[0].series_key


def test_html_release_goes_through_the_same_path():
    rel = extracted("page_links.html")
    m = rel.meetings[0]
    assert (rel.issued.iso, m.ordinal, m.start.iso, m.location.mention) == ("2022-11-02", 4, "2022-10-31", "ソウル")
    assert {p.org.key: p.role for p in m.participations} == {"jp-mic": "host", "kr-msit": "host"}
    assert "メニュー" not in rel.text and "Copyright" not in rel.text


def test_related_releases_with_series_ordinal_level_and_era_date():
    rel = extracted("mic_dialogue.txt")
    [r] = rel.related
    assert (r.title, r.issued.iso, r.ordinal, r.level) == ("日加ICT政策対話(第1回局長級会合)の結果", "2020-05-20", 1, "局長級")
    assert r.url.endswith("01tsushin08_99000001.html") and r.span.quote(rel.text).startswith("日加ICT政策対話")


def test_contact_unit_staff_phone_fax():
    rel = extracted("mic_dialogue.txt")
    [c] = rel.contacts
    assert (c.unit, c.staff, c.phone, c.fax) == ("国際戦略局 国際経済課", ["佐藤補佐", "田中係長"], "03-0000-0001", "03-0000-0002")
    assert c.span.quote(rel.text) == "国際戦略局 国際経済課"


def test_html_contact_block():
    [c] = extracted("page_links.html").contacts
    assert (c.unit, c.staff, c.phone, c.fax) == ("国際戦略局 国際政策課", ["鈴木補佐"], "03-0000-0003", None)


def test_meti_contact_block_with_fax_after_the_number():
    [c] = extracted("meti_two_dates.txt").contacts
    assert (c.unit, c.staff, c.phone, c.fax) == ("国際戦略局 国際経済課", ["山田", "佐藤"], "03-3501-1511", "03-3501-6639")


def test_inline_language_versions_of_a_named_document():
    from kg.model import Source
    rel = extract_release(Source("t.txt", "令和2年2月7日\n\n日豪対話の開催\n\n- 2月6日,日豪対話が開催されました。対話の後,"
                                 "共同プレスリリース(仮訳(PDF) / 英文(PDF))を発出しました。", "", "utf-8"), GAZ)
    assert [(d.title, d.lang, d.format) for d in rel.documents] == [
        ("共同プレスリリース", "ja", "application/pdf"), ("共同プレスリリース", "en", "application/pdf")]


def test_english_related_releases_and_contact_with_email():
    from kg.model import Source
    text = ("Results of the 25th Japan-EU ICT Policy Dialogue\nDecember 17, 2019\n"
            "MIC and the European Commission held the 25th Japan-EU ICT Policy Dialogue in Tokyo on December 13, 2019.\n"
            "Related press releases\n"
            "Results of the 24th Japan-EU ICT Policy Dialogue (December 5, 2018)\n"
            "https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/2018/12/5_1.html\n"
            "Contact\nInternational Economic Affairs Division, Global Strategy Bureau\n"
            "Tel: +81-3-5253-5928\nE-mail: ied@example.go.jp\n")
    rel = extract_release(Source("t.txt", text, "", "utf-8"), GAZ)
    [r] = rel.related
    assert (r.title, r.issued.iso, r.ordinal, r.series_key) == (
        "Results of the 24th Japan-EU ICT Policy Dialogue", "2018-12-05", 24, "jp-eu-ict")
    [c] = rel.contacts
    assert (c.unit, c.phone, c.email) == ("International Economic Affairs Division, Global Strategy Bureau",
                                          "+81-3-5253-5928", "ied@example.go.jp")


def test_each_unit_keeps_its_own_phone_and_inline_staff():
    from kg.model import Source
    text = ("令和元年10月17日\n\n日米対話(第10回)の結果\n\n 10月10日、日米対話(第10回)を開催しました。\n\n連絡先\n"
            "国際戦略局 国際経済課(担当:山田補佐)\n電話:03-0000-0001\n国際戦略局 国際政策課\n担当:佐藤係長\n電話:03-0000-0002\n"
            "FAX:03-0000-0009\n")
    c1, c2 = extract_release(Source("t.txt", text, "", "utf-8"), GAZ).contacts
    assert (c1.unit, c1.staff, c1.phone, c1.fax) == ("国際戦略局 国際経済課", ["山田補佐"], "03-0000-0001", "03-0000-0009")
    assert (c2.unit, c2.staff, c2.phone, c2.fax) == ("国際戦略局 国際政策課", ["佐藤係長"], "03-0000-0002", "03-0000-0009")
