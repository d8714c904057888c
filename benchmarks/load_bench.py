"""The API under hostile and unlucky load, as users run it: `peergraph serve` (one process) on the sample, against a
Neo4j of the benchmark's own (started here, so it can be stopped and paused by its pid).

Scenarios (results to benchmarks/results/load.json, with the machine's load average before and after each):
1. the explorer mix from 64 concurrent clients for 60 s: status counts (no 5xx expected), p50/p95/p99, req/s;
2. the same mix from 256 concurrent clients for 20 s: requests shed (503 OVERLOADED) and the accepted ones'
   p99, which must stay under the deadline;
3. Neo4j unreachable (a TCP proxy between a second API process and Neo4j refuses connections and drops the open
   ones) under 16 clients: every answer's time and code (SERVICE_UNAVAILABLE within 1 s expected), then how long
   after the proxy accepts again the first good answer comes (the API's own recovery: target 2 s);
4. Neo4j stopped: the same answers, then how long after Neo4j accepts Bolt again it answers a query itself and
   the API's first good answer comes (a restart: Neo4j's own start and its plans for the explorer's statements);
5. Neo4j paused (SIGSTOP) for 15 s under 16 clients: answer times (none past the deadline + 1 s);
6. Neo4j restarted with no API running: when it answers `RETURN 1` and the ResearcherProfile operation (run by
   the API's schema in this process), the floor under the API's first good answer after a restart (4.).

`--scenario cache` instead measures the response cache (peergraph/response_cache.py): the same explorer mix from
16 clients, first against a server without the cache (the cold path), then against one with it, after a warm-up
that fills it; requests/s, latencies, the ratio and the cache's hits (results to benchmarks/results/cache.json).

The load comes from autocannon in one Node process (benchmarks/load/drive.mjs, pinned by its package-lock.json,
`npm ci` on first use), or with `--client python` from this asyncio process (httpx), on the same 2 cores
as the server and Neo4j: read the numbers as what this machine does with all three on it.

    .venv/bin/python benchmarks/load_bench.py [--client node|python] [--mix-seconds 60] [--burst-seconds 20]
    .venv/bin/python benchmarks/load_bench.py --scenario cache [--cache-seconds 30] [--out FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.sample import load_files, sample_files  # noqa: E402
from peergraph.db.launcher import LocalNeo4j, free_port  # noqa: E402
from peergraph.db.target import throwaway_server  # noqa: E402
from peergraph.settings import get_settings  # noqa: E402

CONTRACT = (ROOT / "contract" / "explorer.graphql").read_text(encoding="utf-8")
RESULTS = ROOT / "benchmarks" / "results" / "load.json"
CACHE_RESULTS = ROOT / "benchmarks" / "results" / "cache.json"
SHED_RESULTS = ROOT / "benchmarks" / "results" / "shed_delay.json"
CACHE_BYTES = 64 * 1024 * 1024
DEADLINE = 10.0
# The explorer's mix: what a researcher page and its graph ask for, by how often the page asks.
MIX: list[tuple[str, dict[str, Any]]] = [
    ("ResearcherProfile", {"id": "A5082727236"}),
    ("ResearcherProfile", {"id": "A5083650721"}),
    ("Coauthors", {"id": "A5082727236", "first": 20}),
    ("Coauthors", {"id": "A5083650721", "first": 50}),
    ("GraphSlice", {"center": "A5082727236", "depth": 1, "limit": 100}),
    ("GraphSlice", {"center": "W1694905212", "depth": 1, "limit": 100}),
    ("WorkDetail", {"id": "W1021000864"}),
    ("Search", {"q": "bibliometric analysis", "first": 10}),
]


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": round(ordered[-1] * 1000, 1)}


def code_of(response: httpx.Response) -> str:
    try:
        errors = response.json().get("errors") or []
    except ValueError:
        return f"HTTP_{response.status_code}"
    return (errors[0].get("extensions") or {}).get("code", "UNKNOWN") if errors else "OK"


_BUCKET = re.compile(r"^peergraph_graphql_request_seconds_bucket\{(?P<labels>[^}]*)\} (?P<count>\S+)$", re.MULTILINE)


def server_latency(url: str) -> dict[str, float]:
    """The server's own count of GraphQL answers (shed ones apart) at or under each latency bucket, from /metrics:
    the time from the request's arrival to its answer, without the load generator's own queueing."""
    counts: dict[str, float] = {}
    for match in _BUCKET.finditer(httpx.get(f"{url}/metrics", timeout=30).text):
        labels = dict(re.findall(r'(\w+)="([^"]*)"', match.group("labels")))
        if labels.get("outcome") != "OVERLOADED":
            counts[labels["le"]] = counts.get(labels["le"], 0.0) + float(match.group("count"))
    return counts


def server_view(before: dict[str, float], after: dict[str, float]) -> dict[str, Any]:
    """Accepted answers of one scenario as the server timed them: how many, and how many past the deadline."""
    total = after.get("+Inf", 0.0) - before.get("+Inf", 0.0)
    within = after.get(f"{DEADLINE:.1f}", 0.0) - before.get(f"{DEADLINE:.1f}", 0.0)
    return {"accepted": int(total), "accepted_over_deadline": int(total - within)}


LOAD_DIR = ROOT / "benchmarks" / "load"
CLIENT = {"name": "node"}  # --client: who sends the load


def node_generator() -> Path:
    """benchmarks/load/drive.mjs, with the autocannon its lock file pins (npm ci when the lock changed)."""
    lock = LOAD_DIR / "package-lock.json"
    stamp = LOAD_DIR / "node_modules" / ".installed-lock"
    if not stamp.exists() or stamp.read_bytes() != lock.read_bytes():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LOAD_DIR, check=True)
        stamp.write_bytes(lock.read_bytes())
    return LOAD_DIR / "drive.mjs"


async def drive(url: str, clients: int, seconds: float) -> dict[str, Any]:
    """`clients` connections sending the mix for `seconds`, from autocannon (`--client node`, the default) or from
    this process (`--client python`)."""
    return await (drive_node if CLIENT["name"] == "node" else drive_python)(url, clients, seconds)


async def drive_node(url: str, clients: int, seconds: float) -> dict[str, Any]:
    """The mix from autocannon in its own Node process (benchmarks/load/drive.mjs): every answer's status and code,
    latencies as the client saw them, and the server's own count of accepted answers past the deadline."""
    measured_before = await asyncio.to_thread(server_latency, url)
    bodies = [{"query": CONTRACT, "operationName": operation, "variables": variables} for operation, variables in MIX]
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as file:
        json.dump(bodies, file)
        file.flush()
        args = [url, str(clients), str(seconds), file.name, str(int(DEADLINE * 1000))]
        proc = await asyncio.create_subprocess_exec(
            "node", str(node_generator()), *args, stdout=asyncio.subprocess.PIPE
        )
        out, _ = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"the load generator failed ({proc.returncode})")
    result: dict[str, Any] = json.loads(out)
    result["server_measured"] = server_view(measured_before, await asyncio.to_thread(server_latency, url))
    return result


async def drive_python(url: str, clients: int, seconds: float) -> dict[str, Any]:
    """`clients` loops sending the mix for `seconds`; every answer's time, status and code (as the client saw
    it), and the server's own count of accepted answers past the deadline."""
    measured_before = await asyncio.to_thread(server_latency, url)
    cases = itertools.cycle(MIX)
    times: list[tuple[float, int, str]] = []
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:

        async def client() -> None:
            while time.monotonic() < stop:
                operation, variables = next(cases)
                body = {"query": CONTRACT, "operationName": operation, "variables": variables}
                started = time.monotonic()
                try:
                    response = await http.post("/graphql", json=body)
                    times.append((time.monotonic() - started, response.status_code, code_of(response)))
                except httpx.HTTPError as exc:
                    times.append((time.monotonic() - started, 0, type(exc).__name__))

        began = time.monotonic()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.monotonic() - began
    accepted = [t for t, status, _ in times if status != 503]
    server = server_view(measured_before, await asyncio.to_thread(server_latency, url))
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(times),
        "requests_per_second": round(len(times) / elapsed, 1),
        "statuses": dict(Counter(str(status) for _, status, _ in times)),
        "codes": dict(Counter(code for _, _, code in times)),
        "server_errors_5xx_not_shed": sum(1 for _, status, _ in times if status >= 500 and status != 503),
        "shed": sum(1 for _, status, _ in times if status == 503),
        "all_ms": percentiles([t for t, _, _ in times]),
        "accepted_ms": percentiles(accepted),
        "accepted_over_deadline": sum(1 for t in accepted if t > DEADLINE),
        "server_measured": server,
    }


def wait_for_bolt(port: int, timeout: float = 180.0) -> float:
    started = time.monotonic()
    while True:
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return time.monotonic()
        if time.monotonic() - started > timeout:
            raise RuntimeError("Neo4j did not accept Bolt again")
        time.sleep(0.02)  # polling a port, with a deadline


async def down_and_back(url: str, neo4j: LocalNeo4j) -> dict[str, Any]:
    neo4j.stop()
    during = await drive(url, clients=16, seconds=5)
    starting = asyncio.get_running_loop().run_in_executor(None, neo4j.start)
    accepted_at = await asyncio.get_running_loop().run_in_executor(None, wait_for_bolt, neo4j.bolt_port)
    # Neo4j accepts Bolt connections well before its databases are online ("database unavailable" meanwhile):
    # when it first answers a query itself is measured too.
    answering = asyncio.ensure_future(neo4j_answers(neo4j, accepted_at))
    await first_good_answer(url)
    served_after = time.monotonic() - accepted_at
    await starting
    return {
        "while_down": during,
        "first_good_answer_after_bolt_accepts_s": round(served_after, 2),
        "neo4j_first_answers_after_bolt_accepts_s": round(await answering, 2),
        "plan_warmups_ok": await warmups(url),
    }


async def first_good_answer(url: str) -> None:
    """Ask the explorer's first operation until it is answered (an outer deadline: the scenario's)."""
    operation, variables = MIX[0]
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        while True:
            body = {"query": CONTRACT, "operationName": operation, "variables": variables}
            if code_of(await http.post("/graphql", json=body)) == "OK":
                return
            await asyncio.sleep(0.02)


async def unreachable_and_back(env: dict[str, str], neo4j: LocalNeo4j) -> dict[str, Any]:
    """Neo4j running but unreachable (a TCP proxy between a second API process and it refuses connections and
    drops the open ones), then reachable again: the answers meanwhile, and how long after the proxy accepts again
    the API serves (its plans are still in Neo4j: this is the API's own recovery, apart from a restart's)."""
    from tests.faults import FaultyProxy

    proxy = FaultyProxy("127.0.0.1", neo4j.bolt_port)
    await proxy.up()
    api, url = await asyncio.to_thread(start_api, {**env, "NEO4J_URI": proxy.uri}, free_port())
    try:
        await drive(url, clients=4, seconds=5)  # its pool and plans
        await proxy.down()
        during = await drive(url, clients=16, seconds=5)
        await proxy.up()
        back = time.monotonic()
        await asyncio.wait_for(first_good_answer(url), timeout=60)
        return {"while_unreachable": during, "first_good_answer_after_reachable_s": round(time.monotonic() - back, 2)}
    finally:
        api.terminate()
        await asyncio.to_thread(api.wait, 20)
        await proxy.down()


async def restart_alone(neo4j: LocalNeo4j) -> dict[str, Any]:
    """Neo4j restarted with no API running: how long after it accepts Bolt it answers `RETURN 1`, and the
    explorer's ResearcherProfile (run in this process by the API's own schema, no deadline: planning its
    statements included). The floor under the API's first good answer after a restart."""
    from peergraph.context import build_context
    from peergraph.db.target import async_driver
    from schema import build_schema

    neo4j.stop()
    starting = asyncio.get_running_loop().run_in_executor(None, neo4j.start)
    accepted_at = await asyncio.get_running_loop().run_in_executor(None, wait_for_bolt, neo4j.bolt_port)
    answers = await neo4j_answers(neo4j, accepted_at)
    settings = get_settings(neo4j_uri=neo4j.uri, neo4j_password=neo4j.password())
    schema = build_schema(settings)
    driver = async_driver(settings)
    operation, variables = MIX[0]
    try:
        while True:
            result = await schema.execute(
                CONTRACT,
                variable_values=variables,
                context_value=build_context(driver, settings),
                operation_name=operation,
            )
            if not result.errors:
                break
            await asyncio.sleep(0.02)
    finally:
        await driver.close()
    profile_after = time.monotonic() - accepted_at
    await starting
    return {
        "neo4j_first_answers_after_bolt_accepts_s": round(answers, 2),
        "first_researcher_profile_after_bolt_accepts_s": round(profile_after, 2),
    }


async def neo4j_answers(neo4j: LocalNeo4j, since: float) -> float:
    """Seconds from `since` to Neo4j answering `RETURN 1` on its default database, asked directly."""
    from neo4j import AsyncGraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    async with AsyncGraphDatabase.driver(neo4j.uri, auth=("neo4j", neo4j.password())) as driver:
        while True:
            try:
                await driver.execute_query("RETURN 1", database_="neo4j")
                return time.monotonic() - since
            except (DriverError, Neo4jError, OSError):
                await asyncio.sleep(0.05)


async def warmups(url: str) -> float:
    """The API's replays of the explorer's operations that made Neo4j's plans (peergraph/warmup.py)."""
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        text = (await http.get("/metrics")).text
    found = re.search(r'^peergraph_plan_warmups_total\{outcome="ok"\} (\S+)$', text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


async def paused(url: str, neo4j: LocalNeo4j, seconds: float) -> dict[str, Any]:
    pid = neo4j.running_pid()
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        during = await drive(url, clients=16, seconds=seconds)
    finally:
        os.kill(pid, signal.SIGCONT)
    during["over_deadline_plus_1s"] = (
        during["all_ms"]["max"] is not None and during["all_ms"]["max"] > (DEADLINE + 1) * 1000
    )
    return during


def start_api(env: dict[str, str], port: int) -> tuple[subprocess.Popen[bytes], str]:
    """`peergraph serve` as users run it, polled until ready (with a deadline)."""
    api = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "peergraph"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return api, url
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or api.poll() is not None:
            raise RuntimeError("the API did not become ready")
        time.sleep(0.2)


def cache_lookups(url: str) -> dict[str, float]:
    """The server's response-cache lookups by result, from /metrics."""
    found: dict[str, float] = {}
    for line in httpx.get(f"{url}/metrics", timeout=10).text.splitlines():
        if line.startswith("peergraph_response_cache_lookups_total{"):
            result = line.split('result="', 1)[1].split('"', 1)[0]
            found[result] = float(line.rsplit(" ", 1)[1])
    return found


async def cold_and_warm(env: dict[str, str], clients: int, seconds: float) -> dict[str, Any]:
    """The mix against a server without the response cache, then against one with it (warmed first). Both get the
    suite's room for opening connections (5 s, not 1 s): this measures throughput, not how faults are said, and on
    a loaded 2-core machine a fresh Neo4j's Bolt handshakes took over a second (every answer SERVICE_UNAVAILABLE)."""
    roomy = {"PEERGRAPH_NEO4J_CONNECTION_TIMEOUT_SECONDS": "5", "PEERGRAPH_NEO4J_POOL_ACQUIRE_TIMEOUT_SECONDS": "5"}
    runs: dict[str, Any] = {}
    for name, cache_bytes in (("cold", 0), ("warm", CACHE_BYTES)):
        api, url = start_api({**env, **roomy, "PEERGRAPH_RESPONSE_CACHE_BYTES": str(cache_bytes)}, free_port())
        try:
            await drive(url, clients=8, seconds=20)  # warm-up: the JIT, the kept rankings, and the cache when on
            before = load_average()
            outcome = await drive(url, clients, seconds)
            outcome["load_average_before_after"] = [before, load_average()]
            outcome["cache_lookups_incl_warm_up"] = cache_lookups(url)
            runs[name] = outcome
            print(name, json.dumps(outcome))
        finally:
            api.terminate()
            api.wait(timeout=20)
    runs["warm_over_cold_requests_per_second"] = round(
        runs["warm"]["requests_per_second"] / runs["cold"]["requests_per_second"], 2
    )
    return runs


async def shed_delays(env: dict[str, str], delays: list[float], clients: int, seconds: float) -> dict[str, Any]:
    """The 256-client burst against one API process per `PEERGRAPH_SHED_DELAY_SECONDS` value, interleaved in two
    rounds (same Neo4j; only the process under load runs): the accepted answers a second (goodput), the refusals,
    the accepted p99 as autocannon (which retries a refusal at once) measures it."""
    apis = [start_api({**env, "PEERGRAPH_SHED_DELAY_SECONDS": str(d)}, free_port()) for d in delays]
    rounds: list[dict[str, Any]] = []
    try:
        for _, url in apis:
            await drive(url, clients=8, seconds=10)  # warm-up: the JIT, the kept rankings
        for round_no in (1, 2):
            for delay, (_, url) in zip(delays, apis, strict=True):
                before = load_average()
                run = await drive(url, clients, seconds)
                accepted = run["server_measured"]["accepted"]
                rounds.append(
                    {
                        "round": round_no,
                        "shed_delay_seconds": delay,
                        "accepted_per_second_server": round(accepted / run["seconds"], 1),
                        "accepted_client": run["accepted_count"],
                        "shed": run["shed"],
                        "accepted_ms": run["accepted_ms"],
                        "accepted_over_deadline_server": run["server_measured"]["accepted_over_deadline"],
                        "server_errors_5xx_not_shed": run["server_errors_5xx_not_shed"],
                        "load_average_before_after": [before, load_average()],
                    }
                )
                print(json.dumps(rounds[-1]))
    finally:
        for api, _ in apis:
            api.terminate()
            api.wait(timeout=20)
    return {"clients": clients, "seconds": seconds, "rounds": rounds}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mix-seconds", type=float, default=60)
    parser.add_argument("--burst-seconds", type=float, default=20)
    parser.add_argument("--pause-seconds", type=float, default=15)
    parser.add_argument("--scenario", choices=["faults", "cache", "shed-delay"], default="faults")
    parser.add_argument("--shed-delays", default="0,0.2", help="with --scenario shed-delay: the values compared")
    parser.add_argument("--cache-seconds", type=float, default=30)
    parser.add_argument("--cache-clients", type=int, default=16)
    parser.add_argument("--client", choices=["node", "python"], default="node")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    CLIENT["name"] = args.client
    out: Path = args.out or {"cache": CACHE_RESULTS, "shed-delay": SHED_RESULTS}.get(args.scenario, RESULTS)
    settings = get_settings()
    home = Path(tempfile.mkdtemp(prefix="peergraph-loadbench-"))
    neo4j = throwaway_server(settings, home / "neo4j", heap="1g", pagecache="512m")
    neo4j.start()
    results: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "server": f"peergraph serve, one process, shipped limits (deadline {settings.request_deadline_seconds:g} s, "
        f"max_in_flight {settings.max_in_flight}, max_executing {settings.max_executing}, queue timeout "
        f"{settings.queue_timeout_seconds:g} s)",
        "data": "the bundled OpenAlex sample",
        "load_generator": "autocannon 9.0.0 in one Node process (benchmarks/load/drive.mjs)"
        if args.client == "node"
        else "httpx in this asyncio process",
        "scenarios": {},
    }
    api: subprocess.Popen[bytes] | None = None
    try:
        from neo4j import AsyncGraphDatabase

        driver = AsyncGraphDatabase.driver(neo4j.uri, auth=("neo4j", neo4j.password()))
        await load_files(driver, "neo4j", sample_files())
        await driver.close()
        port = free_port()
        env = {
            **os.environ,
            "NEO4J_URI": neo4j.uri,
            "NEO4J_PASSWORD": neo4j.password(),
            "PEERGRAPH_GRAPHIQL": "false",
            "PEERGRAPH_LOG_LEVEL": "WARNING",
        }
        if args.scenario == "shed-delay":
            delays = [float(x) for x in args.shed_delays.split(",")]
            results["scenarios"]["shed_delay"] = await shed_delays(env, delays, 256, args.burst_seconds)
        elif args.scenario == "cache":
            results["server"] = "peergraph serve, one process, default limits; without, then with the response cache"
            results["scenarios"]["cache"] = await cold_and_warm(env, args.cache_clients, args.cache_seconds)
        else:
            api, url = start_api(env, port)
            await drive(url, clients=8, seconds=10)  # warm-up: the JIT, the kept rankings
            plan: list[tuple[str, Callable[[], Awaitable[dict[str, Any]]]]] = [
                ("mix_64_clients", lambda: drive(url, 64, args.mix_seconds)),
                ("burst_256_clients", lambda: drive(url, 256, args.burst_seconds)),
                ("neo4j_unreachable", lambda: unreachable_and_back(env, neo4j)),
                ("neo4j_down", lambda: down_and_back(url, neo4j)),
                ("neo4j_paused", lambda: paused(url, neo4j, args.pause_seconds)),
            ]
            for name, run in plan:
                before = load_average()
                outcome = await run()
                outcome["load_average_before_after"] = [before, load_average()]
                results["scenarios"][name] = outcome
                print(name, json.dumps(outcome))
            api.terminate()
            api.wait(timeout=20)
            api = None
            before = load_average()
            outcome = await restart_alone(neo4j)
            outcome["load_average_before_after"] = [before, load_average()]
            results["scenarios"]["neo4j_restarted_without_api"] = outcome
            print("neo4j_restarted_without_api", json.dumps(outcome))
    finally:
        if api is not None:
            api.terminate()
            api.wait(timeout=20)
        neo4j.stop()
    write_results(out, results)


def write_results(out: Path, results: dict[str, Any]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    asyncio.run(main())
