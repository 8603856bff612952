"""The command line: a thin layer over the library. Data goes to stdout; progress and errors to stderr.

Exit codes: 0 success; 1 the input or the store does not conform (bad files, SHACL violations);
2 usage errors (a bad query, an unknown parameter, no store); 3 an unreachable or failing endpoint.
"""
from __future__ import annotations

import json
import shutil
import sys
from dataclasses import asdict
from pathlib import Path

import click

from . import __version__
from .cli_common import handle_errors, store_option, write_output
from .config import DEFAULT_RELEASES
from .errors import KgError


class _LazyGroup(click.Group):
    """Commands of their own modules are imported only when they run (or `kg --help` lists them),
    so `kg query` starts without loading fetch, link, serve and report code."""

    LAZY = {"fetch": "cli_fetch:fetch", "link": "cli_link:link", "serve": "cli_serve:serve",
            "push": "cli_serve:push", "topics": "cli_topics:topics", "report": "cli_topics:report"}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.LAZY))

    def get_command(self, ctx, name):
        if name in self.LAZY and name not in self.commands:
            import importlib

            module, attr = self.LAZY[name].split(":")
            self.add_command(getattr(importlib.import_module(f".{module}", __package__), attr), name)
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build a validated knowledge graph from government press releases, and query it."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--engine", type=click.Choice(["shacl", "pyshacl"]), default=None,
              help="SHACL engine [default: shacl, the fast one; pyshacl is the reference].")
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes [default: one per core].")
@handle_errors
def build(paths: tuple[Path, ...], store_dir: Path, quiet: bool, engine: str | None, jobs: int | None) -> None:
    """Build the store from release files and folders (default: data/releases).

    Takes .txt and .html files in UTF-8, Shift_JIS or EUC-JP, each with an optional sidecar
    NAME.meta.json giving its source URL. A bad file or a release that violates the shapes is
    reported and left out; the build goes on and exits 1 at the end.
    """
    from .pipeline import build as run_build, collect_files

    paths = paths or (DEFAULT_RELEASES,)
    total = len(collect_files(paths))
    show = not quiet and sys.stderr.isatty() and total > 1
    from .progress import RateBar

    with RateBar(total) if show else _NoBar() as bar:
        report = run_build(paths, store_dir, progress=lambda _path: bar.update(1), engine=engine, jobs=jobs)
    for problem in report.problems:
        click.echo(f"error: {problem.path}: {problem.message}", err=True)
    for v in report.violations.violations:
        click.echo(f"violation: {v.graph}: {v.focus} {v.path}: {v.message}", err=True)
    click.echo(f"releases: {len(report.built)} built, {len(report.skipped)} unchanged, {len(report.problems)} file problem(s), "
               f"{len(report.rejected)} rejected by the shapes; files read: {report.files}", err=True)
    click.echo(f"triples: {report.store_triples} in the store at {store_dir}", err=True)
    click.echo(f"violations: {len(report.violations.violations)}", err=True)
    if not report.ok:
        sys.exit(1)


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass


@main.command()
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "ttl"]), default="text", show_default=True)
@click.option("--engine", type=click.Choice(["shacl", "pyshacl"]), default=None,
              help="SHACL engine [default: shacl, the fast one; pyshacl is the reference].")
@handle_errors
def validate(store_dir: Path, fmt: str, engine: str | None) -> None:
    """Validate the stored graphs against the SHACL shapes and the cross-release rules. Exit 0 conforms, 1 does not."""
    from .stored import validate_store
    from .validate import render

    report = validate_store(store_dir, engine=engine)
    click.echo(render(report, fmt), nl=False)
    sys.exit(0 if report.conforms else 1)


@main.command(name="queries")
@handle_errors
def list_queries() -> None:
    """List the saved queries with their summaries and parameters."""
    from .queries import saved_queries

    for q in saved_queries().values():
        params = " ".join(f"-p {p.name}=<{p.type}>" for p in q.params)
        click.echo(f"{q.name:20} {q.summary}" + (f"  [{params}]" if params else ""))


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise KgError(f"bad parameter {item!r}", hint="write -p name=value")
        params[name.strip()] = value
    return params


@main.command()
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, help="A parameter as name=value; repeat for more.")
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default=None,
              help="Output format [default: table, or from the extension of -o].")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@handle_errors
def query(name: str, params: tuple[str, ...], store_dir: Path, fmt: str | None, output: Path | None) -> None:
    """Run a saved query (see `kg queries`) or a .rq file against the store."""
    from .queries import find_query, render, run
    from .storeopen import open_store  # not kg.store, which imports rdflib: a query needs only pyoxigraph

    fmt = fmt or (output.suffix.lstrip(".") if output and output.suffix in (".csv", ".tsv", ".json") else "table")
    saved = find_query(name)
    values = parse_params(params)
    columns, rows = run(open_store(store_dir, read_only=True), saved, values)
    terminal = shutil.get_terminal_size((0, 0)).columns if output is None and sys.stdout.isatty() else None
    write_output(render(columns, rows, fmt, width_limit=terminal or None), output)


@main.command()
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld"]), default=None,
              help="Output format [default: from the extension of -o, else trig].")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@click.option("--release", help="Export one release's graph only (its ID, as `kg query releases` shows).")
@click.option("-j", "--jobs", type=int, default=None,
              help="Worker processes for N-Quads and JSON-LD [default: one per core].")
@handle_errors
def export(store_dir: Path, fmt: str | None, output: Path | None, release: str | None, jobs: int | None) -> None:
    """Write the store (or one release) as Turtle, N-Triples, N-Quads, TriG or JSON-LD."""
    import os

    from .export import format_for, graphs, write
    from .store import open_store

    fmt = format_for(str(output) if output else None, fmt)
    store = open_store(store_dir, read_only=True)
    graphs(store, release)  # an unknown release fails before any output
    workers = {"jobs": jobs or len(os.sched_getaffinity(0)), "path": store_dir}
    if output is None:
        write(store, fmt, sys.stdout.buffer, release, **workers)
        sys.stdout.buffer.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    try:
        with open(partial, "wb", buffering=1 << 20) as out:
            write(store, fmt, out, release, **workers)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@handle_errors
def extract(path: Path) -> None:
    """Show what extraction finds in one release file, as JSON (for checking and debugging)."""
    from . import gazetteer
    from .extract import extract_release
    from .ingest import read_source

    release = extract_release(read_source(path), gazetteer.load())
    record = asdict(release)
    record["source"].pop("text", None)
    record.pop("sections", None)
    click.echo(json.dumps(record, ensure_ascii=False, indent=1, default=str))
