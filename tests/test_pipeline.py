"""`kg build` as a user meets it: encodings, bad files, rebuilding, and interruption."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
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


# A build that kills itself (SIGKILL, with its workers) when it has had `n` files back, or `delay`
# seconds after its last file came back (while the store is written: the bulk load, the
# compaction, the exchange of the folders): the progress callback is the hook, so the kill lands
# at a known point of the build rather than after a sleep from its start.
KILLER = """
import os, signal, sys, threading
from pathlib import Path
import kg
done, n, delay = 0, int(sys.argv[3]), float(sys.argv[4]) if len(sys.argv) > 4 else None
def kill():
    os.killpg(os.getpid(), signal.SIGKILL)
def progress(_path):
    global done
    done += 1
    if delay is None and done == n:
        kill()
    if delay is not None and done == n:
        threading.Timer(delay, kill).start()
kg.build([Path(sys.argv[1])], Path(sys.argv[2]), progress=progress)
"""


def many_seeds(folder: Path, n: int = 40) -> Path:
    for i in range(n):
        copy_release(SEED / "soumu_01tsushin08_02000040.txt", folder / str(i), "seed")
        (folder / str(i) / "seed.meta.json").write_text(
            f'{{"url": "https://www.soumu.go.jp/menu_news/s-news/01tsushin08_0{i:07d}.html"}}', encoding="utf-8")
    return folder


def leftovers(store: Path, seconds: float = 5.0) -> list[str]:
    """The build's copies (.kg-new-*) beside the store, once its watcher has had time to remove them."""
    end = time.monotonic() + seconds
    while (found := sorted(p.name for p in store.parent.glob(".kg-new-*"))) and time.monotonic() < end:
        time.sleep(0.1)
    return found


@pytest.fixture(scope="module")
def clean_export(tmp_path_factory) -> bytes:
    """The export of a clean build of the fixture and 40 copies of the seed."""
    root = tmp_path_factory.mktemp("clean")
    copy_release(FIXTURE, root / "first", "fr")
    many_seeds(root / "many")
    assert kg("build", str(root / "first"), str(root / "many"), "--store", str(root / "store")).returncode == 0
    return dump(root / "store")


@pytest.mark.parametrize("n, delay", [(20, None), (40, 0.0), (40, 0.6)],
                         ids=["mid-build", "last-file", "writing"])
def test_a_build_killed_at_any_moment_leaves_a_valid_store_and_the_next_converges(tmp_path, clean_export, n, delay):
    """kill -9 of the build and its process group, at a file or while the store is written: the
    store opens and validates, the build's copy of the store does not linger, and the next build
    gives an export byte-identical to a clean build's."""
    copy_release(FIXTURE, tmp_path / "first", "fr")
    store = tmp_path / "store"
    assert kg("build", str(tmp_path / "first"), "--store", str(store)).returncode == 0
    many = many_seeds(tmp_path / "many")
    args = [str(many), str(store), str(n)] + ([str(delay)] if delay is not None else [])
    proc = subprocess.run([sys.executable, "-c", KILLER, *args], capture_output=True, start_new_session=True,
                          timeout=300)
    assert proc.returncode in (-signal.SIGKILL, 0), proc.stderr  # "writing" may land after the build ended
    if delay is None:  # killed before the store is written: it is as it was
        assert b"01tsushin08_0" not in dump(store)
    assert leftovers(store) == []
    checked = kg("validate", "--store", str(store))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert kg("build", str(tmp_path / "first"), str(many), "--store", str(store)).returncode == 0
    assert dump(store) == clean_export


@pytest.mark.parametrize("n", [1])  # later kills: the test below
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
