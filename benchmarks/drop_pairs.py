"""Imported first by `import_bench.py --bulk --without-author-pairs / --without-pairs` (benchmarks/ on PYTHONPATH):
the pairs' codes of the parties whose ids start with the letters of PEERGRAPH_BENCH_DROP_PAIRS are not collected.
Author ids are "A" and digits, institutions' "I" and digits; countries' are two letters (never a letter then digits).

The counts are counted in a spawned process (ingest/bulk/counts.py), which imports its modules afresh: so every
spawned child of the bulk load is started through `run` of this module, whose import in the child patches the
child's copy too. Measuring only: nothing of the product imports it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from ingest.bulk import child, counts

LETTERS = os.environ.get("PEERGRAPH_BENCH_DROP_PAIRS", "")
_add = counts._Pairs.add
_start = child.Child.__init__


def _add_kept(self: counts._Pairs, parties: list[str], work: int) -> None:
    if parties[0][:1] in LETTERS and parties[0][1:].isdigit():
        return
    _add(self, parties, work)


def run(target: Callable[..., None], *args: Any) -> None:
    """A spawned child's target, called once this module (and so its patch) is imported in the child."""
    target(*args)


def _start_through_run(self: child.Child, what: str, target: Callable[..., None], *args: Any) -> None:
    _start(self, what, run, target, *args)


if LETTERS:
    counts._Pairs.add = _add_kept  # type: ignore[method-assign]
    child.Child.__init__ = _start_through_run  # type: ignore[method-assign]
