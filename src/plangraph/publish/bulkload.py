"""Load a build into Virtuoso with its bulk loader, for corpora too big to PUT graph by graph.

The Graph Store push (``push.py``) sends each graph through HTTP and Virtuoso parses it
in one transaction; for a national corpus Virtuoso's own loader is the fast path: files
in a folder the server may read (``DirsAllowed`` in virtuoso.ini), registered with
``ld_dir``, loaded by ``rdf_loader_run()`` (several at once load in parallel), made
durable by ``checkpoint``. The steps:

1. stage: ``graph.trig`` is split into one N-Quads file per named graph (``00001.nq``…),
   so every quad names its own graph and a load error names the file of one graph;
2. clear: each graph the build has is emptied on the server first, so loading again
   after a rebuild leaves exactly the new triples (the loader only adds);
3. load: ``ld_dir``, ``rdf_loader_run()`` (``loaders`` sessions), ``checkpoint``;
4. check: every file of the stage is in ``DB.DBA.load_list`` loaded without error, and
   each graph holds as many triples as the build's;
5. prune: graphs the last load from this build sent to the same server and the build no
   longer has are deleted (``record.py``), as ``push`` does.

Virtuoso is driven through its own ``isql`` client (Debian: ``isql-vt``) in a subprocess,
no ODBC. isql keeps going after an error and exits 0, so every phase runs in a session of
its own and its error output is read.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..graph import store
from ..graph.vocab import ENTITIES_GRAPH
from . import record

ISQL = "isql-vt"  # Debian's name for Virtuoso's isql (plain ``isql`` there is unixODBC's)
MARK = ".plangraph-stage"  # in a stage folder: plangraph wrote it, so plangraph may empty it
ROW = "PG"  # first column of every row plangraph selects, to tell rows from isql's chatter
TIMEOUT = 24 * 3600.0  # a national load takes hours; a hung server must not hang forever


class LoadError(Exception):
    """A load that failed; ``str()`` is one line naming the file, graph or server and why."""


@dataclass(frozen=True)
class Staged:
    """One named graph of the build written as an N-Quads file of the stage."""

    graph: str
    file: str
    triples: int


@dataclass(frozen=True)
class Loaded:
    """One graph loaded (with the triples the server holds) or removed as no longer built."""

    graph: str
    triples: int
    method: str = "LOAD"


@dataclass(frozen=True)
class Virtuoso:
    """How to reach a Virtuoso server's SQL port with isql."""

    address: str  # HOST:PORT of the SQL port (1111 by default)
    user: str = "dba"
    password: str = "dba"
    isql: str = ISQL

    def run(self, statements: Iterable[str], timeout: float = TIMEOUT) -> list[list[str]]:
        """Run statements in one isql session; the tab-separated columns of the rows that start
        with ``ROW``, or ``LoadError`` with the server's first error."""
        return _answer(self, self.start(statements), timeout)

    def start(self, statements: Iterable[str]) -> subprocess.Popen:
        """An isql session running the statements (one a line), not waited for.

        The script is read from a file, not a pipe: a long script (a count per graph of a
        national corpus) and a long answer could otherwise block each other.
        """
        exe = shutil.which(self.isql)
        if exe is None:
            raise LoadError(f"{self.isql} not found: install Virtuoso's isql (Debian: apt-get install "
                            "virtuoso-opensource) or name it with --isql")
        with tempfile.TemporaryFile() as script:
            script.write("".join(f"{s};\n" for s in statements).encode("utf-8"))
            script.seek(0)
            return subprocess.Popen([exe, self.address, self.user, self.password, "VERBOSE=OFF", "BANNER=OFF",
                                     "PROMPT=OFF", "ECHO=OFF"], stdin=script, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")


def _answer(server: Virtuoso, proc: subprocess.Popen, timeout: float) -> list[list[str]]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise LoadError(f"Virtuoso at {server.address} did not finish within {timeout:.0f} s") from None
    error = next((line for line in err.splitlines() if line.startswith("*** Error")), None)
    if error is not None:
        raise LoadError(_explain(server, error.removeprefix("*** Error").strip()))
    return [line.split("\t")[1:] for line in out.splitlines() if line.startswith(ROW + "\t")]


def _explain(server: Virtuoso, error: str) -> str:
    """isql's error line, said for the user."""
    if "Connect failed" in error:
        return f"cannot reach Virtuoso at {server.address} (its SQL port, 1111 by default): {error}"
    if "Bad login" in error:
        return f"Virtuoso at {server.address} refused user {server.user!r} (check --user/--password): {error}"
    return f"Virtuoso at {server.address}: {error}"


def sql_string(text: str) -> str:
    """A SQL string literal.

    >>> sql_string("it's")
    "'it''s'"
    """
    return "'" + text.replace("'", "''") + "'"


def stage(out: Path, folder: Path) -> list[Staged]:
    """Write each named graph of the build's ``graph.trig`` as one N-Quads file in ``folder``.

    The folder must be new, empty or an earlier stage (it holds ``MARK``); its old files go.
    graph.trig holds each graph in one run of quads, so this streams: memory holds one quad.
    """
    trig = Path(out) / store.TRIG
    if not trig.is_file():
        raise LoadError(f"{trig}: no such file (give the folder `plangraph build --out` wrote)")
    _clear_stage(folder)
    staged, seen = [], set()
    for number, (graph, quads) in enumerate(itertools.groupby(store.read_trig(trig), key=_graph_of), 1):
        if graph in seen:
            raise LoadError(f"{trig}: graph <{graph}> comes in more than one run; rebuild it")
        seen.add(graph)
        name = f"{number:05d}.nq"
        count = store.write_nquads(quads, folder / f"{name}.part")
        (folder / f"{name}.part").rename(folder / name)
        staged.append(Staged(graph, name, count))
    return staged


def _graph_of(quad: store.Quad) -> str:
    return quad.graph_name.value


def _clear_stage(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    entries = [p for p in folder.iterdir() if p.name != MARK]
    if entries and not (folder / MARK).is_file():
        raise LoadError(f"{folder}: holds files plangraph did not stage; give an empty folder Virtuoso may read")
    for path in entries:
        path.unlink()
    (folder / MARK).touch()


def _count_rows(graphs: Iterable[str]) -> Iterator[str]:
    for graph in graphs:
        yield (f"SELECT concat('{ROW}', chr(9), {sql_string(graph)}, chr(9), cast(count(*) AS varchar)) "
               f"FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({sql_string(graph)}, 0)")


def _delete(graphs: Iterable[str]) -> list[str]:
    """Empty graphs row by row without the transaction log (``log_enable(3, 1)``): the way
    Virtuoso's documentation deletes large graphs, which ``SPARQL CLEAR`` does in one transaction."""
    return ["log_enable(3, 1)"] + [f"DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({sql_string(g)}, 0)" for g in graphs]


def load(out: Path, server: Virtuoso, folder: Path, *, server_folder: str | None = None, loaders: int = 1,
         progress: Callable[[Loaded], None] | None = None) -> list[Loaded]:
    """Bulk-load every named graph of a build into Virtuoso and check it (module docstring).

    ``folder`` is where the stage is written; ``server_folder`` is the same folder as the
    server sees it (a container's mount), by default the same path.
    """
    out = Path(out)
    there = PurePosixPath(server_folder or Path(folder).resolve().as_posix())
    server.run(["SELECT 1"])  # reachable, and the credentials work, before anything is staged
    staged = stage(out, Path(folder))
    built = [s.graph for s in staged]
    forget = f"DELETE FROM DB.DBA.load_list WHERE ll_file LIKE {sql_string(f'{there}/%')}"  # so the names load again
    # N-Quads lines name their graphs; ld_dir wants a graph for lines without one, which there are none of
    register = f"ld_dir({sql_string(str(there))}, '*.nq', {sql_string(str(ENTITIES_GRAPH))})"
    server.run(_delete(built) + [forget, register])
    sessions = [server.start(["rdf_loader_run()"]) for _ in range(loaders)]
    for proc in sessions:
        _answer(server, proc, TIMEOUT)
    server.run(["checkpoint"])
    _check_files(server, there, staged)
    held = {g: int(n) for g, n in server.run(_count_rows(built))}
    done = []
    for s in staged:
        if held.get(s.graph) != s.triples:
            raise LoadError(f"{s.file}: graph <{s.graph}> holds {held.get(s.graph, 0)} triples in Virtuoso, "
                            f"the build has {s.triples}")
        done.append(Loaded(s.graph, s.triples))
        if progress:
            progress(done[-1])
    target = f"virtuoso:{server.address}"
    stale = sorted(set(record.last_sent(out, target)) - set(built))
    if stale:
        server.run(_delete(stale) + ["checkpoint"])
    for graph in stale:
        done.append(Loaded(graph, 0, "DELETE"))
        if progress:
            progress(done[-1])
    record.remember(out, target, sorted(built))
    for s in staged:  # loaded and checked: the copy is no longer needed
        (Path(folder) / s.file).unlink()
    return done


def _check_files(server: Virtuoso, there: PurePosixPath, staged: list[Staged]) -> None:
    """``LoadError`` naming a staged file the loader failed on, else one it skipped.

    Errors come first: a file that fails can leave a file loaded in the same batch in
    state 1 (begun) without an error of its own.
    """
    rows = server.run([f"SELECT concat('{ROW}', chr(9), ll_file, chr(9), cast(ll_state AS varchar), chr(9), "
                       f"coalesce(ll_error, '')) FROM DB.DBA.load_list WHERE ll_file LIKE {sql_string(f'{there}/%')}"])
    states = {PurePosixPath(row[0]).name: (row[1], " ".join("\t".join(row[2:]).split())) for row in rows}
    failed = [s for s in staged if states.get(s.file, ("", ""))[1]]
    for s in failed or [s for s in staged if states.get(s.file, ("", ""))[0] != "2"]:
        state, error = states.get(s.file, ("", ""))
        why = error or (f"left in load state {state} (2 is done)" if state else
                        "not registered by ld_dir (is the folder in DirsAllowed of virtuoso.ini and readable by the server?)")
        raise LoadError(f"{there / s.file}: graph <{s.graph}> not loaded: {why}")
