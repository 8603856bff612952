"""Where things live: the project folders, the IRI base, the default store."""
from __future__ import annotations

import os
from pathlib import Path

VERSION = "0.1.0"

# The checkout (an editable install) holds ontology/, data/ and queries/ beside src/.
PROJECT_ROOT = Path(os.environ.get("KG_HOME") or Path(__file__).resolve().parents[2])
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
DATA_DIR = Path(os.environ.get("KG_DATA") or PROJECT_ROOT / "data")
QUERIES_DIR = PROJECT_ROOT / "queries"

ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.owl.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "kg.shacl.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "kg.context.jsonld"

DEFAULT_RELEASES = DATA_DIR / "releases"
DEFAULT_STORE = Path(os.environ.get("KG_STORE", "store"))

# Every minted IRI lives under one base. Change it with KG_BASE before the first build:
# the IRIs are part of the store, so a store built with one base keeps it.
BASE = os.environ.get("KG_BASE", "https://kg.example.org/")
if not BASE.endswith(("/", "#")):
    BASE += "/"

# The SPARQL endpoint `kg link --online` asks by default.
WIKIDATA = "https://query.wikidata.org/sparql"
