"""Named Cypher queries: every `.cypher` file under this folder, loaded once at import.

`load("author/get_by_ids")` returns the text of `cypher/author/get_by_ids.cypher`; a missing file fails at
import time, and grepping the name finds every use. Values always travel as parameters.

A query names shared pieces as `{{name(arg, ...)}}`: the fragment `cypher/fragments/<name>.cypher` (one projection
per entity, the coauthor ranking, the viewer's rule), expanded when the query loads. A fragment's header says
`// Fragment: name(param, ...)`; its body names each parameter as `{param}`, replaced by the argument as written in
the query file (a variable or an expression of the file itself, never a value: values are parameters). A missing
fragment, a wrong number of arguments or a piece left unexpanded fails at import.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import LiteralString

ROOT = Path(__file__).resolve().parent
FRAGMENTS = ROOT / "fragments"
_NAME = re.compile(r"(\w+)(?=\()")
_HEADER = re.compile(r"^// Fragment: (\w+)\(([^)]*)\)$", re.MULTILINE)
MAX_DEPTH = 8  # fragments used inside fragments, at most this deep (a cycle fails instead of looping)


def load(name: str) -> LiteralString:
    """The text of `cypher/<name>.cypher` (trusted, shipped with the package), its fragments expanded."""
    text = (ROOT / f"{name}.cypher").read_text(encoding="utf-8")
    if any("{{" in line for line in text.splitlines() if line.lstrip().startswith("//")):
        raise ValueError(f"cypher/{name}.cypher: a fragment use in a comment (name it as fragments/<name>)")
    return expand(text, name)


def expand(text: str, where: str, depth: int = 0) -> LiteralString:
    """`text` with every `{{fragment(args)}}` replaced by the fragment's body (uses in arguments expanded first)."""
    if depth > MAX_DEPTH:
        raise ValueError(f"{where}: fragments nested deeper than {MAX_DEPTH} (a cycle?)")
    out, at = [], 0
    while (start := text.find("{{", at)) >= 0:
        name = _NAME.match(text, start + 2)
        if name is None:
            raise ValueError(f"{where}: `{{{{` that is not `{{{{name(args)}}}}`: {text[start : start + 40]!r}")
        args, end = _arguments(text, name.end(), where)
        if not text.startswith("}}", end):
            raise ValueError(f"{where}: {name.group(1)}(...) is not closed by `}}}}`")
        params, body = _fragment(name.group(1))
        if len(args) != len(params):
            raise ValueError(f"{where}: {name.group(1)} takes ({', '.join(params)}), got {len(args)} arguments")
        for param, arg in zip(params, args, strict=True):
            body = body.replace("{" + param + "}", expand(arg, where, depth + 1))
        out += [text[at:start], expand(body, f"{where} > {name.group(1)}", depth + 1)]
        at = end + 2
    out.append(text[at:])
    # The text comes from the package's own files, with arguments taken from them: a literal as far as Cypher goes.
    return "".join(out)


@cache
def _fragment(name: str) -> tuple[tuple[str, ...], str]:
    """(parameters, body without comments) of `cypher/fragments/<name>.cypher`."""
    text = (FRAGMENTS / f"{name}.cypher").read_text(encoding="utf-8")
    header = _HEADER.search(text)
    if header is None or header.group(1) != name:
        raise ValueError(f"cypher/fragments/{name}.cypher has no `// Fragment: {name}(...)` header")
    params = tuple(p.strip() for p in header.group(2).split(",") if p.strip())
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()
    return params, body


def _arguments(text: str, at: int, where: str) -> tuple[list[str], int]:
    """The arguments of the `(` at `at`, split at the commas outside brackets and quotes, and where `)` closes."""
    args: list[str] = []
    depth, quote, start = 0, "", at + 1
    for i in range(at, len(text)):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                last = text[start:i].strip()
                return [*args, last] if last or args else args, i + 1
        elif char == "," and depth == 1:
            args.append(text[start:i].strip())
            start = i + 1
    raise ValueError(f"{where}: an unclosed fragment use")


def statements(name: str) -> list[LiteralString]:
    """The `;`-terminated statements of a multi-statement file (migrations), comments removed."""
    lines = [line for line in load(name).splitlines() if not line.lstrip().startswith("//")]
    parts = "\n".join(lines).split(";\n")
    return [part.strip().rstrip(";") for part in parts if part.strip()]
