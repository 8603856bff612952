"""The seed release, built with the CLI as a user would, holds every fact of DOMAIN.md §1."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).parent / "cases" / "seed"
URL = "https://www.soumu.go.jp/menu_news/s-news/01tsushin08_02000040.html"
KG = [sys.executable, "-m", "kg"]


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(KG + list(args), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "store"
    proc = kg("build", str(SEED), "--store", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "releases: 1 built" in proc.stderr and "violations: 0" in proc.stderr
    return path


def query(store: Path, name: str, *params: str) -> list[dict]:
    args = ["query", name, "--store", str(store), "-f", "json"]
    for p in params:
        args += ["-p", p]
    proc = kg(*args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_release(store):
    [r] = query(store, "releases")
    assert (r["release_url"], r["issued"], r["publisher"], r["lang"]) == (URL, "2014-09-19", "総務省", "ja")
    assert r["title"] == "インターネットエコノミーに関する日米政策協力対話(第6回局長級会合)の結果"


def test_the_sixth_meeting(store):
    meetings = query(store, "meetings")
    [m] = [m for m in meetings if m["ordinal"] == 6]
    assert m["series"] == "インターネットエコノミーに関する日米政策協力対話"
    assert (m["level"], m["start"], m["end"], m["location"]) == ("局長級", "2014-09-16", "2014-09-17", "ワシントンD.C.")


def participants(store) -> list[dict]:
    meeting = [m for m in query(store, "meetings") if m["ordinal"] == 6][0]["meeting"]
    return [p for p in query(store, "participants") if p["meeting"] == meeting]


def test_hosts_and_every_body_of_both_sides(store):
    rows = participants(store)
    hosts = {p["label"] for p in rows if p["role"] == "host"}
    assert hosts == {"総務省", "国務省"}
    by_country = {(p["country"], p["label"]) for p in rows}
    for body in ("総務省", "外務省", "経済産業省"):
        assert ("JP", body) in by_country, body
    for body in ("国務省", "連邦通信委員会", "連邦取引委員会", "商務省", "全米科学財団", "国土安全保障省"):
        assert ("US", body) in by_country, body
    labels = {p["label"] for p in rows}
    assert any("IT総合戦略室" in label for label in labels)
    assert sum("情報セキュリティセンター" in label for label in labels) == 1, "情報セキュリティセンター is one body"
    assert all(p["kind"] == "government" for p in rows)


def test_named_officials_with_posts(store):
    people = {(p["name"], p["post"], p["org"]) for p in query(store, "people")}
    assert ("鈴木", "情報通信国際戦略局長", "総務省") in people
    assert ("スピルズベリー", "副調整官", "国務省") in people


def test_five_topics_and_their_outcomes(store):
    labels = [t["label"] for t in query(store, "topics")]
    assert len(labels) == 5
    assert labels[0].startswith("インターネットガバナンス") and labels[2] == "サイバーセキュリティ"
    assert labels[3] == "研究開発協力" and labels[4].startswith("「Wired for the Future")
    kinds = {(a["topic"], a["kind"]) for a in query(store, "agreements")}
    assert (labels[0], "stressed") in kinds and (labels[0], "consented") in kinds
    assert (labels[1], "agreed") in kinds and (labels[1], "confirmed") in kinds
    assert (labels[2], "shared-recognition") in kinds and (labels[2], "agreed") in kinds
    assert (labels[3], "welcomed") in kinds and (labels[3], "confirmed") in kinds
    parties = {a["parties"] for a in query(store, "agreements") if a["topic"] == labels[2]}
    assert any("日本" in p and "アメリカ合衆国" in p for p in parties)


def test_series_from_related_releases_and_the_planned_next_meeting(store):
    rows = [r for r in query(store, "series") if r["label"] == "インターネットエコノミーに関する日米政策協力対話"]
    ordinals = [r["ordinal"] for r in rows]
    assert ordinals[:7] == [1, 2, 3, 4, 5, 6, 7]
    first = rows[0]
    assert first["release_url"] == "https://www.soumu.go.jp/menu_news/s-news/01tsushin06_01000005.html"
    planned = rows[6]
    assert (planned["start"], planned["location"]) == ("2015", "東京")


def test_side_event_conference_and_industry_statement(store):
    facts = json.dumps(query(store, "meetings"), ensure_ascii=False)
    assert "Wired for the Future" in facts
    export = kg("export", "--store", str(store), "-f", "nt").stdout
    assert "ITU全権委員会議" in export or "全権委員会議" in export
    assert "釜山" in export
    assert "日米インターネットエコノミー民間作業部会" in export


def test_attachments_and_contact(store):
    docs = query(store, "documents")
    attachments = [d for d in docs if d["format"] == "application/pdf"]
    assert len(attachments) == 4
    assert sorted(d["lang"] for d in attachments) == ["en", "en", "ja", "ja"]
    [c] = query(store, "contacts")
    assert (c["unit"], c["phone"], c["fax"]) == ("情報通信国際戦略局 国際経済課", "03-5253-5928", "03-5253-5930")
    assert c["staff"] == "横森補佐, 西澤係長"


def test_every_fact_about_the_meeting_is_traced_to_its_words(store):
    meeting = [m for m in query(store, "meetings") if m["ordinal"] == 6][0]["meeting"]
    facts = query(store, "provenance", f"subject={meeting}")
    text = (SEED / "soumu_01tsushin08_02000040.txt").read_text(encoding="utf-8")
    assert len(facts) >= 10
    for f in facts:
        assert text[f["start"]:f["end"]] == f["quote"]
    start = [f for f in facts if f["predicate"].endswith("startDate")]
    assert start and "9月16日" in start[0]["quote"]
