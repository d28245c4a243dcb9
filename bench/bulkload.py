"""The Virtuoso bulk load of a 10x build against the local Oxigraph load of the same dataset, in one run.

Run: .venv/bin/python bench/bulkload.py [--scale 10] [--loaders 2] [--out DIR] [--json out/bulkload.json]

Needs Debian's Virtuoso (``apt-get install virtuoso-opensource``: virtuoso-t and isql-vt);
without it the script says so and exits 0, so it can run anywhere. The corpus is bench/scale.py's
(``--scale`` copies of the bundled plans, regions renamed), built with ``plangraph build``
unless ``--out`` names a build of it already made. Then, on the same machine in the same run:

- Oxigraph: bench/run.py's store floor: one N-Quads file per named graph bulk-loaded into a
  fresh on-disk store (what the build's own store load costs at best), wall seconds of the
  load; its CPU seconds include writing those files from graph.trig;
- Virtuoso: ``plangraph load`` into a fresh server started by tests/servers.py (the server the
  CI test uses): staging, clearing, ``rdf_loader_run()`` in ``--loaders`` sessions,
  ``checkpoint`` and the per-graph count check, wall seconds; its CPU seconds are the client's
  (staging, isql) and the server process's (read from /proc, Linux only); plus the staging alone.

Wall times on a shared machine are noisy: compare the two in one run, not across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

import run as bench_run  # noqa: E402  (bench/run.py: the Oxigraph store floor)
import scale  # noqa: E402  (bench/scale.py: the corpus maker)

RESULT = ROOT / "out" / "bulkload.json"


def server_cpu_seconds() -> float:
    """User + system CPU seconds of this process's running virtuoso-t children (from /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone meanwhile
            continue
        name, fields = text.split("(", 1)[1].rsplit(")", 1)[0], text.rsplit(")", 1)[1].split()
        if name == "virtuoso-t" and int(fields[1]) == os.getpid():  # fields[1]: the parent pid
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def build(scale_: int, tmp: Path) -> tuple[Path, float]:
    """The corpus at ``scale_``, built as a user builds it; and the build's CPU seconds (its workers' too)."""
    from plangraph.cli import main

    scale.synthesize(scale_, tmp / "plans")
    out = tmp / "out"
    before = cpu_seconds()
    if main(["build", str(tmp / "plans"), "--out", str(out)]) != 0:
        raise SystemExit("the build failed")
    return out, cpu_seconds() - before


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and its finished children."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(out: Path, tmp: Path, loaders: int) -> dict[str, object]:
    """Both loads of one build (module docstring)."""
    from servers import virtuoso

    from plangraph.publish.bulkload import Virtuoso, load, stage

    cpu = cpu_seconds()
    oxigraph_s, quads = bench_run.bench_store_floor(out, tmp, 1)
    oxigraph_cpu = cpu_seconds() - cpu
    stages = tmp / "stages"
    start = time.perf_counter()
    staged = stage(out, stages / "only")
    stage_s = time.perf_counter() - start
    with virtuoso(tmp / "virtuoso", allowed=(stages,)) as (_, sql):
        server, client = server_cpu_seconds(), cpu_seconds()
        start = time.perf_counter()
        loaded = load(out, Virtuoso(sql), stages / "load", loaders=loaders)
        virtuoso_s = time.perf_counter() - start
        server, client = server_cpu_seconds() - server, cpu_seconds() - client
    assert sum(p.triples for p in loaded) == quads
    return {"graphs": len(staged), "quads": quads, "loaders": loaders, "cpus": bench_run.usable_cpus(),
            "oxigraph_load_s": round(oxigraph_s, 2), "oxigraph_cpu_s": round(oxigraph_cpu, 2),
            "virtuoso_load_s": round(virtuoso_s, 2), "virtuoso_client_cpu_s": round(client, 2),
            "virtuoso_server_cpu_s": round(server, 2), "stage_s": round(stage_s, 2),
            "virtuoso_over_oxigraph": round(virtuoso_s / oxigraph_s, 2),
            "virtuoso_over_oxigraph_cpu": round((client + server) / oxigraph_cpu, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, default=10, help="copies of the bundled plans (default 10)")
    ap.add_argument("--loaders", type=int, default=2, help="rdf_loader_run() sessions (default 2)")
    ap.add_argument("--out", type=Path, help="a build of the corpus already made (skips the build)")
    ap.add_argument("--json", type=Path, default=RESULT, help=f"where to write the figures (default {RESULT})")
    args = ap.parse_args(argv)
    missing = [exe for exe in ("virtuoso-t", "isql-vt") if shutil.which(exe) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} missing (apt-get install virtuoso-opensource)")
        return 0
    with tempfile.TemporaryDirectory(prefix="bulkload-") as scratch:
        tmp = Path(scratch)
        out, build_cpu = (args.out, None) if args.out else build(args.scale, tmp)
        (tmp / "virtuoso").mkdir()
        figures = {"scale": args.scale, "build_cpu_s": None if build_cpu is None else round(build_cpu, 1),
                   **measure(out, tmp, args.loaders)}
    print(json.dumps(figures, indent=1))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
