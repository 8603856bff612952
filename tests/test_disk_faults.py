"""A full disk and a missing permission, for every command that writes: one line naming the file or
the store, exit 1, no partial output, and nothing already built lost.

The full disk is a small tmpfs mounted for the test (root can mount one here); where the machine
does not allow it, the tests say so and are skipped.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from serving import build_store

KG = [str(Path(sys.executable).parent / "kg")]
SEED = Path(__file__).parents[1] / "data" / "releases"
FIXTURE = Path(__file__).parent / "fixtures" / "build"


def kg(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run(list(prefix) + KG + list(args), capture_output=True, text=True, timeout=300)


def one_error_line(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1 and all(w in errors[0] for w in words), proc.stderr


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MiB tmpfs at tmp_path/disk (then filled as a test needs), unmounted after the test."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root: the full-disk cases cannot run here")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"this machine does not allow a tmpfs mount: {done.stderr.strip()}")
    yield disk
    subprocess.run(["umount", str(disk)], check=False)


def fill(disk: Path, leave: int = 0) -> None:
    """Fill the disk, leaving about `leave` bytes free."""
    free = shutil.disk_usage(disk).free - leave
    with open(disk / "filler", "ab") as f:
        while free > 0:
            chunk = min(free, 1 << 16)
            try:
                f.write(b"\0" * chunk)
                f.flush()
            except OSError:
                break
            free -= chunk


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("disk") / "store")


def test_a_first_build_on_a_full_disk_leaves_no_half_made_store(small_disk):
    fill(small_disk, leave=64 << 10)
    proc = kg("build", str(SEED), "--store", str(small_disk / "store"))
    one_error_line(proc, str(small_disk / "store"), "No space left on device")
    assert not (small_disk / "store").exists()
    assert not list(small_disk.glob(".kg-new-*"))


def test_a_build_that_fills_the_disk_keeps_the_store_as_it_was(small_disk, tmp_path):
    store = small_disk / "store"
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(FIXTURE / "mic_jp_fr.txt", first)
    shutil.copy(FIXTURE / "mic_jp_fr.meta.json", first)
    assert kg("build", str(first), "--store", str(store)).returncode == 0
    before = kg("export", "--store", str(store), "-f", "nq").stdout
    fill(small_disk, leave=32 << 10)  # less than the seed's graph (~1,900 quads) needs
    proc = kg("build", str(SEED), "--store", str(store))
    one_error_line(proc, str(store), "No space left on device")
    assert "another kg process" not in proc.stderr  # the lock hint is for a held lock only
    assert kg("export", "--store", str(store), "-f", "nq").stdout == before
    assert not list(small_disk.glob(".kg-new-*"))


@pytest.mark.parametrize("command", [
    ["export", "-o", "{out}/graph.trig"],
    ["export", "-o", "{out}/graph.jsonld", "-j", "2"],
    ["query", "meetings", "-o", "{out}/meetings.csv"],
    ["report", "-o", "{out}/report.html"],
], ids=["export", "export-jsonld-j2", "query", "report"])
def test_output_on_a_full_disk_is_one_line_and_leaves_no_file(small_disk, store, command):
    (small_disk / "old.csv").write_text("kept\n")
    fill(small_disk, leave=2 << 10)
    args = [a.format(out=small_disk) for a in command]
    proc = kg(*args, "--store", str(store))
    target = Path(args[args.index("-o") + 1])
    one_error_line(proc, str(target), "No space left on device")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "old.csv"]
    assert (small_disk / "old.csv").read_text() == "kept\n"


def without_write_permission() -> tuple[str, ...]:
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: every folder is writable")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


@pytest.mark.parametrize("command", [
    ["export", "-o", "{out}/graph.trig"],
    ["query", "meetings", "-o", "{out}/meetings.csv"],
    ["report", "-o", "{out}/report.html"],
], ids=["export", "query", "report"])
def test_output_into_a_folder_without_permission_is_one_line(tmp_path, store, command):
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o555)
    args = [a.format(out=out) for a in command]
    proc = kg(*args, "--store", str(store), prefix=without_write_permission())
    one_error_line(proc, str(out), "Permission denied")
    assert list(out.iterdir()) == []


def test_a_build_into_a_store_without_permission_is_one_line(tmp_path, store):
    copy = tmp_path / "readonly"
    shutil.copytree(store, copy / "store")
    for path in [copy / "store", *(copy / "store").iterdir()]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    copy.chmod(0o555)
    proc = kg("build", str(FIXTURE), "--store", str(copy / "store"), prefix=without_write_permission())
    one_error_line(proc, str(copy / "store"))
    assert "Permission denied" in proc.stderr or "Read-only" in proc.stderr
