"""What a build returns: the files it could not read, the releases it built, skipped or rejected."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..validation.report import ValidationReport


@dataclass
class FileProblem:
    path: str
    message: str


@dataclass
class BuildReport:
    files: int = 0
    built: list[str] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    warnings: list[FileProblem] = field(default_factory=list)  # files stored, but not all as written
    violations: ValidationReport = field(default_factory=ValidationReport)
    rejected: list[str] = field(default_factory=list)  # release IDs not stored for violations
    triples_written: int = 0
    store_triples: int = 0
    skipped: list[str] = field(default_factory=list)  # release IDs whose input is unchanged since they were stored
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, summed over the workers
    write_method: str = ""
    engine: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and self.violations.conforms
