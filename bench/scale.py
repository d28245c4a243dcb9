"""How the whole build command's time and memory, and query time, grow with the corpus, in one run.

Run: .venv/bin/python bench/scale.py [--max-scale 10] [--jobs 1] [--json out/scale.json]

The corpus at scale k is k copies of the bundled plans (data/plans). Copy 0 is
the plans themselves; in every other copy the plan's own region and its parent
are renamed to another real region of the same level from
ontology/lexicon/regions.csv (湖州市/湖州 -> 台州市/台州, 吴兴区 -> 某县 …), so
region-prefixed platforms, projects and programs really multiply instead of
resolving to the same entities. No manifest: metadata is inferred, as for
plans collected from the web.

Each scale is built by the whole command, ``plangraph build CORPUS --force --jobs N``
run as a user runs it (bench/command.py): start-up, extraction, store and HTML view,
its CPU time (user + system of the process tree) and the peak memory of the driver,
of its largest child process (exact: ``RUSAGE_CHILDREN``) and of every process under it
(the extraction workers, recycled after a bounded amount of work, and the store's loader,
polled from /proc: ``command.ProcessPeaks``). Throughput is a ratio to raw ``jieba.lcut``'s CPU time
over the 1x text, measured in this run just before the build (segmenting is the
floor for any Chinese pipeline; the machine's load changes, so the two are measured
together); growth is the ratio of time and memory between consecutive scales against
the ratio of characters. A fresh subprocess (``--child``) then times the named queries
of bench/run.py on the store built, and the store floor: one ``bulk_load`` of the built
dataset's N-Quads into a fresh store, nothing else, which no build that loads a store
of that dataset can beat. ``--jobs 1`` extracts on one core; the build still loads its
store in a process of its own beside it, so the core count is reported too.

``--dask`` builds each scale on a local Dask cluster of two worker processes instead
(``build_on_cluster``, the same passes): the driver's peak memory (the scheduler runs in it)
and each worker's, whose growth from 1x to 10x is the cluster bar.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import command  # noqa: E402  (bench/command.py: the whole command, CPU time and peak memory)
import run as bench_run  # noqa: E402  (bench/run.py: named queries, store floor)

PLANS = ROOT / "data" / "plans"
REGIONS = ROOT / "ontology" / "lexicon" / "regions.csv"
RESULT = ROOT / "out" / "scale.json"
SCALES = (1, 10, 100)
SEED = 20260101


def _regions() -> tuple[dict[str, dict[str, str]], dict[str, list[dict[str, str]]]]:
    """Regions by code, and by level."""
    with REGIONS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_level: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_level.setdefault(row["level"], []).append(row)
    return {r["code"]: r for r in rows}, by_level


def synthesize(scale: int, folder: Path) -> int:
    """Write ``scale`` copies of the bundled plans into ``folder``; returns the character count."""
    by_code, by_level = _regions()
    with (PLANS / "manifest.csv").open(encoding="utf-8") as fh:
        seeds = list(csv.DictReader(fh))
    rng = random.Random(SEED)
    pools = {level: rng.sample(rows, len(rows)) for level, rows in by_level.items()}
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for seed in seeds:
        text = (PLANS / seed["file"]).read_text(encoding="utf-8")
        own = by_code[seed["code"]]
        parent = by_code.get(own["parent_code"])
        pool = pools["prefecture" if own["level"] == "prefecture" else "county"]
        for copy in range(scale):
            if copy == 0:
                renamed = text
            else:
                new = pool.pop()
                pairs = [(own, new)]
                new_parent = by_code.get(new["parent_code"])
                if parent and new_parent and parent["level"] != "province":
                    pairs.append((parent, new_parent))
                renamed = _rename(text, pairs)
            (folder / f"{copy:03d}_{seed['file']}").write_text(renamed, encoding="utf-8")
            chars += len(renamed)
    return chars


def _rename(text: str, pairs: list[tuple[dict[str, str], dict[str, str]]]) -> str:
    """Full names first, then short names, through placeholders so renames never chain."""
    marks = {}
    for i, (old, new) in enumerate(pairs):
        for j, key in enumerate(("name", "short")):
            if old[key] and new[key] and len(old[key]) >= 2:
                mark = f"\x00{i}{j}\x00"
                text = text.replace(old[key], mark)
                marks[mark] = new[key]
    for mark, name in marks.items():
        text = text.replace(mark, name)
    return text


def child(out: Path) -> dict[str, object]:
    """Measure the store of a finished build (run via ``--child``): named queries, store floor, entities."""
    from plangraph.graph import store
    from plangraph.report import analytics

    queries = bench_run.bench_queries(out)
    floor_s, _ = bench_run.bench_store_floor(out, out.parent, 1)
    st = store.open_store(out)
    entities = sum(analytics.entity_types(analytics.plan_entity_graph(st)).values())
    quads = len(st)
    del st
    return {"entities": entities, "quads": quads, "store_floor_s": floor_s, "cpus": bench_run.usable_cpus(),
            "queries": {name: q["median_s"] for name, q in queries.items()}}


def dask_child(corpus: Path, out: Path) -> dict[str, object]:
    """Build ``corpus`` on a local cluster of two worker processes (run via ``--dask-child``): CPU and
    wall seconds, the driver's peak memory and each worker's."""
    import resource
    import time

    from dask.distributed import Client, LocalCluster

    from plangraph.build.distributed import build_on_cluster

    def usage() -> tuple[float, float]:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime, r.ru_maxrss / 1024

    start = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        result = build_on_cluster(client, [corpus], out)
        workers = list(client.run(usage).values())
    driver_cpu, driver_mb = usage()
    if result.failures or not result.plans:
        raise SystemExit(f"the cluster build failed: {result.failures[:3]}")
    return {"cpu_s": driver_cpu + sum(cpu for cpu, _ in workers), "wall_s": time.perf_counter() - start,
            "driver_mb": driver_mb, "workers_mb": [mb for _, mb in workers], "worker_mb": max(mb for _, mb in workers)}


def _child_json(*args: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} {args[1]}: failed\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(scale: int, tmp: Path, jobs: int, dask: bool = False) -> dict[str, object]:
    """The whole ``plangraph build --force`` of the corpus at ``scale`` (bench/command.py), raw jieba's
    CPU time over the 1x text just before it, then the store it built, measured in a fresh process."""
    corpus, out = tmp / f"corpus{scale}", tmp / f"out{scale}"
    chars = synthesize(scale, corpus)
    texts = [p.read_text(encoding="utf-8") for p in bench_run.plan_files()]
    jieba_rate = sum(map(len, texts)) / command.jieba_cpu_seconds(texts, 3)
    if dask:
        run = _child_json("--dask-child", str(corpus), str(out))
    else:
        run = command.run_command(["build", str(corpus), "--out", str(out), "--force", "--jobs", str(jobs)])
    data = _child_json("--child", str(out))
    processes = run.get("processes", [])
    data.update(workers_mb=run.get("workers_mb", [p["mb"] for p in processes if p["role"] == "worker"] or [run["worker_mb"]]),
                store_mb=run.get("store_mb", 0.0), processes=processes, scale=scale, chars=chars, plans=len(list(corpus.iterdir())), jieba_chars_per_s=jieba_rate,
                build_s=run["cpu_s"], wall_s=run["wall_s"], driver_mb=run["driver_mb"], worker_mb=run["worker_mb"],
                peak_mb=max(run["driver_mb"], run["worker_mb"]))
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-scale", type=int, default=10, help="largest scale to run: 1, 10 or 100 (default 10)")
    parser.add_argument("--jobs", type=int, default=1, help="build --jobs (default 1: one core, as the bar asks)")
    parser.add_argument("--json", type=Path, default=RESULT)
    parser.add_argument("--dask", action="store_true", help="build on a local Dask cluster of 2 worker processes")
    parser.add_argument("--child", type=Path, metavar="OUT", help=argparse.SUPPRESS)
    parser.add_argument("--dask-child", type=Path, nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    if args.dask_child:
        print(json.dumps(dask_child(*args.dask_child)))
        return 0

    how = "build_on_cluster, local Dask cluster of 2 worker processes" if args.dask else f"plangraph build --force --jobs {args.jobs}, the whole command"
    print(f"{bench_run.usable_cpus()} cpu(s), {how}")
    print("CPU s: user + system time of the command's process tree (start-up, workers, store loader, HTML view)")
    print("x jieba: chars per CPU second over raw jieba.lcut's, measured in this run just before the build")
    print("floor s: bulk_load of the built dataset's N-Quads into a fresh store alone; floor x: its chars/s over jieba's")
    print(f"{'scale':>5} {'plans':>5} {'chars':>11} {'CPU s':>7} {'wall s':>7} {'chars/s':>9} {'jieba/s':>9} {'x jieba':>7} "
          f"{'floor s':>7} {'floor x':>7} {'driver MB':>9} {'worker MB':>9} {'store MB':>8} {'quads':>10} {'entities':>8} {'query ms (max)':>14}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="plangraph-scale-") as tmp:
        for scale in (s for s in SCALES if s <= args.max_scale):
            r = measure(scale, Path(tmp), args.jobs, args.dask)
            r["chars_per_s"] = r["chars"] / r["build_s"]
            r["ratio_to_jieba"] = r["chars_per_s"] / r["jieba_chars_per_s"]
            r["store_floor_ratio_to_jieba"] = r["chars"] / r["store_floor_s"] / r["jieba_chars_per_s"]
            rows.append(r)
            every = ", ".join(f"{p['role']} {p['mb']:.0f}" for p in r["processes"])
            print(f"{scale:>4}x {r['plans']:>5} {r['chars']:>11,} {r['build_s']:>7.1f} {r['wall_s']:>7.1f} "
                  f"{r['chars_per_s']:>9,.0f} {r['jieba_chars_per_s']:>9,.0f} "
                  f"{r['ratio_to_jieba']:>7.2f} {r['store_floor_s']:>7.1f} {r['store_floor_ratio_to_jieba']:>7.2f} "
                  f"{r['driver_mb']:>9.0f} {r['worker_mb']:>9.0f} {r['store_mb']:>8.0f} {r['quads']:>10,} {r['entities']:>8,} "
                  f"{max(r['queries'].values()) * 1000:>14.1f}", flush=True)
            if every:
                print(f"      every process under the driver, peak MB in the order they started: {every}", flush=True)
    growth = []
    for a, b in zip(rows, rows[1:]):
        g = {"from": a["scale"], "to": b["scale"], "chars": b["chars"] / a["chars"],
             "time": b["build_s"] / a["build_s"], "memory": b["peak_mb"] / a["peak_mb"],
             "driver_memory": b["driver_mb"] / a["driver_mb"]}
        growth.append(g)
        print(f"{a['scale']}x -> {b['scale']}x: chars x{g['chars']:.1f}, build time x{g['time']:.1f}, "
              f"peak memory x{g['memory']:.2f}, driver memory x{g['driver_memory']:.2f}  ({'no worse than linear' if g['time'] <= g['chars'] * 1.1 else 'SUPERLINEAR'})")
    last = rows[-1]
    bars = {} if args.dask else {
        f"throughput >= {command.WARM_BAR}x jieba ({last['scale']}x, CPU time)": last["ratio_to_jieba"] >= command.WARM_BAR}
    for g in growth:
        if args.dask and (g["from"], g["to"]) == (1, 10):
            bars["cluster driver peak memory at 10x <= 1.2x its peak at 1x"] = g["driver_memory"] <= 1.2
        if not args.dask and (g["from"], g["to"]) == (10, 100):
            bars["peak memory at 100x <= 1.3x at 10x"] = g["memory"] <= 1.3
            bars["time growth 10x -> 100x <= x10.5"] = g["time"] <= 10.5
    if last["scale"] == 100 and not args.dask:
        bars["100x peak memory <= 700 MB"] = last["peak_mb"] <= 700
    for text, ok in bars.items():
        print(f"bar: {text}: {'PASS' if ok else 'FAIL'}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"jobs": args.jobs, "dask": args.dask, "scales": rows,
                                     "growth": growth, "bars": bars}, ensure_ascii=False, indent=1) + "\n",
                         encoding="utf-8")
    print(f"wrote {args.json}")
    return 0 if all(bars.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
