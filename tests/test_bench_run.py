"""A smoke run of the benchmark (bench/run.py): every step on a small corpus, no timing asserted.

The default size is 100 releases, so it stays well under a minute; KG_BENCH_SMOKE=1000 runs the
1k-release smoke the issue names (two to three minutes on 2 shared cores: see bench/README.md).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def test_the_benchmark_runs_end_to_end_and_writes_its_tables(tmp_path):
    import run

    n = int(os.environ.get("KG_BENCH_SMOKE", "100"))
    out = tmp_path / "out"
    results = run.main(["--sizes", str(n), "--baseline", "12", "--query-runs", "1", "--work", str(tmp_path / "work"),
                        "--out", str(out), "--export-timeout", "10", "--query-timeout", "10"])
    size = results["sizes"][0]
    build = size["build"]
    assert build["built"] + build["rejected"] + build["problems"] == n
    assert build["built"] >= 0.9 * n, build
    assert build["store_triples"] > 100 * build["built"]
    assert size["unchanged_rebuild_s"] > 0 and size["rebuild_one"]["built"] == 1
    assert set(size["queries"]) >= {"meetings", "participants", "topics"}
    assert size["exports"]["nq"]["bytes"] > 0
    assert results["baseline"]["releases"] == 12 and not results["baseline"]["timed_out"]
    table = (out / "results.md").read_text(encoding="utf-8")
    assert "| query |" in table and "baseline" in table
    assert json.loads((out / "results.json").read_text(encoding="utf-8"))["sizes"][0]["releases"] == n


def test_the_corpus_is_deterministic_and_extracts(tmp_path):
    import corpus

    corpus.write(tmp_path / "a", 30, seed=5)
    corpus.write(tmp_path / "b", 30, seed=5)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len([f for f in files if not f.endswith(".meta.json")]) == 30
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    corpus.write(tmp_path / "c", 30, seed=6)
    assert any((tmp_path / "c" / f).read_bytes() != (tmp_path / "a" / f).read_bytes()
               for f in files if (tmp_path / "c" / f).exists()) or set(files) != {p.name for p in (tmp_path / "c").iterdir()}

    from kg import gazetteer
    from kg.extract import extract_release
    from kg.ingest import read_source

    gaz = gazetteer.load()
    releases = [extract_release(read_source(p), gaz) for p in sorted((tmp_path / "a").iterdir())
                if not p.name.endswith(".meta.json")]
    reported = [m for r in releases for m in r.meetings if m.reported]
    assert len(reported) >= 25
    assert sum(bool(m.participations) for m in reported) >= 25
    assert sum(bool(m.topics) for m in reported) >= 25
    assert sum(m.start is not None and m.start.iso is not None for m in reported) >= 25
    assert any(r.lang == "en" for r in releases)
