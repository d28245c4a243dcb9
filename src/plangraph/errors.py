"""Errors that reach the user as one readable line instead of a traceback."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file the pipeline cannot use; ``str()`` is ``"FILE: reason"``."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")
