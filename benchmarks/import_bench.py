"""Import benchmark: generated OpenAlex data into a real Neo4j; results to benchmarks/results/import.json.

Measures (each import runs the real `peergraph import` command in a subprocess, so its peak RSS is its own):
1. N works (default 100,000, with their authors, institutions, sources, topics) into an empty database;
2. the same files again (every record unchanged): should take less time than the first;
3. the same code path on 2,000 works with one transaction per record (--batch-size 1 --writers 1) vs batches
   (defaults): the ratio;
4. the importer's peak RSS at 10,000 and N works (it should stay flat as the input grows).
The N-work import runs with one writer and with two (the default), on a server warmed up by a first 10k import
(reported separately as the cold-server number).

Neo4j: NEO4J_URI (+ NEO4J_PASSWORD) if set — its data is deleted — otherwise a throwaway server started with
the project's launcher in a temp home. Usage: `.venv/bin/python benchmarks/import_bench.py [--works N]`.
The machine's load average is recorded next to the numbers: other processes sharing the cores slow them down.

`--bulk DIR` instead measures `peergraph bulk-import DIR` (generated files, e.g. `peergraph generate --works
1000000 --seed 1 DIR`) into a fresh server of its own: wall time per phase, peak RSS of each process (the command,
neo4j-admin's JVM, the Neo4j server), the store size and the memory settings; merged into import.json as
`bulk_<label>` next to what is there. `--bulk` takes several folders (`data/sample/ DIR`: the sample's ids, which
benchmarks/api_bench.py asks for, in a generated graph), `--code CHECKOUT` runs an older checkout's command for a
before/after ratio, `--home HOME` loads the server on the environment's ports and leaves it serving.
`--without-author-pairs` loads every count but the AUTHOR pairs (their codes are dropped where the counts collect
them, `ingest/bulk/counts.py` `_Pairs.add`): an upper bound on what a store keeping only the AUTHOR pairs of two or
more works (99.94% of them share one at 1M generated works, benchmarks/pair_shares.py) would give the bulk load.
`--without-pairs` leaves out the INSTITUTION pairs as well (the COUNTRY pairs, a few thousand, are kept): what the
load costs with no AUTHOR or INSTITUTION pair at all, the bound of any cheaper store for both.

`--online DIR ...` measures `peergraph import DIR ...` (the online importer) on a freshly started server (a new
home: its first import pays for the JVM's warm-up and every statement's first plan) and then, wiped, on the same
now warm server; `--code CHECKOUT ...` runs each checkout's command in turn, round after round (`--rounds`), so an
A/B of two commits is interleaved under the same load, and reports each side's medians and their ratios. Results
merged into online_import.json as `online_<label>`. Past 10k works, run it with nothing else measuring on the
machine (it is timed).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import psutil
from neo4j import GraphDatabase

from cypher import ingest as q
from ingest.generate import generate
from peergraph.db.migrations import apply_migrations
from peergraph.db.target import local_server, throwaway_server
from peergraph.settings import PROJECT_ROOT, get_settings

RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "import.json"
ONLINE_RESULTS = PROJECT_ROOT / "benchmarks" / "results" / "online_import.json"


@contextlib.contextmanager
def neo4j(home: Path) -> Iterator[tuple[str, str]]:
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"], os.environ.get("NEO4J_PASSWORD", "")
        return
    server = throwaway_server(get_settings(), home / "neo4j", heap="2g", pagecache="1g")
    server.start()
    try:
        yield server.uri, server.password()
    finally:
        server.stop()


def reset(uri: str, password: str) -> None:
    import asyncio

    from neo4j import AsyncGraphDatabase

    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver, driver.session(database="neo4j") as session:
        session.run(q.DELETE_ALL).consume()

    async def migrate() -> None:
        async with AsyncGraphDatabase.driver(uri, auth=("neo4j", password)) as adriver:
            await apply_migrations(adriver, "neo4j")

    asyncio.run(migrate())


def run_import(
    uri: str, password: str, paths: list[Path], tmp: Path, *extra: str, code: Path | None = None
) -> dict[str, Any]:
    """Run `peergraph import` in a subprocess (of the checkout `code`, default this one); its wall time and peak
    RSS (sampled every 50 ms)."""
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_PASSWORD": password, "NEO4J_USER": "neo4j"}
    if code is not None:
        env["PYTHONPATH"] = str(code)  # and run from there: `python -c` puts its working folder first
    command = [
        sys.executable,
        "-c",
        "from peergraph.cli import main; main()",
        "import",
        *map(str, paths),
        "--no-progress",
    ]
    command += ["--rejects", str(tmp / "rejects.jsonl"), *extra]
    load_before = os.getloadavg()[0]
    proc, seconds, peaks = run_sampled(command, env, cwd=code or PROJECT_ROOT)
    if proc.returncode not in (0, 2):  # 2: finished with rejected lines (none expected, but not a failure)
        raise _failed("import", proc)
    peak = peaks.get("python", 0)
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak / 2**20, 1),
        "load_average_1m_before": round(load_before, 2),
        "load_average_1m_after": round(os.getloadavg()[0], 2),
    }


# (seconds since the command started, CPU seconds so far by role): one every CPU_EVERY samples of run_sampled
CpuTimeline = list[tuple[float, dict[str, float]]]
CPU_EVERY = 10


def run_sampled(
    command: list[str],
    env: dict[str, str],
    role: Callable[[psutil.Process], str] | None = None,
    cwd: Path = PROJECT_ROOT,
    cpu: CpuTimeline | None = None,
) -> tuple[subprocess.CompletedProcess[bytes], float, dict[str, int]]:
    """Run `command` from `cwd` to its end; its seconds and the peak RSS sampled every 50 ms, of the
    process itself ("python"), or with `role`, of it and each of its children, by role. With `cpu`, every 0.5 s
    each role's CPU seconds so far (user + system; a process's last reading stays once it is gone) are appended
    to it, and "machine": every process's, from /proc/stat."""
    started = time.monotonic()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peaks: dict[str, int] = {}
    done = threading.Event()
    spent: dict[int, tuple[str, float]] = {}  # pid → (role, its CPU seconds at its last reading)

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return  # gone already
        n = 0
        machine = sum(psutil.cpu_times()[:3])  # user, nice, system
        while not done.is_set():
            with contextlib.suppress(psutil.Error):
                for process in [root, *(root.children(recursive=True) if role else [])]:
                    with contextlib.suppress(psutil.Error):
                        name = role(process) if role else "python"
                        peaks[name] = max(peaks.get(name, 0), process.memory_info().rss)
                        if cpu is not None and n % CPU_EVERY == 0:
                            times = process.cpu_times()
                            spent[process.pid] = (name, times.user + times.system)
            if cpu is not None and n % CPU_EVERY == 0:
                by_role: dict[str, float] = {"machine": sum(psutil.cpu_times()[:3]) - machine}
                for name, seconds in spent.values():
                    by_role[name] = by_role.get(name, 0.0) + seconds
                cpu.append((time.monotonic() - started, by_role))
            n += 1
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    return subprocess.CompletedProcess(command, proc.returncode, out, err), seconds, peaks


def phase_cores(timeline: CpuTimeline, phases: dict[str, float], seconds: float) -> dict[str, dict[str, float]]:
    """Per phase (in the order the command ran them, the first starting when the command's own time began: the
    command's start-up before it is left to the first), the cores each role kept busy on average: CPU seconds
    between the readings nearest the phase's ends over its wall seconds. "machine" is every process's."""
    if not timeline:
        return {}
    began = seconds - sum(phases.values())  # the interpreter's start and imports, before the first phase
    result: dict[str, dict[str, float]] = {}

    def at(t: float) -> dict[str, float]:
        return min(timeline, key=lambda reading: abs(reading[0] - t))[1]

    start, end = 0.0, began
    for name, wall in phases.items():
        end += wall
        first, last = at(start), at(end)
        if end - start >= 1.0:
            result[name] = {
                role: round((last[role] - first.get(role, 0.0)) / (end - start), 2) for role in sorted(last)
            }
        start = end
    return result


def _failed(what: str, proc: subprocess.CompletedProcess[bytes]) -> SystemExit:
    return SystemExit(f"{what} failed ({proc.returncode}):\n{proc.stdout.decode()}\n{proc.stderr.decode()}")


class _Roles:
    """Each process's role by its command line; the bulk command's spawned children (the same command line) in the
    order they start: the parsing process (ingest/bulk/feed.py), then the counting one (ingest/bulk/counts.py)."""

    CHILDREN = ("python_parser", "python_counting")

    def __init__(self) -> None:
        self.children: dict[int, str] = {}

    def __call__(self, process: psutil.Process) -> str:
        cmdline = " ".join(process.cmdline())
        if "org.neo4j.cli.AdminTool" in cmdline:
            return "neo4j_admin"
        if "CommunityEntryPoint" in cmdline:
            return "neo4j_server"
        if "resource_tracker" in cmdline:  # multiprocessing's own helper, started before the first child
            return "python_resource_tracker"
        if "multiprocessing" in cmdline:
            name = self.children.get(process.pid)
            if name is None:
                n = len(self.children)
                name = self.CHILDREN[n] if n < len(self.CHILDREN) else f"python_child_{n}"
                self.children[process.pid] = name
            return name
        return "python" if "python" in cmdline else "other"


# The count files the dropped pairs would be in (the command's rows per file).
_DROPPED_FILES = {"A": ("-AUTHOR_PAIR",), "AI": ("-AUTHOR_PAIR", "-INSTITUTION_PAIR")}


def run_bulk(
    data: list[Path],
    label: str,
    code: Path | None = None,
    home: Path | None = None,
    *,
    dropped: str = "",
    scratch: Path | None = None,
) -> None:
    """`peergraph bulk-import` into a fresh home; per-phase times and every process's peak RSS. `code`: run the
    command of that checkout (an older commit, for a before/after ratio); `home`: load into that (empty) Neo4j
    home, on the ports the environment gives, and leave it serving (for benchmarks/api_bench.py)."""
    settings = get_settings()
    with tempfile.TemporaryDirectory(prefix="peergraph-bulk-bench-", dir=scratch) as name:
        server = throwaway_server(settings, Path(name) / "neo4j")
        if home is not None:
            server = local_server(settings.model_copy(update={"neo4j_home": home}))
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "PEERGRAPH_NEO4J_URI")},
            "PEERGRAPH_NEO4J_HOME": str(server.home),
            "PEERGRAPH_NEO4J_BOLT_PORT": str(server.bolt_port),
            "PEERGRAPH_NEO4J_HTTP_PORT": str(server.http_port),
        }
        if code is not None:
            env["PYTHONPATH"] = str(code)  # and run from there: `python -c` puts its working folder first
        prologue = ""
        if dropped:  # benchmarks/drop_pairs.py, in the command and in each of its spawned children
            env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parent), *([str(code)] if code else [])])
            env["PEERGRAPH_BENCH_DROP_PAIRS"] = dropped
            prologue = "import drop_pairs; "
        command = [sys.executable, "-c", prologue + "from peergraph.cli import main; main()", "bulk-import"]
        command += map(str, data)
        command.append("--json")
        load_before = os.getloadavg()
        timeline: CpuTimeline = []
        proc, seconds, peaks = run_sampled(command, env, _Roles(), code or PROJECT_ROOT, timeline)
        try:
            if proc.returncode != 0:
                raise _failed("bulk import", proc)
            summary = orjson.loads(proc.stdout)
            loaded = {f: n for f, n in summary["rows"].items() if dropped and f.endswith(_DROPPED_FILES[dropped])}
            if any(loaded.values()):
                raise SystemExit(f"pairs meant to be left out were loaded: {loaded}")
            server_rss = psutil.Process(server.running_pid() or 0).memory_info().rss if server.running_pid() else 0
        finally:
            if home is None:
                server.stop()
    result = {
        "seconds_to_served_graph": round(seconds, 1),
        "phases_seconds": summary["phases"],
        "steps_seconds": summary.get("steps", {}),  # within migrate and bookkeeping
        "peak_rss_mb": {role: round(rss / 2**20) for role, rss in sorted(peaks.items())},
        "cores_busy_by_phase": phase_cores(timeline, summary["phases"], seconds),
        "neo4j_server_rss_after_mb": round(server_rss / 2**20),
        "store_mb": round(summary["storeBytes"] / 1e6),
        "csv_mb": round(summary["csvBytes"] / 1e6),
        "records": summary["records"],
        "rows": summary["rows"],
        "inputs": [str(d) for d in data],
        **({"author_pairs": "not loaded (--without-author-pairs)"} if dropped == "A" else {}),
        **({"pairs": "no AUTHOR or INSTITUTION pairs loaded (--without-pairs)"} if dropped == "AI" else {}),
        "code": "this checkout"
        if code is None
        else subprocess.run(
            ["git", "-C", str(code), "log", "-1", "--format=%h %s"], capture_output=True, text=True, check=False
        ).stdout.strip()[:100],
        "settings": {
            "server_heap": settings.neo4j_heap,
            "server_pagecache": settings.neo4j_pagecache,
            "admin_heap": settings.bulk_import_heap,
            "admin_max_off_heap": settings.bulk_import_max_off_heap,
            "admin_threads": settings.bulk_import_threads or os.cpu_count(),
        },
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode(), flush=True)
    results = orjson.loads(RESULTS.read_bytes()) if RESULTS.exists() else {}
    results[f"bulk_{label}"] = result
    RESULTS.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2) + b"\n")
    print(f"results merged into {RESULTS}")


def _commit(code: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(code), "log", "-1", "--format=%h %s"], capture_output=True, text=True, check=False
    ).stdout.strip()[:100]


def run_online(data: list[Path], label: str, codes: list[Path], rounds: int, writers: int) -> None:
    """`peergraph import` of `data` into a freshly started server (cold), then wiped, into the same server again
    (warm), for each checkout in `codes` in turn, `rounds` times; medians and the ratios to the first checkout."""
    settings = get_settings()
    runs: dict[str, list[dict[str, Any]]] = {str(code): [] for code in codes}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="peergraph-online-bench-") as name:
        tmp = Path(name)
        for n in range(rounds):
            for code in codes:
                server = throwaway_server(settings, tmp / f"neo4j-{n}-{codes.index(code)}", heap="2g", pagecache="1g")
                server.start()
                try:
                    reset(server.uri, server.password())
                    options = ("--writers", str(writers))
                    cold = run_import(server.uri, server.password(), data, tmp, *options, code=code)
                    reset(server.uri, server.password())
                    warm = run_import(server.uri, server.password(), data, tmp, *options, code=code)
                finally:
                    server.stop()
                runs[str(code)].append({"cold_server": cold, "warm_server": warm})
                print(f"round {n + 1}, {code}: cold {cold['seconds']} s, warm {warm['seconds']} s", flush=True)

    def median(code: Path, which: str) -> float:
        return float(statistics.median(r[which]["seconds"] for r in runs[str(code)]))

    sides = {
        str(code): {
            "code": _commit(code),
            "cold_server_seconds_median": median(code, "cold_server"),
            "warm_server_seconds_median": median(code, "warm_server"),
            "runs": runs[str(code)],
        }
        for code in codes
    }
    base = codes[0]
    result = {
        "inputs": [str(d) for d in data],
        "writers": writers,
        "rounds": rounds,
        "sides": sides,
        "speedup_vs_first": {
            str(code): {
                "cold_server": round(median(base, "cold_server") / median(code, "cold_server"), 2),
                "warm_server": round(median(base, "warm_server") / median(code, "warm_server"), 2),
            }
            for code in codes[1:]
        },
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "settings": {"server_heap": "2g", "server_pagecache": "1g"},
    }
    print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode(), flush=True)
    results = orjson.loads(ONLINE_RESULTS.read_bytes()) if ONLINE_RESULTS.exists() else {}
    results[f"online_{label}"] = result
    ONLINE_RESULTS.parent.mkdir(parents=True, exist_ok=True)
    ONLINE_RESULTS.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2) + b"\n")
    print(f"results merged into {ONLINE_RESULTS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--per-record-works", type=int, default=2_000)
    parser.add_argument("--bulk", type=Path, nargs="+", help="measure `peergraph bulk-import` of these instead")
    parser.add_argument("--online", type=Path, nargs="+", help="measure `peergraph import` of these, cold and warm")
    parser.add_argument("--label", default="", help="the result's name in import.json / online_import.json")
    parser.add_argument(
        "--code", type=Path, nargs="+", help="the checkouts whose command runs (default: this; --bulk: the first)"
    )
    parser.add_argument("--rounds", type=int, default=2, help="with --online: rounds of every checkout")
    parser.add_argument("--writers", type=int, default=2, help="with --online: --writers of the import")
    parser.add_argument("--home", type=Path, help="with --bulk: an empty Neo4j home to load and leave serving")
    parser.add_argument(
        "--without-author-pairs", action="store_true", help="with --bulk: every count but the AUTHOR pairs"
    )
    parser.add_argument(
        "--without-pairs", action="store_true", help="with --bulk: every count but the AUTHOR and INSTITUTION pairs"
    )
    parser.add_argument(
        "--scratch",
        type=Path,
        help="with --bulk: where the throwaway Neo4j home goes (default: the system's temp folder; 10 GB at 1M works)",
    )
    args = parser.parse_args()
    if args.bulk is not None:
        folders = [path.resolve() for path in args.bulk]
        code = args.code[0] if args.code else None
        dropped = "AI" if args.without_pairs else "A" if args.without_author_pairs else ""
        run_bulk(folders, args.label or folders[-1].name, code, args.home, dropped=dropped, scratch=args.scratch)
        return
    if args.online is not None:
        folders = [path.resolve() for path in args.online]
        codes = [code.resolve() for code in args.code or [PROJECT_ROOT]]
        run_online(folders, args.label or folders[-1].name, codes, args.rounds, args.writers)
        return
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "note": "2-core machine shared with other processes; see the load averages next to each number",
    }
    with tempfile.TemporaryDirectory(prefix="peergraph-bench-") as name:
        tmp = Path(name)
        data = {}
        for works in sorted({10_000, args.works, args.per_record_works}):
            started = time.monotonic()
            counts = generate(works, seed=1, out_dir=tmp / f"works-{works}")
            data[works] = tmp / f"works-{works}"
            print(f"generated {works:,} works ({counts}) in {time.monotonic() - started:.1f} s", flush=True)
        with neo4j(tmp) as (uri, password):
            # The first import a fresh server sees also pays for its JVM warm-up (the JIT compiles Neo4j's
            # write path: ~100 CPU-seconds on this machine). A production server is long-running, so the
            # 10k import runs first, measured as "cold server", and the bigger runs measure a warm one.
            reset(uri, password)
            results["import_10000_works_into_empty_db_cold_server"] = run_import(uri, password, [data[10_000]], tmp)
            print(f"10k (cold server): {results['import_10000_works_into_empty_db_cold_server']}", flush=True)

            big = [data[args.works]]
            for writers in (1, 2):
                reset(uri, password)
                run = run_import(uri, password, big, tmp, "--writers", str(writers))
                results[f"import_{args.works}_works_into_empty_db_{writers}_writers"] = run
                print(f"{args.works:,} works, {writers} writer(s): {run}", flush=True)
            first = results[f"import_{args.works}_works_into_empty_db_2_writers"]
            results[f"import_{args.works}_works_into_empty_db"] = first
            again = run_import(uri, password, big, tmp)
            results[f"reimport_{args.works}_works_unchanged"] = again
            results["reimport_faster_than_first"] = again["seconds"] < first["seconds"]
            print(f"again (unchanged): {again}", flush=True)

            reset(uri, password)
            results["import_10000_works_into_empty_db"] = run_import(uri, password, [data[10_000]], tmp)
            print(f"10k: {results['import_10000_works_into_empty_db']}", flush=True)

            small = [data[args.per_record_works]]
            reset(uri, password)
            batched = run_import(uri, password, small, tmp)
            reset(uri, password)
            per_record = run_import(uri, password, small, tmp, "--batch-size", "1", "--writers", "1")
            results[f"per_record_vs_batch_{args.per_record_works}_works"] = {
                "batched_1000": batched,
                "one_transaction_per_record": per_record,
                "ratio": round(per_record["seconds"] / batched["seconds"], 1),
            }
            print(f"per record vs batch: {results[f'per_record_vs_batch_{args.per_record_works}_works']}", flush=True)
    results["peak_rss_mb"] = {
        "10000_works": results["import_10000_works_into_empty_db"]["peak_rss_mb"],
        f"{args.works}_works": results[f"import_{args.works}_works_into_empty_db"]["peak_rss_mb"],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2) + b"\n")
    print(f"results written to {RESULTS}")


if __name__ == "__main__":
    main()
