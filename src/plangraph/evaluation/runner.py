"""``make eval``: build both gold sets and print their figures side by side.

In-sample is the bundled plans (the two of them with gold, 绍兴 and 杭州, scored inside a build
of all five, as sharing across plans needs); wide is 20 excerpts of other provinces' plans,
built as eval/wide/README.md says: header lines dropped, no manifest. A figure on text the rules
were written on is labelled in-sample; only the wide figures say how the rules generalize.
With ``--floors``, any figure below its floor fails the run (CI keeps regressions out).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
from pathlib import Path

from ..build.build import build
from .scoring import TYPES, Report, read_dataset, score

REPO = Path(__file__).resolve().parents[3]
EVAL = REPO / "eval"
PLANS = REPO / "data" / "plans"
_HEADER = ("# source:", "# region:")


def dev_inputs(folder: Path) -> list[dict]:
    """The bundled plans under the file names their gold uses (``eval/dev/sources.csv``)."""
    with (EVAL / "dev" / "sources.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            shutil.copyfile(PLANS / row["plan"], folder / row["doc"])
    return _gold(EVAL / "dev")


def wide_inputs(folder: Path) -> list[dict]:
    """The wide excerpts without their two header lines, as eval/wide/README.md builds them: no
    manifest, so each excerpt's region, title and period come from its own text, as they would
    for a user's pile of downloaded plans (held-out text is scored the same way)."""
    for path in sorted((EVAL / "wide").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        if tuple(line.split(":", 1)[0] + ":" for line in lines[:2]) != _HEADER:
            raise ValueError(f"{path}: the first two lines must be '# source:' and '# region:'")
        (folder / path.name).write_text("".join(lines[2:]), encoding="utf-8")
    return _gold(EVAL / "wide")


def _gold(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


SETS = {"in-sample": dev_inputs, "wide": wide_inputs}


def evaluate(name: str, work: Path) -> Report:
    """Build one gold set into ``work`` and score it."""
    inputs, out = work / name / "in", work / name / "out"
    inputs.mkdir(parents=True)
    gold = SETS[name](inputs)
    result = build([inputs], out, force=True)
    if result.failures:
        raise RuntimeError(f"{name}: " + "; ".join(result.failures))
    return score(gold, read_dataset(out / "graph.trig"))


def headline(report: Report) -> dict[str, float]:
    """The figures floors are set on and the table shows, by name."""
    fig = report.figures()
    out = {"recall": fig["ALL"]["recall_strict"], "precision": fig["ALL"]["precision_strict"],
           "recall_lenient": fig["ALL"]["recall_lenient"], "precision_lenient": fig["ALL"]["precision_lenient"],
           "recall_typed": fig["ALL"]["recall_typed"]}
    out |= {f"{t}_recall": fig[t]["recall_strict"] for t in TYPES}
    out |= {f"{t}_precision": fig[t]["precision_strict"] for t in TYPES}
    out |= {"shared": fig["shared"]["recall"], "relations": fig["relations"]["recall"],
            "relations_typed": fig["relations"]["recall_typed"]}
    return out


def table(figures: dict[str, dict[str, float]]) -> str:
    """One row a figure, one column a set."""
    names = list(figures)
    lines = [f"{'figure':20}" + "".join(f"{n:>11}" for n in names)]
    for key in figures[names[0]]:
        lines.append(f"{key:20}" + "".join(f"{figures[n][key]:11.3f}" for n in names))
    return "\n".join(lines)


def below_floors(figures: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """Every figure under its floor, as 'set figure: value < floor'."""
    return [f"{name} {key}: {figures[name][key]:.3f} < {floor:.3f}"
            for name, wanted in floors.items() for key, floor in wanted.items()
            if figures[name][key] < floor - 1e-9]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m plangraph.evaluation", description=__doc__.split("\n\n")[0])
    ap.add_argument("--floors", type=Path, help="JSON {set: {figure: floor}}; exit 1 if any figure is below")
    ap.add_argument("--misses", type=int, default=0, metavar="N", help="list up to N misses of each kind")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="plangraph-eval-") as tmp:
        for name in SETS:
            report = evaluate(name, Path(tmp))
            figures[name] = headline(report)
            if args.misses:
                _print_misses(name, report, args.misses)
    print(table(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.floors:
        failed = below_floors(figures, json.loads(args.floors.read_text(encoding="utf-8")))
        for line in failed:
            print(f"below floor: {line}", file=sys.stderr)
        return 1 if failed else 0
    return 0


def _print_misses(name: str, report: Report, n: int) -> None:
    print(f"== {name}")
    for t in TYPES:
        print(f"missed {t}: " + ", ".join(report.misses[t][:n]))
    print("unmatched extracted: " + ", ".join(report.unmatched[:n]))
    print("missed shared: " + ", ".join(report.shared_misses[:n]))
    print("missed relations: " + ", ".join(report.relation_misses[:n]))
