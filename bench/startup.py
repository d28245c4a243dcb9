"""Where a warm ``plangraph build --force`` spends its start-up and extraction CPU, phase by phase.

Run: taskset -c 0 .venv/bin/python bench/startup.py [--repeat 3]

``bench/command.py`` times the whole command; this splits the part before the graph is
written, in one fresh interpreter per run, in the order a build pays it (CPU seconds,
``time.process_time``): importing the build module, spaCy and the extract package;
building the pipeline (the lexicon, jieba's dictionary, the segmenter and each component
as spaCy makes it); reading and structuring the bundled plans; extracting them (each
component's share of it); their targets. The compiled cache is the user's (run a build
first for warm figures). Prints the median of ``--repeat`` runs of each phase.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from run import fresh_phases, print_phase_medians  # bench/run.py

ROOT = Path(__file__).resolve().parents[1]

# One run, in a fresh interpreter: prints {phase: CPU seconds} as JSON.
_RUN = """
import json, sys, time
from dataclasses import replace
from pathlib import Path
clock, phases = time.process_time, {}
def timed(phase, fn, *args, **kwargs):
    start = clock()
    value = fn(*args, **kwargs)
    phases[phase] = phases.get(phase, 0.0) + clock() - start
    return value
timed("import the build module", __import__, "plangraph.build.build")
timed("import spaCy", __import__, "spacy")
timed("import the extract package", __import__, "plangraph.extract.pipeline")
from spacy.language import Language
from plangraph.dictionary import general_dictionary
from plangraph.extract import pipeline, segmenter
from plangraph.lexicon import load_lexicon
timed("pipeline: the lexicon", load_lexicon)
timed("pipeline: jieba's dictionary", general_dictionary)
create_pipe, make_segmenter = Language.create_pipe, segmenter.Segmenter.__init__
Language.create_pipe = lambda self, factory, *a, **k: timed(f"pipeline: {factory}", create_pipe, self, factory, *a, **k)
segmenter.Segmenter.__init__ = lambda self, *a, **k: timed("pipeline: the segmenter", make_segmenter, self, *a, **k)
nlp = timed("pipeline: all", pipeline.build_pipeline)
from plangraph.read.ingest import read_source
from plangraph.read.inputs import find_inputs
from plangraph.read.manifest import completed, infer_meta, with_region_code
from plangraph.read.structure import parse
from plangraph.targets import extract_targets
def read(plan):
    source = read_source(plan.path)
    inferred = infer_meta(source, plan.name)
    meta = replace(completed(plan.meta, inferred) if plan.meta else inferred, file=plan.name, id=plan.id)
    return parse(source, with_region_code(meta, source.text, load_lexicon()))
documents = timed("read and structure the plans", lambda: [read(p) for p in find_inputs([Path(sys.argv[1])]).plans])
for name, component in nlp.pipeline:  # each wrapped in place (spaCy keeps them in _components)
    nlp._components[nlp.pipe_names.index(name)] = (name, lambda doc, c=component, n=name: timed(f"extract: {n}", c, doc))
timed("extract: all", lambda: [pipeline.extract(d, nlp) for d in documents])
timed("targets", lambda: [extract_targets(d) for d in documents])
print(json.dumps(phases))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs (the median of each phase is shown)")
    parser.add_argument("--plans", type=Path, default=ROOT / "data" / "plans")
    args = parser.parse_args(argv)
    print_phase_medians([fresh_phases(_RUN, str(args.plans)) for _ in range(args.repeat)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
