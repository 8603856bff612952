"""What every command shares: the --store option, -q and --verbose, writing output, and the progress
bars on stderr.

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
endpoint_option = click.option("--endpoint", metavar="URL",
                               help="Read from this SPARQL endpoint (a triple store that kg push or the bulk "
                                    "load filled) instead of the store.")


# How much a command says on stderr besides its errors: -q only what went wrong, --verbose more.
QUIET, NORMAL, VERBOSE = -1, 0, 1
_LEVEL = "kg.verbosity"


def _set_level(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta[_LEVEL] = QUIET if param.name == "quiet" else VERBOSE  # meta is shared by nested contexts
    return value


QUIET_HELP = "Say only what went wrong: no progress bar, no summary."
# For a command that reads -q itself (build, fetch, push); every other command gets quiet_option() from kg.cli.
quiet_flag = click.option("-q", "--quiet", is_flag=True, callback=_set_level, help=QUIET_HELP)


def quiet_option() -> click.Option:
    return click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_set_level, help=QUIET_HELP)


def verbose_option() -> click.Option:
    return click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, callback=_set_level,
                        help="Say more: each file, each phase, the time taken.")


def verbosity() -> int:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(_LEVEL, NORMAL) if ctx else NORMAL


def info(message: str) -> None:
    """A line for a person on stderr (a summary, what was written), unless -q."""
    if verbosity() >= NORMAL:
        click.echo(message, err=True)


def detail(message: str) -> None:
    """A line on stderr with --verbose only."""
    if verbosity() >= VERBOSE:
        click.echo(message, err=True)


def ambiguous_is_wide() -> bool:
    """Whether the terminal draws East Asian Ambiguous characters (─, …, ○, Greek, Cyrillic) two columns
    wide: KG_AMBIGUOUS_WIDTH=2 (or 1) says so; unset, a Japanese, Chinese or Korean locale (LC_ALL,
    LC_CTYPE, LANG) does, as CJK terminals and xterm -cjk_width draw them."""
    import os

    chosen = os.environ.get("KG_AMBIGUOUS_WIDTH", "").strip()
    if chosen in ("1", "2"):
        return chosen == "2"
    locale = next((os.environ[v] for v in ("LC_ALL", "LC_CTYPE", "LANG") if os.environ.get(v)), "")
    return locale.lower().startswith(("ja", "zh", "ko"))


def write_output(data: str | bytes, output: Path | None, what: str = "") -> None:
    """Data to stdout, or to a file (then say so on stderr: `what` it holds, such as "2 rows")."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            click.echo(data, nl=False)
        return
    api.save(output, data)
    info(f"wrote {what} to {output}" if what else f"wrote {output}")


def show_progress(quiet: bool, total: int = 2) -> bool:
    """A bar is drawn only on a terminal, for more than one item, unless -q."""
    return not quiet and verbosity() >= NORMAL and sys.stderr.isatty() and total > 1


class NoBar:
    """Stands in for a bar when none is shown: with --verbose, each phase is a line."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int = 1) -> None:
        pass

    def phase(self, text: str) -> None:
        detail(text)


class RateBar:
    """A click progress bar whose item text is the rate and the time left; `update()` once per file done,
    `phase(text)` for what comes after the files (storing, checking the rules).

    The rate is measured from the first file done, not from the start: the workers' start-up (a few
    seconds) would otherwise make the first ETA many times too long. Until two seconds' worth of files
    are in, the bar says it is measuring. click's own ETA averages the last few steps, which arrive in
    bursts from the workers, so it is not used."""

    SETTLE = 2.0  # seconds of results before a rate is trusted

    def __init__(self, total: int, label: str = "building", clock=time.monotonic):
        self.total, self.done, self.clock = total, 0, clock
        self.first: tuple[float, int] | None = None  # when the first files were done, and how many
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr, show_eta=False, show_pos=True,
                                     item_show_func=lambda text: text)

    def __enter__(self) -> "RateBar":
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> bool:
        return bool(self.bar.__exit__(*exc))

    def rate_text(self) -> str:
        now = self.clock()
        if self.first is None:
            self.first = (now, self.done)
        since, done = now - self.first[0], self.done - self.first[1]
        if since < self.SETTLE or done < 1:
            return "measuring the rate…"
        rate = done / since
        minutes, seconds = divmod(int((self.total - self.done) / rate + 0.5), 60)
        return f"{rate:.1f} releases/s, ETA {minutes:d}:{seconds:02d}"

    def update(self, n: int = 1) -> None:
        self.done += n
        self.bar.update(n, self.rate_text())

    def phase(self, text: str) -> None:
        self.bar.update(0, text)
        self.bar.render_progress()


def _unsure_summary(report) -> None:
    """Where extraction is unsure, without gold: files with no meeting, releases built with no date or no body."""
    if report.no_meeting or report.no_date or report.no_participants:
        info(f"extraction unsure: {len(report.no_meeting)} file(s) with no meeting, of the {len(report.built)} built "
             f"{len(report.no_date)} with no meeting date and {len(report.no_participants)} with no participants "
             "(--verbose lists them; `kg query bodies-unknown` lists the bodies no data file knows)")
    for rid in report.no_date:
        detail(f"no meeting date: {rid}")
    for rid in report.no_participants:
        detail(f"no participants: {rid}")


def run_build(paths, store_dir: Path, *, quiet: bool, engine: str | None = None, jobs: int | None = None,
              time_limit: float | None = None, max_bytes: int | None = None, emit: Path | None = None) -> int:
    """`kg build`, also run by `kg fetch --build`: the build, its report on stderr, its exit code."""
    total = len(api.source_files(paths))
    started = time.monotonic()

    def done(path: Path) -> None:
        bar.update(1)
        detail(f"read {path}")

    with RateBar(total) if show_progress(quiet, total) else NoBar() as bar:
        report = api.build(paths, store_dir, progress=done, phase=bar.phase, engine=engine, jobs=jobs,
                           time_limit=time_limit, max_bytes=max_bytes, emit=emit)
    for problem in report.problems:
        click.echo(f"error: {problem.path}: {problem.message}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning.path}: {warning.message}", err=True)
    for v in report.violations.violations:
        click.echo(f"violation: {v.graph}: {v.focus} {v.path}: {v.message}", err=True)
    info(f"releases: {len(report.built)} built, {len(report.skipped)} unchanged, {len(report.problems)} file problem(s), "
         f"{len(report.rejected)} rejected by the shapes; files read: {report.files}")
    if emit is None:
        info(f"triples: {report.store_triples} in the store at {store_dir}")
    else:
        info(f"triples: {report.triples_written} written to {emit} as N-Quads, one file per graph (the rules "
             "that span releases are checked by `kg validate` where the files are loaded)")
    info(f"violations: {len(report.violations.violations)}")
    _unsure_summary(report)
    detail("time: " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in report.stages.items())
           + f"; {time.monotonic() - started:.1f} s in all")
    return 0 if report.ok else 1
