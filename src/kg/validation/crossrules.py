"""Rules that span releases, checked as SPARQL over the store once per build (rules/*.rq).

Each rule is a SELECT whose rows are violations: ?graph (the release graph that says it),
?focus, ?path, ?value, and ?other with ?otherValue (the graph that says otherwise). Its `# message:` header is
the words a user reads. After a build that rewrote only some graphs, only rows whose ?graph
is one of them are asked for (the rest were checked when they were written).
"""
from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from ..config import RULES_DIR
from .report import ValidationReport, Violation


@lru_cache(maxsize=1)
def rules() -> list[tuple[str, str, str]]:
    """(name, message, query) of every rule."""
    found = []
    for path in sorted(RULES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        message = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                        if line.startswith("# message:")), path.stem)
        found.append((path.stem, message, text))
    return found


def check(store: ox.Store, graphs: list[str] | None = None) -> ValidationReport:
    """Run every rule over the store, or only for rows about `graphs` when given."""
    report = ValidationReport()
    if graphs is not None and not graphs:
        return report
    for name, message, query in rules():
        if graphs is not None:
            values = " ".join(f"<{g}>" for g in graphs)
            query = query.replace("WHERE {", f"WHERE {{\n  VALUES ?graph {{ {values} }}", 1)
        for row in store.query(query, use_default_graph_as_union=False):
            report.violations.append(Violation(
                graph=row["graph"].value, focus=row["focus"].value, path=row["path"].value,
                message=f"{message} This release: {row['value'].value}; {row['other'].value}: {row['otherValue'].value}.",
                shape=f"rules/{name}.rq", value=row["value"].value))
    report.violations.sort()
    return report
