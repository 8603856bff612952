"""Serve the store: a read-only SPARQL 1.1 Protocol endpoint and Linked Data pages (`kg serve`)."""
from .app import Settings, create_app

__all__ = ["Settings", "create_app"]
