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


class WriteError(KgError):
    """A file or the store that cannot be written: a full disk, a missing permission, a read-only
    file system. Nothing already there is lost: what was being written is removed."""

    exit_code = 1


_REASONS = ("No space left on device", "Permission denied", "Read-only file system", "Disk quota exceeded",
            "File too large", "Input/output error", "Operation not permitted", "Is a directory", "Not a directory",
            "No such file or directory")


def os_reason(exc: OSError) -> str:
    """The reason of an OS error in a few words ("No space left on device"), also from a message
    that a library (RocksDB through Oxigraph) wrote without an errno."""
    if exc.strerror:
        return exc.strerror
    text = str(exc)
    return next((r for r in _REASONS if r.lower() in text.lower()), text)


_WRITE_FAULTS = {"No space left on device", "Permission denied", "Read-only file system", "Disk quota exceeded",
                 "File too large", "Input/output error", "Operation not permitted"}


def is_write_fault(exc: OSError) -> bool:
    """A fault of the disk or of permissions (which a user can mend), not of the program."""
    return os_reason(exc) in _WRITE_FAULTS


def is_lock(exc: OSError) -> bool:
    """Whether the store could not be opened because another process holds its lock."""
    text = str(exc).lower()
    return "lock" in text and ("hold" in text or "no locks available" in text or "resource temporarily" in text)


class EndpointError(KgError):
    """A remote endpoint that cannot be reached or answers with an error."""

    exit_code = 3
