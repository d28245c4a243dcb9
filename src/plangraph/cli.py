"""Command line: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from . import analytics, build, queries, store
from .errors import InputError

DEFAULT_PLANS = Path("data/plans")
DEFAULT_OUT = Path("out")


def _error(message: object) -> None:
    """One stderr line per problem, whatever the message (parser errors span lines)."""
    print("error: " + " ".join(str(message).split()), file=sys.stderr)


def _progress(files):
    from tqdm import tqdm

    return tqdm(files, desc="plans", unit="plan", file=sys.stderr, disable=None)


def _view_writer(graphs: list[nx.Graph]):
    """A build hook that writes the HTML view and keeps the graph for the summary."""
    from .view import write_view

    def write(out: Path) -> None:
        with _Opened(out) as st:
            graphs.append(analytics.plan_entity_graph(st))
        write_view(graphs[-1], out / build.HTML, title="plangraph")

    return write


class _Opened:
    """Open a store for the length of a ``with`` block."""

    def __init__(self, out: Path) -> None:
        self.store = store.open_store(out)

    def __enter__(self) -> ox.Store:
        return self.store

    def __exit__(self, *exc: object) -> None:
        del self.store


def cmd_build(args: argparse.Namespace) -> int:
    paths = args.paths or [DEFAULT_PLANS]
    graphs: list[nx.Graph] = []
    try:
        result = build.build(paths, args.out, progress=_progress, view=_view_writer(graphs), jobs=args.jobs,
                             force=args.force, max_bytes=int(args.max_size * 1024 * 1024))
    except InputError as exc:
        _error(exc)
        return 2
    for failure in result.failures:
        _error(failure)
    if not result.extractions:
        print("error: no plan could be built; nothing written", file=sys.stderr)
        return 2
    print(f"extracted: {result.extracted} files, reused from cache: {result.reused}")
    for note in result.notes:
        print(f"note: {note}")
    _summary(graphs[-1], args.out, len(result.extractions), result.quads)
    return 1 if result.failures else 0


def _summary(g: nx.Graph, out: Path, plans: int, quads: int) -> None:
    types = analytics.entity_types(g)
    relations = sum(1 for *_, d in g.edges(data=True) if d["predicate"] != "mentions")
    print(f"plans: {plans}   quads: {quads}   relations: {relations}")
    print("entities: " + ", ".join(f"{t} {n}" for t, n in types.items()) + f"   (total {sum(types.values())})")
    shared = analytics.shared_entities(g, 2, types=("Program", "Industry", "Platform", "Project"))
    print(f"shared initiatives (in >= 2 plans): {len(shared)}; most shared:")
    for iri, n, mentions in shared[:10]:
        node = g.nodes[iri]
        print(f"  {node['label']} [{node['type']}] — {n} plans, {mentions} mentions")
    print(f"wrote {out / store.TRIG}, {out / store.TURTLE}, {out / store.STORE_DIR}/, {out / build.HTML}")


def cmd_query(args: argparse.Namespace) -> int:
    try:
        if args.list:
            print(queries.describe(queries.load_queries()), end="")
            return 0
        text = _query_text(args)
        with _Opened(args.dir) as st:
            result = store.query(st, text)
            print(_format(result, args.format), end="")
    except (FileNotFoundError, SyntaxError, OSError, ValueError, InputError) as exc:
        _error(exc)
        return 2
    return 0


def _query_text(args: argparse.Namespace) -> str:
    """The SPARQL to run: a named query, a .rq file (rendered when it has a header) or the text."""
    if args.dir is None or (args.query is None) == (args.name is None):
        raise ValueError("give a build folder and either QUERY or --name NAME (plangraph query --list shows the names)")
    params = queries.parse_params(args.param)
    if args.name:
        return queries.named(args.name).render(params)
    if args.query.endswith(".rq") and Path(args.query).is_file():
        return queries.file_text(Path(args.query), params)
    if params:
        raise ValueError("--param needs --name NAME or a .rq file with a header")
    return args.query


def _format(result: object, fmt: str) -> str:
    """Query results as an aligned table, CSV or JSON."""
    if isinstance(result, ox.QueryBoolean):
        return json.dumps(bool(result)) + "\n"
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(result, format=ox.RdfFormat.TURTLE).decode("utf-8")
    names = [v.value for v in result.variables]
    rows = [[_cell(row[n]) for n in names] for row in result]
    if fmt == "json":
        return json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buf.getvalue()
    return _table(names, rows)


def _table(names: list[str], rows: list[list[str]]) -> str:
    """Rows as an aligned text table with a row count."""
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = [_pad(names, widths), _pad(["-" * w for w in widths], widths)] + [_pad(r, widths) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"


def _cell(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()


def cmd_view(args: argparse.Namespace) -> int:
    from .view import focus, write_view

    with _Opened(args.dir) as st:
        g = analytics.plan_entity_graph(st)
    g = focus(g, region=args.region, shared=args.shared, types=args.type or None)
    path = args.output or args.dir / build.HTML
    write_view(g, path, title="plangraph")
    print(f"wrote {path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from .compare import REPORT_DIR, compare, summary, write_report

    out = args.out or args.dir / REPORT_DIR
    try:
        with _Opened(args.dir) as st:
            comp = compare(st)
        written = write_report(comp, out)
    except OSError as exc:
        _error(exc)
        return 2
    print(summary(comp))
    print(f"wrote {out}/: " + ", ".join(p.name for p in written))
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    from .targets.report import CSV, comparison, write_comparison

    try:
        with _Opened(args.dir) as st:
            header, rows = comparison(st, args.year, args.indicator)
        write_comparison(args.dir / CSV, header, rows)
    except (FileNotFoundError, OSError) as exc:
        _error(exc)
        return 2
    if args.format == "csv":
        print((args.dir / CSV).read_text(encoding="utf-8"), end="")
    else:
        print(_table(header, rows), end="")
    print(f"wrote {args.dir / CSV}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve_forever, start

    try:
        server = start(args.dir, args.host, args.port, timeout=args.timeout, max_results=args.max_results,
                       workers=args.workers, queries=args.queries, cache=args.cache)
    except (OSError, RuntimeError, InputError) as exc:
        _error(exc)
        return 2
    serve_forever(server)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from .push import PushError, push

    def said(p) -> None:
        print(f"removed {p.graph} (no longer built, HTTP {p.status})" if p.method == "DELETE"
              else f"pushed {p.graph} ({p.triples} triples, HTTP {p.status})")

    password = args.password if args.password is not None else os.environ.get("PLANGRAPH_PASSWORD")
    try:
        done = push(args.dir, args.endpoint, user=args.user, password=password, auth=args.auth, progress=said)
    except (PushError, FileNotFoundError) as exc:
        _error(exc)
        return 1
    sent = [p for p in done if p.method == "PUT"]
    print(f"pushed {len(sent)} graphs, {sum(p.triples for p in sent)} triples to {args.endpoint}; "
          f"removed {len(done) - len(sent)} graphs no longer built")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="plangraph", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the graph of plan files or folders")
    b.add_argument("paths", nargs="*", type=Path, help=f"plan files or folders (default {DEFAULT_PLANS})")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default out)")
    b.add_argument("--jobs", type=int, default=1, help="worker processes extracting files (default 1)")
    b.add_argument("--force", action="store_true", help="extract every file again, ignoring OUT/.cache")
    b.add_argument("--max-size", type=float, default=build.MAX_BYTES / 1024 / 1024, metavar="MB",
                   help="refuse files larger than this (default %(default)g MB)")
    b.set_defaults(func=cmd_build)
    q = sub.add_parser("query", help="run SPARQL (text or a .rq file) on a build")
    q.add_argument("dir", type=Path, nargs="?")
    q.add_argument("query", nargs="?", help="SPARQL text or a .rq file (or use --name)")
    q.add_argument("--name", help="a named query from data/queries (see --list)")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a named query's parameter")
    q.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.set_defaults(func=cmd_query)
    v = sub.add_parser("view", help="write a focused HTML view of a build")
    v.add_argument("dir", type=Path)
    v.add_argument("--region")
    v.add_argument("--shared", type=int)
    v.add_argument("--type", action="append", choices=("Region", "Platform", "Industry", "Project", "Program"))
    v.add_argument("--output", type=Path)
    v.set_defaults(func=cmd_view)
    c = sub.add_parser("compare", help="write the report on what regions share, where they differ, who follows whom")
    c.add_argument("dir", type=Path)
    c.add_argument("--out", type=Path, help="report folder (default DIR/report)")
    c.set_defaults(func=cmd_compare)
    s = sub.add_parser("serve", help="serve a build: SPARQL endpoint at /sparql, query page at /, explorer")
    s.add_argument("dir", type=Path)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    s.add_argument("--max-results", type=int, default=10000, help="rows or triples per answer (default 10000)")
    s.add_argument("--workers", type=int, default=4, help="query processes (default 4)")
    s.add_argument("--queries", type=Path, help="folder of named .rq queries (default data/queries)")
    s.add_argument("--cache", type=int, default=256, help="answers kept for repeated queries (default 256; 0: none)")
    s.set_defaults(func=cmd_serve)
    u = sub.add_parser("push", help="publish every named graph to a SPARQL Graph Store (HTTP PUT per graph)")
    u.add_argument("dir", type=Path)
    u.add_argument("--endpoint", required=True, help="Graph Store URL, e.g. http://host:8890/sparql-graph-crud-auth")
    u.add_argument("--user")
    u.add_argument("--password", help="password (default: $PLANGRAPH_PASSWORD)")
    u.add_argument("--auth", choices=("digest", "basic"), default="digest")
    u.set_defaults(func=cmd_push)
    t = sub.add_parser("targets", help="compare regions' quantified targets (主要指标); writes DIR/targets.csv")
    t.add_argument("dir", type=Path)
    t.add_argument("--indicator", help="one indicator (any of its names, e.g. 研发投入强度)")
    t.add_argument("--year", type=int, default=2025, help="target year (default 2025)")
    t.add_argument("--format", choices=("table", "csv"), default="table")
    t.set_defaults(func=cmd_targets)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
