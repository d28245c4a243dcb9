"""Extraction: a spaCy pipeline of rule components over a structured document.

``build_pipeline``, ``release_pipeline`` and ``extract`` are loaded on first use, so modules
that only need a helper of this package (``extract.text``, ``extract.proper``) do not import
spaCy. They load with the cyclic collector off, then frozen (``compiled.kept``), as
``build_pipeline`` freezes the pipeline: spaCy's and the components' modules live as long as
the process, and the two full collections their import set off, then the collection of all it
made, walked them for nothing (an extraction worker's collections of the bundled plans:
0.15 s of CPU, 0.12 of them before its first plan; now 0.03 s).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from ..compiled import kept

__all__ = ["build_pipeline", "extract", "release_pipeline"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(_pipeline(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _pipeline() -> ModuleType:
    """The pipeline module, imported (the first time) with the collector off, then frozen."""
    loaded = sys.modules.get(f"{__name__}.pipeline")
    if loaded is not None:
        return loaded
    with kept():
        from . import pipeline
    return pipeline
