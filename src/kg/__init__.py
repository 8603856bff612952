"""kg: a knowledge-graph builder for government press releases about meetings."""

__version__ = "0.1.0"
