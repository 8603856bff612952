"""The architecture's rules, checked: the import contracts, pure extraction and mapping, a quiet library.

The layers and the forbidden imports are import-linter contracts in pyproject.toml; `lint-imports`
runs them here. The rest are rules import-linter cannot see: extraction and mapping open no file
(they are given the gazetteer and the topic scheme), only the command line and the server print
or exit, and `import kg` gives the public API without loading the RDF stack.
"""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from readme import python_example

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "kg"
SEED = ROOT / "data" / "releases" / "soumu_01tsushin08_02000040.txt"
OTHER = ROOT / "tests" / "fixtures" / "topics" / "eu-ict-22.txt"


def test_the_import_contracts_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is a test dependency: pip install -e '.[test]'"
    proc = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_extraction_and_mapping_open_no_file():
    # An audit hook sees every file the process opens; it is installed after the knowledge is loaded
    # and one release was read through once (so that lazily imported modules are loaded).
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from kg import gazetteer
        from kg.extract import extract_release
        from kg.ingest import read_source
        from kg.rdf.mapping import release_ntriples
        from kg.rdf.topics import load_scheme

        gaz, scheme = gazetteer.load(), load_scheme()
        warm, source = read_source(Path({str(SEED)!r})), read_source(Path({str(OTHER)!r}))
        release_ntriples(extract_release(warm, gaz), gaz, scheme)
        opened = []
        sys.addaudithook(lambda event, args: opened.append(args[0]) if event == "open" else None)
        name, triples, text = release_ntriples(extract_release(source, gaz), gaz, scheme)
        assert triples, "the release maps to triples"
        print(repr(opened))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]", f"files opened while extracting and mapping: {proc.stdout}"


def _calls(path: Path) -> list[str]:
    """`print(...)`, `sys.exit(...)`, `exit(...)`, `os._exit(...)` and `click.*` calls in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.id if isinstance(f, ast.Name) else (f"{getattr(f.value, 'id', '?')}.{f.attr}"
                                                     if isinstance(f, ast.Attribute) else "")
        if name in ("print", "exit", "quit", "sys.exit", "os._exit") or name.startswith("click."):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    return found


def test_only_the_command_line_and_the_server_print_or_exit():
    library = [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in ("cli", "serve", "__main__.py")]
    assert len(library) > 40
    offenders = [c for p in library for c in _calls(p)]
    assert not offenders, offenders


@pytest.mark.parametrize("package", sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py")))
def test_each_package_says_what_it_holds_and_what_it_must_not_do(package):
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc and len(doc) > 120, f"kg.{package} has no docstring saying what it holds"
    assert "must not" in doc or "never" in doc, f"kg.{package}'s docstring does not say what it must not do"


def test_the_top_level_holds_few_modules():
    modules = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert len(modules) <= 10, modules


def test_import_kg_gives_the_public_api_without_the_rdf_stack():
    script = ("import sys, kg\n"
              "print(sorted(n for n in ('build', 'query', 'export', 'validate') if callable(getattr(kg, n))))\n"
              "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'pyshacl', 'kg.pipeline') if m in sys.modules))\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["['build', 'export', 'query', 'validate']", "[]"]


def test_the_readme_python_example_runs(tmp_path):
    example = python_example("## Python API")
    proc = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "built," in proc.stdout and "'release_url', 'meeting'" in proc.stdout
    assert (tmp_path / "graph.trig").stat().st_size > 10_000
