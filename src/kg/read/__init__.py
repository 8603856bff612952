"""Readers of the store: saved queries (`kg.read.queries`), exports in every RDF format
(`kg.read.export`, with kg's own JSON-LD writer in `kg.read.jsonld`), and pushes to another
triple store (`kg.read.push`).

They take an open store and never write to it; they must not build, extract or validate, and
never print.
"""
