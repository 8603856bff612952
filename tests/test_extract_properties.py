"""Properties of extraction on arbitrary text: a Release or the project's own error, spans inside the text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from kg import gazetteer
from kg.errors import KgError
from kg.extract import extract_release
from kg.model import Source

GAZ = gazetteer.load()
PIECES = st.sampled_from([
    "総務省トップ > 報道資料 > 日米対話の結果", "報道資料", "平成26年9月19日", "令和元年", "総務省", "日米対話(第6回局長級会合)の結果",
    " 9月16日及び17日の2日間、総務省と国務省は、ワシントンD.C.にて、「日米対話」を開催しました。", "日本側:鈴木総務省局長、外務省ほか",
    "1 主な成果", "(1)サイバー", " 日米両国は、協力で一致しました。", "(参考)出席者", "2 今後の予定", "次回会合は2015年中に東京で開催する予定です。",
    "【別添】", "共同声明(和文)PDF", "【関係報道資料】", "日米対話(第5回)の結果(平成26年3月13日)", "https://www.soumu.go.jp/a.html",
    "連絡先", "担当 :横森補佐", "電話 :03-5253-5928", "ページトップへ戻る", "December 17, 2019 Results of 25th Japan-EU Dialogue",
    "was held on May 17th and 18th by the Ministry of Internal Affairs and Communications (MIC) in Tokyo.", "ア データ", "公表日",
    "ラオス(主催国)", "Web会議にて", "「", "(", "第", "回", "級", "、", "。"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES | st.text(max_size=25), max_size=14), st.sampled_from(["\n", "", " "]))
def test_any_text_extracts_or_raises_the_projects_error(pieces, sep):
    text = sep.join(pieces)
    try:
        rel = extract_release(Source("x.txt", text, "", "utf-8", url="https://www.soumu.go.jp/x.html"), GAZ)
    except KgError:
        return
    spans = [s.span for s in rel.sections]
    for m in rel.meetings:
        spans += [m.span] + [d.span for d in (m.start, m.end) if d] + [p.span for p in m.people]
        spans += [s for p in m.participations for s in p.spans] + [t.span for t in m.topics] + [o.span for o in m.outcomes]
        for d in (m.start, m.end):
            assert d is None or d.iso or d.year
    spans += [r.span for r in rel.related] + [d.span for d in rel.documents] + [c.span for c in rel.contacts]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
