"""Records -> RDF: the vocabulary, the IRIs, the triples of one release, the topic links, the reference data.

`kg.rdf.mapping` turns a release's records into the triples of its named graph, each fact tied to
the words it came from; `kg.rdf.topics` links agenda items and outcomes to the concept scheme;
`kg.rdf.reference` makes the shared reference graph from the gazetteer; `kg.rdf.iris` mints IRIs
from stable keys; `kg.rdf.nt` writes terms as N-Triples text; `kg.rdf.vocab` and
`kg.rdf.prefixes` name the namespaces.

Mapping is pure: it is given the gazetteer and the topic scheme and opens no file. This package
must not import the store, validation or anything above them, and never prints.
"""
