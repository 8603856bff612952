"""What every command shares: the --store option, writing output, and the progress bars on stderr.

Kept apart from kg.cli so that command modules import it without importing the command group.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .. import api
from ..config import DEFAULT_STORE

store_option = click.option("--store", "store_dir", type=click.Path(path_type=Path), default=DEFAULT_STORE,
                            show_default=True, help="The store folder (env KG_STORE).")


def write_output(data: str | bytes, output: Path | None) -> None:
    """Data to stdout, or to a file (then say so on stderr)."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            click.echo(data, nl=False)
        return
    api.save(output, data)
    click.echo(f"wrote {output}", err=True)


def show_progress(quiet: bool, total: int = 2) -> bool:
    """A bar is drawn only on a terminal, for more than one item, unless -q."""
    return not quiet and sys.stderr.isatty() and total > 1


class NoBar:
    """Stands in for a bar when none is shown."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int = 1) -> None:
        pass


class RateBar:
    """A click progress bar whose item text is the rate; `update()` once per file done."""

    def __init__(self, total: int, label: str = "building"):
        self.total, self.done, self.start = total, 0, time.monotonic()
        # click's own ETA averages the last few steps, which arrive in bursts from the workers: the ETA
        # here is the remaining files at the rate so far.
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr, show_eta=False, show_pos=True,
                                     item_show_func=lambda text: text)

    def __enter__(self) -> "RateBar":
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> bool:
        return bool(self.bar.__exit__(*exc))

    def rate_text(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0
        minutes, seconds = divmod(int(left + 0.5), 60)
        return f"{rate:.1f} releases/s, ETA {minutes:d}:{seconds:02d}"

    def update(self, n: int = 1) -> None:
        self.done += n
        self.bar.update(n, self.rate_text())


def run_build(paths, store_dir: Path, *, quiet: bool, engine: str | None = None, jobs: int | None = None,
              time_limit: float | None = None, max_bytes: int | None = None) -> int:
    """`kg build`, also run by `kg fetch --build`: the build, its report on stderr, its exit code."""
    total = len(api.source_files(paths))
    with RateBar(total) if show_progress(quiet, total) else NoBar() as bar:
        report = api.build(paths, store_dir, progress=lambda _path: bar.update(1), engine=engine, jobs=jobs,
                           time_limit=time_limit, max_bytes=max_bytes)
    for problem in report.problems:
        click.echo(f"error: {problem.path}: {problem.message}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning.path}: {warning.message}", err=True)
    for v in report.violations.violations:
        click.echo(f"violation: {v.graph}: {v.focus} {v.path}: {v.message}", err=True)
    click.echo(f"releases: {len(report.built)} built, {len(report.skipped)} unchanged, {len(report.problems)} file problem(s), "
               f"{len(report.rejected)} rejected by the shapes; files read: {report.files}", err=True)
    click.echo(f"triples: {report.store_triples} in the store at {store_dir}", err=True)
    click.echo(f"violations: {len(report.violations.violations)}", err=True)
    return 0 if report.ok else 1
