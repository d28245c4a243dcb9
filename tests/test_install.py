"""`pip install .` (not editable) in a fresh venv gives a plangraph that builds and queries.

The wheel must carry what run time reads (lexicons, patterns, named queries) and
its dependencies must be the run-time ones only: no pytest, Playwright, Dask or
Jupyter. Slow (a venv and every run-time dependency, from pip's cache), bounded.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "plans" / "huzhou-wuxing-qu_14th-fyp_outline.txt"
TEST_ONLY = ("pytest", "playwright", "dask", "distributed", "jupyter_client", "ipykernel", "nbclient", "hypothesis")
SOURCES = ("pyproject.toml", "README.md", "src", "ontology", "data/queries")


def _run(*argv: str | Path, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{argv}: {done.stdout[-2000:]} {done.stderr[-2000:]}"
    return done


@pytest.mark.slow
def test_a_plain_install_builds_and_queries(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a copy, so building the wheel writes nothing into the checkout
    for name in SOURCES:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    bin_ = venv / "bin"
    _run(bin_ / "pip", "install", "--quiet", str(source), cwd=tmp_path)
    shutil.rmtree(source)  # the installed plangraph must not need the checkout

    installed = _run(bin_ / "pip", "list", "--format=freeze", cwd=tmp_path).stdout.lower()
    names = {line.split("==")[0].replace("-", "_") for line in installed.split()}
    assert not names & set(TEST_ONLY), names & set(TEST_ONLY)

    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy2(PLAN, plans)
    work = tmp_path / "work"  # a folder with no data/ or ontology/ in sight
    work.mkdir()
    built = _run(bin_ / "plangraph", "build", plans, "--out", "out", cwd=work)
    assert "plans: 1" in built.stdout and (work / "out" / "graph.html").is_file()
    listed = _run(bin_ / "plangraph", "query", "--list", cwd=work).stdout
    assert "shared-initiatives" in listed and "pair-overlap" in listed
    answer = _run(bin_ / "plangraph", "query", "out", "--name", "plans-overview", "--format", "csv", cwd=work).stdout
    assert PLAN.name in answer


def test_every_subpackage_and_data_folder_is_in_the_wheel_list() -> None:
    """A new subpackage or ontology folder must be named in pyproject's explicit package list."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    code = {"plangraph" + "".join("." + p for p in d.relative_to(ROOT / "src" / "plangraph").parts)
            for d in (ROOT / "src" / "plangraph").rglob("*") if (d / "__init__.py").is_file()} | {"plangraph"}
    data = {"plangraph.ontology" + "".join("." + p for p in d.relative_to(ROOT / "ontology").parts)
            for d in (ROOT / "ontology").rglob("*") if d.is_dir()}
    assert code | data <= listed, sorted((code | data) - listed)
