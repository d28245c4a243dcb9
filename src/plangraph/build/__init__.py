"""Running a build: per-file extraction in workers, the cache, versioned output published in one step."""
