"""What a build returns: the files it could not read, the releases it built, skipped or rejected."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..validation.report import ValidationReport

if TYPE_CHECKING:
    from .worker import FileResult


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
    no_meeting: list[str] = field(default_factory=list)  # files in which extraction found no meeting
    no_date: list[str] = field(default_factory=list)  # release IDs built whose meetings have no date
    no_participants: list[str] = field(default_factory=list)  # release IDs built whose meetings name no body

    @property
    def ok(self) -> bool:
        return not self.problems and self.violations.conforms

    def take(self, res: FileResult, owners: dict[str, str]) -> bool:
        """Count one file's result (its stage times, its problem, warnings, violations, or that it is
        unchanged); True when it is a release to write, which is then counted as built. `owners` maps
        each release ID seen so far to its file: a second file of the same release is a problem."""
        for stage, seconds in res.times.items():
            self.stages[stage] = self.stages.get(stage, 0.0) + seconds
        if res.problem:
            self.problems.append(FileProblem(res.path, res.problem))
            if res.no_meeting:
                self.no_meeting.append(res.path)
            return False
        if res.rid in owners:
            self.problems.append(FileProblem(res.path, f"reports the same release ({res.rid}) as {owners[res.rid]}; skipped"))
            return False
        owners[res.rid] = res.path
        self.warnings += [FileProblem(res.path, w) for w in res.warnings]
        if res.skipped:
            self.skipped.append(res.rid)
        elif res.violations:
            self.rejected.append(res.rid)
            self.violations.violations.extend(res.violations)
        else:
            self.built.append(res.rid)
            self.no_date += [res.rid] if res.no_date else []
            self.no_participants += [res.rid] if res.no_participants else []
            return True
        return False
