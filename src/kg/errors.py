"""The project's error family. Library code raises these; only cli.py turns them into exit codes."""
from __future__ import annotations


class KgError(Exception):
    """An error a user can act on. `exit_code` is what the CLI exits with."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None, where: str | None = None):
        self.message = message
        self.hint = hint
        self.where = where
        super().__init__(self.render())

    def render(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(KgError):
    """A source file that cannot be read as a release: empty, binary, undecodable, not a release."""

    exit_code = 1


class ParseError(InputError):
    """Text that decodes but does not hold a release we can parse."""


class QueryError(KgError):
    """A malformed saved query, an unknown query name or parameter."""

    exit_code = 2


class StoreError(KgError):
    """The store is missing, locked or damaged."""

    exit_code = 2


class ConfigError(KgError):
    """A data file (gazetteer, alignment) or setting that is malformed."""

    exit_code = 2


class EndpointError(KgError):
    """A remote endpoint that cannot be reached or answers with an error."""

    exit_code = 3
