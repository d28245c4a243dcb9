"""notebooks/shared_initiatives.ipynb runs top to bottom on the bundled plans, in the venv's kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "shared_initiatives.ipynb"


def test_notebook_runs_and_shows_its_analysis(out, monkeypatch):
    monkeypatch.setenv("PLANGRAPH_OUT", str(out))  # the session's build, so the notebook need not build
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # "python3" is the kernel of the running interpreter: jupyter_client starts it with sys.executable
    NotebookClient(nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "八八战略" in text and "吴兴区 纲要 ↔ 湖州市 纲要" in text
    assert "warning" not in text.lower()
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3
