"""The API as separate OS processes (`peergraph serve`), for limits that must hold across processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from peergraph.db.launcher import free_port
from peergraph.settings import Settings

START_SECONDS = 60.0


def serve_env(settings: Settings, **overrides: object) -> dict[str, str]:
    """The environment that gives `peergraph serve` these settings (the test Neo4j, trusted X-Forwarded-For)."""
    password = settings.neo4j_password
    values: dict[str, object] = {
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": "" if password is None else password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
        "PEERGRAPH_ENVIRONMENT": "test",
        "PEERGRAPH_JWT_SECRET": settings.jwt_secret.get_secret_value(),
        "PEERGRAPH_TRUST_FORWARDED_FOR": "true",
        "PEERGRAPH_MIGRATE_ON_STARTUP": "false",
        "PEERGRAPH_GRAPHIQL": "false",
        "PEERGRAPH_ARGON2_TIME_COST": settings.argon2_time_cost,
        "PEERGRAPH_ARGON2_MEMORY_KIB": settings.argon2_memory_kib,
    }
    values.update({f"PEERGRAPH_{name.upper()}": value for name, value in overrides.items()})
    # Nothing of the caller's own peergraph or Neo4j configuration leaks in.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PEERGRAPH_", "NEO4J_"))}
    env.update({k: str(v) for k, v in values.items()})
    return env


class ApiProcess:
    """`peergraph serve` on a free port in its own process, run from an empty folder (no `.env` is read)."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.port = free_port()
        self.env = env
        self.folder = folder
        self.log = folder / "serve.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [str(Path(sys.executable).parent / "peergraph"), "serve", "--host", "127.0.0.1"]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [*command, "--port", str(self.port)], env=self.env, cwd=self.folder, stdout=out, stderr=out
            )

    def wait_ready(self) -> None:
        """Poll /livez until it answers (a deadline; the process exiting fails at once, with its log)."""
        assert self.process is not None
        deadline = time.monotonic() + START_SECONDS
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"peergraph serve exited: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{self.url}/livez", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"peergraph serve did not answer within {START_SECONDS:.0f} s")
            time.sleep(0.1)

    def __enter__(self) -> ApiProcess:
        if self.process is None:
            self.start()
        try:
            self.wait_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
