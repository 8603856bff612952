"""`kg build` as a user meets it: encodings, bad files, rebuilding, and interruption."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf import iris

FIXTURE = Path(__file__).parent / "fixtures" / "build" / "mic_jp_fr.txt"
SEED = Path(__file__).parent / "cases" / "seed"
KG = [sys.executable, "-m", "kg"]


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(KG + list(args), capture_output=True, text=True, timeout=300)


def copy_release(src: Path, folder: Path, name: str, encoding: str = "utf-8", bom: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = src.read_text(encoding="utf-8").encode(encoding)
    target = folder / f"{name}.txt"
    target.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    meta = src.with_name(src.stem + ".meta.json")
    if meta.exists():
        (folder / f"{name}.meta.json").write_text(meta.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def dump(store: Path) -> bytes:
    return kg("export", "--store", str(store), "-f", "nq").stdout.encode()


def graph_quads(store: Path, graph: str) -> list[str]:
    s = ox.Store.read_only(str(store))
    return sorted(str(q) for q in s.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


@pytest.mark.parametrize("encoding,bom", [("utf-8", True), ("shift_jis", False), ("cp932", False), ("euc_jp", False)])
def test_every_supported_encoding_gives_the_same_graph(tmp_path, encoding, bom):
    copy_release(FIXTURE, tmp_path / "a", "r")
    copy_release(FIXTURE, tmp_path / "b", "r", encoding, bom)
    for x in "ab":
        proc = kg("build", str(tmp_path / x), "--store", str(tmp_path / f"store-{x}"))
        assert proc.returncode == 0, proc.stderr
    a = [q for q in dump(tmp_path / "store-a").decode().splitlines() if "sha256" not in q]
    b = [q for q in dump(tmp_path / "store-b").decode().splitlines() if "sha256" not in q]
    assert a == b


def test_bad_files_are_named_and_the_build_goes_on(tmp_path):
    src = tmp_path / "in"
    copy_release(FIXTURE, src, "good")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (src / "undecodable.txt").write_bytes("会合の結果".encode("utf-8")[:-1] + b"\xff\xfe\x80" * 20)
    (src / "notes.txt").write_text("買い物リスト\n牛乳\n卵\n", encoding="utf-8")
    proc = kg("build", str(src), "--store", str(tmp_path / "store"))
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    for name in ("empty.txt", "binary.txt", "undecodable.txt", "notes.txt"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert "Traceback" not in proc.stderr
    assert "releases: 1 built" in proc.stderr


def test_building_twice_leaves_an_identical_store(tmp_path):
    copy_release(FIXTURE, tmp_path / "in", "fr")
    copy_release(SEED / "soumu_01tsushin08_02000040.txt", tmp_path / "in", "seed")
    assert kg("build", str(tmp_path / "in"), "--store", str(tmp_path / "store")).returncode == 0
    first = dump(tmp_path / "store")
    assert kg("build", str(tmp_path / "in"), "--store", str(tmp_path / "store")).returncode == 0
    assert dump(tmp_path / "store") == first


def test_changing_one_file_replaces_only_its_graph(tmp_path):
    fr = copy_release(FIXTURE, tmp_path / "in", "fr")
    copy_release(SEED / "soumu_01tsushin08_02000040.txt", tmp_path / "in", "seed")
    store = tmp_path / "store"
    assert kg("build", str(tmp_path / "in"), "--store", str(store)).returncode == 0
    seed_graph = str(iris.graph_iri("soumu-01tsushin08_02000040"))
    fr_graph = str(iris.graph_iri("soumu-01tsushin09_99000001"))
    seed_before, fr_before = graph_quads(store, seed_graph), graph_quads(store, fr_graph)
    assert seed_before and fr_before
    fr.write_text(fr.read_text(encoding="utf-8").replace("パリにて", "リヨンにて"), encoding="utf-8")
    assert kg("build", str(fr), "--store", str(store)).returncode == 0
    assert graph_quads(store, seed_graph) == seed_before
    fr_after = graph_quads(store, fr_graph)
    assert fr_after != fr_before and any("リヨン" in q for q in fr_after)
    assert not any("パリ" in q for q in fr_after)


# A build that kills itself (SIGKILL, with its workers) when it has had `n` files back: the progress
# callback is the hook, so the kill lands at a known point of the build rather than after a sleep.
KILLER = """
import os, signal, sys
from pathlib import Path
import kg
done = 0
def progress(_path):
    global done
    done += 1
    if done == int(sys.argv[3]):
        os.killpg(os.getpid(), signal.SIGKILL)
kg.build([Path(sys.argv[1])], Path(sys.argv[2]), progress=progress)
"""


@pytest.mark.parametrize("n", [1, 20, 40])
def test_an_interrupted_build_leaves_the_store_as_it_was(tmp_path, n):
    copy_release(FIXTURE, tmp_path / "first", "fr")
    store = tmp_path / "store"
    assert kg("build", str(tmp_path / "first"), "--store", str(store)).returncode == 0
    before = dump(store)
    many = tmp_path / "many"
    for i in range(40):
        copy_release(SEED / "soumu_01tsushin08_02000040.txt", many / str(i), "seed")
        (many / str(i) / "seed.meta.json").write_text(
            f'{{"url": "https://www.soumu.go.jp/menu_news/s-news/01tsushin08_0{i:07d}.html"}}', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", KILLER, str(many), str(store), str(n)], capture_output=True,
                          start_new_session=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert dump(store) == before, "the store holds a partial build"
    assert kg("build", str(tmp_path / "first"), str(many), "--store", str(store)).returncode == 0
    assert dump(store).count(b"01tsushin08_0") >= 40
    shutil.rmtree(many)
