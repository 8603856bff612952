"""Run the kg command line in this process, as tests that need many quick calls do."""
from __future__ import annotations

import gc

from click.testing import CliRunner

from kg.cli import main


def invoke(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `kg ARGS`; an unexpected exception is raised, and the store is closed after."""
    result = CliRunner().invoke(main, list(args))
    code, out, err = result.exit_code, result.stdout, result.stderr
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    del result
    gc.collect()  # drop the Store so the next call can open the folder
    return code, out, err
