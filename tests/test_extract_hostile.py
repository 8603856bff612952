"""Extraction stays linear on hostile text: every pattern is tried from where a word or run starts, repetitions are
bounded, and no check compares every mention with every other. Each text is extracted in a child process whose CPU
time is capped (RLIMIT_CPU): a pattern that rescans a run from every start would need minutes to hours on these
texts and is killed. The cap is generous (about ten times what the slowest case takes here), so a slow machine
does not fail the test; what fails it is work that grows faster than the text."""
from __future__ import annotations

import resource
import subprocess
import sys
import textwrap

import pytest

CPU_SECONDS = 20

RELEASE = (
    "インターネットエコノミーに関する日米政策協力対話(第9回局長級会合)の結果\n"
    "令和5年10月20日\n"
    "総務省は、令和5年10月18日及び19日、米国ワシントンD.C.において、国務省とともに第9回会合を開催しました。"
    "日本側からは総務省の他、外務省、経済産業省等が、米国側からは国務省、商務省等が参加しました。\n"
    "1 主な成果\n(1) データ流通\n日米両国は、信頼性のある自由なデータ流通の重要性を確認しました。\n"
)
ENGLISH = (
    "Results of the 9th Japan-U.S. Policy Cooperation Dialogue on the Internet Economy\n"
    "October 20, 2023\n"
    "The Ministry of Internal Affairs and Communications (MIC) and the U.S. Department of State held the 9th "
    "Director-General Level Meeting in Washington, D.C. on October 18 and 19, 2023. Japanese officials attended from "
    "the Ministry of Foreign Affairs, the Cabinet Secretariat (National Security Secretariat), Fisheries Agency and "
    "Japan Coast Guard. Mr. Abe Taro, Director-General, Global Strategy Bureau, Ministry of Internal Affairs and "
    "Communications, led the Japanese side.\n"
    "1. Data flows\nBoth sides confirmed the importance of data free flow with trust.\n"
)

CASES = {
    # a whole release copied onto one line of 2 MB, in Japanese and in English
    "one_line_ja": "(RELEASE.replace('\\n', ' ') * 2000)[:2_000_000]",
    "one_line_en": "(ENGLISH.replace('\\n', ' ') * 2000)[:2_000_000]",
    # 50 KB of capitals, kanji, katakana, middle dots and spaces: in the title, the lead, a heading and a list
    "capitals": "hostile('A' * 50_000)",
    "capital_words": "hostile('Ab ' * 17_000)",
    "kanji": "hostile('漢' * 50_000)",
    "katakana": "hostile('カ' * 50_000)",
    "middle_dots": "hostile('・' * 50_000)",
    "spaces": "hostile(' ' * 50_000)",
    "digits": "hostile('1' * 50_000)",
    # deep bracket nesting, open and closed, and unclosed brackets of every kind
    "brackets": "hostile('(' * 25_000 + ')' * 25_000) + '(' * 20_000 + '【' * 20_000 + '「' * 20_000",
    # long lists: one body name again and again, and thousands of different ones
    "same_bodies": "hostile('Ministry of Foreign Affairs, ' * 1_700) + hostile('外務省、' * 12_000)",
    "many_bodies": "RELEASE + '日本側からは' + '、'.join(f'第{i}調整省' for i in range(5000)) + 'が参加しました。\\n'"
                   " + ENGLISH + 'From the Japanese side, ' + ', '.join(f'Agency {i} of Abc' for i in range(5000))"
                   " + ' participated.\\n'",
    # many sentences that each say a meeting was held, and many sections
    "many_meetings": "RELEASE * 300",
}

SCRIPT = textwrap.dedent("""
    from kg import gazetteer
    from kg.errors import KgError
    from kg.extract import extract_release
    from kg.model import Source
    RELEASE = {release!r}
    ENGLISH = {english!r}

    def hostile(run):
        # the run in the title, in the sentence that says the meeting was held, in a side's list, in a heading, in a block
        return ("日米対話" + run[:3000] + "の結果\\n令和5年1月1日\\n"
                "令和5年1月1日、総務省は、" + run + "東京において、日米対話を開催しました。日本側からは" + run + "総務省等が参加しました。\\n"
                "The Ministry of " + run + " held the 1st Japan-US Dialogue in " + run + " on May 1, 2023.\\n"
                "1. " + run[:60] + "\\n" + run + "\\n2. 出席者\\n日本側:" + run + "\\n米国側:" + run + "\\n3. 主な成果\\n" + run + "\\n")

    text = {expr}
    try:
        extract_release(Source("hostile.txt", text, "", "utf-8", url="https://www.soumu.go.jp/x.html"), gazetteer.load())
    except KgError:
        pass  # a text that is no release is refused with one clear error: also bounded
    print("done", len(text))
""")


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


@pytest.mark.parametrize("case", sorted(CASES))
def test_extraction_work_stays_bounded_on_hostile_text(case):
    code = SCRIPT.format(release=RELEASE, english=ENGLISH, expr=CASES[case])
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, preexec_fn=_limit, timeout=600)
    assert proc.returncode == 0, f"{case}: killed or failed (exit {proc.returncode}): {proc.stderr[-800:]}"
    assert proc.stdout.startswith("done")
