"""The command line: parse the arguments, call one function of the public API (kg.api), print, exit.

It never opens the store or runs a stage itself. Data goes to stdout; progress and errors go to
stderr. Exit codes are decided in one place, `KgGroup.main`:
0 success; 1 bad input or a graph that does not conform (bad files, SHACL violations);
2 a usage error (a bad query, an unknown parameter, no store); 3 an unreachable or failing
endpoint; 4 an internal error (a bug: `--traceback` shows it in full, for a report).
A command returns the exit code of an outcome that is not an error (1 for a build with rejected
releases); errors are raised as KgError and turned into one line here.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path

import click

from .. import api
from ..config import VERSION
from ..errors import KgError
from .common import (ambiguous_is_wide, detail, endpoint_option, info, quiet_flag, quiet_option, run_build,
                     store_option, verbose_option, write_output)

INTERNAL_ERROR = 4


def with_verbosity(command: click.Command | None) -> click.Command | None:
    """Every command takes -q and --verbose (a command may declare its own -q, as build does)."""
    if command is not None and not any(p.name == "verbose" for p in command.params):
        if not any(p.name == "quiet" for p in command.params):
            command.params.append(quiet_option())
        command.params.append(verbose_option())
    return command


class KgGroup(click.Group):
    """The `kg` group: loads command modules when they run, and turns what a command raises into
    one line on stderr and an exit code."""

    # Commands of their own modules are imported only when they run (or `kg --help` lists them),
    # so `kg query` starts without loading fetch, link, serve and report code.
    LAZY = {"fetch": "fetch:fetch", "link": "link:link", "serve": "serve:serve",
            "push": "serve:push", "topics": "report:topics", "report": "report:report"}

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.LAZY))

    def get_command(self, ctx, name):
        if name in self.LAZY and name not in self.commands:
            import importlib

            module, attr = self.LAZY[name].split(":")
            self.add_command(getattr(importlib.import_module(f".{module}", __package__), attr), name)
        return with_verbosity(super().get_command(ctx, name))

    def format_commands(self, ctx, formatter) -> None:
        """Each command with its first sentence whole (click would cut it to fit one line)."""
        rows = [(name, cmd.get_short_help_str(limit=1000)) for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = list(sys.argv[1:] if args is None else args)
        traceback = "--traceback" in args[:args.index("--")] if "--" in args else "--traceback" in args
        traceback = traceback or os.environ.get("KG_TRACEBACK") == "1"
        try:
            code = super().main(args, prog_name or "kg", complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:  # --help, --version
            code = exc.exit_code
        except click.exceptions.Abort:
            click.echo("aborted", err=True)
            code = 130
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except KgError as exc:
            if traceback:
                raise
            click.echo(f"error: {exc.render()}", err=True)
            code = exc.exit_code
        except BrokenPipeError:  # `kg query … | head`: the reader left; say nothing
            sys.stderr.close()
            code = 0
        except Exception as exc:
            if traceback:
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc} (this is a bug: run again with --traceback "
                       "and report what it prints)", err=True)
            code = INTERNAL_ERROR
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="kg")
@click.option("--traceback", is_flag=True, help="Show the full Python traceback of an error (for a bug report).")
@click.pass_context
def main(ctx: click.Context, traceback: bool) -> None:
    """Build a validated knowledge graph from government press releases, and query it.

    Every command takes -q (say only what went wrong) and --verbose (say more, and the time taken).
    Shell completion: eval "$(_KG_COMPLETE=bash_source kg)" (zsh_source, fish_source).
    """
    ctx.meta["kg.started"] = time.monotonic()


@main.result_callback()
@click.pass_context
def finished(ctx: click.Context, result, **_options):
    """With --verbose, how long the command took."""
    detail(f"kg {ctx.invoked_subcommand}: {time.monotonic() - ctx.meta['kg.started']:.2f} s")
    return result


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
@quiet_flag
@click.option("--engine", type=click.Choice(["shacl", "pyshacl"]), default=None,
              help="SHACL engine [default: shacl, the fast one; pyshacl is the reference].")
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes [default: one per core].")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds one file may take to read, extract, map and validate [default: 30].")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="The largest release file read [default: 1048576, 1 MiB].")
@click.option("--emit", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="No store: write each release's graph as N-Quads, with its build key, into this folder "
                   "(one shard of a build on many machines; load the folders with a bulk loader).")
def build(paths: tuple[Path, ...], store_dir: Path, quiet: bool, engine: str | None, jobs: int | None,
          time_limit: float | None, max_bytes: int | None, emit: Path | None) -> int:
    """Build the store from release files and folders (default: ./releases, else the bundled seed).

    Takes .txt and .html files in UTF-8, Shift_JIS or EUC-JP, each with an optional sidecar
    NAME.meta.json giving its source URL. A bad file, a text in which no meeting is found, a
    file over the limits, or a release that violates the shapes is reported and left out; the
    build goes on and exits 1 at the end.
    """
    return run_build(paths, store_dir, quiet=quiet, engine=engine, jobs=jobs, time_limit=time_limit,
                     max_bytes=max_bytes, emit=emit)


@main.command()
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "ttl"]), default="text", show_default=True)
@click.option("--engine", type=click.Choice(["shacl", "pyshacl"]), default=None,
              help="SHACL engine [default: shacl, the fast one; pyshacl is the reference].")
def validate(store_dir: Path, fmt: str, engine: str | None) -> int:
    """Validate the stored graphs against the SHACL shapes and the cross-release rules. Exit 0 conforms, 1 does not."""
    report = api.validate(store_dir, engine=engine)
    text = report.render(fmt)
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)
    return 0 if report.conforms else 1


@main.command(name="queries")
def list_queries() -> None:
    """List the saved queries with their summaries and parameters."""
    for q in api.saved_queries().values():
        params = " ".join(f"-p {p.name}=<{p.type}>" for p in q.params)
        filters = ", ".join(q.filters)
        click.echo(f"{q.name:20} {q.summary}" + (f"  [{params}]" if params else "")
                   + (f"  (filters: -p {filters})" if filters else ""))


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise KgError(f"bad parameter {item!r}", hint="write -p name=value")
        params[name.strip()] = value
    return params


def complete_query_name(ctx, param, incomplete: str) -> list[str]:
    """Shell completion of `kg query NAME`: the saved queries' names."""
    return [name for name in api.saved_queries() if name.startswith(incomplete)]


@main.command()
@click.argument("name", shell_complete=complete_query_name)
@click.option("-p", "--param", "params", multiple=True, help="A parameter as name=value; repeat for more.")
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default=None,
              help="Output format [default: table, or from the extension of -o].")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many rows.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Leave out this many rows first.")
@endpoint_option
def query(name: str, params: tuple[str, ...], store_dir: Path, fmt: str | None, output: Path | None,
          limit: int | None, offset: int, endpoint: str | None) -> None:
    """Run a saved query (see `kg queries`) or a .rq file against the store (or a SPARQL endpoint).

    A query with one row per meeting (meetings, participants, topics, agreements, people, ...) also
    takes -p series=KEY, -p org=KEY, -p since=YYYY-MM-DD and -p until=YYYY-MM-DD."""
    fmt = fmt or (query_format(output) if output else "table")
    values = parse_params(params)
    if endpoint is None and fmt in ("csv", "tsv", "json"):
        found = api.query_text(name, fmt, store_dir, limit=limit, offset=offset, **values)
        if found is not None:  # straight from the table the build keeps of this query
            text, count = found
            write_output(text, output, f"{count} row{'s' if count != 1 else ''}")
            detail(f"{count} rows, columns: {', '.join(api.query_columns(name))}")
            return
    rows = api.query(name, store_dir, endpoint=endpoint, limit=limit, offset=offset, **values)
    terminal = shutil.get_terminal_size((0, 0)).columns if output is None and sys.stdout.isatty() else None
    write_output(rows.render(fmt, width_limit=terminal or None, wide_ambiguous=ambiguous_is_wide()), output,
                 f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    detail(f"{len(rows)} rows, columns: {', '.join(rows.columns)}")


QUERY_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".txt": "table"}


def query_format(output: Path) -> str:
    """The format an output file's extension asks for; another extension is a usage error, not a
    text table in a file named .xlsx."""
    fmt = QUERY_EXTENSIONS.get(output.suffix.lower())
    if fmt is None:
        raise click.UsageError(f"cannot tell the format of {output} from its extension: use "
                               + ", ".join(QUERY_EXTENSIONS) + " (a text table), or give -f table|csv|tsv|json")
    return fmt


@main.command()
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld"]), default=None,
              help="Output format [default: from the extension of -o, else trig].")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@click.option("--release", help="Export one release's graph only: its ID, as `kg query releases` shows it "
              "(release/ID), or its IRI.")
@click.option("-j", "--jobs", type=int, default=None,
              help="Worker processes for N-Quads and JSON-LD [default: one per core].")
@click.option("--split", type=click.Path(file_okay=False, path_type=Path),
              help="With -f nq: one N-Quads file per graph in this new folder, for a bulk loader.")
def export(store_dir: Path, fmt: str | None, output: Path | None, release: str | None, jobs: int | None,
           split: Path | None) -> None:
    """Write the store (or one release) as Turtle, N-Triples, N-Quads, TriG or JSON-LD."""
    if split is not None:
        if fmt not in (None, "nq") or output is not None:
            raise click.UsageError("--split writes N-Quads files into a folder: give -f nq (or no -f) and no -o")
        files = api.export_split(split, store_dir, release=release, jobs=jobs)
        click.echo(f"wrote {len(files)} N-Quads files to {split}", err=True)
        return
    if output is None:
        api.export(sys.stdout.buffer, store_dir, format=fmt, release=release, jobs=jobs)
        sys.stdout.buffer.flush()
        return
    api.export(output, store_dir, format=fmt, release=release, jobs=jobs)
    info(f"wrote {output}")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def extract(path: Path) -> None:
    """Show what extraction finds in one release file, as JSON (for checking and debugging)."""
    record = asdict(api.extract(path))
    record["source"].pop("text", None)
    record.pop("sections", None)
    click.echo(json.dumps(record, ensure_ascii=False, indent=1, default=str))
