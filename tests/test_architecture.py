"""The package layout is the architecture: each layer imports only the layers below it.

Reading, extraction, targets and the graph build a knowledge graph; the query side
(query/, publish/, report/) only reads a finished build, so it must never load
the extractor (spaCy, jieba) or the build. Imports are read with ``ast``, so a
new import that crosses a layer fails here before anyone notices a slow server.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "plangraph"

# A layer may import the layers listed (and itself). "base" is the top-level modules
# shared by all (errors, model, lexicon, resources, script, chinese, ...).
ALLOWED = {
    "base": {"base"},
    "read": {"base"},
    "extract": {"base", "read"},
    "targets": {"base", "read"},
    "graph": {"base", "read"},
    "build": {"base", "read", "extract", "targets", "graph", "report"},  # it draws the HTML view of its own graph
    "query": {"base", "graph"},
    "publish": {"base", "graph", "query"},
    "report": {"base", "graph", "query"},
}
ANYTHING = {"cli", "evaluation"}  # the thin CLI (imports lazily, per command) and the scorer
QUERY_SIDE = ("query", "publish", "report")
BUILD_SIDE = ("extract", "build", "targets")
HEAVY = ("spacy", "jieba", "rjieba")


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """plangraph modules ``name`` imports, at any depth of its code (lazy imports count)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            # `from pkg import mod` imports the module pkg.mod; `from mod import name` imports mod
            found.update(f"{target}.{a.name}" if f"{target}.{a.name}" in known else target for a in node.names)
    return {m for m in found if m.split(".")[0] == "plangraph"}


def with_parents(module: str) -> set[str]:
    """Importing a.b.c runs a/__init__ and a/b/__init__ first."""
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "base"
    if len(parts) == 2 and (PACKAGE / f"{parts[1]}.py").is_file():
        return parts[1] if parts[1] in ANYTHING else "base"
    return parts[1]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: set().union(*map(with_parents, imports(name, path, known))) & known
            for name, path in mods.items()}


def test_every_package_is_a_declared_layer(graph):
    undeclared = {layer(m) for m in graph} - set(ALLOWED) - ANYTHING
    assert not undeclared, f"add these packages to ALLOWED: {sorted(undeclared)}"


def test_each_layer_imports_only_the_layers_below_it(graph):
    crossings = sorted(
        f"{m} imports {d}" for m, deps in graph.items() if layer(m) not in ANYTHING
        for d in deps if layer(d) != layer(m) and layer(d) not in ALLOWED[layer(m)]
    )
    assert not crossings, "\n".join(crossings)


def test_query_side_never_reaches_extract_or_build(graph):
    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for d in graph[todo.pop()] - seen:
                seen.add(d)
                todo.append(d)
        return seen

    leaks = [f"{m} reaches {', '.join(sorted(d for d in reach(m) if layer(d) in BUILD_SIDE))}"
             for m in sorted(graph) if layer(m) in QUERY_SIDE and any(layer(d) in BUILD_SIDE for d in reach(m))]
    assert not leaks, "\n".join(leaks)


def test_only_the_store_names_pyoxigraph():
    """The store sits behind graph/store.py: one module to change for another store."""
    users = sorted(name for name, path in modules().items()
                   if any(isinstance(n, (ast.Import, ast.ImportFrom)) and "pyoxigraph" in
                          ([a.name for a in n.names] if isinstance(n, ast.Import) else [n.module or ""])
                          for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
    assert users == ["plangraph.graph.store"]


def test_the_layering_check_sees_a_crossing(tmp_path):
    """A lazy import inside a function is still an import."""
    module = tmp_path / "plangraph" / "report" / "bad.py"
    module.parent.mkdir(parents=True)
    module.write_text("def f():\n    from ..build import build\n", encoding="utf-8")
    assert imports("plangraph.report.bad", module, {"plangraph.build.build"}) == {"plangraph.build.build"}


def _imported(code: list[str]) -> set[str]:
    """Top-level packages a fresh interpreter imports running ``code`` (from ``-X importtime``)."""
    run = subprocess.run([sys.executable, "-X", "importtime", *code], capture_output=True, text=True, timeout=120)
    names = set()
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert names, run.stderr[-2000:]
    return names


def test_serving_loads_neither_spacy_nor_jieba():
    assert not _imported(["-c", "import plangraph.publish.serve"]) & set(HEAVY)


def test_plangraph_serve_command_loads_neither_spacy_nor_jieba(tmp_path):
    """The CLI path: `plangraph serve DIR` imports what it serves with, then fails on a folder that is no build."""
    assert not _imported(["-m", "plangraph.cli", "serve", str(tmp_path)]) & set(HEAVY)


def test_query_side_loads_neither_spacy_nor_jieba():
    query_side = sorted(m for m in modules() if layer(m) in QUERY_SIDE)
    assert not _imported(["-c", "; ".join(f"import {m}" for m in query_side)]) & set(HEAVY)
