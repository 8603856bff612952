"""The ontology and the shapes agree under RDFS: the seed's export, validated with the project's own
ontology (ontology/kg.owl.ttl) as the ontology graph and RDFS inference, conforms in pyshacl, and in
Apache Jena's `shacl` where Jena is installed (Debian's libapache-jena-java).

Before, countries were declared a kind of schema:Place (so all 156 needed schema:name), meeting
series a kind of schema:Event (16 needed schema:superEvent) and 4 concept schemes had no
skos:prefLabel: 176 results in both, on a store `kg validate` calls conforming.
"""
from __future__ import annotations

import glob
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

ROOT = Path(__file__).parents[1]
ONTOLOGY, SHAPES = ROOT / "ontology" / "kg.owl.ttl", ROOT / "ontology" / "kg.shacl.ttl"
KG = [str(Path(sys.executable).parent / "kg")]


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    """The seed built and exported as N-Triples (the union of its graphs), as another tool reads it."""
    folder = tmp_path_factory.mktemp("agree")
    done = subprocess.run(KG + ["build", str(ROOT / "data" / "releases"), "--store", str(folder / "store")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    trig = folder / "seed.trig"
    done = subprocess.run(KG + ["export", "--store", str(folder / "store"), "-o", str(trig)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    union = Graph()
    for s, p, o, _g in Dataset().parse(trig, format="trig").quads((None, None, None, None)):
        union.add((s, p, o))
    union.serialize(folder / "seed.nt", format="nt")
    return folder / "seed.nt"


PYSHACL_WITH_ONTOLOGY = """
import sys
import pyshacl
from rdflib import Graph
conforms, _report, text = pyshacl.validate(Graph().parse(sys.argv[1]), shacl_graph=Graph().parse(sys.argv[2]),
                                           ont_graph=Graph().parse(sys.argv[3]), inference="rdfs",
                                           allow_warnings=True)
print("conforms" if conforms else text[:3000])
"""


def test_the_seed_conforms_in_pyshacl_with_the_ontology_and_rdfs(export):
    """In a process of its own: RDFS inference (owlrl) changes how rdflib reads some datatypes for
    the rest of the process it runs in (xsd:gMonth "--05" then reads as ill-typed)."""
    pytest.importorskip("pyshacl")
    done = subprocess.run([sys.executable, "-c", PYSHACL_WITH_ONTOLOGY, str(export), str(SHAPES), str(ONTOLOGY)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "conforms", done.stdout


JAVA = Path("/usr/share/java")
JENA_DEPS = ["slf4j-api.jar", "slf4j-simple.jar", "commons-lang3.jar", "commons-io.jar", "commons-cli.jar",
             "commons-codec.jar", "commons-compress.jar", "gson.jar", "jsonld-java.jar", "httpclient.jar", "httpcore.jar",
             "jackson-core.jar", "jackson-databind.jar", "jackson-annotations.jar", "protobuf.jar", "thrift.jar",
             "guava.jar"]


def jena_classpath(folder: Path) -> str | None:
    """Debian's Jena 4.5 with its dependencies, and the fix for its packaging fault.

    Debian moved Jena's copy of Xerces to the package `xerces` but left its message files under
    org/apache/jena/ext/xerces, so every command fails with "internal error" (PERFORMANCE.md). A
    small jar with those files where the classes look for them (and the regex messages from
    Debian's xercesImpl, when installed) goes first on the class path."""
    jena = sorted(p for p in JAVA.glob("jena-*.jar") if not any(c.isdigit() for c in p.stem))
    if not jena or not shutil.which("java"):
        return None
    fix = folder / "jena-xerces-messages.jar"
    with zipfile.ZipFile(fix, "w") as out:
        with zipfile.ZipFile(JAVA / "jena-core.jar") as core:
            for name in core.namelist():
                if name.startswith("org/apache/jena/ext/xerces/impl/msg/") and name.endswith(".properties"):
                    out.writestr("xerces/impl/msg/" + name.rsplit("/", 1)[1], core.read(name))
        if (JAVA / "xercesImpl.jar").exists():
            with zipfile.ZipFile(JAVA / "xercesImpl.jar") as xerces:
                for name in xerces.namelist():
                    if name.startswith("org/apache/xerces/impl/xpath/regex/") and name.endswith(".properties"):
                        out.writestr("xerces/impl/xpath/regex/" + name.rsplit("/", 1)[1], xerces.read(name))
    return ":".join([str(fix), *map(str, jena), *(str(JAVA / d) for d in JENA_DEPS if (JAVA / d).exists())])


def test_the_seed_conforms_in_jena_shacl_with_the_ontology(export, tmp_path):
    classpath = jena_classpath(tmp_path)
    if classpath is None:
        pytest.skip("Apache Jena is not installed (Debian: apt-get install libapache-jena-java)")
    data = tmp_path / "data.ttl"  # Jena's shacl takes one data file: the export with the ontology
    with open(data, "wb") as out:
        out.write(export.read_bytes())
        out.write(Graph().parse(ONTOLOGY).serialize(format="nt", encoding="utf-8"))
    done = subprocess.run(["java", "-cp", classpath, "shacl.shacl", "validate", "--shapes", str(SHAPES),
                           "--data", str(data), "--text"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "Conforms", done.stdout[-3000:]
