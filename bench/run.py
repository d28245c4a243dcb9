"""How fast plangraph builds the bundled plans and answers queries, in one run.

Run: .venv/bin/python bench/run.py [--repeat N]      (or: make bench)

Absolute seconds depend on the machine, so every number also comes as a ratio
to a baseline measured in the same run:

  (a) baselines: raw ``jieba.lcut`` over the full text of the bundled plans
      (warmed up first, default dictionary) - segmenting is the least any
      Chinese pipeline does - and rjieba's ``cut`` (jieba's dictionary and
      algorithm in Rust, what plangraph segments with) over the same text;
  (b) extraction alone (ingest, structure, extract, targets; nothing written),
      then the warm build: ``plangraph.build.build.build`` of data/plans into a temp
      dir (graph files + Oxigraph store, then the HTML view as ``plangraph
      build`` writes it), after one warm-up build; median of N;
  (c) build throughput in characters of plan text per second, and the store
      floor: the built dataset's N-Quads bulk-loaded into a fresh on-disk
      Oxigraph store, nothing else - no build that loads a store can be
      faster than that;
  (d) named-query latency on the built store: median of 20 runs of a few
      representative SPARQL queries, relative to a trivial ASK.

Ratios to jieba are given both ways: time (seconds / jieba seconds) and
throughput (chars/s / jieba chars/s; the goal is a build at >= 0.5).
Prints the same lines every run (only the numbers change), writes the results
to out/bench.json and exits 1 if the bar "five plans build in < 10 s warm" fails.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from plangraph.build.workers import usable_cpus

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data" / "plans"
RESULT = ROOT / "out" / "bench.json"
BAR_SECONDS = 10.0
GOAL_THROUGHPUT = 0.5  # issue 9: build chars/s at least half of raw jieba's, on one core
QUERY_RUNS = 20

TRIVIAL = "ASK { ?s ?p ?o }"
QUERIES: dict[str, str] = {
    "plans_mentioning_babazhanlve": """
        SELECT DISTINCT ?file WHERE {
          ?plan pg:sourceFile ?file ; pg:mentions ?e . ?e skos:prefLabel "八八战略"@zh-Hans .
        } ORDER BY ?file""",
    "most_shared_entities": """
        SELECT ?e ?label (COUNT(DISTINCT ?plan) AS ?plans) WHERE {
          ?plan a pg:Plan ; pg:mentions ?e . ?e skos:prefLabel ?label .
        } GROUP BY ?e ?label ORDER BY DESC(?plans) ?label LIMIT 20""",
    "entity_types_per_plan": """
        SELECT ?file ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?plan pg:sourceFile ?file ; pg:mentions ?e . ?e a ?type .
        } GROUP BY ?file ?type ORDER BY ?file ?type""",
    "provenance_of_a_program": """
        SELECT ?file ?start ?end ?path ?sentence WHERE {
          ?m oa:hasBody ?e ; oa:hasTarget ?t ; pg:sentence ?s .
          ?e skos:prefLabel "八八战略"@zh-Hans .
          ?s rdf:value ?sentence ; pg:plan/pg:sourceFile ?file . OPTIONAL { ?s pg:sectionPath ?path }
          BIND (STRAFTER(STR(?t), "#char=") AS ?span)
          BIND (xsd:integer(STRBEFORE(?span, ",")) AS ?start) BIND (xsd:integer(STRAFTER(?span, ",")) AS ?end)
        } ORDER BY ?file ?start""",
    "platforms_of_one_region": """
        SELECT DISTINCT ?label WHERE {
          ?plan pg:region ?r ; pg:mentions ?e . ?r skos:prefLabel "湖州市"@zh-Hans .
          ?e a pg:Platform ; skos:prefLabel ?label .
        } ORDER BY ?label""",
}


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)



def fresh_phases(code: str, *args: str) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter (so imports and start-up are paid again) and read the
    {phase: CPU seconds} JSON it prints last (bench/startup.py, bench/after.py)."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def print_phase_medians(runs: list[dict[str, float]], order: list[str] | None = None) -> None:
    """The median of each phase over ``runs``, in ``order`` (default: the first run's)."""
    phases = sorted(runs[0], key=order.index) if order else list(runs[0])
    width = max(map(len, phases)) + 2
    print(f"CPU seconds, median of {len(runs)} runs")
    for phase in phases:
        print(f"{phase:{width}s} {statistics.median(r.get(phase, 0.0) for r in runs):6.3f}")

def plan_files() -> list[Path]:
    return sorted(p for p in PLANS.iterdir() if p.suffix == ".txt" and not p.name.startswith("README"))


def bench_jieba(texts: list[str], repeat: int) -> float:
    """Raw jieba over every plan, default dictionary (run before plangraph teaches it names)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    for text in texts:  # warm-up: caches, regexes, HMM tables
        jieba.lcut(text)
    return median_seconds(lambda: [jieba.lcut(t) for t in texts], repeat)


def bench_rjieba(texts: list[str], repeat: int) -> float:
    """rjieba over every plan: a fresh instance, jieba's default dictionary, HMM on as in jieba.lcut."""
    import rjieba

    seg = rjieba.Jieba()
    for text in texts:
        seg.cut(text, True)
    return median_seconds(lambda: [seg.cut(t, True) for t in texts], repeat)


def bench_extract(repeat: int) -> float:
    """Every plan through ingest, structure, extraction and targets, one core, no cache, nothing written."""
    from plangraph.build.build import extract_all
    from plangraph.read.inputs import find_inputs

    plans = find_inputs([PLANS]).plans

    def run() -> None:
        extractions, failures = extract_all(plans)
        if failures or len(extractions) != len(plans):
            raise SystemExit(f"extraction failed: {failures}")

    return median_seconds(run, repeat)


def bench_store_floor(out: Path, tmp: Path, repeat: int) -> tuple[float, int]:
    """(median seconds, quads): the built dataset bulk-loaded into a fresh on-disk store,
    nothing else - what loading it costs however fast the rest of a build is.

    One N-Quads file per named graph, loaded one at a time as the build does (faster than
    one big load: 5.4 s against 9.3 s at 10x); not even the build's compaction is included.
    """
    import itertools

    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(prefix="floor-", dir=tmp) as scratch:
        files, quads = [], 0
        graphs = ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)  # graph after graph
        for n, (_, group) in enumerate(itertools.groupby(graphs, key=lambda q: q.graph_name)):
            part = list(group)
            files.append(Path(scratch) / f"{n:06d}.nq")
            ox.serialize(part, str(files[-1]), ox.RdfFormat.N_QUADS)
            quads += len(part)
        times = []
        for n in range(repeat):
            start = time.perf_counter()
            fresh = ox.Store(str(Path(scratch) / f"store{n}"))
            for path in files:
                fresh.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=True)
            fresh.flush()
            del fresh
            times.append(time.perf_counter() - start)
    return statistics.median(times), quads


def write_view(graph, out: Path) -> None:
    """The HTML view, as ``plangraph build`` writes it."""
    from plangraph.report.view import write_view as write_html

    write_html(graph, out / "graph.html", title="plangraph")


def bench_build(tmp: Path, repeat: int) -> tuple[float, float, Path, int]:
    """(median seconds without view, median seconds with view, last output dir, plans built)."""
    from plangraph.build.build import build

    warm = build([PLANS], tmp / "warmup", view=write_view)  # loads lexicon, pipeline, jieba words
    if warm.failures or not warm.plans:
        raise SystemExit(f"warm-up build failed: {warm.failures}")
    plans = len(warm.plans)
    counter = iter(range(1_000_000))
    core = median_seconds(lambda: build([PLANS], tmp / f"core{next(counter)}"), repeat)
    full = median_seconds(lambda: build([PLANS], tmp / f"full{next(counter)}", view=write_view), repeat)
    return core, full, tmp / "warmup", plans


def bench_queries(out: Path) -> dict[str, dict[str, float | int]]:
    import pyoxigraph as ox

    from plangraph.graph import store

    st = store.open_store(out)

    def run(sparql: str) -> int:
        """Run a query and read every row (rows are produced lazily)."""
        result = store.query(st, sparql)
        if isinstance(result, ox.QueryBoolean):
            return int(bool(result))
        return sum(1 for _ in result)

    results: dict[str, dict[str, float | int]] = {}
    for name, sparql in {"trivial_ask": TRIVIAL, **QUERIES}.items():
        rows = run(sparql)  # warm-up, and the row count
        results[name] = {"median_s": median_seconds(lambda s=sparql: run(s), QUERY_RUNS), "rows": rows}
    base = results["trivial_ask"]["median_s"]
    for r in results.values():
        r["ratio_to_ask"] = r["median_s"] / base if base else float("inf")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed builds and jieba passes (median)")
    parser.add_argument("--json", type=Path, default=RESULT, help=f"result file (default {RESULT.relative_to(ROOT)})")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    from plangraph.read.ingest import read_source

    files = plan_files()
    sources = [read_source(p) for p in files]
    chars = sum(len(s.original) for s in sources)
    texts = [s.original for s in sources]

    jieba_s = bench_jieba(texts, args.repeat)
    rjieba_s = bench_rjieba(texts, args.repeat)
    with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
        core_s, full_s, out, plans = bench_build(Path(tmp), args.repeat)
        extract_s = bench_extract(args.repeat)
        floor_s, quads = bench_store_floor(out, Path(tmp), args.repeat)
        queries = bench_queries(out)

    def timing(seconds: float) -> dict[str, float]:
        return {"median_s": seconds, "chars_per_s": chars / seconds,
                "ratio_to_jieba": seconds / jieba_s, "throughput_to_jieba": jieba_s / seconds}

    passed = full_s < BAR_SECONDS and plans == len(files)
    result = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": usable_cpus()},
        "corpus": {"plans": len(files), "built": plans, "chars": chars, "quads": quads},
        "repeat": args.repeat,
        "jieba_lcut": timing(jieba_s),
        "rjieba_cut": timing(rjieba_s),
        "extract_only": timing(extract_s),
        "build_core": timing(core_s),
        "build_full": timing(full_s),
        "store_floor": {**timing(floor_s), "quads": quads, "us_per_quad": floor_s / quads * 1e6},
        "bar": {"text": f"five plans build in < {BAR_SECONDS:g} s warm", "seconds": full_s, "pass": passed},
        "goal": {"text": f"build throughput >= {GOAL_THROUGHPUT:g}x jieba", "throughput_to_jieba": jieba_s / core_s,
                 "pass": jieba_s / core_s >= GOAL_THROUGHPUT},
        "queries": queries,
    }

    print(f"corpus: {len(files)} plans, {chars:,} chars ({plans} built), {quads:,} quads; {usable_cpus()} cpu(s)")
    print(f"{'':38s} {'seconds':>8s} {'chars/s':>12s} {'time/jieba':>11s} {'speed/jieba':>12s}")
    for label, key in (("(a) jieba.lcut baseline", "jieba_lcut"), ("(a) rjieba cut", "rjieba_cut"),
                       ("(b) extraction only, nothing written", "extract_only"),
                       ("(b) build, graph + store", "build_core"), ("(b) build, + HTML view", "build_full"),
                       ("(c) store floor: bulk_load of quads", "store_floor")):
        r = result[key]
        print(f"{label:38s} {r['median_s']:8.3f} {r['chars_per_s']:12,.0f} {r['ratio_to_jieba']:10.2f}x "
              f"{r['throughput_to_jieba']:11.2f}x")
    print(f"(c) throughput (full build)  {chars / full_s:,.0f} chars/s; store floor "
          f"{floor_s / quads * 1e6:.1f} us/quad")
    print(f"bar: {result['bar']['text']}: {'PASS' if passed else 'FAIL'} ({full_s:.2f} s)")
    goal = result["goal"]
    print(f"goal: {goal['text']}: {'PASS' if goal['pass'] else 'FAIL'} ({goal['throughput_to_jieba']:.2f}x; "
          f"extraction alone {jieba_s / extract_s:.2f}x, store floor alone {jieba_s / floor_s:.2f}x)")
    print(f"(d) query latency, median of {QUERY_RUNS} runs:")
    for name, r in queries.items():
        print(f"    {name:30s} {r['median_s'] * 1000:9.2f} ms  {r['ratio_to_ask']:8.1f}x ask  {r['rows']:6d} rows")

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
