"""kg.rdf."""
