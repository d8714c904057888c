"""Breaking changes between the committed `schema.graphql` and the code's schema.

`python -m schema.compat [path]` prints each breaking change (removed fields, changed types, new required
arguments ...) and exits 1 if there is any; `make schema-check` runs it against the committed file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from graphql import BreakingChange, build_schema, find_breaking_changes

from peergraph.settings import PROJECT_ROOT
from schema import build_schema as build_code_schema

COMMITTED = PROJECT_ROOT / "schema.graphql"


def code_sdl() -> str:
    """The code's schema as SDL, exactly as `schema.graphql` is committed."""
    return build_code_schema().as_str() + "\n"


def breaking_changes(committed_sdl: str, new_sdl: str | None = None) -> list[BreakingChange]:
    """What a client written against `committed_sdl` would find broken in `new_sdl` (default: the code's)."""
    return find_breaking_changes(build_schema(committed_sdl), build_schema(new_sdl or code_sdl()))


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else COMMITTED
    changes = breaking_changes(path.read_text(encoding="utf-8"))
    for change in changes:
        sys.stdout.write(f"BREAKING {change.type.name}: {change.description}\n")
    if not changes:
        sys.stdout.write(f"no breaking changes against {path}\n")
    return 1 if changes else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
