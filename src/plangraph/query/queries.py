"""Named queries: SPARQL files in data/queries that answer the questions users ask.

Each ``.rq`` file opens with a comment header that names, describes and
parametrizes it::

    # name: pair-overlap
    # description: What the plans of two regions both name.
    # parameters:
    #   a: label = 湖州市 -- one region, by its preferred or alternative name
    #   b: label = 绍兴市 -- the other region

and the body writes a parameter as ``$a``. A value becomes one SPARQL term here:
an escaped literal or a checked integer, never raw text, so a
value cannot change the shape of the query. (Oxigraph's own substitution would
need every parameter in the SELECT projection and cannot reach HAVING.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..resources import data_path
from ..script import SIMPLIFIED, simplified

DEFAULT_DIR: Path = data_path("data", "queries")

_FIELD = re.compile(r"#\s*(name|description|parameters)\s*:\s*(.*)")
_PARAM = re.compile(r"#\s+([A-Za-z_]\w*)\s*:\s*(\w+)\s*=\s*(.*?)\s+--\s+(.+)")
_PLACEHOLDER = re.compile(r"\$([A-Za-z_]\w*)")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _label(value: str) -> str:
    """Labels are matched in simplified script, so 吳興區 finds 吴兴区, the label every traditional altLabel also has in simplified form."""
    return str(ox.Literal(simplified(value.strip()), language=SIMPLIFIED))


def _text(value: str) -> str:
    return str(ox.Literal(value))


def _integer(value: str) -> str:
    if not re.fullmatch(r"[+-]?\d{1,9}", value.strip()):
        raise ValueError(f"{value!r} is not an integer")
    return str(int(value))


# kind -> value to SPARQL term; labels are @zh-Hans like every label in the graph
KINDS = {"label": _label, "text": _text, "integer": _integer}


@dataclass(frozen=True)
class Parameter:
    """One ``$name`` of a query: what kind of value it takes, its default and what it means."""

    name: str
    kind: str
    default: str
    help: str


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name, what it answers, its parameters and its SPARQL text."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path

    def render(self, values: Mapping[str, str] | None = None) -> str:
        """The SPARQL with every ``$parameter`` replaced by a term (the default when not given).

        >>> q = NamedQuery("n", "d", (Parameter("min", "integer", "2", "fewest"),), "FILTER(?n >= $min)", Path("n.rq"))
        >>> q.render({"min": "3"})
        'FILTER(?n >= 3)'
        """
        values = dict(values or {})
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            takes = ", ".join(known) or "no parameters"
            raise ValueError(f"query {self.name} has no parameter {unknown[0]!r} (it takes {takes})")
        terms = {}
        for p in self.parameters:
            try:
                terms[p.name] = KINDS[p.kind](values.get(p.name, p.default))
            except ValueError as exc:
                raise ValueError(f"query {self.name}: parameter {p.name}: {exc}") from None
        return _PLACEHOLDER.sub(lambda m: terms[m.group(1)], self.text)


def parse_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file; a bad header raises ``InputError`` naming the file and the problem."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        field = _FIELD.match(line)
        if field:
            fields[field.group(1)] = field.group(2).strip()
        elif "parameters" in fields:
            params.append(_parameter(path, number, line))
    for required in ("name", "description"):
        if not fields.get(required):
            raise InputError(path, f"header has no '# {required}:' line")
    if not _NAME.fullmatch(fields["name"]):
        raise InputError(path, f"name {fields['name']!r} is not lower-case words joined by '-'")
    declared = {p.name for p in params}
    used = set(_PLACEHOLDER.findall(_body(text)))
    if used != declared:
        extra = sorted(used - declared) or sorted(declared - used)
        raise InputError(path, f"parameter ${extra[0]} is {'used but not declared' if used - declared else 'declared but not used'}")
    return NamedQuery(fields["name"], fields["description"], tuple(params), text, path)


def _parameter(path: Path, number: int, line: str) -> Parameter:
    m = _PARAM.match(line)
    if not m:
        raise InputError(path, f"line {number}: parameter lines read '#   name: kind = default -- meaning'")
    name, kind, default, help_ = m.groups()
    if kind not in KINDS:
        raise InputError(path, f"line {number}: parameter kind {kind!r} is not one of {', '.join(KINDS)}")
    try:
        KINDS[kind](default)
    except ValueError as exc:
        raise InputError(path, f"line {number}: default of {name}: {exc}") from None
    return Parameter(name, kind, default, help_)


def _body(text: str) -> str:
    """The query without comment lines, where placeholders count."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def load_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query in a folder (default data/queries), by name."""
    folder = folder or DEFAULT_DIR
    queries: dict[str, NamedQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        q = parse_query(path)
        if q.name in queries:
            raise InputError(path, f"name {q.name!r} is also used by {queries[q.name].path.name}")
        queries[q.name] = q
    return queries


def named(name: str, folder: Path | None = None) -> NamedQuery:
    """The query of that name; an unknown name raises ValueError pointing at ``--list``."""
    found = load_queries(folder)
    if name not in found:
        raise ValueError(f"no query named {name!r} (plangraph query --list shows them)")
    return found[name]


def file_text(path: Path, values: Mapping[str, str] | None = None) -> str:
    """A .rq file's SPARQL: rendered with its parameters when it has a header, else as written."""
    text = path.read_text(encoding="utf-8")
    if _FIELD.match(text.split("\n", 1)[0]):
        return parse_query(path).render(values)
    if values:
        raise ValueError(f"{path.name}: has no '# name:' header, so it takes no parameters")
    return text


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["region=湖州市", "min=3"]`` as a dict; a pair without '=' raises ValueError."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--param {pair!r} is not NAME=VALUE")
        values[key.strip()] = value
    return values


def describe(queries: Mapping[str, NamedQuery]) -> str:
    """The ``--list`` text: each query, its parameters with their defaults, and what it answers."""
    lines = []
    for q in queries.values():
        lines.append(q.name + "".join(f" [{p.name}={p.default}]" for p in q.parameters))
        lines.append(f"    {q.description}")
        lines.extend(f"    {p.name} ({p.kind}): {p.help}" for p in q.parameters)
    return "\n".join(lines) + "\n"
