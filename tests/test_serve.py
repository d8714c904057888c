"""`peergraph serve` as an operator runs it: a taken port, several worker processes, a `neo4j://` routing URI."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from neo4j import AsyncDriver

from peergraph.db.launcher import free_port
from peergraph.settings import Settings

QUERY = '{ work(id: "W1694905212") { id year } }'  # the sample's 5,103-author work (data/sample/works.jsonl.gz)
EXPECTED = {"work": {"id": "W1694905212", "year": 2015}}


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "PEERGRAPH_"))}
    env |= {
        "NEO4J_URI": settings.neo4j_uri or "",
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value() if settings.neo4j_password else "",
        "PEERGRAPH_ENVIRONMENT": "test",
    }
    return env | extra


def _read(log: Path) -> str:
    """The server's output, for a failing assertion's message."""
    return log.read_text(errors="replace")


async def _serving(command: list[str], env: dict[str, str], log: Path, port: int) -> AsyncIterator[str]:
    with log.open("wb") as sink:
        proc = await asyncio.create_subprocess_exec(*command, env=env, stdout=sink, stderr=sink)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        async with httpx.AsyncClient(base_url=url, timeout=5) as client:
            while True:
                assert proc.returncode is None, _read(log)
                try:
                    if (await client.get("/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, f"not ready within 60 s:\n{_read(log)}"
                await asyncio.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), timeout=20)


def test_a_taken_port_is_said_before_anything_is_announced(settings: Settings) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        for command in (["serve", "--port", str(port)], ["up"]):
            done = subprocess.run(
                [sys.executable, "-m", "peergraph.cli", *command],
                env=_env(settings, PEERGRAPH_PORT=str(port)),
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert done.returncode == 1, (command, done.stdout, done.stderr)
            assert f"cannot serve on 127.0.0.1:{port}" in done.stderr, done.stderr
            assert "peergraph API on" not in done.stdout, done.stdout
            assert "Applied" not in done.stdout, "up went on to migrate with the port taken"


async def test_two_worker_processes_serve_one_port_with_shared_metrics_and_json_logs(
    settings: Settings, sample_db: AsyncDriver, tmp_path: Path
) -> None:
    port = free_port()
    command = [sys.executable, "-m", "peergraph.cli", "serve", "--port", str(port), "--workers", "2"]
    probe = {"query": f"query WorkerProbe {QUERY}", "operationName": "WorkerProbe"}
    pattern = re.compile(r'^peergraph_graphql_requests_total\{operation="WorkerProbe",outcome="OK"\} (\S+)$', re.M)
    async for url in _serving(command, _env(settings, PEERGRAPH_LOG_FORMAT="json"), tmp_path / "serve.log", port):
        async with httpx.AsyncClient(base_url=url, timeout=10) as client:
            answers = await asyncio.gather(
                *(client.post("/graphql", json=probe, headers={"x-request-id": f"probe-{i}"}) for i in range(20))
            )
            assert {r.status_code for r in answers} == {200}
            assert all(r.json()["data"] == EXPECTED for r in answers), [r.json() for r in answers]
            # Whichever worker answers the scrape, it reports both workers' requests (one process alone would
            # report its own share only).
            for _ in range(6):
                async with httpx.AsyncClient(base_url=url, timeout=10) as fresh:  # a new connection each time
                    scrape = (await fresh.get("/metrics")).text
                found = pattern.search(scrape)
                assert found is not None, scrape
                assert float(found.group(1)) == 20
    text = (tmp_path / "serve.log").read_text()
    assert text.count("Started server process") == 2, text
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    access = {entry["request_id"]: entry for entry in lines if entry["logger"] == "peergraph.access"}
    assert set(access) >= {f"probe-{i}" for i in range(20)}
    entry = access["probe-7"]
    assert (entry["operation"], entry["outcome"], entry["status"], entry["path"]) == (
        "WorkerProbe",
        "OK",
        200,
        "/graphql",
    )
    assert entry["duration_ms"] > 0


async def test_serves_through_the_routing_scheme(settings: Settings, sample_db: AsyncDriver, tmp_path: Path) -> None:
    """A cluster or Aura is reached through `neo4j://` (routing); the test server answers a routing table."""
    assert settings.neo4j_uri is not None
    routed = "neo4j://" + settings.neo4j_uri.split("://", 1)[1]
    port = free_port()
    command = [sys.executable, "-m", "peergraph.cli", "serve", "--port", str(port)]
    async for url in _serving(command, _env(settings, NEO4J_URI=routed), tmp_path / "serve.log", port):
        async with httpx.AsyncClient(base_url=url, timeout=10) as client:
            response = await client.post("/graphql", json={"query": QUERY})
        assert response.json()["data"] == EXPECTED


async def test_persisted_queries_across_worker_processes_cost_at_most_one_miss_per_worker(
    settings: Settings, sample_db: AsyncDriver, tmp_path: Path
) -> None:
    """Each worker keeps its own persisted queries: a client that sends the hash first and the document on
    PERSISTED_QUERY_NOT_FOUND (as Apollo's clients do) always gets its answer, registering the document at most
    once per worker."""
    port = free_port()
    command = [sys.executable, "-m", "peergraph.cli", "serve", "--port", str(port), "--workers", "2"]
    document = f"query PersistedProbe {QUERY}"
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(document.encode()).hexdigest()}}
    misses = 0
    async for url in _serving(command, _env(settings), tmp_path / "serve.log", port):
        for _ in range(12):
            async with httpx.AsyncClient(base_url=url, timeout=10) as fresh:  # a new connection: either worker
                answer = (await fresh.post("/graphql", json={"extensions": extensions})).json()
                if answer.get("errors"):
                    assert answer["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND", answer
                    misses += 1
                    body = {"query": document, "extensions": extensions}
                    answer = (await fresh.post("/graphql", json=body)).json()
            assert answer == {"data": EXPECTED, "extensions": answer.get("extensions")}, answer
    assert 1 <= misses <= 2, misses
