"""The candidates of the reconciliation service, scored from the labels and aliases kg holds.

Runs in a query worker: the organisations (skos:prefLabel and skos:altLabel, in Japanese and
English) and the meetings (their names, their series' names and aliases, ordinal, date and
place) are read once per worker into an index of character bigrams, so that a query is compared
only with the candidates sharing some of its characters.

A score is 0 to 100: 100 when the query is one of the candidate's labels (after NFKC, case
folding and dropping spaces and punctuation), else the similarity of the closest label
(difflib's ratio), at least 60 plus 40 times the length ratio when one contains the other. For a
meeting, numbers in the query are read as the ordinal (第6回, 6th, (6)): a meeting with another
ordinal keeps half its score. A property given with the query (ordinal, start, country) halves
the score of a candidate that differs, and takes a tenth from one that does not say. `match` is
true only for a sole candidate at 100.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import pyoxigraph as ox

from ..config import BASE
from ..rdf.vocab import KG
from .answers import JobError

TYPES = {"Organization": "Organization", "Meeting": "Meeting"}
TYPE_ALIASES = {"http://www.w3.org/ns/org#Organization": "Organization", "org:Organization": "Organization",
                "https://schema.org/Organization": "Organization", "https://schema.org/Event": "Meeting",
                "schema:Event": "Meeting", "Event": "Meeting"}
PROPERTIES = {"ordinal": "the meeting's ordinal (第N回)", "start": "the meeting's first day (YYYY-MM-DD)",
              "country": "the organisation's country (ISO 3166 alpha-2)"}
SHORTLIST = 200

ORGS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX kg: <%s>
SELECT ?x ?p ?label ?country WHERE {
  ?x a org:Organization .
  { ?x skos:prefLabel ?label BIND("pref" AS ?p) } UNION { ?x skos:altLabel ?label BIND("alt" AS ?p) }
  OPTIONAL { ?x kg:country ?c . BIND(REPLACE(STR(?c), "^.*/", "") AS ?country) }
}""" % KG

MEETINGS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX cv: <http://data.europa.eu/m8g/>
SELECT ?x ?p ?label ?ordinal ?start ?place WHERE {
  ?x a schema:Event .
  OPTIONAL { ?x cv:eventNumber ?ordinal }
  OPTIONAL { ?x schema:startDate ?start }
  OPTIONAL { ?x schema:location/skos:prefLabel ?place FILTER(LANG(?place) = "ja") }
  { ?x schema:name ?label BIND("pref" AS ?p) }
  UNION { ?x schema:superEvent ?series . ?series skos:prefLabel|schema:name ?label BIND("series" AS ?p) }
  UNION { ?x schema:superEvent ?series . ?series skos:altLabel ?label BIND("alt" AS ?p) }
}"""

_DROP = re.compile(r"[\s\u3000・,.、。()（）\[\]「」『』\-‐–—/:;'\"’]+")
_ORDINAL = re.compile(r"第\s*(\d+)\s*回|(\d+)\s*(?:st|nd|rd|th)\b|\((\d+)\)|(?<![\d-])(\d{1,3})(?![\d-])")


def normalise(text: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def wants_japanese(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


@dataclass
class Candidate:
    iri: str
    kind: str                                     # Organization or Meeting
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # lang -> preferred names
    keys: set[str] = field(default_factory=set)    # every label, normalised
    facts: dict[str, str] = field(default_factory=dict)  # ordinal, start, place, country

    @property
    def id(self) -> str:
        return self.iri[len(BASE):] if self.iri.startswith(BASE) else self.iri

    def name(self, japanese: bool) -> str:
        for lang in (("ja", "en", "") if japanese else ("en", "ja", "")):
            if self.labels.get(lang):
                return sorted(self.labels[lang], key=lambda s: (len(s), s))[0]
        return self.id

    def description(self, japanese: bool) -> str:
        other = self.name(not japanese)
        parts = [other] if other != self.name(japanese) else []
        if self.kind == "Meeting":
            parts += [f"第{self.facts['ordinal']}回" if self.facts.get("ordinal") else "",
                      self.facts.get("start", ""), self.facts.get("place", "")]
        elif self.facts.get("country"):
            parts.append(self.facts["country"])
        return " · ".join(p for p in parts if p)


class Index:
    def __init__(self, candidates: list[Candidate]):
        self.candidates = {c.id: c for c in candidates}
        self.grams: dict[str, set[str]] = defaultdict(set)
        for c in candidates:
            for key in c.keys:
                for g in bigrams(key):
                    self.grams[g].add(c.id)

    @classmethod
    def of(cls, store: ox.Store) -> "Index":
        found: dict[str, Candidate] = {}
        for kind, query, facts in (("Organization", ORGS, ("country",)),
                                   ("Meeting", MEETINGS, ("ordinal", "start", "place"))):
            for s in store.query(query, use_default_graph_as_union=True):
                iri = s["x"].value
                c = found.setdefault(iri, Candidate(iri, kind))
                label = s["label"]
                c.keys.add(normalise(label.value))
                if s["p"].value == "pref":
                    c.labels[label.language or ""].add(label.value)
                for var in facts:
                    if s[var] is not None:
                        c.facts[var] = s[var].value
        return cls(list(found.values()))

    def shortlist(self, text: str, kind: str | None) -> list[Candidate]:
        counts: Counter[str] = Counter()
        for g in bigrams(text):
            counts.update(self.grams.get(g, ()))
        chosen = [self.candidates[i] for i, _n in counts.most_common()]
        return [c for c in chosen if kind is None or c.kind == kind][:SHORTLIST]


def label_score(query: str, keys: set[str]) -> float:
    best = 0.0
    for key in keys:
        if key == query:
            return 100.0
        score = SequenceMatcher(None, query, key).ratio() * 100
        if query and key and (query in key or key in query):
            score = max(score, 60 + 40 * min(len(query), len(key)) / max(len(query), len(key)))
        best = max(best, score)
    return best


def ordinals(text: str) -> set[str]:
    text = unicodedata.normalize("NFKC", text)
    return {next(g for g in m.groups() if g) for m in _ORDINAL.finditer(text)}


def without_ordinals(text: str) -> str:
    return _ORDINAL.sub(" ", unicodedata.normalize("NFKC", text))


def score(candidate: Candidate, text: str, properties: dict[str, str]) -> float:
    numbers = ordinals(text) if candidate.kind == "Meeting" else set()
    query = normalise(without_ordinals(text) if numbers else text)
    value = label_score(query, candidate.keys)
    if numbers and candidate.facts.get("ordinal") not in numbers:
        value /= 2
    for pid, wanted in properties.items():
        have = candidate.facts.get(pid)
        if have is None:
            value *= 0.9  # not known: below a candidate known to agree
        elif normalise(str(wanted)) != normalise(have):
            value /= 2
    return round(value, 1)


def type_of(value) -> str | None:
    """A query's type (a string, or a list whose first item counts) as one of TYPES, else None."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("id")
    if value is None:
        return None
    value = str(value)
    found = TYPES.get(value) or TYPE_ALIASES.get(value)
    if found is None:
        raise JobError(400, f"unknown type {value!r}: this service knows Organization and Meeting")
    return found


def _properties(query: dict) -> dict[str, str]:
    found = {}
    for item in query.get("properties") or []:
        if isinstance(item, dict) and item.get("pid") in PROPERTIES and item.get("v") not in (None, ""):
            v = item["v"]
            found[item["pid"]] = str(v.get("id", v.get("name", "")) if isinstance(v, dict) else v)
    return found


_INDEX: dict[int, Index] = {}


def index(store: ox.Store) -> Index:
    """The worker's index, built at its first reconciliation job (the store a worker reads never changes)."""
    if id(store) not in _INDEX:
        _INDEX.clear()
        _INDEX[id(store)] = Index.of(store)
    return _INDEX[id(store)]


def entry(c: Candidate, japanese: bool, value: float | None = None) -> dict:
    found = {"id": c.id, "name": c.name(japanese), "description": c.description(japanese),
             "type": [{"id": c.kind, "name": c.kind}]}
    if value is not None:
        found["score"] = value
    return found


def reconcile(store: ox.Store, queries: dict) -> dict:
    """Answers to a batch of queries, {key: {"result": [candidates, best first]}}."""
    idx = index(store)
    answers = {}
    for key, query in queries.items():
        if not isinstance(query, dict) or not isinstance(query.get("query"), str):
            raise JobError(400, f"query {key!r} needs a \"query\" string")
        text, kind = query["query"], type_of(query.get("type"))
        limit = query.get("limit") or 5
        if not isinstance(limit, int) or limit < 1:
            raise JobError(400, f"query {key!r}: limit must be a positive integer")
        props = _properties(query)
        probe = normalise(without_ordinals(text) if kind != "Organization" else text) or normalise(text)
        scored = sorted(((score(c, text, props), c) for c in idx.shortlist(probe, kind)),
                        key=lambda sc: (-sc[0], sc[1].id))
        scored = [(v, c) for v, c in scored if v > 0][:limit]
        japanese = wants_japanese(text)
        result = [{**entry(c, japanese, v), "match": False} for v, c in scored]
        if result and scored[0][0] == 100 and (len(scored) == 1 or scored[1][0] < 100):
            result[0]["match"] = True
        answers[key] = {"result": result}
    return answers


def suggest(store: ox.Store, kind: str, prefix: str, type: str | None = None) -> dict:
    """The suggest services: entities, types or properties whose names begin with (or hold) `prefix`."""
    if kind == "type":
        return {"result": [{"id": t, "name": t} for t in TYPES if normalise(prefix) in normalise(t)]}
    if kind == "property":
        return {"result": [{"id": p, "name": p, "description": d} for p, d in PROPERTIES.items()
                           if normalise(prefix) in normalise(p)]}
    wanted, japanese = type_of(type), wants_japanese(prefix)
    probe = normalise(prefix)
    found = []
    for c in index(store).shortlist(probe, wanted) if probe else []:
        starts = any(k.startswith(probe) for k in c.keys)
        if starts or any(probe in k for k in c.keys):
            found.append((0 if starts else 1, c.name(japanese), c))
    found.sort(key=lambda f: (f[0], len(f[1]), f[1]))
    return {"result": [entry(c, japanese) for _r, _n, c in found[:10]]}


def preview(store: ox.Store, id: str) -> dict | None:
    """What the preview shows of one candidate: its names, type and description."""
    c = index(store).candidates.get(id)
    if c is None:
        return None
    return {"id": c.id, "iri": c.iri, "kind": c.kind, "ja": c.name(True), "en": c.name(False),
            "description": c.description(True)}


JOBS = {"reconcile": reconcile, "suggest": suggest, "preview": preview}
