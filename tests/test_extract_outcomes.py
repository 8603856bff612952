"""Topics in every numbering style and outcomes with their kinds and parties."""
from __future__ import annotations

from pathlib import Path

from kg import gazetteer
from kg.extract import extract_release
from kg.ingest import read_source
from kg.model import Source

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
GAZ = gazetteer.load()


def reported(name: str):
    rel = extract_release(read_source(FIXTURES / name), GAZ)
    return rel, [m for m in rel.meetings if m.reported]


def from_text(text: str):
    return extract_release(Source("t.txt", text, "", "utf-8"), GAZ).meetings[0]


def test_topics_around_an_attendee_block_and_their_outcome_kinds():
    rel, [m] = reported("mic_dialogue.txt")
    assert [t.label for t in m.topics] == ["デジタル貿易", "サイバーセキュリティ", "研究開発"]
    assert [t.number for t in m.topics] == ["(1)", "(2)", "(3)"]
    assert all(t.span.quote(rel.text) == t.label for t in m.topics)
    kinds = {(o.topic, o.kind) for o in m.outcomes}
    assert {(1, "stressed"), (1, "agreed"), (2, "shared-recognition"), (3, "welcomed"), (3, "confirmed")} <= kinds
    assert all(o.party_countries == ["JP", "CA"] for o in m.outcomes if o.topic)
    assert all(o.span.quote(rel.text) == o.text for o in m.outcomes)


def test_katakana_numbering_and_topics_per_meeting():
    _, (dialogue, workshop) = reported("two_meetings.txt")
    assert [t.label for t in dialogue.topics] == ["5G・Beyond 5G", "データ流通"]
    assert [t.label for t in workshop.topics] == ["研究開発"]
    assert [(o.topic, o.kind) for o in workshop.outcomes] == [(1, "welcomed")]
    assert dialogue.outcomes[0].party_countries == ["JP", "EU"]


def test_a_heading_cut_off_at_the_end_is_not_a_topic():  # the file ends mid-line, without a line break
    _, [m] = reported("damaged.txt")
    assert [t.label for t in m.topics] == ["5G", "スマートシティ"]
    assert [(o.topic, o.kind) for o in m.outcomes if o.topic] == [(1, "agreed"), (2, "confirmed")]


def test_english_numbering_at_every_level():
    _, [m] = reported("en_one_line.txt")
    assert [t.label for t in m.topics] == ["Digital trade", "Cybersecurity"]
    assert [(o.topic, o.kind, o.party_countries) for o in m.outcomes] == [
        (1, "agreed", ["JP", "CA"]), (2, "confirmed", ["JP", "CA"])]


def test_one_side_speaking_is_its_own_party():
    m = from_text("令和4年10月7日\n\n日英対話(第1回)の結果\n\n10月6日、総務省は日英対話(第1回)を開催しました。\n\n1. 主な成果\n"
                  "1. データ\n日本側から、取組について説明しました。英国側は、協力を提案しました。両国は協力で一致した。\n")
    assert [(o.kind, o.party_countries) for o in m.outcomes] == [
        ("explained", ["JP"]), ("proposed", ["GB"]), ("agreed", ["JP", "GB"])]


def test_a_verb_inside_a_relative_clause_is_not_an_outcome():
    m = from_text("平成26年9月19日\n\n日米対話(第6回)の結果\n\n9月16日、総務省と国務省は、東京にて、日米対話(第6回)を開催しました。\n\n"
                  "1 主な成果\n(1)研究開発\n 日米両国は、第3回対話で確認した共同研究の進展を歓迎しました。\n")
    assert [(o.kind, o.verb) for o in m.outcomes] == [("welcomed", "歓迎")]


def test_longer_patterns_win_and_inline_bullets_are_topics():
    m = from_text("平成28年4月30日\n\nG7情報通信大臣会合の開催結果\n\n4月29日及び30日の2日間、G7情報通信大臣会合を開催しました。\n\n"
                  "1 本会合における議論のポイント\n\n  • (1) 新たなICT\n    • 両国は、重要性について認識で一致。\n"
                  "  • (2) サイバー\n    • 行動計画を採択。\n\n2 今後の予定\n")
    assert [t.label for t in m.topics] == ["新たなICT", "サイバー"]
    assert [(o.topic, o.kind) for o in m.outcomes] == [(1, "shared-recognition"), (2, "adopted")]


def test_field_headings_and_sentences_are_not_topics():
    m = from_text("平成21年10月16日\n\n日・ASEAN情報通信大臣会合の結果\n\n本日、情報通信大臣会合がビエンチャンにおいて開催されました。\n\n"
                  "1 会合の概要\n(1) 日時:平成21年10月16日(金)\n(2) 場所:ラオプラザホテル\n\n2 大臣会合の結果概要\n"
                  "(1) 原口総務大臣とラオス(主催国)の長官が共同議長を務めました。\n(2) 原口総務大臣から以下の提案を行いました。\n")
    assert m.topics == []
    assert m.location.mention == "ラオプラザホテル"
    assert [p.org.name for p in m.participations if p.role == "host"] == ["ラオス"]
    assert [(p.name, p.post, p.org.key) for p in m.people] == [("原口", "総務大臣", "jp-mic")]


def test_without_an_outcomes_heading_numbered_headings_of_one_style_are_topics():
    _, [m] = reported("mod_talks.txt")
    assert [t.label for t in m.topics] == ["地域情勢"]  # 1 冒頭 (opening remarks) heads a block, not a matter discussed
    assert sorted((o.topic or 0, o.kind) for o in m.outcomes) == [(0, "expressed"), (1, "agreed"), (1, "exchanged-views")]
    assert m.outcomes[-1].party_countries == ["JP", "US"]


def test_an_outline_of_fields_is_not_an_agenda():
    m = from_text("平成22年7月30日\n\n日米対話 準備会合の開催\n\n本日、準備会合を開催しました。\n\n1 背景・経緯\n本文。\n"
                  "2 準備会合概要\n日時:平成22年7月30日\n3 今後の予定\n本文。\n")
    assert m.topics == []


def test_bullet_outcomes_under_an_outcomes_heading():
    _, [m] = reported("mic_2006_quoted.txt")
    assert [(o.topic, o.kind) for o in m.outcomes if o.text.startswith(("次世代", "「札幌"))] == [
        (None, "agreed"), (None, "adopted")]
    assert m.topics == []


def test_a_broken_outcome_pattern_is_named(tmp_path):
    import pytest
    from kg.errors import ConfigError
    (tmp_path / "outcome_verbs.tsv").write_text("kind\tlabel_ja\tlabel_en\tpatterns\nagreed\t一致\tagreed\t(?:一致\n",
                                                encoding="utf-8")
    with pytest.raises(ConfigError, match="outcome kind agreed"):
        gazetteer.load(tmp_path)
