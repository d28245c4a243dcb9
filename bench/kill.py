"""kill -9 a build at random moments: the published output must always be one whole build.

Makes a corpus of N small plans (slices of the bundled ones) and a second corpus with one
plan fewer, builds each once for reference, then, trial after trial, starts a build of the
corpus that is *not* published and SIGKILLs it at a random moment of its run. After each
kill:

- OUT/graph.trig, OUT/graph.ttl and OUT/store are all of the previous build or all of the
  new one (byte-identical to that reference, the store holding its quad count);
- no process of the killed build is left (the build runs in its own process group);

and after the last kill one complete build leaves a single version folder and no staging.

    python bench/kill.py [--plans 100] [--trials 10] [--jobs 1 2] [--seed 1]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data" / "plans"


@dataclass(frozen=True)
class Fingerprint:
    trig: str
    ttl: str
    quads: int


def make_corpus(folder: Path, plans: int) -> tuple[Path, Path]:
    """Folders ``full`` (``plans`` plans) and ``less`` (the same without the last)."""
    sources = [p.read_text(encoding="utf-8") for p in sorted(PLANS.glob("*.txt"))]
    full, less = folder / "full", folder / "less"
    full.mkdir(parents=True)
    less.mkdir()
    for i in range(plans):
        text = sources[i % len(sources)]
        size = 30000 + (i * 997) % 10000  # starts with the title and holds sections: still a plan
        for target in (full, less) if i < plans - 1 else (full,):
            (target / f"p{i:03d}.txt").write_text(text[:size], encoding="utf-8")
    return full, less


def build_cmd(corpus: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "plangraph.cli", "build", str(corpus), "--out", str(out),
            "--jobs", str(jobs), "--force"]


def fingerprint(out: Path) -> Fingerprint:
    """What a reader sees through OUT's names (the store opened read-only, as a server does)."""
    digest = {n: hashlib.sha256((out / n).read_bytes()).hexdigest() for n in ("graph.trig", "graph.ttl")}
    store = ox.Store.read_only(str(out / "store"))
    try:
        quads = len(store)
    finally:
        del store
    return Fingerprint(digest["graph.trig"], digest["graph.ttl"], quads)


def group_left(pgid: int, wait: float = 3.0) -> list[int]:
    """Processes still in process group ``pgid`` after ``wait`` seconds (reaped zombies do not count)."""
    deadline = time.monotonic() + wait
    while True:
        left = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                left.append(int(entry))
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def timed_build(corpus: Path, out: Path, jobs: int) -> float:
    start = time.monotonic()
    subprocess.run(build_cmd(corpus, out, jobs), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def trials(plans: int, count: int, jobs: int, seed: int, workdir: Path) -> Iterator[str]:
    """Run ``count`` kill trials with ``jobs``, yielding one line per trial (raises on a broken rule)."""
    rng = random.Random(seed * 1000 + jobs)
    full, less = make_corpus(workdir / "corpus", plans)
    out = workdir / "out"
    refs = {}
    durations = {}
    for corpus in (less, full):  # full ends up published
        durations[corpus] = timed_build(corpus, out, jobs)
        refs[corpus] = fingerprint(out)
    published = full
    for n in range(count):
        target = less if published == full else full
        delay = rng.uniform(0.2, 0.9 * durations[target])  # now and then a build is quicker than its reference
        proc = subprocess.Popen(build_cmd(target, out, jobs), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(delay)
        finished = proc.poll() is not None
        if not finished:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        left = group_left(proc.pid)
        if left:
            for pid in left:
                os.kill(pid, signal.SIGKILL)
            raise AssertionError(f"trial {n}: processes left after kill -9: {left}")
        seen = fingerprint(out)
        if seen == refs[target]:
            published = target
        elif seen != refs[published]:
            raise AssertionError(f"trial {n}: output is neither build: {seen}")
        stale = sorted(p.name for p in (out / ".builds").iterdir())
        yield (f"jobs {jobs} trial {n}: killed at {delay:5.1f} s of ~{durations[target]:.1f} s"
               f"{' (had finished)' if finished else ''}; published: "
               f"{'new' if published == target else 'previous'} build, whole; "
               f"no process left; version folders now {stale}")
    subprocess.run(build_cmd(published, out, jobs), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    versions = sorted(p.name for p in (out / ".builds").iterdir())
    known = (".builds", ".cache", ".current", ".lock")
    hidden = sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in known)
    beside = sorted(p.name for p in out.parent.iterdir() if p.name != "out" and p.name != "corpus")
    if len(versions) != 1 or hidden or beside:
        raise AssertionError(f"after the next build: versions {versions}, stray {hidden}, beside OUT {beside}")
    yield f"jobs {jobs}: after the next build one version folder ({versions[0]}), no staging left"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for jobs in args.jobs:
        with tempfile.TemporaryDirectory(prefix="plangraph-kill-") as tmp:
            for line in trials(args.plans, args.trials, jobs, args.seed, Path(tmp)):
                print(line, flush=True)
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
