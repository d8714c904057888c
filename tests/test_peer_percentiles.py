"""benchmarks/peer_percentiles.py: the p99 table of a side-by-side run, from the harness's load.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from peergraph.settings import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "benchmarks" / "peer_percentiles.py"


def _run(case: str, side: str, round_: int, c16: tuple[float, float, float]) -> dict[str, object]:
    p50, p95, p99 = c16
    return {
        "case": case,
        "side": side,
        "round": round_,
        "c16": {"p50": p50, "p95": p95, "p99": p99},
        "c1": {"p50": 1.0, "p95": 2.0, "p99": 3.0},
    }


def test_percentiles_are_the_rounds_means(tmp_path: Path) -> None:
    load = {
        "load_average": {"before": [1.5, 1.0, 0.5], "after": [9.0, 5.0, 2.0]},
        "runs": [
            _run("WorkDetail", "peergraph", 1, (10.0, 20.0, 30.0)),
            _run("WorkDetail", "peer", 1, (11.0, 21.0, 31.0)),
            _run("WorkDetail", "peergraph", 2, (20.0, 30.0, 50.0)),
            _run("WorkDetail", "peer", 2, (13.0, 23.0, 33.0)),
        ],
    }
    (tmp_path / "load.json").write_text(json.dumps(load))
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "load.json")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "percentiles.md").read_text().splitlines()
    assert lines[0] == "load average (1/5/15 min) before 1.5/1.0/0.5, after 9.0/5.0/2.0"
    assert "| WorkDetail | peergraph | 15.0 / 25.0 / 40.0 | 1.0 / 2.0 / 3.0 |" in lines
    assert "| WorkDetail | peer | 12.0 / 22.0 / 32.0 | 1.0 / 2.0 / 3.0 |" in lines


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "load.json").write_text("{not json")
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "load.json")], capture_output=True, text=True)
    assert done.returncode == 1
    assert "load.json" in done.stderr
    assert not (tmp_path / "percentiles.md").exists()
