"""Every docstring example in plangraph runs and says what the code does."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import plangraph

MODULES = sorted(m.name for m in pkgutil.walk_packages(plangraph.__path__, "plangraph.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
