"""Named Cypher queries: every `.cypher` file under this folder, loaded once at import.

`load("author/get_by_ids")` returns the text of `cypher/author/get_by_ids.cypher`; a missing file fails at
import time, and grepping the name finds every use. Values always travel as parameters.
"""

from __future__ import annotations

from pathlib import Path
from typing import LiteralString

ROOT = Path(__file__).resolve().parent


def load(name: str) -> LiteralString:
    """The text of `cypher/<name>.cypher` (trusted, shipped with the package)."""
    return (ROOT / f"{name}.cypher").read_text(encoding="utf-8")


def statements(name: str) -> list[LiteralString]:
    """The `;`-terminated statements of a multi-statement file (migrations), comments removed."""
    lines = [line for line in load(name).splitlines() if not line.lstrip().startswith("//")]
    parts = "\n".join(lines).split(";\n")
    return [part.strip().rstrip(";") for part in parts if part.strip()]
