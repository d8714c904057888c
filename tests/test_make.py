"""The Makefile's help lists every target a person can run."""

from __future__ import annotations

import re
import subprocess

from peergraph.settings import PROJECT_ROOT


def test_help_lists_every_target() -> None:
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z0-9-]*):", makefile, re.MULTILINE))
    phony = set(re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE).group(1).split())  # type: ignore[union-attr]
    done = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    listed = set(re.findall(r"^make (\S+)", done.stdout, re.MULTILINE))
    assert targets, "no targets found in the Makefile"
    assert listed == targets, f"not listed: {sorted(targets - listed)}; listed but missing: {sorted(listed - targets)}"
    assert targets <= phony, f"targets not declared .PHONY: {sorted(targets - phony)}"
