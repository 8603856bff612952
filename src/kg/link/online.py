"""Proposing Wikidata links for entities that have none: match by label, then check type and country.

For each entity the endpoint is asked for items whose ja/en label or alias is one of the entity's
names (data/links/sparql/candidates.rq). Each item gets a score from 0 to 1:
- names: 0.5 when our preferred name is the item's label, 0.4 when one side's name is only an
  alias, 0.3 when both are aliases; +0.1 when it matches in both Japanese and English;
- type: +0.25 when a class of the item (P31) has a word of the entity's kind in its English label
  (data/links/types.tsv);
- country: +0.15 when the item's country (P17) is the Wikidata item of the entity's country,
  -0.25 when the item names other countries only.
The best candidate is accepted when it reaches the threshold and no other candidate ties with it;
the others are kept as proposed, for `kg link --review`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from string import Template

import pyoxigraph as ox

from ..config import DATA_DIR
from .alignments import Alignment, entity_iri, entity_key
from .sparql import SparqlClient
from ..rdf.vocab import KG, ORG, RDF, SCHEMA, SKOS, WD

SPARQL_DIR = DATA_DIR / "links" / "sparql"
KINDS = {ORG.Organization: "org", SCHEMA.Place: "place", SCHEMA.Country: "country", SCHEMA.EventSeries: "series"}
PREFERRED = (SKOS.prefLabel, SCHEMA.name)
MAX_NAMES = 12
MIN_ALIAS = 2  # one-character short forms (日, 米) would match anything
KEEP = 5


@dataclass
class Entity:
    key: str
    names: dict[tuple[str, str], bool] = field(default_factory=dict)  # (text, lang) -> preferred?
    country: str | None = None  # the key of its country, such as country/JP

    @property
    def kind(self) -> str:
        return self.key.split("/", 1)[0]


def entities(store: ox.Store) -> dict[str, Entity]:
    """Our organisations, places, countries and series in the store, with their ja/en names."""
    found: dict[str, Entity] = {}
    for cls in KINDS:
        for q in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(cls)), None):
            key = entity_key(q.subject.value) if isinstance(q.subject, ox.NamedNode) else None
            if key and key.startswith(KINDS[cls] + "/"):
                found.setdefault(key, Entity(key))
    for key, entity in found.items():
        node = ox.NamedNode(str(entity_iri(key)))
        for prop in (*PREFERRED, SKOS.altLabel):
            for q in store.quads_for_pattern(node, ox.NamedNode(str(prop)), None, None):
                lang = q.object.language if isinstance(q.object, ox.Literal) else None
                preferred = prop in PREFERRED
                if lang in ("ja", "en") and (preferred or len(q.object.value) >= MIN_ALIAS):
                    name = (q.object.value, lang)
                    entity.names[name] = entity.names.get(name, False) or preferred
        for q in store.quads_for_pattern(node, ox.NamedNode(str(KG.country)), None, None):
            entity.country = entity_key(q.object.value)
    return found


def load_words(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    path = path or DATA_DIR / "links" / "types.tsv"
    words: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#") and not line.startswith("kind\t"):
            kind, _, cell = line.partition("\t")
            words[kind.strip()] = tuple(w.strip().lower() for w in cell.split("|") if w.strip())
    return words


def candidates_query(entity: Entity) -> str:
    names = sorted(entity.names.items(), key=lambda item: (not item[1], item[0][1], item[0][0]))[:MAX_NAMES]
    values = " ".join(str(ox.Literal(text, language=lang)) for (text, lang), _ in names)
    template = (SPARQL_DIR / "candidates.rq").read_text(encoding="utf-8")
    return Template(template).substitute(names=values)


@dataclass
class _Item:
    matches: set[tuple[str, str, bool]] = field(default_factory=set)  # (how, lang, our name preferred?)
    label: str = ""
    types: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)


def _items(entity: Entity, answer: dict) -> dict[str, _Item]:
    items: dict[str, _Item] = defaultdict(_Item)
    for b in answer["results"]["bindings"]:
        qid = b["item"]["value"].removeprefix(str(WD))
        item = items[qid]
        name = (b["name"]["value"], b["name"].get("xml:lang", ""))
        item.matches.add((b["how"]["value"], name[1], entity.names.get(name, False)))
        item.label = item.label or b.get("labelJa", b.get("labelEn", {})).get("value", "")
        if "typeLabel" in b:
            item.types.add(b["typeLabel"]["value"].lower())
        if "country" in b:
            item.countries.add(b["country"]["value"])
    return items


def score(entity: Entity, item: _Item, words: tuple[str, ...], country: str | None) -> Decimal:
    best = Decimal(0)
    for how, _lang, preferred in item.matches:
        points = Decimal("0.5") - Decimal("0.1") * ((how == "alias") + (not preferred))
        best = max(best, points)
    if len({lang for _h, lang, _p in item.matches}) > 1:
        best += Decimal("0.1")
    if any(w in t for t in item.types for w in words):
        best += Decimal("0.25")
    if country and item.countries:
        best += Decimal("0.15") if country in item.countries else Decimal("-0.25")
    return min(max(best, Decimal(0)), Decimal(1)).quantize(Decimal("0.01"))


def propose(entity: Entity, client: SparqlClient, threshold: Decimal, words: dict[str, tuple[str, ...]],
            country: str | None) -> list[Alignment]:
    """Scored candidates for one entity, the best accepted when it clears the threshold alone."""
    if not entity.names:
        return []
    answer, fetched = client.select(candidates_query(entity))
    items = _items(entity, answer)
    scored = sorted(((score(entity, item, words.get(entity.kind, ()), country), qid, item.label)
                     for qid, item in items.items()), key=lambda s: (-s[0], int(s[1][1:])))[:KEEP]
    found = []
    for n, (points, qid, label) in enumerate(scored):
        alone = len(scored) == 1 or scored[1][0] < points
        status = "accepted" if n == 0 and points >= threshold and alone else "proposed"
        found.append(Alignment(entity.key, str(WD[qid]), "online", status, points, fetched, client.endpoint, label))
    return found
