"""What every command module shares: error handling, the --store option, writing output.

Kept apart from cli.py so that command modules import it without importing the command group.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from .config import DEFAULT_STORE
from .errors import KgError


def fail(exc: KgError) -> None:
    click.echo(f"error: {exc.render()}", err=True)
    sys.exit(exc.exit_code)


def handle_errors(func):
    """Turn the project's errors into one line on stderr and the error's exit code."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except KgError as exc:
            fail(exc)
    return wrapper


store_option = click.option("--store", "store_dir", type=click.Path(path_type=Path), default=DEFAULT_STORE,
                            show_default=True, help="The store folder (env KG_STORE).")


def write_output(data: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            click.echo(data, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)
