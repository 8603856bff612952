"""Links from our organisations, places, countries and series to Wikidata and DBpedia.

The links live in a named graph of their own (iris.LINKS_GRAPH), rebuilt on every `kg link` from:
- the curated alignment file data/links/alignments.tsv (rows checked by hand, or accepted in review);
- online candidates (link_online.py) recorded in the links graph by an earlier `kg link --online`,
  kept as they are by an offline run;
- facts about the linked Wikidata items (link_enrich.py), likewise kept.
Each link is an `entity skos:exactMatch target` triple plus a kg:Alignment record saying where it
came from. Release graphs, the reference graph and the ontology graph are never touched.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from ..rdf import iris
from .. import store as store_mod
from ..config import BASE
from ..errors import ConfigError
from ..rdf.vocab import KG, PROV, RDF, SKOS, WD, XSD, bind_prefixes

COLUMNS = ["entity", "label", "wikidata", "dbpedia_en", "dbpedia_ja", "source", "score", "note"]
ENTITY = re.compile(r"^(org|place|country|series)/[^\s/<>\"{}|\\^`]+$")
QID = re.compile(r"^Q[1-9][0-9]*$")
DBPEDIA = {"dbpedia_en": re.compile(r"^http://dbpedia\.org/resource/\S+$"),
           "dbpedia_ja": re.compile(r"^http://ja\.dbpedia\.org/resource/\S+$")}
FILE_SOURCES = {"curated", "reviewed"}


@dataclass(frozen=True)
class Alignment:
    """One link, or one candidate link, from our entity (a key such as org/jp-mic) to a target IRI."""
    entity: str
    target: str
    source: str  # curated | reviewed | online
    status: str = "accepted"  # accepted | proposed
    score: Decimal | None = None
    time: str | None = None  # when an online answer was fetched (xsd:dateTime)
    endpoint: str | None = None
    label: str = ""  # the target's label, for review

    @property
    def is_wikidata(self) -> bool:
        return self.target.startswith(str(WD))

    @property
    def qid(self) -> str:
        return self.target.removeprefix(str(WD))


def entity_iri(key: str) -> URIRef:
    return URIRef(BASE + key)


def entity_key(iri: str) -> str | None:
    key = iri[len(BASE):] if iri.startswith(BASE) else ""
    return key if ENTITY.match(key) else None


# ---------------------------------------------------------------- the alignment file

def read_alignments(path: Path) -> list[Alignment]:
    """The rows of an alignment file as alignments (one per Wikidata or DBpedia target)."""
    if not path.exists():
        return []
    found: list[Alignment] = []
    for n, row in _rows(path):
        where = f"{path}:{n}"
        entity, source = row["entity"], row["source"] or "curated"
        if not ENTITY.match(entity):
            raise ConfigError(f"bad entity key {entity!r}", where=where,
                              hint="write org/<body key>, place/<key>, country/<alpha-2> or series/<key>")
        if source not in FILE_SOURCES:
            raise ConfigError(f"bad source {source!r}", where=where, hint="use curated or reviewed")
        score = _score(row["score"], where)
        if row["wikidata"]:
            if not QID.match(row["wikidata"]):
                raise ConfigError(f"bad Wikidata ID {row['wikidata']!r}", where=where, hint="write Q followed by digits")
            found.append(Alignment(entity, str(WD[row["wikidata"]]), source, score=score, label=row["label"]))
        for column, pattern in DBPEDIA.items():
            if row[column] and not pattern.match(row[column]):
                raise ConfigError(f"bad {column} IRI {row[column]!r}", where=where,
                                  hint="write http://dbpedia.org/resource/<title> (ja: http://ja.dbpedia.org/...)")
            if row[column]:
                found.append(Alignment(entity, row[column], source, score=score, label=row["label"]))
    return found


def _rows(path: Path):
    lines = [(n, ln) for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if ln.strip() and not ln.startswith("#")]
    if not lines:
        return
    header = lines[0][1].split("\t")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ConfigError(f"the header lacks {', '.join(missing)}", where=f"{path}:{lines[0][0]}",
                          hint="the columns are " + "\t".join(COLUMNS))
    for n, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise ConfigError("more cells than the header", where=f"{path}:{n}", hint="separate cells with one tab")
        yield n, {c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(header)}


def _score(text: str, where: str) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text)
    except ArithmeticError as exc:
        raise ConfigError(f"bad score {text!r}", where=where, hint="write a number from 0 to 1") from exc
    if not 0 <= value <= 1:
        raise ConfigError(f"score {text} is not between 0 and 1", where=where)
    return value


def append_alignment(path: Path, candidate: Alignment, note: str) -> None:
    """Write an accepted online candidate to the alignment file as a reviewed row."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\t".join(COLUMNS) + "\n", encoding="utf-8")
    row = {"entity": candidate.entity, "label": candidate.label, "wikidata": candidate.qid, "dbpedia_en": "",
           "dbpedia_ja": "", "source": "reviewed", "score": str(candidate.score or ""), "note": note}
    text = path.read_text(encoding="utf-8")
    with path.open("a", encoding="utf-8", newline="") as out:
        if text and not text.endswith("\n"):
            out.write("\n")
        csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                   escapechar="\\").writerow([row[c].replace("\t", " ") for c in COLUMNS])


# ---------------------------------------------------------------- the links graph

def alignment_node(a: Alignment) -> URIRef:
    return iris.iri("link", hashlib.sha1(f"{a.entity}|{a.target}".encode("utf-8")).hexdigest()[:16])


def links_graph(alignments: list[Alignment], facts: Graph | None = None) -> Graph:
    """The links graph: exactMatch triples for accepted links, a record for every link and candidate."""
    g = bind_prefixes(Graph(identifier=iris.LINKS_GRAPH))
    for a in alignments:
        node, entity, target = alignment_node(a), entity_iri(a.entity), URIRef(a.target)
        if a.status == "accepted":
            g.add((entity, SKOS.exactMatch, target))
        g.add((node, RDF.type, KG.Alignment))
        g.add((node, RDF.subject, entity))
        g.add((node, RDF.predicate, SKOS.exactMatch))
        g.add((node, RDF.object, target))
        g.add((node, KG.linkSource, Literal(a.source)))
        g.add((node, KG.linkStatus, Literal(a.status)))
        if a.score is not None:
            g.add((node, KG.score, Literal(a.score, datatype=XSD.decimal)))
        if a.time:
            g.add((node, PROV.generatedAtTime, Literal(a.time, datatype=XSD.dateTime)))
        if a.endpoint:
            g.add((node, PROV.wasDerivedFrom, URIRef(a.endpoint)))
        if a.label and a.source == "online":
            g.add((node, SKOS.prefLabel, Literal(a.label)))
    if facts is not None:
        g += facts
    return g


def stored_alignments(store: ox.Store, source: str = "online") -> list[Alignment]:
    """The alignment records of one source already in the store's links graph."""
    graph = ox.NamedNode(str(iris.LINKS_GRAPH))
    found = []
    for q in store.quads_for_pattern(None, ox.NamedNode(str(KG.linkSource)), ox.Literal(source), graph):
        node = q.subject

        def one(prop):
            values = [x.object for x in store.quads_for_pattern(node, ox.NamedNode(str(prop)), None, graph)]
            return values[0] if values else None
        entity = entity_key(one(RDF.subject).value)
        if entity is None:
            continue
        score, time, endpoint, label = one(KG.score), one(PROV.generatedAtTime), one(PROV.wasDerivedFrom), one(SKOS.prefLabel)
        found.append(Alignment(entity, one(RDF.object).value, source, one(KG.linkStatus).value,
                               Decimal(score.value) if score else None, time.value if time else None,
                               endpoint.value if endpoint else None, label.value if label else ""))
    return sorted(found, key=lambda a: (a.entity, -(a.score or 0), a.target))


def stored_facts(store: ox.Store, items: set[str]) -> Graph:
    """The facts about Wikidata items (subjects) kept in the links graph, for the items still linked."""
    graph = ox.NamedNode(str(iris.LINKS_GRAPH))
    quads = [q for q in store.quads_for_pattern(None, None, None, graph) if q.subject.value in items]
    data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt") if data else Graph()


def write_links(store: ox.Store, graph: Graph) -> int:
    """Replace the links graph, and only it, in one transaction."""
    return store_mod.replace_graphs(store, [(str(iris.LINKS_GRAPH), graph.serialize(format="nt"))])


def decided(alignments: list[Alignment]) -> set[str]:
    """Entities whose Wikidata link is settled by the file (curated or reviewed)."""
    return {a.entity for a in alignments if a.is_wikidata and a.source in FILE_SOURCES}


def without_decided(online: list[Alignment], settled: set[str]) -> list[Alignment]:
    return [a for a in online if a.entity not in settled]
