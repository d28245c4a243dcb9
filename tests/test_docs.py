"""The docs stay a house a newcomer can live in: a short README whose command table names every
command the CLI has, links that lead somewhere, and dated figures only where history belongs."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
# Where dated figures belong: the history, and the docs that say when each figure was measured.
DATED = {ROOT / "CHANGELOG.md", ROOT / "docs" / "performance.md", ROOT / "docs" / "evaluation.md"}
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _prose(path: Path) -> list[tuple[int, str]]:
    """Numbered lines outside fenced code blocks (code shows data, which may hold dates and brackets)."""
    lines, in_code = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code:
            lines.append((number, line))
    return lines


def _subcommands() -> list[str]:
    """The subcommands as the parser declares them (what `plangraph --help` lists)."""
    from plangraph.cli import parser

    actions = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert actions, "plangraph's parser declares no subcommands"
    return sorted(actions[0].choices)


def test_readme_is_short():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= 250, f"README.md has {lines} lines; move detail to docs/"


def test_every_subcommand_is_in_the_readme_command_table():
    rows = [line for _, line in _prose(README) if line.startswith("| `")]
    named = {m.group(1) for row in rows for m in re.finditer(r"`plangraph ([a-z-]+)", row)}
    missing = [c for c in _subcommands() if c not in named]
    assert not missing, f"README's command table lacks: {', '.join(missing)}"


@pytest.mark.parametrize("path", [README, ROOT / "CHANGELOG.md", *DOCS], ids=lambda p: p.name)
def test_relative_links_point_to_existing_files(path):
    broken = []
    for number, line in _prose(path):
        for target in _LINK.findall(line):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue  # a URL or an anchor in the same file
            if not (path.parent / target.split("#", 1)[0]).exists():
                broken.append(f"{path.name}:{number}: {target}")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_readme_has_no_dated_lines():
    dated = [f"{n}: {line}" for n, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1)
             if _DATE.search(line)]
    assert not dated, "dated figures belong in CHANGELOG.md or docs/performance.md:\n" + "\n".join(dated)


@pytest.mark.parametrize("path", [p for p in DOCS if p not in DATED], ids=lambda p: p.name)
def test_other_docs_have_no_dates_outside_code(path):
    dated = [f"{n}: {line}" for n, line in _prose(path) if _DATE.search(line)]
    assert not dated, f"{path.name} states dates; dated figures belong in CHANGELOG.md:\n" + "\n".join(dated)
