"""plangraph: Chinese regional Five-Year Plans as a queryable knowledge graph.

Stages, each a module, data flowing one way:
ingest -> structure -> extract -> resolve -> rdf -> store -> analytics / view.
"""

__version__ = "0.1.0"
