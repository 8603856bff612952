"""What an entity's HTML page shows, built from the rows of the serve/queries/entity-*.rq queries.

Pure: rows in, a view out. A term is the tuple worker.plain() makes: (kind, value, lang, datatype).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..rdf import iris
from ..config import BASE
from ..rdf.vocab import CV, DCTERMS, PREFIXES, RDF, RDFS, SCHEMA, SKOS

LABELS = [str(SKOS.prefLabel), str(SCHEMA.name), str(RDFS.label), str(DCTERMS.title)]
BASE_PATH = urlsplit(BASE).path or "/"
_RELEASE_GRAPH = str(iris.graph_iri("x"))[:-1]


def local_path(iri: str) -> str | None:
    """The path on this server of an IRI under the base, else None."""
    return BASE_PATH + iri[len(BASE):] if iri.startswith(BASE) else None


def href(iri: str) -> str | None:
    """Where a link to an IRI should go: its page here, the IRI itself if it is a web address, else nowhere."""
    local = local_path(iri)
    if local is not None:
        return local
    return iri if iri.startswith(("http://", "https://")) else None


def iri_for_path(path: str) -> str | None:
    """The entity IRI a request path stands for, or None when the path is outside the base."""
    if not path.startswith(BASE_PATH) or path == BASE_PATH:
        return None
    return BASE + path[len(BASE_PATH):]


def short(iri: str) -> str:
    """An IRI as people read it: its path under the base (org/jp-mic), else a prefixed name."""
    return iri[len(BASE):] if iri.startswith(BASE) and len(iri) > len(BASE) else curie(iri)


def curie(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return iri


@dataclass
class Quote:
    text: str
    start: str
    end: str
    release: str
    release_href: str | None
    release_title: str
    release_url: str | None
    issued: str | None
    prefix: str = ""  # the rest of the sentence around the quoted words
    suffix: str = ""


@dataclass
class Value:
    term: tuple
    label: str
    label_en: str | None
    href: str | None
    source: str
    source_href: str | None
    quotes: list[Quote] = field(default_factory=list)
    detail: str = ""
    kind: str = ""


@dataclass
class Group:
    predicate: str
    label: str
    label_en: str | None
    values: list[Value] = field(default_factory=list)


@dataclass
class Outcome:
    iri: str
    text: str
    kind: str
    kind_en: str


@dataclass
class MeetingRow:
    """A meeting the entity hosted or attended, and what it agreed."""
    iri: str
    name: str
    detail: str
    start: str
    roles: list[str]
    outcomes: list[Outcome] = field(default_factory=list)


@dataclass
class EntityView:
    iri: str
    labels: dict[str, list[str]]
    types: list[Value]
    facts: list[Group]
    incoming: list[Group]
    meetings: list[MeetingRow] = field(default_factory=list)

    @property
    def subtitle(self) -> str:
        """For a meeting: its ordinal and date, which its name alone does not tell."""
        found = {g.predicate: g.values[0].term for g in self.facts if g.values}
        return _detail(found.get(str(CV.eventNumber)), found.get(str(SCHEMA.startDate)))

    @property
    def title(self) -> str:
        for lang in ("ja", "en", ""):
            if self.labels.get(lang):
                return self.labels[lang][0]
        return curie(self.iri)


def term_label(term: tuple | None, ja: tuple | None = None, en: tuple | None = None) -> str:
    if ja:
        return ja[1]
    if en:
        return en[1]
    if term is None:
        return ""
    if term[0] == "uri":
        return term[1][len(BASE):] if term[1].startswith(BASE) else curie(term[1])
    return term[1]


def source_of(graph: tuple | None) -> tuple[str, str | None]:
    """Where a statement is stored, in words, and the page of its release when it came from one."""
    g = graph[1] if graph else ""
    if g.startswith(_RELEASE_GRAPH):
        rid = g[len(_RELEASE_GRAPH):]
        return f"release {rid}", local_path(str(iris.release_iri(rid)))
    if g == str(iris.REFERENCE_GRAPH):
        return "reference data", None
    return curie(g) if g else "", None


def _quotes(rows: list[dict]) -> dict[tuple, list[Quote]]:
    found: dict[tuple, list[Quote]] = defaultdict(list)
    for r in rows:
        rel = r["release"][1]
        found[(r["s"][1], r["p"][1], r["o"])].append(Quote(
            text=r["quote"][1], start=r["start"][1], end=r["end"][1], release=rel,
            prefix=r["prefix"][1] if r.get("prefix") else "", suffix=r["suffix"][1] if r.get("suffix") else "",
            release_href=local_path(rel), release_title=(r["release_title"] or ("", rel))[1],
            release_url=r["release_url"][1] if r["release_url"] else None,
            issued=r["issued"][1] if r["issued"] else None))
    return found


def _detail(number: tuple | None, when: tuple | None) -> str:
    """What tells apart meetings of one series: the ordinal and the date."""
    parts = [f"第{number[1]}回" if number else "", when[1] if when else ""]
    return " · ".join(p for p in parts if p)


def _group(groups: dict[str, Group], p: tuple, pj, pe) -> Group:
    if p[1] not in groups:
        groups[p[1]] = Group(p[1], term_label(p, pj, pe), pe[1] if pe and pj else None)
    return groups[p[1]]


def meeting_rows(rows: list[dict]) -> list[MeetingRow]:
    found: dict[str, MeetingRow] = {}
    for r in rows:
        m = r["meeting"][1]
        if m not in found:
            found[m] = MeetingRow(m, term_label(r["meeting"], r["name"]), _detail(r["number"], None),
                                  r["start"][1] if r["start"] else "", [])
        row = found[m]
        if r["role"][1] not in row.roles:
            row.roles.append(r["role"][1])
        if r["outcome"] and r["outcome"][1] not in {o.iri for o in row.outcomes}:
            row.outcomes.append(Outcome(r["outcome"][1], r["text"][1] if r["text"] else "",
                                        r["kind_ja"][1] if r["kind_ja"] else "",
                                        r["kind_en"][1] if r["kind_en"] else ""))
    return sorted(found.values(), key=lambda m: (m.start or "9999", m.iri))


def entity_view(iri: str, facts: list[dict], incoming: list[dict], provenance: list[dict],
                meetings: list[dict] | None = None) -> EntityView:
    quotes = _quotes(provenance)
    labels: dict[str, list[str]] = defaultdict(list)
    out: dict[str, Group] = {}
    types: list[Value] = []
    for r in facts:
        p, o = r["p"], r["o"]
        source, source_href = source_of(r["g"])
        value = Value(o, term_label(o, r["o_ja"], r["o_en"]), r["o_en"][1] if r["o_en"] and r["o_ja"] else None,
                      local_path(o[1]) if o[0] == "uri" else None, source, source_href,
                      quotes.get((iri, p[1], o), []), _detail(r["o_number"], r["o_date"]))
        if p[1] in LABELS and o[0] == "literal" and o[1] not in labels[o[2] or ""]:
            labels[o[2] or ""].append(o[1])
        if p[1] == str(RDF.type):
            types.append(value)
        else:
            _group(out, p, r["p_ja"], r["p_en"]).values.append(value)
    into: dict[str, Group] = {}
    for r in incoming:
        s, p = r["s"], r["p"]
        source, source_href = source_of(r["g"])
        _group(into, p, r["p_ja"], r["p_en"]).values.append(Value(
            s, term_label(s, r["s_ja"], r["s_en"]), r["s_en"][1] if r["s_en"] and r["s_ja"] else None,
            local_path(s[1]) if s[0] == "uri" else None, source, source_href,
            quotes.get((s[1], p[1], ("uri", iri, None, None)), []), _detail(r["s_number"], r["s_date"]),
            r["s_kind"][1] if r.get("s_kind") else ""))
    return EntityView(iri, dict(labels), types, list(out.values()), list(into.values()),
                      meeting_rows(meetings or []))
