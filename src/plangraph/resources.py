"""Where the data files plangraph reads at run time live (lexicons, patterns, named queries).

The repository keeps them in one place, ``ontology/`` and ``data/queries/`` at its
top level, and that is where they are edited. A wheel carries the very same files
inside the package (``plangraph/ontology/``, ``plangraph/data/queries/``: setuptools
maps those folders in, see ``[tool.setuptools.package-dir]`` in pyproject.toml), so
``pip install .`` works without the checkout. A source checkout or an editable
install has no copy inside the package and reads the top-level folders.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

SOURCE_ROOT: Path = Path(__file__).resolve().parents[2]


def data_path(*parts: str) -> Path:
    """``ontology/lexicon``, ``data/queries``…: the installed copy if there is one, else the checkout's."""
    packaged = Path(str(files(__package__).joinpath(*parts)))
    return packaged if packaged.is_dir() else SOURCE_ROOT.joinpath(*parts)


def patterns_root() -> Path:
    """``ontology/patterns``, or ``$PLANGRAPH_PATTERNS``: read by the extractor's rules and, for the
    names other regions coin too, by the lexicon loader."""
    return Path(os.environ.get("PLANGRAPH_PATTERNS", data_path("ontology", "patterns")))
