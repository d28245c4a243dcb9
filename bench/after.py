"""Where a warm ``plangraph build --force`` spends its CPU after extraction, phase by phase.

Run: taskset -c 0 .venv/bin/python bench/after.py [--repeat 3]   (PYTHONPATH=OTHER/src for another tree)

``bench/startup.py`` splits the part before the graph is written; this runs the whole
command (``plangraph.cli.main``, ``--jobs 1``: one forked extraction worker) in a fresh
interpreter per run and times what the driver does around and after it (CPU seconds):
imports, the reduce (each extraction is cached with its summary by the worker that made
it), the second pass (each extraction read back and resolved, its N-Quads, its rows of
the view), graph.trig and graph.ttl, the store, the view and the up-to-date record. The
driver's phases are its main thread's CPU (``time.thread_time``); the store loads in a process
of its own (``build/loader.py``), so its CPU is the children's reaped during ``write_dataset``
(and the extraction worker's, the children's less that). Collections of the cyclic collector are counted apart as well as in
their phase. Prints the median of ``--repeat`` runs of each phase.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from run import fresh_phases, print_phase_medians  # bench/run.py

ROOT = Path(__file__).resolve().parents[1]

# One run, in a fresh interpreter: prints {phase: CPU seconds} as JSON.
_RUN = """
import functools, gc, importlib, json, resource, sys, time
phases = {}
def add(phase, seconds):
    phases[phase] = phases.get(phase, 0.0) + seconds
def imported(phase, name):
    start = time.process_time()
    importlib.import_module(name)
    add(phase, time.process_time() - start)
imported("import the command and the build module", "plangraph.cli")
imported("import the command and the build module", "plangraph.build.build")
imported("import the view (networkx, numpy)", "plangraph.report.view")
def timed(phase, owner, name):
    fn = getattr(owner, name)
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            add(phase, time.thread_time() - start)
    setattr(owner, name, wrapper)
from plangraph import cli
from plangraph.build import build, uptodate
from plangraph.graph import store
from plangraph.report import analytics, view
timed("reduce: the entity table", build.FirstPass, "table")
timed("second pass: read back and resolve", build, "resolved")
timed("second pass: N-Quads", build, "plan_nquads")
timed("second pass: N-Quads", build, "entities_nquads")
timed("second pass: rows of the view", build, "_view_rows")
timed("files: graph.trig and graph.ttl", build, "write_files")
timed("files: ... of which the union's merge", store, "_merge_triples")
timed("view: its graph (graph_of_rows)", analytics, "graph_of_rows")
timed("view: the page", view, "write_view")
timed("view: ... of which the layout", view, "layout")
timed("up-to-date record", uptodate, "record")
def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
write_dataset = build.write_dataset
def dataset(*args, **kwargs):
    before = children_cpu()
    try:
        return write_dataset(*args, **kwargs)
    finally:
        add("store: load and compaction (its process)", children_cpu() - before)
build.write_dataset = dataset
collecting = {}
def collector(phase, info):
    if phase == "start":
        collecting["at"] = time.thread_time()
    else:
        add("cyclic collector (within the phases above)", time.thread_time() - collecting.pop("at"))
gc.callbacks.append(collector)
start = time.process_time()
cli.main(["build", sys.argv[1], "--out", sys.argv[2], "--force", "--jobs", "1"])
gc.callbacks.remove(collector)
add("driver: the command", time.process_time() - start)
add("extraction worker", children_cpu() - phases.get("store: load and compaction (its process)", 0.0))
print(json.dumps(phases))
"""


_ORDER = [
    "import the command and the build module", "import the view (networkx, numpy)", "extraction worker",
    "first pass: cache each extraction", "first pass: its summary", "reduce: the entity table",
    "second pass: read back and resolve", "second pass: N-Quads", "second pass: rows of the view",
    "files: graph.trig and graph.ttl", "files: ... of which the union's merge", "store: load and compaction (its process)",
    "view: its graph (graph_of_rows)", "view: the page", "view: ... of which the layout", "up-to-date record",
    "cyclic collector (within the phases above)", "driver: the command",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs (the median of each phase is shown)")
    parser.add_argument("--plans", type=Path, default=ROOT / "data" / "plans")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="plangraph-after-") as tmp:
        runs = [fresh_phases(_RUN, str(args.plans), str(Path(tmp) / "out")) for _ in range(args.repeat)]
    print_phase_medians(runs, _ORDER)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
