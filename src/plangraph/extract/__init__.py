"""Extraction: a spaCy pipeline of rule components over a structured document.

``build_pipeline`` and ``extract`` are loaded on first use, so modules that only need a
helper of this package (``extract.text``, ``extract.proper``) do not import spaCy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_pipeline", "extract"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
