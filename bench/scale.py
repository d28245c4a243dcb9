"""How build time, memory, queries and the HTML view grow with the corpus, in one run.

Run: .venv/bin/python bench/scale.py [--max-scale 10] [--jobs 1] [--json out/scale.json]

The corpus at scale k is k copies of the bundled plans (data/plans). Copy 0 is
the plans themselves; in every other copy the plan's own region and its parent
are renamed to another real region of the same level from
ontology/lexicon/regions.csv (湖州市/湖州 -> 台州市/台州, 吴兴区 -> 某县 …), so
region-prefixed platforms, projects and programs really multiply instead of
resolving to the same entities. No manifest: metadata is inferred, as for
plans collected from the web.

Each scale is built in a fresh subprocess (``--child``), which reports its own
peak resident memory (``resource.getrusage``, workers included), then times the
HTML view and the named queries of bench/run.py on the store it built.
Throughput is reported as a ratio to raw ``jieba.lcut`` over the 1x text, measured
in the same subprocess just before its build (segmenting is the floor for any
Chinese pipeline; the machine's load changes, so the two are measured together),
growth as the ratio of time and memory between consecutive scales against the
ratio of characters. Build time excludes the one-time start-up (spaCy, lexicon,
jieba dictionary), reported apart. The store floor is one ``bulk_load`` of the
built dataset's N-Quads into a fresh store, nothing else: no build that loads a
store of that dataset is faster. ``--jobs 1`` extracts on one core; the build
still loads its store in a second thread, so the core count is reported too.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import run as bench_run  # noqa: E402  (bench/run.py: named queries, view writer, jieba baseline)

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


def child(corpus: Path, out: Path, jobs: int) -> dict[str, object]:
    """Build ``corpus`` in this process and measure it (run via ``--child``)."""
    from plangraph.build.build import build
    from plangraph.extract import build_pipeline
    from plangraph.graph import store
    from plangraph.report import analytics

    jieba_rate = jieba_chars_per_s(3)  # here, right before the build, on the same machine load
    start = time.perf_counter()
    build_pipeline()  # spaCy, lexicon, jieba dictionary: once per process, whatever the corpus
    startup = time.perf_counter() - start
    start = time.perf_counter()
    result = build([corpus], out, jobs=jobs, force=True)
    seconds = time.perf_counter() - start
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    start = time.perf_counter()
    bench_run.write_view(out)
    view_s = time.perf_counter() - start
    queries = bench_run.bench_queries(out)
    floor_s, _ = bench_run.bench_store_floor(out, out.parent, 1)
    st = store.open_store(out)
    entities = sum(analytics.entity_types(analytics.plan_entity_graph(st)).values())
    del st
    return {
        "plans": len(result.extractions), "failures": result.failures, "quads": result.quads,
        "entities": entities, "startup_s": startup, "build_s": seconds, "jieba_chars_per_s": jieba_rate,
        "peak_mb": max(peak_self, peak_workers),
        "peak_main_mb": peak_self, "peak_worker_mb": peak_workers, "view_s": view_s, "store_floor_s": floor_s,
        "cpus": bench_run.usable_cpus(),
        "queries": {name: q["median_s"] for name, q in queries.items()},
    }


def measure(scale: int, tmp: Path, jobs: int) -> dict[str, object]:
    corpus = tmp / f"corpus{scale}"
    chars = synthesize(scale, corpus)
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(corpus), str(tmp / f"out{scale}"), "--jobs", str(jobs)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"scale {scale}: build failed\n{proc.stderr[-2000:]}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    data.update(scale=scale, chars=chars)
    return data


def jieba_chars_per_s(repeat: int) -> float:
    texts = [p.read_text(encoding="utf-8") for p in bench_run.plan_files()]
    return sum(map(len, texts)) / bench_run.bench_jieba(texts, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-scale", type=int, default=10, help="largest scale to run: 1, 10 or 100 (default 10)")
    parser.add_argument("--jobs", type=int, default=1, help="build --jobs (default 1: one core, as the bar asks)")
    parser.add_argument("--json", type=Path, default=RESULT)
    parser.add_argument("--child", nargs=2, type=Path, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child, args.jobs)))
        return 0

    print(f"{bench_run.usable_cpus()} cpu(s), build --jobs {args.jobs} (the store loads in a thread of its own)")
    print("build s: after the one-time start-up (spaCy, lexicon, jieba dictionary; column 'start s');")
    print("x jieba: build chars/s over raw jieba.lcut chars/s measured in the same process just before")
    print("floor s: bulk_load of the built dataset's N-Quads into a fresh store alone; floor x: its chars/s over jieba's")
    print(f"{'scale':>5} {'plans':>5} {'chars':>11} {'start s':>7} {'build s':>8} {'chars/s':>9} {'jieba/s':>9} {'x jieba':>7} "
          f"{'floor s':>7} {'floor x':>7} {'peak MB':>8} {'quads':>10} {'entities':>8} {'view s':>7} {'query ms (max)':>14}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="plangraph-scale-") as tmp:
        for scale in (s for s in SCALES if s <= args.max_scale):
            r = measure(scale, Path(tmp), args.jobs)
            r["chars_per_s"] = r["chars"] / r["build_s"]
            r["ratio_to_jieba"] = r["chars_per_s"] / r["jieba_chars_per_s"]
            r["store_floor_ratio_to_jieba"] = r["chars"] / r["store_floor_s"] / r["jieba_chars_per_s"]
            rows.append(r)
            print(f"{scale:>4}x {r['plans']:>5} {r['chars']:>11,} {r['startup_s']:>7.1f} {r['build_s']:>8.1f} "
                  f"{r['chars_per_s']:>9,.0f} {r['jieba_chars_per_s']:>9,.0f} "
                  f"{r['ratio_to_jieba']:>7.2f} {r['store_floor_s']:>7.1f} {r['store_floor_ratio_to_jieba']:>7.2f} "
                  f"{r['peak_mb']:>8.0f} {r['quads']:>10,} {r['entities']:>8,} "
                  f"{r['view_s']:>7.1f} {max(r['queries'].values()) * 1000:>14.1f}", flush=True)
    growth = []
    for a, b in zip(rows, rows[1:]):
        g = {"from": a["scale"], "to": b["scale"], "chars": b["chars"] / a["chars"],
             "time": b["build_s"] / a["build_s"], "memory": b["peak_mb"] / a["peak_mb"]}
        growth.append(g)
        print(f"{a['scale']}x -> {b['scale']}x: chars x{g['chars']:.1f}, build time x{g['time']:.1f}, "
              f"peak memory x{g['memory']:.1f}  ({'no worse than linear' if g['time'] <= g['chars'] * 1.1 else 'SUPERLINEAR'})")
    last = rows[-1]
    bars = {f"throughput >= 0.5x jieba ({last['scale']}x, one core)": last["ratio_to_jieba"] >= 0.5}
    if last["scale"] == 100:
        bars["100x peak memory < 4 GB"] = last["peak_mb"] < 4096
    for text, ok in bars.items():
        print(f"bar: {text}: {'PASS' if ok else 'FAIL'}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"jobs": args.jobs, "scales": rows,
                                     "growth": growth, "bars": bars}, ensure_ascii=False, indent=1) + "\n",
                         encoding="utf-8")
    print(f"wrote {args.json}")
    return 0 if all(bars.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
