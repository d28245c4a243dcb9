"""SPARQL over a finished build: named queries, answer formats and readable query errors."""
