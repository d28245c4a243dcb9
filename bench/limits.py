"""What hostile or huge files cost a build: time and peak memory, each case in its own process.

    python bench/limits.py [--big]

- a .docx zip bomb (100 MB of XML in a small file): refused, how fast, how much memory;
- normalize() on 400k characters of spaced text (one line and one long run of spaces);
- the HTML reader on 360 KB of stray end tags (closed and unclosed) and unclosed comments;
- a 50 MB plan (about 19 M characters): read and normalized, how fast and how much memory;
- with ``--big``: that plan built (read in pieces, ``stream.py``), its time and peak memory.

The 50 MB plan is the bundled plans over and over, each copy under a heading of its own
and with another city's name in it, so its entities and sentences vary as a real plan's do.

Each case runs in a fresh ``python`` so its peak RSS (``ru_maxrss``) is its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASES = {
    "docx bomb (100 MB of XML)": """
        sys.path.insert(0, str(ROOT / "tests"))
        from renderers import docx_bomb
        path = docx_bomb(TMP / "bomb.docx", 100)
        note = f"{path.stat().st_size // 1024} KB file"
        note += refusal(path)
    """,
    "50 MB plan (19 M characters), read": """
        path = big_plan(TMP / "huge-plan.txt")
        start = time.perf_counter()
        note = f"{path.stat().st_size / 2**20:.1f} MB, {len(read_source(path).text) / 1e6:.1f} M characters"
    """,
}

# normalize() on 400k characters that made it quadratic
NORMALIZE = {
    "normalize 400k spaced CJK, one line": '"发 " * 200_000',
    "normalize 400k: a run of spaces": '"发" + " " * 400_000 + "展"',
    "normalize 400k spaced CJK, 120-char lines": '("发 " * 60 + "\\n") * 3300',
}
# the HTML reader on 360 KB of markup that made html.parser (or the old reader) quadratic
HTML = {
    "HTML 360 KB of </p>": 'b"<html><body><table><tr><td>" + b"</p>" * (360 * 1024 // 4)',
    "HTML 360 KB of </p (unclosed)": 'b"<html><body>" + b"</p" * (360 * 1024 // 3)',
    "HTML 360 KB of </span> under 2000 open <div>": 'b"<html><body>" + b"<div>" * 2000 + b"</span>" * (360 * 1024 // 7)',
    "HTML 360 KB of <!--x> (unclosed comments)": 'b"<html><body>" + b"<!--x>" * (360 * 1024 // 6)',
}


def _timed(data: str, call: str) -> str:
    """A case body: ``data`` made, then ``call`` on it timed."""
    return f"""
        data = {data}
        start = time.perf_counter()
        {call}
    """


CASES.update({name: _timed(data, "normalize(data)") for name, data in NORMALIZE.items()})
CASES.update({name: _timed(data, 'formats.html_text(data, lambda raw: (raw.decode(), "utf-8"))')
              for name, data in HTML.items()})

BIG = {
    "50 MB plan (19 M characters), whole build": """
        path = big_plan(TMP / "huge-plan.txt")
        note = f"{path.stat().st_size / 2**20:.1f} MB"
        from plangraph.build.build import build
        start = time.perf_counter()
        result = build([path], TMP / "out")
        note += f"; {len(result.extractions)} plan, {result.quads} quads, failures {result.failures}"
    """,
}

PRELUDE = """
import json, resource, sys, time
from pathlib import Path
ROOT = Path({root!r})
TMP = Path({tmp!r})
from plangraph.read import formats
from plangraph.errors import InputError
from plangraph.read.ingest import normalize, read_source
note = ""


def refusal(path):  # time read_source(path) from start; its refusal, if any, for the note
    global start
    start = time.perf_counter()
    try:
        read_source(path)
    except InputError as exc:
        return "; " + str(exc)
    return ""
"""

# not formatted with PRELUDE: its f-strings keep their braces
BIG_PLAN = """
def big_plan(path, limit=50 * 1024 * 1024):  # the bundled plans, varied copies, up to the default size limit
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "plans").glob("*.txt"))]
    cities = ["湖州", "嘉兴", "绍兴", "宁波", "温州", "台州", "金华", "衢州", "丽水", "舟山", "杭州"]
    with path.open("w", encoding="utf-8") as fh:
        for k in range(10**6):
            city, seed = cities[k % len(cities)], seeds[k % len(seeds)]
            if k:
                seed = f"\\n\\n第{k}部分 {city}片区第{k}轮专项实施安排\\n\\n" + seed.replace("湖州" if k % 3 else "绍兴", city)
            if fh.tell() + 3 * len(seed) > limit:
                return path
            fh.write(seed)
"""

REPORT = """
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "note": note}))
"""


def run_case(body: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="plangraph-limits-") as tmp:
        code = PRELUDE.format(root=str(ROOT), tmp=tmp) + BIG_PLAN + textwrap.dedent(body) + REPORT
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=3600)
        if done.returncode:
            raise SystemExit(done.stderr)
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also build the 50 MB plan (about 25 minutes on 2 shared cores)")
    args = parser.parse_args()
    cases = {**CASES, **(BIG if args.big else {})}
    for name, body in cases.items():
        got = run_case(body)
        print(f"{name:48s} {got['seconds']:7.2f} s  peak {got['peak_mb']:6.0f} MB  {got['note']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
