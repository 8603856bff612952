"""What the wheel ships, and where an installed kg looks for its folders and the user's.

`.ci/run` builds the wheel, installs it into a fresh venv and runs the commands from a folder
outside the checkout; these tests check the same rules quickly, on every test run.
"""
from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
import tomllib
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg"]
URL_OF_EN_BODIES = "https://www.soumu.go.jp/main_sosiki/joho_tsusin/eng/pressrelease/2023/10/05_99.html"


FOLDERS = ("ontology", "data", "queries", "rules")


def shipped_folders() -> dict[str, str]:
    """setup.py's package name -> checkout folder mapping."""
    assert repr(FOLDERS).replace("'", '"') in (ROOT / "setup.py").read_text(encoding="utf-8")
    return {f"kg.share.{folder}": folder for folder in FOLDERS}


def test_every_data_file_of_the_checkout_ships_in_the_wheel():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]
    folders = shipped_folders()
    left_out = []
    for package, folder in folders.items():
        for path in sorted((ROOT / folder).rglob("*")):
            name = path.relative_to(ROOT / folder).as_posix()
            if path.is_file() and not any(fnmatch.fnmatch(name, g) for g in package_data[package]):
                left_out.append(f"{folder}/{name}")
    assert left_out == [], "add a glob to [tool.setuptools.package-data] for these"


def test_the_distribution_is_named_apart_from_the_command():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "kg-meetings" and project["scripts"] == {"kg": "kg.cli:main"}
    assert (ROOT / "src" / "kg" / "py.typed").exists()
    runtime = " ".join(project["dependencies"]).lower()
    assert "pyshacl" not in runtime and "pyshacl" in " ".join(project["optional-dependencies"]["pyshacl"])
    [shacl] = [d for d in project["dependencies"] if d.startswith("shacl")]
    assert "<0.4" in shacl


def kg(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(KG + list(args), capture_output=True, text=True, timeout=300, cwd=cwd,
                          env={**os.environ, **env})


def test_kg_home_names_the_folders_kg_reads(tmp_path):
    home = tmp_path / "home"
    (home / "queries").mkdir(parents=True)
    (home / "queries" / "only-mine.rq").write_text("# summary: Mine alone.\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n",
                                                  encoding="utf-8")
    done = kg("queries", cwd=tmp_path, KG_HOME=str(home))
    assert done.returncode == 0, done.stderr
    assert [line.split()[0] for line in done.stdout.splitlines()] == ["only-mine"]


def test_build_without_a_path_reads_releases_in_the_current_folder_else_the_seed(tmp_path):
    seed = kg("build", "-q", cwd=tmp_path)
    assert seed.returncode == 0, seed.stderr
    assert "soumu.go.jp/menu_news/s-news/01tsushin08_02000040" in kg("query", "releases", "-f", "csv", cwd=tmp_path).stdout

    mine = tmp_path / "mine"
    (mine / "releases").mkdir(parents=True)
    for name in ("en_bodies.txt", "en_bodies.meta.json"):
        (mine / "releases" / name).write_bytes((ROOT / "tests" / "fixtures" / "general" / name).read_bytes())
    done = kg("build", "-q", cwd=mine)
    assert done.returncode == 0, done.stderr
    urls = kg("query", "releases", "-f", "csv", cwd=mine).stdout
    assert URL_OF_EN_BODIES in urls and "01tsushin08_02000040" not in urls
