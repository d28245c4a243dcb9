"""Command line: parses arguments and calls the library, nothing more.

Each command imports what it needs when it runs, so ``--help``, ``--version`` and
the light commands never load spaCy or jieba. Problems the user can fix end in
one ``error:`` line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from . import __version__
from .errors import InputError

DEFAULT_PLANS = Path("data/plans")
DEFAULT_OUT = Path("out")
MB = 1024 * 1024
TYPES = ("Region", "Platform", "Industry", "Project", "Program")

DESCRIPTION = """\
Turn Chinese regional Five-Year Plans (.txt .md .html .pdf .docx) into a knowledge graph:
programs, industries, platforms, projects and places each plan names, how they relate,
and the sentence that says so. Then query it with SPARQL, explore it in a browser,
compare regions and their targets, serve it or push it to a triple store."""

EPILOG = """\
a first session:
  plangraph build data/plans --out out       read the plans, write out/ (graph files, store, out/graph.html)
  plangraph query --list                     the named queries and their parameters
  plangraph query out --name shared-initiatives --param min=3
  plangraph view out --region 湖州 --output huzhou.html
  plangraph compare out                      report on what regions share (out/report/)
  plangraph targets out                      the regions' 2025 targets side by side
  plangraph serve out                        SPARQL endpoint, query page and explorer on 127.0.0.1:8000

`plangraph COMMAND --help` lists a command's options; docs/commands.md has examples."""


class UsageError(Exception):
    """A problem the user can fix by changing the command line; ``str()`` says how."""


def _error(message: object) -> None:
    """One stderr line per problem, whatever the message (parser errors span lines)."""
    print("error: " + " ".join(str(message).split()), file=sys.stderr)


def _progress(files):
    from tqdm import tqdm

    return tqdm(files, desc="plans", unit="plan", file=sys.stderr, disable=None)


def _opened(out: Path):
    """The build's store, read-only; a one-line error when ``out`` is no build."""
    from .graph import store

    return store.open_store(out)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build
    from .read.inputs import find_inputs

    paths = args.paths or [DEFAULT_PLANS]
    if args.max_size <= 0:
        raise UsageError("--max-size must be above 0 MB")
    if not find_inputs(paths, exclude=args.out).plans:
        from .read.ingest import PLAN_SUFFIXES

        where = ", ".join(str(p) for p in paths)
        raise UsageError(f"{where}: no plan files in it (supported: {' '.join(sorted(PLAN_SUFFIXES))})")
    graphs: list = []
    result = build.build(paths, args.out, progress=_progress, view=_view_writer(graphs), jobs=args.jobs,
                         force=args.force, max_bytes=int(args.max_size * MB), view_entities=args.view_entities,
                         view_edges=args.view_edges)
    for failure in result.failures:
        _error(failure)
    if result.unchanged:
        for note in result.notes:
            print(f"note: {note}")
        print(f"up to date: no plan, setting or plangraph file changed since the published build "
              f"({result.quads} quads); nothing rewritten (--force rebuilds)")
        return 1 if result.failures else 0
    for plan in result.plans:
        for note in plan.notes:
            print(f"warning: {note}", file=sys.stderr)
    if not result.plans:
        print("error: no plan could be built; nothing written", file=sys.stderr)
        return 2
    print(f"extracted: {result.extracted} files, reused from cache: {result.reused}")
    for note in result.notes:
        print(f"note: {note}")
    _summary(graphs[-1], args.out, len(result.plans), result.quads)
    return 1 if result.failures else 0


def _view_writer(graphs: list):
    """A build hook that writes the HTML view and keeps the graph for the summary; the view's
    modules (networkx, numpy) are imported for good (``compiled.kept``)."""
    from .compiled import kept
    from .graph import store

    with kept():
        from .report.view import write_view

    def write(graph, out: Path) -> None:
        graphs.append(graph)
        write_view(graph, out / store.HTML, title="plangraph")

    return write


def _summary(g, out: Path, plans: int, quads: int) -> None:
    from .graph import store
    from .report import analytics

    shown = analytics.entity_types(g)
    types = g.graph.get("all_entities", shown)
    relations = sum(1 for *_, d in g.edges(data=True) if d["predicate"] != "mentions")
    among = " (among the entities of the view)" if types is not shown else ""
    print(f"plans: {plans}   quads: {quads}   relations: {relations}{among}")
    print("entities: " + ", ".join(f"{t} {n}" for t, n in types.items()) + f"   (total {sum(types.values())})")
    if types is not shown:
        print(f"the view shows {sum(shown.values())} of them (--view-entities): every region, then those most plans name")
    shared = analytics.shared_entities(g, 2, types=("Program", "Industry", "Platform", "Project"))
    print(f"shared initiatives (in >= 2 plans){' in the view' if among else ''}: {len(shared)}; most shared:")
    for iri, n, mentions in shared[:10]:
        node = g.nodes[iri]
        print(f"  {node['label']} [{node['type']}] — {n} plans, {mentions} mentions")
    print(f"wrote {out / store.TRIG}, {out / store.TURTLE}, {out / store.STORE_DIR}/, {out / store.HTML}")


def cmd_query(args: argparse.Namespace) -> int:
    from .graph import store
    from .query import formatting, queries

    if args.list:
        print(queries.describe(queries.load_queries()), end="")
        return 0
    text = _query_text(args)
    st = _opened(args.dir)
    try:
        result = store.query(st, text)
    except SyntaxError as exc:
        from .query.sparqlerrors import explain

        raise UsageError(explain(text, str(exc))) from None
    print(formatting.render(result, args.format), end="")
    return 0


def cmd_why(args: argparse.Namespace) -> int:
    from .report.explain import explain, format_explanations

    found = explain(_opened(args.dir), args.name)
    print(format_explanations(found, args.name), end="")
    return 0 if found else 1


def _query_text(args: argparse.Namespace) -> str:
    """The SPARQL to run: a named query, a .rq file (rendered when it has a header) or the text."""
    from .query import queries

    if args.dir is None or (args.query is None) == (args.name is None):
        raise UsageError("give a build folder and either QUERY or --name NAME (plangraph query --list shows the names)")
    params = queries.parse_params(args.param)
    if args.name:
        return queries.named(args.name).render(params)
    if args.query.endswith(".rq") and Path(args.query).is_file():
        return queries.file_text(Path(args.query), params)
    if params:
        raise UsageError("--param needs --name NAME or a .rq file with a header")
    return args.query


def cmd_view(args: argparse.Namespace) -> int:
    from .report import analytics
    from .report.view import focus, output_name, region_labels, write_view

    st = _opened(args.dir)
    regions = region_labels(st, args.region) if args.region is not None else None
    if args.output is not None and args.output.is_dir():
        raise UsageError(f"{args.output} is a folder; give --output a file name such as view.html")
    if args.output is not None and not args.output.parent.is_dir():
        raise UsageError(f"{args.output.parent}: no such folder for --output")
    g = focus(analytics.plan_entity_graph(st), regions=regions, shared=args.shared, types=args.type or None)
    path = args.output or args.dir / output_name(regions, args.shared, args.type)
    write_view(g, path, title=_view_title(regions, args.shared, args.type))
    print(f"wrote {path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
    return 0


def _view_title(regions: list[str] | None, shared: int | None, types: list[str] | None) -> str:
    parts = ["plangraph"]
    if regions:
        parts.append("、".join(regions))
    if shared is not None:
        parts.append(f"shared by ≥ {shared} plans")
    if types:
        parts.append(", ".join(sorted(set(types))))
    return " · ".join(parts)


def cmd_compare(args: argparse.Namespace) -> int:
    from .report.compare import compare, summary
    from .report.document import REPORT_DIR, write_report

    st = _opened(args.dir)
    out = args.out or args.dir / REPORT_DIR
    comp = compare(st)
    written = write_report(comp, out)
    print(summary(comp))
    print(f"wrote {out}/: " + ", ".join(p.name for p in written))
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    from .query import formatting
    from .report.targets import CSV, comparison, write_comparison

    st = _opened(args.dir)
    header, rows = comparison(st, args.year, args.indicator)
    write_comparison(args.dir / CSV, header, rows)
    print(formatting.csv_text(header, rows) if args.format == "csv" else formatting.table(header, rows), end="")
    print(f"wrote {args.dir / CSV}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .graph import store
    from .publish.serve import serve_forever, start

    store.store_path(args.dir)  # a folder that is no build fails here, in one line, before any worker starts
    try:
        server = start(args.dir, args.host, args.port, timeout=args.timeout, max_results=args.max_results,
                       workers=args.workers, queries=args.queries, cache=args.cache, memory_mb=args.memory,
                       max_answer_mb=args.max_answer, connections=args.connections, idle_timeout=args.idle_timeout,
                       cors=args.cors, allowed_hosts=args.allowed_host)
    except (OSError, RuntimeError, InputError) as exc:
        raise UsageError(str(exc)) from None
    serve_forever(server)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from .graph import store
    from .publish.push import PushError, push

    endpoint = urlsplit(args.endpoint)
    if endpoint.scheme not in ("http", "https") or not endpoint.netloc:
        raise UsageError(f"--endpoint {args.endpoint!r} is not an http(s) URL, e.g. http://host:8890/sparql-graph-crud-auth")
    store.store_path(args.dir)  # no build: one line, before anything is sent
    password = args.password if args.password is not None else os.environ.get("PLANGRAPH_PASSWORD")
    return _published(lambda said: push(args.dir, args.endpoint, user=args.user, password=password, auth=args.auth,
                                        progress=said),
                      PushError, "pushed", f"to {args.endpoint}", lambda p: f", HTTP {p.status}")


def cmd_load(args: argparse.Namespace) -> int:
    from .graph import store
    from .publish.bulkload import LoadError, Virtuoso, load, stage

    store.store_path(args.dir)  # no build: one line, before anything is staged
    if args.virtuoso is None:  # the files only, for QLever's index builder or another loader
        try:
            staged = stage(args.dir, args.stage)
        except LoadError as exc:
            _error(exc)
            return 1
        print(f"staged {len(staged)} graphs, {sum(s.triples for s in staged)} triples as N-Quads in {args.stage} "
              "(one file a graph)")
        return 0
    host, _, port = args.virtuoso.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f"--virtuoso {args.virtuoso!r} is not HOST:PORT of Virtuoso's SQL port, e.g. localhost:1111")
    password = args.password if args.password is not None else os.environ.get("PLANGRAPH_PASSWORD", "dba")
    server = Virtuoso(args.virtuoso, args.user, password, args.isql)
    return _published(lambda said: load(args.dir, server, args.stage, server_folder=args.server_stage,
                                        loaders=args.loaders, progress=said),
                      LoadError, "loaded", f"into Virtuoso at {args.virtuoso}")


def _published(run: Callable[[Callable], list], failure: type[Exception], verb: str, where: str,
               detail: Callable[[object], str] = lambda p: "") -> int:
    """Run a push or a load, printing a line per graph as it goes and a summary; one error line if it fails."""
    def said(p) -> None:
        print(f"removed {p.graph} (no longer built{detail(p)})" if p.method == "DELETE"
              else f"{verb} {p.graph} ({p.triples} triples{detail(p)})")

    try:
        done = run(said)
    except failure as exc:
        _error(exc)
        return 1
    kept = [p for p in done if p.method != "DELETE"]
    print(f"{verb} {len(kept)} graphs, {sum(p.triples for p in kept)} triples {where}; "
          f"removed {len(done) - len(kept)} graphs no longer built")
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a number of at least 1")
    return value


def parser() -> argparse.ArgumentParser:
    from .build import MAX_VIEW_EDGES, MAX_VIEW_ENTITIES
    from .build.workers import usable_cpus
    from .read.ingest import MAX_BYTES  # light: no spaCy, no jieba

    p = argparse.ArgumentParser(prog="plangraph", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"plangraph {__version__}", help="print the version and exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="build the graph of plan files or folders",
                       description="Read plan files (.txt .md .html .pdf .docx, a folder's manifest.csv if any) and write "
                                   "OUT/graph.trig, OUT/graph.ttl, the Oxigraph store OUT/store/ and the explorer OUT/graph.html.")
    b.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help=f"plan files or folders of plans (default {DEFAULT_PLANS})")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default out)")
    b.add_argument("--jobs", type=_positive, default=usable_cpus(),
                   help="worker processes extracting files (default: the CPUs this process may use, %(default)s here)")
    b.add_argument("--force", action="store_true", help="extract every file again, ignoring OUT/.cache")
    b.add_argument("--max-size", type=float, default=MAX_BYTES / MB, metavar="MB",
                   help="refuse files larger than this many megabytes (default %(default)g)")
    b.add_argument("--view-entities", type=_positive, default=MAX_VIEW_ENTITIES, metavar="N",
                   help="OUT/graph.html shows at most N entities: every region, then those named by most plans "
                        "(then most mentions); the page says how many it leaves out. The rest are in the store "
                        "(plangraph query, serve) and in focused views (plangraph view --region/--shared/--type) "
                        "(default %(default)s)")
    b.add_argument("--view-edges", type=_positive, default=MAX_VIEW_EDGES, metavar="M",
                   help="OUT/graph.html draws at most M edges among its entities: each entity's strongest first "
                        "(its first plans by name, its relations with the most shared entities), every entity "
                        "linked to one plan at least; its panel still lists all its plans (default %(default)s)")
    b.set_defaults(func=cmd_build)
    q = sub.add_parser("query", help="run SPARQL (text, a .rq file or a named query) on a build",
                       description="Run a SPARQL SELECT, ASK or CONSTRUCT over the union of a build's graphs. The prefixes "
                                   "pg: skos: dcterms: oa: rdf: rdfs: xsd: are predeclared. Updates are refused.")
    q.add_argument("dir", type=Path, nargs="?", metavar="DIR", help="a build folder (what `plangraph build --out` wrote)")
    q.add_argument("query", nargs="?", metavar="QUERY", help="SPARQL text or a .rq file (or use --name)")
    q.add_argument("--name", help="run a named query that ships with plangraph (see --list)")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a named query's or .rq file's parameter; repeat for several")
    q.add_argument("--list", action="store_true", help="list the named queries and their parameters, then exit")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table (default, aligned text), csv, or json (numbers as numbers)")
    q.set_defaults(func=cmd_query)
    v = sub.add_parser("view", help="write a focused HTML explorer of a build",
                       description="Write a self-contained HTML explorer of part of a build. Without --output it goes to "
                                   "DIR/view-….html named after the filters; DIR/graph.html is never overwritten unless "
                                   "named with --output.")
    v.add_argument("dir", type=Path, metavar="DIR", help="a build folder")
    v.add_argument("--region", help="only this region's plans and what they name; any of its names (湖州, 湖州市, 吳興區)")
    v.add_argument("--shared", type=_positive, metavar="N", help="only entities that at least N plans name (plans stay)")
    v.add_argument("--type", action="append", choices=TYPES,
                   help="only entities of this type; repeat for several (plans stay)")
    v.add_argument("--output", type=Path, metavar="FILE", help="the HTML file to write (default DIR/view-<filters>.html)")
    v.set_defaults(func=cmd_view)
    c = sub.add_parser("compare", help="write the report on what regions share, where they differ, who follows whom",
                       description="Write a comparison report (Markdown, HTML, CSV, GraphML/GEXF) and print its summary.")
    c.add_argument("dir", type=Path, metavar="DIR", help="a build folder")
    c.add_argument("--out", type=Path, help="report folder (default DIR/report)")
    c.set_defaults(func=cmd_compare)
    s = sub.add_parser("serve", help="serve a build: SPARQL endpoint at /sparql, query page at /, explorer",
                       description="Serve a build read-only over HTTP until interrupted (Ctrl-C).")
    s.add_argument("dir", type=Path, metavar="DIR", help="a build folder")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    s.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    s.add_argument("--max-results", type=int, default=10000, help="rows or triples per answer (default 10000)")
    s.add_argument("--workers", type=int, default=4, help="query processes (default 4)")
    s.add_argument("--queries", type=Path, metavar="FOLDER",
                   help="folder of named .rq queries for the query page (default: the ones plangraph ships)")
    s.add_argument("--cache", type=int, default=256, help="answers kept for repeated queries (default 256; 0: none)")
    s.add_argument("--memory", type=int, default=1024, metavar="MB", help="address space per query (default 1024)")
    s.add_argument("--max-answer", type=int, default=16, metavar="MB", help="bytes per answer (default 16)")
    s.add_argument("--connections", type=int, default=2000, help="open connections at most (default 2000)")
    s.add_argument("--idle-timeout", type=int, default=30, metavar="S", help="drop idle connections (default 30)")
    s.add_argument("--cors", metavar="ORIGIN", help="let pages from ORIGIN query /sparql (e.g. https://lab.example)")
    s.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="a Host name clients may use (checked off loopback; repeatable)")
    s.set_defaults(func=cmd_serve)
    u = sub.add_parser("push", help="publish every named graph to a SPARQL Graph Store (HTTP PUT per graph)",
                       description="Replace each of the build's named graphs on a SPARQL 1.1 Graph Store endpoint.")
    u.add_argument("dir", type=Path, metavar="DIR", help="a build folder")
    u.add_argument("--endpoint", required=True, metavar="URL",
                   help="Graph Store URL, e.g. http://host:8890/sparql-graph-crud-auth")
    u.add_argument("--user", help="user name, if the endpoint asks for one")
    u.add_argument("--password", help="password (default: $PLANGRAPH_PASSWORD)")
    u.add_argument("--auth", choices=("digest", "basic"), default="digest",
                   help="how to send the credentials (default digest)")
    u.set_defaults(func=cmd_push)
    ld = sub.add_parser("load", help="bulk-load every named graph into Virtuoso (ld_dir + rdf_loader_run), checked",
                        description="Stage the build's named graphs as N-Quads files (one a graph) in a folder Virtuoso "
                                    "may read (DirsAllowed), replace them with Virtuoso's bulk loader and check every "
                                    "graph's triple count; graphs an earlier load sent that the build no longer has are "
                                    "removed. Without --virtuoso, only writes the files (for QLever's index builder).")
    ld.add_argument("dir", type=Path, metavar="DIR", help="a build folder")
    ld.add_argument("--virtuoso", metavar="HOST:PORT", help="Virtuoso's SQL port, e.g. localhost:1111 (none: stage only)")
    ld.add_argument("--stage", required=True, type=Path, metavar="FOLDER",
                    help="an empty folder (or an earlier stage) listed in DirsAllowed of virtuoso.ini")
    ld.add_argument("--server-stage", metavar="PATH", help="the stage folder as the server sees it (default: same path)")
    ld.add_argument("--loaders", type=_positive, default=1, metavar="N",
                    help="rdf_loader_run() sessions loading at once (default 1)")
    ld.add_argument("--user", default="dba", help="Virtuoso user (default dba)")
    ld.add_argument("--password", help="password (default: $PLANGRAPH_PASSWORD, else dba)")
    ld.add_argument("--isql", default="isql-vt", metavar="EXE", help="Virtuoso's isql client (default isql-vt)")
    ld.set_defaults(func=cmd_load)
    w = sub.add_parser("why", help="why an entity is in a build: its names, the plans and rules behind each, its relations",
                       description="Explain one entity of a build: each of its names with the plans that use it and the "
                                   "identity rule that makes it this entity, the rules that found it, its relations.")
    w.add_argument("dir", type=Path, metavar="DIR", help="a build folder")
    w.add_argument("name", metavar="NAME", help="a label or alternative label of the entity (湖杭高铁, 集成電路)")
    w.set_defaults(func=cmd_why)
    t = sub.add_parser("targets", help="compare regions' quantified targets (主要指标); writes DIR/targets.csv",
                       description="Print an indicator × region table of the plans' targets and write it to DIR/targets.csv.")
    t.add_argument("dir", type=Path, metavar="DIR", help="a build folder")
    t.add_argument("--indicator", help="one indicator (any of its names, e.g. 研发投入强度)")
    t.add_argument("--year", type=int, default=2025, help="target year (default 2025)")
    t.add_argument("--format", choices=("table", "csv"), default="table", help="table (default) or csv")
    t.set_defaults(func=cmd_targets)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args, extra = p.parse_known_args(argv)
    if args.command == "query" and args.query is None and len(extra) == 1 and not extra[0].startswith("-"):
        args.query = extra.pop()  # QUERY after an option: argparse gives optional positionals out too early
    if extra:
        p.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return args.func(args)
    except (UsageError, InputError, OSError, ValueError) as exc:
        _error(exc)
        return 2
    except KeyboardInterrupt:
        _error("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
