"""Extraction: a spaCy pipeline of rule components over a structured document."""

from .pipeline import build_pipeline, extract

__all__ = ["build_pipeline", "extract"]
