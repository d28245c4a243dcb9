"""What each publishing target holds from a build, kept in the build folder.

``push`` and ``load`` replace the graphs a build has; a graph the build no longer has
(a plan removed or renamed) would stay on the server forever unless someone remembers
it was sent. ``OUT/.pushed.json`` maps each target (an endpoint URL, or the isql address
of a bulk load) to the graph IRIs it last received from this build.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

RECORD = ".pushed.json"  # in OUT: {target: [graph IRI, ...]} as last sent


def _records(out: Path) -> dict[str, list[str]]:
    try:
        data = json.loads((out / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def last_sent(out: Path, target: str) -> list[str]:
    """The graphs the last publish from ``out`` to ``target`` sent (none if it never happened)."""
    graphs = _records(out).get(target, [])
    return [g for g in graphs if isinstance(g, str)] if isinstance(graphs, list) else []


def remember(out: Path, target: str, graphs: list[str]) -> None:
    """Remember what ``target`` now holds from this build (written whole or not at all)."""
    records = _records(out)
    records[target] = graphs
    fd, tmp = tempfile.mkstemp(dir=out, prefix=f"{RECORD}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(records, fh, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, out / RECORD)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
