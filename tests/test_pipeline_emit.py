"""A sharded build: `kg build SHARD --emit DIR` on each half of the bench corpus (bench/corpus.py, 30
releases), no store anywhere, then both folders bulk-loaded into one store with `oxigraph load` (the
Oxigraph CLI, PyPI `oxigraph`). The loaded store must be what one `kg build` of all the files makes:
the same export, byte for byte; a kg store whose build keys came along (building the files again
changes nothing); and one that `kg validate` finds conforming.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from remotes import OXIGRAPH, bench_corpus, need_oxigraph
from serving import KG

pytestmark = need_oxigraph
RELEASES = 30


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(KG + list(args), capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return bench_corpus(tmp_path_factory.mktemp("emit") / "releases", RELEASES)


def release_files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.iterdir() if p.suffix in (".txt", ".html"))


def test_two_shards_emitted_and_loaded_give_the_export_of_one_build(corpus, tmp_path):
    files = release_files(corpus)
    assert len(files) == RELEASES
    shards = [files[0::2], files[1::2]]  # interleaved: neither shard is a contiguous run of the corpus
    folders = [tmp_path / "emit-a", tmp_path / "emit-b"]
    for shard, folder in zip(shards, folders):
        done = kg("build", *shard, "--emit", str(folder), "--store", str(tmp_path / "never"))
        assert done.returncode == 0, done.stderr
        assert f"releases: {len(shard)} built" in done.stderr
        names = sorted(p.name for p in folder.iterdir())
        assert len(names) == len(shard) + 2 and "reference.nq" in names and "ontology.nq" in names
    assert not (tmp_path / "never").exists()  # no store was made

    loaded = tmp_path / "loaded"
    nquads = [str(p) for folder in folders for p in sorted(folder.iterdir())]
    done = subprocess.run([OXIGRAPH, "load", "--location", str(loaded), "--file", *nquads],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr

    whole = tmp_path / "whole"
    done = kg("build", *files, "--store", str(whole))
    assert done.returncode == 0, done.stderr
    expected = kg("export", "-f", "nq", "--store", str(whole))
    assert expected.returncode == 0 and expected.stdout.count("/graph/release/") > 1000
    got = kg("export", "-f", "nq", "--store", str(loaded))
    assert got.returncode == 0, got.stderr
    assert got.stdout == expected.stdout

    again = kg("build", *files, "--store", str(loaded))  # the build keys came with the shards
    assert again.returncode == 0, again.stderr
    assert f"releases: 0 built, {RELEASES} unchanged" in again.stderr
    assert kg("validate", "--store", str(loaded)).returncode == 0


def test_an_emitted_file_is_that_graph_of_the_split_export_and_its_build_key(corpus, tmp_path):
    first = release_files(corpus)[:3]
    assert kg("build", *first, "--emit", str(tmp_path / "emit")).returncode == 0
    assert kg("build", *first, "--store", str(tmp_path / "store")).returncode == 0
    assert kg("export", "--split", str(tmp_path / "split"), "--store", str(tmp_path / "store")).returncode == 0
    for exported in sorted((tmp_path / "split").iterdir()):
        emitted = (tmp_path / "emit" / exported.name).read_bytes().splitlines(keepends=True)
        data, keys = emitted[:-2], emitted[-2:]
        assert b"".join(data) == exported.read_bytes(), exported.name
        graph = exported.read_bytes().split(b" ")[-2]
        assert all(line.startswith(graph + b" <https://kg.example.org/ns#") and
                   line.endswith(b" <https://kg.example.org/graph/build> .\n") for line in keys), keys
