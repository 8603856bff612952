"""`kg build` never loses good releases to a bad file: each fault costs only the file that has it.

Real files on disk, the `kg` command as a user runs it, real worker processes. Each case puts one
bad file among good ones and checks that the bad one is named on one line of stderr (no
traceback), the build exits 1, and every good release is in the store.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf import iris

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = sorted((FIXTURES / "general").glob("*.txt"))[:4]
KG = [str(Path(sys.executable).parent / "kg")]


def kg(*args: str, prefix: tuple[str, ...] = (), timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(list(prefix) + KG + list(args), capture_output=True, text=True, timeout=timeout)


def good_releases(folder: Path) -> list[str]:
    """Copy the good fixtures (with their sidecars) into `folder`; their release IDs."""
    folder.mkdir(parents=True, exist_ok=True)
    for src in GOOD:
        shutil.copy(src, folder / src.name)
        shutil.copy(src.with_suffix(".meta.json"), folder / (src.stem + ".meta.json"))
    return [release_id(folder / src.name) for src in GOOD]


def release_id(path: Path) -> str:
    from kg import api

    return api.extract(path).id


def stored(store: Path) -> set[str]:
    prefix = str(iris.graph_iri(""))
    db = ox.Store.read_only(str(store))
    return {g.value[len(prefix):] for g in db.named_graphs() if g.value.startswith(prefix)}


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def assert_one_line_each(proc: subprocess.CompletedProcess, names: list[str]) -> None:
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    found = errors(proc.stderr)
    for name in names:
        assert sum(name in line for line in found) == 1, (name, proc.stderr)


def without_read_permission() -> tuple[str, ...]:
    """A command prefix under which files with no read permission cannot be read (root reads them all)."""
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a file without read permission is readable")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


def test_an_unreadable_file_or_sidecar_costs_only_that_file(tmp_path):
    src = tmp_path / "in"
    good = good_releases(src)
    shutil.copy(FIXTURES / "build" / "mic_jp_fr.txt", src / "locked.txt")
    (src / "locked.txt").chmod(0)
    shutil.copy(GOOD[0], src / "locked_meta.txt")
    (src / "locked_meta.meta.json").write_text('{"url": "https://www.soumu.go.jp/x/locked_1.html"}')
    (src / "locked_meta.meta.json").chmod(0)
    shutil.copy(GOOD[1], src / "folder_meta.txt")
    (src / "folder_meta.meta.json").mkdir()
    proc = kg("build", str(src), "--store", str(tmp_path / "store"), prefix=without_read_permission())
    assert proc.returncode == 1, proc.stderr
    assert_one_line_each(proc, ["locked.txt", "locked_meta.txt", "folder_meta.txt"])
    assert "cannot read" in proc.stderr
    assert stored(tmp_path / "store") == set(good)


@pytest.mark.parametrize("url, stored_as", [
    ('https://example.org/h?x="><svg onload=alert(3)>', "https://example.org/h?x=%22%3E%3Csvg%20onload=alert(3)%3E"),
    ("https://example.org/x y", "https://example.org/x%20y"),
    ("relative/path.html", None),
    (42, None),
    (["https://example.org/a"], None),
    ("javascript:alert(1)", None),
])
def test_a_sidecar_url_that_is_no_iri_costs_only_that_file(tmp_path, url, stored_as):
    """A URL a browser would send percent-encoded is stored so; what is no absolute URL is refused."""
    src = tmp_path / "in"
    good = good_releases(src)
    shutil.copy(FIXTURES / "build" / "mic_jp_fr.txt", src / "odd.txt")
    (src / "odd.meta.json").write_text(json.dumps({"url": url}), encoding="utf-8")
    proc = kg("build", str(src), "--store", str(tmp_path / "store"))
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    if stored_as is None:
        assert proc.returncode == 1
        assert_one_line_each(proc, ["odd.meta.json"])
        assert stored(tmp_path / "store") == set(good)
        return
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(kg("query", "releases", "--store", str(tmp_path / "store"), "-f", "json").stdout)
    assert stored_as in {r["release_url"] for r in rows}
    assert set(good) < stored(tmp_path / "store")


def test_text_that_is_no_release_is_reported_and_not_stored(tmp_path):
    src = tmp_path / "in"
    good = good_releases(src)
    (src / "weather.txt").write_text("Weather for Tokyo\nTomorrow will be cloudy with rain in the afternoon, "
                                     "and a strong wind from the south in the evening.\n", encoding="utf-8")
    (src / "lorem.txt").write_text("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
                                   "tempor incididunt ut labore et dolore magna aliqua.\n" * 5, encoding="utf-8")
    (src / "menu.html").write_text("<html><body><h1>サイトマップ</h1><ul><li>ホーム</li><li>報道資料一覧のページです。"
                                   "最新の情報をご覧ください。</li></ul></body></html>", encoding="utf-8")
    proc = kg("build", str(src), "--store", str(tmp_path / "store"))
    assert proc.returncode == 1
    assert_one_line_each(proc, ["weather.txt", "lorem.txt", "menu.html"])
    assert sum("no meeting found" in line for line in errors(proc.stderr)) == 3
    assert stored(tmp_path / "store") == set(good)


def test_a_few_damaged_bytes_are_replaced_and_said_binary_is_refused(tmp_path):
    src = tmp_path / "in"
    good = good_releases(src)
    data = (FIXTURES / "build" / "mic_jp_fr.txt").read_bytes()
    at = data.index("。".encode()) + 1  # a byte in the middle of the text, at a character's start
    (src / "flipped.txt").write_bytes(data[:at] + bytes([data[at] ^ 0x40]) + data[at + 1:])
    (src / "nul.txt").write_bytes(data[:at] + b"\x00" + data[at:])
    (src / "binary.txt").write_bytes(bytes(range(256)) * 16)
    proc = kg("build", str(src), "--store", str(tmp_path / "store"))
    assert proc.returncode == 1
    assert_one_line_each(proc, ["binary.txt"])
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert any("flipped.txt" in w and "U+FFFD" in w for w in warnings), proc.stderr
    assert any("nul.txt" in w and "U+FFFD" in w for w in warnings), proc.stderr
    assert set(good) | {"flipped", "nul"} <= stored(tmp_path / "store")


def test_a_2_mb_single_line_is_refused_as_too_large_in_seconds(tmp_path):
    src = tmp_path / "in"
    good = good_releases(src)
    line = (FIXTURES / "build" / "mic_jp_fr.txt").read_text(encoding="utf-8").replace("\n", " ")
    data = (line * (2_100_000 // len(line.encode()) + 1)).encode("utf-8")[:2_100_000]
    (src / "long.txt").write_bytes(data.decode("utf-8", "ignore").encode("utf-8"))
    assert (src / "long.txt").stat().st_size > 2_000_000
    started = time.monotonic()
    proc = kg("build", str(src), "--store", str(tmp_path / "store"), timeout=120)
    assert proc.returncode == 1
    assert_one_line_each(proc, ["long.txt"])
    assert "over the limit" in proc.stderr
    assert stored(tmp_path / "store") == set(good)
    assert time.monotonic() - started < 60


def many_copies(folder: Path, n: int) -> None:
    """`n` copies of one release under `n` URLs: a build long enough to stop a worker in."""
    seed = FIXTURES / "build" / "mic_jp_fr.txt"
    for i in range(n):
        (folder / str(i)).mkdir(parents=True)
        shutil.copy(seed, folder / str(i) / "r.txt")
        (folder / str(i) / "r.meta.json").write_text(
            json.dumps({"url": f"https://www.soumu.go.jp/menu_news/s-news/01tsushin09_{i:08d}.html"}))


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize("sig", [signal.SIGSTOP, signal.SIGKILL], ids=["stalled", "killed"])
def test_a_stalled_or_dead_worker_costs_one_file(tmp_path, sig):
    """A worker that stops answering (stopped, or stuck in a pattern) is killed after the time
    limit; one that dies is replaced: either way its file is named and the rest are stored."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to find the build's worker processes")
    src = tmp_path / "in"
    many_copies(src, 60)
    build = subprocess.Popen(KG + ["build", str(src), "--store", str(tmp_path / "store"), "-j", "2",
                                   "--time-limit", "5"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (workers := children(build.pid)) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert workers, "the build started no worker process"
    os.kill(workers[0], sig)
    _, stderr = build.communicate(timeout=300)
    assert build.returncode == 1, stderr
    problems = errors(stderr)
    assert len(problems) == 1, stderr
    assert ("longer than 5 s" if sig == signal.SIGSTOP else "stopped unexpectedly") in problems[0]
    assert len(stored(tmp_path / "store")) == 59


def test_a_fact_the_shapes_reject_is_left_out_and_the_release_kept():
    """Should the mapping ever make a fact the shapes reject, the release is kept without it."""
    from kg.extract import extract_release
    from kg.ingest import read_source
    from kg.pipeline.prune import prune
    from kg.rdf.mapping import release_ntriples
    from kg.rdf.reference import reference_graph
    from kg.rdf import nt
    from kg.validation import validate_text
    from kg.validation.closure import ReferenceIndex
    from stores import knowledge

    gaz, scheme = knowledge()
    index = ReferenceIndex(reference_graph(gaz, scheme))
    release = extract_release(read_source(FIXTURES / "build" / "mic_jp_fr.txt"), gaz)
    name, triples, _ = release_ntriples(release, gaz, scheme)
    start = "<https://schema.org/startDate>"
    bad = next(t for t in triples if t[1] == start)
    triples = [(s, p, nt.literal(nt.value(o))) if (s, p, o) == bad else (s, p, o) for s, p, o in triples]

    def check(ts):
        return validate_text(nt.lines(ts) + index.closure_text({x[1:-1] for t in ts for x in (t[0], t[2])
                                                                 if x.startswith("<")}),
                             name, focus={t[0][1:-1] for t in ts})

    violations = check(triples).violations
    assert violations and all(v.path == start[1:-1] for v in violations)
    kept, left_out = prune(triples, violations, str(iris.release_iri(release.id)))
    assert check(kept).conforms
    assert [t for t in left_out if t[1] == start] == [(bad[0], start, nt.literal(nt.value(bad[2])))]
    assert len(kept) >= len(triples) - 10  # the fact and its annotation, not the release
