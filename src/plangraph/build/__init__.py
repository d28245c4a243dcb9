"""Running a build: per-file extraction in workers, the cache, versioned output published in one step."""

#: The most entities the build's HTML view shows (plans besides; regions always, counted in it),
#: here so the command line can show it without loading a build. Above the 4,434 entities of
#: bench/scale.py's 10× corpus (50 plans), so a view up to that size shows everything; at 100×
#: (24,557) the page stays about the 10× one's size. The rest are in the store (``plangraph
#: query``, ``serve``) and in focused views (``plangraph view``).
MAX_VIEW_ENTITIES = 5000

#: The most edges the build's HTML view draws. Above the edges of bench/scale.py's 10× corpus
#: (every one of its entities), so below that nothing changes; at 100× the 5,000 entities kept
#: carry ~520,000 edges, a 106 MB page whose 292,000 plan–entity lines are hidden anyway.
#: Each entity keeps its strongest edges first (``viewedges.StrongestEdges``).
MAX_VIEW_EDGES = 60_000
