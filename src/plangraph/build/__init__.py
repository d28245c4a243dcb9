"""Running a build: per-file extraction in workers, the cache, versioned output published in one step."""

#: The most entities the build's HTML view shows (plans besides; regions always, counted in it),
#: here so the command line can show it without loading a build. Above the 4,434 entities of
#: bench/scale.py's 10× corpus (50 plans), so a view up to that size shows everything; at 100×
#: (24,557) the page stays about the 10× one's size. The rest are in the store (``plangraph
#: query``, ``serve``) and in focused views (``plangraph view``).
MAX_VIEW_ENTITIES = 5000
