"""Where extraction is unsure, a user sees it without gold: `kg build` ends with the count of files with no meeting
and of releases built with no meeting date or no participants (listed with --verbose), and the saved query
`bodies-unknown` lists the bodies that only the shape of their name found, so the user knows what to add to data/."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

KG = [sys.executable, "-m", "kg"]

FULL = ("日ルリタニアICT政策対話(第2回)の結果\n令和6年5月10日\n"
        "令和6年5月9日、総務省は、東京において、ルリタニア運輸通信省と第2回日ルリタニアICT政策対話を開催しました。"
        "日本側からは総務省、外務省が、ルリタニア側からはルリタニア運輸通信省、ルリタニア気象局が参加しました。\n")
NO_DATE = ("日ルリタニア・サイバー協議の結果\n"
           "総務省は、東京において、ルリタニア情報保安庁と日ルリタニア・サイバー協議を開催しました。\n")
NO_BODY = ("Results of the Japan-Ruritania Data Dialogue\nMay 12, 2024\n"
           "On May 11, 2024, the Japan-Ruritania Data Dialogue was held online.\n")
NO_MEETING = "ルリタニアの通信事情について\n令和6年5月1日\nルリタニアでは通信網の整備が進んでいます。各地で工事が行われています。\n"


def write(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps({"url": f"https://www.soumu.go.jp/x/{name}.html"}))


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(KG + list(args), capture_output=True, text=True, timeout=300)


def test_the_build_says_how_many_releases_lack_a_meeting_a_date_or_participants(tmp_path):
    releases = tmp_path / "releases"
    releases.mkdir()
    for name, text in (("full", FULL), ("nodate", NO_DATE), ("nobody", NO_BODY), ("nomeeting", NO_MEETING)):
        write(releases, name, text)
    proc = kg("build", str(releases), "--store", str(tmp_path / "store"), "--verbose")
    assert "extraction unsure: 1 file(s) with no meeting, of the 3 built 1 with no meeting date and 1 with no participants" \
        in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert [ln.split(": ")[1] for ln in lines if ln.startswith("no meeting date: ")] == ["soumu-nodate"]
    assert [ln.split(": ")[1] for ln in lines if ln.startswith("no participants: ")] == ["soumu-nobody"]

    rows = json.loads(kg("query", "bodies-unknown", "--store", str(tmp_path / "store"), "-f", "json").stdout)
    unknown = {r["label"]: r for r in rows}
    # the Ruritanian bodies are found by the shape of their names only; 総務省 and 外務省 are in data/bodies.tsv
    assert set(unknown) == {"ルリタニア運輸通信省", "ルリタニア気象局", "ルリタニア情報保安庁"}
    assert unknown["ルリタニア運輸通信省"]["releases"] == 1 and unknown["ルリタニア運輸通信省"]["mentions"] == "ルリタニア運輸通信省"
    assert unknown["ルリタニア情報保安庁"]["release_url"] == "https://www.soumu.go.jp/x/nodate.html"
