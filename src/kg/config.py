"""Where things live: the shipped folders, the user's folders, the IRI base, the default store.

kg reads four folders of its own: ontology/ (the ontology, the shapes, the JSON-LD context),
data/ (what kg knows of the world, the seed release and the curated links), queries/ (the saved
queries) and rules/ (the rules that span releases). A checkout keeps them at its top; an installed
wheel ships them inside the package as kg/share/FOLDER (see setup.py). `KG_HOME` names another
folder holding all four, and `KG_DATA` another data/ folder alone.

What a user makes lives in the current folder: the store (./store, or `KG_STORE`), the releases
`kg fetch` saves and `kg build` reads (./releases), and the alignment file of reviewed links
(./links/alignments.tsv).
"""
from __future__ import annotations

import os
from pathlib import Path

VERSION = "0.1.0"

_PACKAGE = Path(__file__).resolve().parent
_SHIPPED = _PACKAGE / "share"      # an installed wheel
_CHECKOUT = _PACKAGE.parents[1]    # an editable install: src/kg -> the checkout


def _home() -> Path:
    if os.environ.get("KG_HOME"):
        return Path(os.environ["KG_HOME"])
    return _SHIPPED if (_SHIPPED / "ontology").is_dir() else _CHECKOUT


PROJECT_ROOT = _home()
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
DATA_DIR = Path(os.environ.get("KG_DATA") or PROJECT_ROOT / "data")
QUERIES_DIR = PROJECT_ROOT / "queries"
RULES_DIR = PROJECT_ROOT / "rules"

ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.owl.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "kg.shacl.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "kg.context.jsonld"

# The seed release that ships with kg, and the curated links.
BUNDLED_RELEASES = DATA_DIR / "releases"
BUNDLED_LINKS = DATA_DIR / "links"

DEFAULT_STORE = Path(os.environ.get("KG_STORE", "store"))
USER_RELEASES = Path("releases")   # where `kg fetch` saves, relative to the current folder
USER_LINKS = Path("links")         # the user's alignment file: ./links/alignments.tsv


def default_releases() -> Path:
    """What `kg build` reads without a path: ./releases when there is one, else the bundled seed."""
    return USER_RELEASES if USER_RELEASES.is_dir() else BUNDLED_RELEASES


def default_links() -> Path:
    """The folder of the alignment file `kg link` reads: ./links when it has one, else the bundled one."""
    return USER_LINKS if (USER_LINKS / "alignments.tsv").is_file() else BUNDLED_LINKS


DEFAULT_RELEASES = BUNDLED_RELEASES  # the older name of the bundled seed's folder

# Every minted IRI lives under one base. Change it with KG_BASE before the first build:
# the IRIs are part of the store, so a store built with one base keeps it.
BASE = os.environ.get("KG_BASE", "https://kg.example.org/")
if not BASE.endswith(("/", "#")):
    BASE += "/"

# The SPARQL endpoint `kg link --online` asks by default.
WIKIDATA = "https://query.wikidata.org/sparql"


def process_alive(pid: int) -> bool:
    """Whether a process with this ID runs: a folder named after a dead one (a killed build's copy
    of the store, a killed fetch's staging folder, a killed server's snapshot) can be removed."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
