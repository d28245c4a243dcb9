"""The graph: one IRI per real thing, the RDF vocabulary, quads, and the one module that talks to the store."""
