"""Putting a build in front of others: the read-only SPARQL endpoint and the Graph Store push."""
