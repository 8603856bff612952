"""kg.read."""
