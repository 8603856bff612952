"""Bodies and who took part: hosts, counterparts, each side's list, aliases and renamings, minted keys, people."""
from __future__ import annotations

from pathlib import Path

from kg import gazetteer
from kg.extract import extract_release, orgs
from kg.ingest import read_source
from kg.rdf.iris import digest
from kg.model import Source, Span

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
GAZ = gazetteer.load()


def meeting(name: str):
    rel = extract_release(read_source(FIXTURES / name), GAZ)
    return rel, [m for m in rel.meetings if m.reported][0]


def roles(m) -> dict[str, tuple]:
    return {p.org.name: (p.role, p.org.country, p.org.kind) for p in m.participations}


def test_joint_subject_hosts_and_each_sides_list():
    _, m = meeting("mic_dialogue.txt")
    assert roles(m) == {
        "総務省": ("host", "JP", "government"), "カナダ産業省": ("host", "CA", "government"),
        "外務省": ("participant", "JP", "government"), "経済産業省": ("participant", "JP", "government"),
        "カナダ放送通信委員会": ("participant", "CA", "government")}


def test_counterpart_is_a_participant_not_a_host():
    _, m = meeting("meti_date_end.txt")
    assert roles(m) == {"経済産業省": ("host", "JP", "government"), "連邦経済エネルギー省": ("participant", "DE", "government")}
    [p] = [p for p in m.participations if p.org.key == "de-bmwi"]
    assert p.org.mention == "ドイツ連邦経済エネルギー省"


def test_passive_voice_has_no_host_and_lists_after_the_head_of_delegation():
    _, m = meeting("mofa_passive.txt")
    r = roles(m)
    assert all(role == "participant" for role, _, _ in r.values())
    assert {p.org.mention for p in m.participations} == {"外務省", "警察庁", "防衛省", "豪州外務貿易省", "豪州内務省"}
    # the Australian ministries are known (data/bodies.tsv): their own labels, their country
    assert {p.org.key: p.org.country for p in m.participations if p.org.mention.startswith("豪州")} == {
        "au-dfat": "AU", "au-home": "AU"}


def test_a_country_marked_chair_hosts_and_listed_countries_take_part():
    _, m = meeting("chair_country.txt")
    r = roles(m)
    assert r["日本"][0] == "host" and r["米国"] == ("participant", "US", "government")
    assert "欧州連合" in r and len(r) == 8


def test_a_country_that_chairs_in_prose_hosts():
    rel = extract_release(Source("t.txt", "令和5年5月1日\n\nG7デジタル大臣会合の結果\n\n4月29日及び30日、日本が議長国として、"
                                 "群馬県高崎市において、G7デジタル大臣会合を開催しました。", "", "utf-8"), GAZ)
    m = rel.meetings[0]
    assert [(p.org.name, p.org.country, p.role) for p in m.participations] == [("日本", "JP", "host")]
    assert (m.start.iso, m.end.iso, m.location.mention, m.level) == ("2023-04-29", "2023-04-30", "群馬県高崎市", "大臣級")


def test_english_hosts_by_agent_and_a_damaged_name_resolved():
    _, m = meeting("en_one_line.txt")
    r = {p.org.key: p.role for p in m.participations}
    assert r == {"jp-mic": "host", "ca-ised": "host", "jp-mofa": "participant", "jp-meti": "participant"}


def test_people_with_posts_bodies_and_acting_for():
    _, m = meeting("mic_dialogue.txt")
    people = {(p.name, p.post, p.org.key if p.org.known else p.org.name, p.acting_for) for p in m.people}
    assert people == {("山田", "国際戦略局長", "jp-mic", None), ("スミス", "次官補", "ca-ic", "ブラウン次官")}


def test_bodies_known_only_through_a_post_are_not_participants():
    _, m = meeting("mofa_passive.txt")
    assert [(p.name, p.org.key) for p in m.people] == [("山本", "jp-mofa")]


def test_aliases_resolve_to_one_body():
    for name in ("国務省", "米国国務省", "United States Department of State", "Department of State", "the U.S. Department of State"):
        assert orgs.lookup(name, GAZ).key == "us-dos", name
    assert orgs.lookup("MIC", GAZ).key == orgs.lookup("総務省", GAZ).key == "jp-mic"
    assert orgs.lookup("内閣官房情報セキュリティセンター", GAZ).key == orgs.lookup("情報セキュリティセンター", GAZ).key


def test_a_renaming_is_two_bodies_linked_in_the_data():
    old, new = GAZ.bodies["jp-isc"], GAZ.bodies["jp-nisc"]
    assert old.replaced_by == "jp-nisc" and old.replaced_on.startswith("2015")
    assert orgs.lookup("内閣サイバーセキュリティセンター", GAZ).key == new.key == "jp-nisc" != old.key
    assert (old.label_ja, new.label_ja) == ("情報セキュリティセンター", "内閣サイバーセキュリティセンター")


def test_unknown_bodies_are_minted_one_key_per_name():
    a = orgs.minted("フランス生産技術庁", Span(0, 9), GAZ)
    b = orgs.minted("フランス生産技術庁(ABC)", Span(0, 14), GAZ)
    c = orgs.minted("フランス共和国生産技術庁", Span(0, 12), GAZ)  # the country's long name: the same body
    assert a.key == b.key == c.key == "n-" + digest("FR|生産技術庁") and a.country == "FR" and not a.known
    assert orgs.minted("生産技術庁", Span(0, 5), GAZ, "FR", qualified=True).key == a.key  # under フランス側
    assert orgs.minted("日本電信協会", Span(0, 6), GAZ).kind == "industry"


def test_body_shapes():
    for name in ("国家郵便電気通信庁", "カナダ放送通信委員会", "Department for Culture and Media", "Ministry of Digital Affairs"):
        assert orgs.is_body_name(name, GAZ), name
    for name in ("日本政府", "米国側", "日米両政府", "インターネットエコノミー", "一部"):
        assert not orgs.is_body_name(name, GAZ), name


def test_industry_participants_from_the_business_side():
    rel = extract_release(Source("t.txt", "令和元年10月17日\n\n日米対話(第10回)の結果\n\n"
                                 " 10月10日、総務省と米国国務省は、東京にて、日米対話(第10回)を開催しました。\n"
                                 "本対話には、日本政府からは総務省のほか、外務省等が、米国政府からは国務省のほか、商務省等が、"
                                 "産業界からは日本経済団体連合会、在日米国商工会議所等が参加しました。", "", "utf-8"), GAZ)
    m = rel.meetings[0]
    kinds = {p.org.key: (p.role, p.org.kind) for p in m.participations}
    assert kinds == {"jp-mic": ("host", "government"), "us-dos": ("host", "government"), "jp-mofa": ("participant", "government"),
                     "us-doc": ("participant", "government"), "jp-keidanren": ("participant", "industry"),
                     "us-accj": ("participant", "industry")}
    assert [p.org.mention for p in m.participations if p.org.key == "us-dos"] == ["米国国務省"]


def test_an_attendee_of_someone_elses_meeting_is_not_its_host():
    _, m = meeting("announce_fused.txt")
    assert [(p.org.key, p.role) for p in m.participations if p.org.known] == [("jp-mic", "participant")]
    assert [(p.name, p.post, p.org.key) for p in m.people] == [("山本", "総務副大臣", "jp-mic")]


def test_english_side_lists_give_unknown_bodies_their_country():
    _, m = meeting("en_side_lists.txt")
    r = {p.org.name: (p.role, p.org.country) for p in m.participations}
    assert r["Ministry of Internal Affairs and Communications"] == ("host", "JP")
    assert r["Global Affairs Canada"] == ("host", "CA")
    assert r["Office of Digital Policy"] == ("participant", "CA") and r["Cabinet Secretariat"] == ("participant", "JP")


def test_ministers_of_both_sides_with_their_ministries():
    _, m = meeting("mofa_talks.txt")
    people = {(p.name, p.post, p.org.key, p.org.country) for p in m.people}
    assert people == {("林芳正", "外務大臣", "jp-mofa", "JP"), ("ルトノ・マルスディ", "外務大臣", "id-kemlu", "ID")}
    assert m.participations == []


def test_companies_listed_by_industry_are_industry_participants_whatever_their_names():
    rel = extract_release(Source("t.txt", "令和元年10月17日\n\n日米対話(第10回)の結果\n\n"
                                 " 10月10日、総務省は、東京にて、日米対話(第10回)を開催しました。\n"
                                 "本対話には、関係省庁のほか、産業界からはNTT、KDDI株式会社、富士通等が参加しました。", "", "utf-8"), GAZ)
    parts = {p.org.name: (p.role, p.org.kind) for p in rel.meetings[0].participations}
    assert parts == {"総務省": ("host", "government"), "NTT": ("participant", "industry"),
                     "KDDI株式会社": ("participant", "industry"), "富士通": ("participant", "industry")}


def test_a_unit_of_a_known_body_gets_it_as_parent():
    from kg.extract.textnorm import Norm
    norm = Norm("総務省情報通信国際戦略局")
    ref = orgs.resolve(norm, 0, len(norm.text), GAZ, "ja")
    assert (ref.known, ref.parent, ref.country) == (False, "jp-mic", "JP")


def test_english_officials_and_a_body_in_apposition_to_a_post():
    _, m = meeting("en_delegations.txt")
    assert [(p.name, p.post, p.org.key if p.org else None) for p in m.people] == [
        ("Masato Otaka", "Ambassador in charge of Cyber Policy", None), ("Christopher Painter", "Coordinator for Cyber Issues", "us-dos")]
    assert {p.org.key for p in m.participations} == {"jp-mofa", "us-dhs"}
    assert (m.series_key, m.ordinal) == ("jp-us-cyber", 5)


def test_english_attendee_block_by_side():
    _, m = meeting("en_attendee_block.txt")
    assert {p.org.key: (p.role, p.org.country) for p in m.participations} == {
        "jp-mic": ("host", "JP"), "jp-mofa": ("participant", "JP"), "de-bmwi": ("participant", "DE")}
    assert [t.label for t in m.topics] == ["5G"] and m.outcomes[0].party_countries == ["JP", "DE"]


def test_the_minister_of_an_agency():
    rel = extract_release(Source("t.txt", "令和4年10月7日\n\n日英デジタル・グループ会合(第1回)の結果\n\n"
                                 " 10月6日、河野デジタル大臣が出席し、日英デジタル・グループ会合(第1回)を開催しました。", "", "utf-8"), GAZ)
    assert [(p.name, p.post, p.org.key) for p in rel.meetings[0].people] == [("河野", "デジタル大臣", "jp-da")]
