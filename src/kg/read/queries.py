"""Saved SPARQL queries: queries/<name>.rq, each opening with a comment header.

    # summary: one line that `kg queries` shows
    # param: subject (iri) the node whose facts to trace
    # columns: subject, predicate, object, quote, start, end, release_url

Parameters are bound as RDF terms through Oxigraph's substitutions, never pasted into the text.
"""
from __future__ import annotations

import csv
import difflib
import io
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ..config import BASE, QUERIES_DIR
from ..rdf.prefixes import PREFIXES
from ..errors import EndpointError, QueryError
from . import tables

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = {"iri", "string", "date", "integer", "lang"}


@dataclass
class Param:
    name: str
    type: str
    description: str = ""


@dataclass
class SavedQuery:
    name: str
    path: Path
    text: str
    summary: str = ""
    columns: list[str] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    filters: list[str] = field(default_factory=list)  # which of FILTERS it takes (a row-per-meeting query)


_HEADER = re.compile(r"^#\s*(summary|param|columns|note|filters)\s*:\s*(.*)$")

# The filters a row-per-meeting query may take (`# filters: series, org, since, until`): each keeps the
# rows whose meeting, in the release graph the row comes from (?g, ?meeting in the query), has ...
FILTERS = {
    "series": Param("series", "iri", "only meetings of this series (its IRI, series/KEY, or the KEY)"),
    "org": Param("org", "iri", "only meetings this organisation hosted or attended (its IRI, org/KEY, or the KEY)"),
    "since": Param("since", "date", "only meetings that started on or after this day (YYYY-MM-DD)"),
    "until": Param("until", "date", "only meetings that started on or before this day (YYYY-MM-DD)"),
}
_FILTER_PATTERNS = {
    "series": "GRAPH ?g {{ ?meeting <https://schema.org/superEvent> {0} }}",
    "org": "GRAPH ?g {{ {{ ?meeting <https://schema.org/organizer> {0} }} UNION {{ ?meeting <https://schema.org/attendee> {0} }} }}",
    "since": "GRAPH ?g {{ ?meeting <https://schema.org/startDate> ?kg_day FILTER(?kg_day >= {0}) }}",
    "until": "GRAPH ?g {{ ?meeting <https://schema.org/startDate> ?kg_day FILTER(?kg_day <= {0}) }}",
}
_PARAM = re.compile(r"^(\w+)\s*\((\w+)\)\s*(.*)$")


def load_query(path: Path) -> SavedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read the query: {exc}", where=str(path)) from exc
    q = SavedQuery(name=path.stem, path=path, text=text)
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.groups()
        if key == "summary":
            q.summary = value.strip()
        elif key == "columns":
            q.columns = [c.strip() for c in value.split(",") if c.strip()]
        elif key == "note":
            q.notes.append(value.strip())
        elif key == "filters":
            q.filters = [f.strip() for f in value.split(",") if f.strip() in FILTERS]
        else:
            q.params.append(_param(value, path))
    return q


def _param(value: str, path: Path) -> Param:
    m = _PARAM.match(value.strip())
    if not m or m.group(2) not in PARAM_TYPES:
        raise QueryError(f"bad parameter line {value!r}", where=str(path),
                         hint=f"write `# param: name (type) description`, type one of {sorted(PARAM_TYPES)}")
    return Param(m.group(1), m.group(2), m.group(3).strip())


def saved_queries(directory: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    return {p.stem: load_query(p) for p in sorted(directory.glob("*.rq"))}


def find_query(name_or_file: str) -> SavedQuery:
    """A .rq file (a name ending in .rq, or a file that exists), else a saved query by name.

    A folder of that name (./releases, where `kg fetch` saves) does not hide the saved query."""
    path = Path(name_or_file)
    if name_or_file.endswith(".rq") or path.is_file():
        if not path.is_file():
            raise QueryError(f"no query file {name_or_file}")
        return load_query(path)
    queries = saved_queries()
    if name_or_file not in queries:
        close = difflib.get_close_matches(name_or_file, list(queries), n=3, cutoff=0.6)
        hint = ("did you mean " + " or ".join(close) + "?" if close else "`kg queries` lists them: "
                + ", ".join(queries))
        raise QueryError(f"no saved query named {name_or_file!r}", hint=hint)
    return queries[name_or_file]


def bind(query: SavedQuery, values: dict[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """The query's parameters as RDF terms (its filters, which are not variables of the query, are
    checked here and given by `filter_terms`)."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared) - set(query.filters))
    if unknown:
        raise QueryError(f"query {query.name!r} has no parameter {', '.join(unknown)}",
                         hint="its parameters: " + (", ".join(list(declared) + query.filters) or "none"))
    filter_terms(query, values)
    return {ox.Variable(name): _term(declared[name], value) for name, value in values.items() if name in declared}


def filter_terms(query: SavedQuery, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """The filters given (-p series=… org=… since=… until=…) as RDF terms; a series or an organisation
    may be given by its key (jp-us-ied), its path (series/jp-us-ied) or its IRI."""
    out = {}
    for name in query.filters:
        if name in values and name not in {p.name for p in query.params}:
            value = values[name]
            if FILTERS[name].type == "iri" and re.match(r"^[\w.-]+$", value):
                value = f"{name}/{value}"
            out[name] = _term(FILTERS[name], value)
    return out


def with_filters(text: str, terms: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query text with a FILTER EXISTS for each filter, opening its WHERE clause (each term written
    by pyoxigraph as N-Triples, never pasted from the user's text)."""
    if not terms:
        return text
    at = where_brace(text)
    added = "".join(f"\n  FILTER EXISTS {{ {_FILTER_PATTERNS[k].format(str(t))} }}" for k, t in terms.items())
    return f"{text[:at]}{added}\n{text[at:]}"


# What may come before the WHERE clause's opening brace that could hide a brace: comments, strings, IRIs.
_TOKENS = re.compile(r"""#[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|\{""")


def where_brace(text: str) -> int:
    """The position just after the brace that opens a SELECT query's WHERE clause (its first brace that
    is not in a comment, a string or an IRI: the clauses before it hold none)."""
    for token in _TOKENS.finditer(text):
        if token.group() == "{":
            return token.end()
    raise QueryError("the query has no WHERE clause to bind its parameters in")


def _term(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    if param.type == "iri":
        if re.match(r"^[a-z]+/[^\s:]+$", value):  # a path under the base, as tables show IRIs
            value = BASE + value
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
            raise QueryError(f"parameter {param.name} wants an IRI, got {value!r}",
                             hint="give an absolute IRI such as https://kg.example.org/org/jp-mic")
        return ox.NamedNode(value)
    if param.type == "date":
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise QueryError(f"parameter {param.name} wants a date YYYY-MM-DD, got {value!r}")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
    if param.type == "integer":
        if not re.match(r"^-?\d+$", value):
            raise QueryError(f"parameter {param.name} wants a whole number, got {value!r}")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    return ox.Literal(value)


class Rows(list):
    """A query's rows (dicts of Python values keyed by column name), with its `columns` in order."""

    def __init__(self, columns: list[str], rows=()):
        super().__init__(rows)
        self.columns = list(columns)

    def render(self, fmt: str, width_limit: int | None = None, cell_limit: int = 48,
               wide_ambiguous: bool = False) -> str:
        """The rows as `table` (aligned text: cells cut to `cell_limit` columns, the table to
        `width_limit`; East Asian Ambiguous characters count two columns with `wide_ambiguous`),
        `csv`, `tsv` or `json` (an array of objects)."""
        if fmt == "table":
            return table(self.columns, self, limit=cell_limit, max_width=width_limit, wide_ambiguous=wide_ambiguous)
        return render(self.columns, self, fmt, width_limit)


def run(store: ox.Store, query: SavedQuery, values: dict[str, str] | None = None, *, limit: int | None = None,
        offset: int = 0, folder: Path | str | None = None) -> Rows:
    """Run a SELECT query; rows are dicts of Python values keyed by column name, from `offset` on and at
    most `limit` of them. `store` may also be a remote endpoint (kg.read.remote.Endpoint), which
    gives the same rows. With the store's `folder`, a query kept as a table (kg.read.tables) is
    read from it when the table is the store's."""
    values = values or {}
    substitutions = _checked(query, values)
    filters = filter_terms(query, values)
    if not isinstance(store, ox.Store):
        remote = SavedQuery(query.name, query.path, with_filters(query.text, filters), query.summary, query.columns,
                            query.params, query.notes, query.filters)
        return _page(store.select(remote, substitutions), limit, offset)
    table = _table(store, folder, query)
    if table is not None:
        found = table.rows(query.name, group=_group(query, values), filters=_plain(filters), limit=limit,
                           offset=offset)
        return Rows(query.columns, tables.Render(query.columns).dicts(found))
    try:
        solutions = store.query(with_filters(query.text, filters), use_default_graph_as_union=True,
                                substitutions=substitutions)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("only SELECT queries can be printed as rows", where=str(query.path),
                             hint="use `kg export` for graphs")
        columns = [v.value for v in solutions.variables]
        # A solution iterates over its values in the order of the variables. SERVICE calls happen here.
        chosen = itertools.islice(solutions, offset, None if limit is None else offset + limit)
        rows = [dict(zip(columns, map(_value, sol))) for sol in chosen]
    except SyntaxError as exc:
        raise QueryError(f"the query does not parse: {exc}", where=str(query.path)) from exc
    except RuntimeError as exc:  # Oxigraph: a parameter bound to a variable the SELECT does not project
        if "does not contain" in str(exc) and "variable" in str(exc):
            names = ", ".join(f"?{k}" for k in values)
            raise QueryError(f"a parameter ({names}) is not a variable of the query's SELECT list, so it cannot be "
                             "bound", where=str(query.path),
                             hint="add the variable to SELECT, or give the parameter another name") from exc
        raise QueryError(f"the query failed: {exc}", where=str(query.path)) from exc
    except OSError as exc:
        services = re.findall(r"SERVICE\s+(?:SILENT\s+)?<([^>]+)>", query.text, flags=re.IGNORECASE)
        if services:
            raise EndpointError(f"this query is online only and could not reach {', '.join(services)}: {exc}",
                                where=str(query.path),
                                hint="connect to the network; offline, run `kg link --enrich` once and use `kg query links`") from exc
        raise QueryError(f"the query failed: {exc}", where=str(query.path)) from exc
    return Rows(columns, rows)


def listing(store: ox.Store, query: SavedQuery, values: dict[str, str], fmt: str, *, limit: int | None = None,
            offset: int = 0, folder: Path | str | None = None) -> tuple[str, int] | None:
    """A query's rows written out in `fmt` (csv, tsv, json) straight from its table, with the number of
    rows; None when the query is not kept as a table the store's folder holds (then use `run`)."""
    _checked(query, values)
    table = _table(store, folder, query) if fmt in ("csv", "tsv", "json") else None
    if table is None:
        return None
    found = table.rows(query.name, group=_group(query, values), filters=_plain(filter_terms(query, values)),
                       limit=limit, offset=offset)
    return tables.Render(query.columns).text(fmt, found), len(found)


def _checked(query: SavedQuery, values: dict[str, str]) -> dict:
    substitutions = bind(query, values)
    missing = [p.name for p in query.params if p.name not in values]
    if missing:
        raise QueryError(f"query {query.name!r} needs -p {missing[0]}=VALUE",
                         hint="; ".join(f"{p.name} ({p.type}): {p.description}" for p in query.params))
    return substitutions


def _table(store: ox.Store, folder: Path | str | None, query: SavedQuery):
    if folder is None or query.name not in tables.TABLED or query.path.parent != QUERIES_DIR:
        return None
    found = tables.Tables.open(folder, tables.generation(store, folder))
    if found is not None and not found.has(query.name, query.text):
        found.close()
        return None
    return found


def _group(query: SavedQuery, values: dict[str, str]) -> str | None:
    name = tables.TABLED.get(query.name)
    if not name:
        return None
    param = next(p for p in query.params if p.name == name)
    return _term(param, values[name]).value


def _plain(terms: dict[str, ox.NamedNode | ox.Literal]) -> dict[str, str]:
    return {k: t.value for k, t in terms.items()}


def _page(rows: Rows, limit: int | None, offset: int) -> Rows:
    if not offset and limit is None:
        return rows
    return Rows(rows.columns, rows[offset:None if limit is None else offset + limit])


_XSD_STRING = ox.NamedNode(XSD + "string")


def _value(term) -> object:
    """python_value, with the common cases first: IRIs, language-tagged and plain strings (a large
    result has hundreds of thousands of cells)."""
    if type(term) is ox.Literal:
        if term.language is None and term.datatype != _XSD_STRING:
            return python_value(term)
        return term.value
    return None if term is None else term.value


def python_value(term) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger"):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt == XSD + "decimal" or dt == XSD + "double":
            return float(term.value)
        if dt == XSD + "boolean":
            return term.value == "true"
        return term.value
    return term.value


def render(columns: list[str], rows: list[dict], fmt: str, width_limit: int | None = None) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in map(row.__getitem__, columns)] for row in rows)
        return out.getvalue()
    return table(columns, rows, max_width=width_limit)


def width(text: str, wide_ambiguous: bool = False) -> int:
    """Display columns: East Asian Wide and Fullwidth characters count two, Ambiguous ones (─, …) too
    when the terminal draws them wide."""
    wide = "WFA" if wide_ambiguous else "WF"
    return sum(2 if unicodedata.east_asian_width(ch) in wide else 1 for ch in text)


def _cell(value: object, limit: int, wide_ambiguous: bool = False) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    if "://" in text[:12]:
        text = short_iri(text)
    return fit_width(text, limit, wide_ambiguous=wide_ambiguous)


@lru_cache(maxsize=1)
def _namespaces() -> list[tuple[str, str]]:
    return sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def short_iri(text: str) -> str:
    """Well-known namespaces as prefixes (schema:name); the project's own IRIs as paths under the base."""
    for prefix, ns in _namespaces():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text[len(BASE):] if text.startswith(BASE) else text


def fit_width(text: str, limit: int, reserve: int | None = None, wide_ambiguous: bool = False) -> str:
    """The text cut to `limit` display columns (a wide CJK character counts two), ending in … when cut;
    `reserve` is the room left for the ellipsis (its own width by default)."""
    if width(text, wide_ambiguous) <= limit:
        return text
    reserve = width("…", wide_ambiguous) if reserve is None else reserve
    out = ""
    for ch in text:
        if width(out + ch, wide_ambiguous) > limit - reserve:
            break
        out += ch
    return out + "…"


def table(columns: list[str], rows: list[dict], limit: int = 48, max_width: int | None = None,
          wide_ambiguous: bool = False) -> str:
    """An aligned text table; East Asian wide characters count as two columns (Ambiguous ones too,
    with `wide_ambiguous`, and the rule under the header is then drawn with '-').

    IRIs under the base are shown as paths (meeting/jp-us-ied/6); an iri parameter takes that form too.
    With `max_width` (a terminal's width) long cells are cut further until the table fits.
    """
    while True:
        cells = [[_cell(r[c], limit, wide_ambiguous) for c in columns] for r in rows]
        widths = [max([width(c, wide_ambiguous)] + [width(row[i], wide_ambiguous) for row in cells])
                  for i, c in enumerate(columns)]
        if max_width is None or sum(widths) + 2 * (len(widths) - 1) <= max_width or limit <= 12:
            break
        limit -= 4

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - width(v, wide_ambiguous)) for v, w in zip(values, widths)).rstrip()

    rule = "-" if wide_ambiguous else "─"
    out = [line(columns), line([rule * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
