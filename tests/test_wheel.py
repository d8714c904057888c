"""What ships is what pyproject.toml declares: the built wheel, installed into a clean virtualenv outside the
tree, serves a query against the test Neo4j, the pages at `/` and GraphiQL, and finds the bundled sample. A package
or a file (peergraph/assets.py) missing from the wheel fails here, not in an image."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from neo4j import AsyncDriver

from ingest.sample import sample_files
from peergraph.db.launcher import free_port
from peergraph.settings import PROJECT_ROOT, Settings

UV = PROJECT_ROOT / ".tools" / "bin" / "uv"


def _uv(*args: str, cwd: Path) -> None:
    result = subprocess.run([str(UV), *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, f"uv {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv with only the wheel and the locked runtime dependencies in it."""
    assert UV.exists(), f"{UV} is missing: the suite runs after `make setup`"
    out = tmp_path_factory.mktemp("wheel")
    _uv("build", "--wheel", "--out-dir", str(out / "dist"), str(PROJECT_ROOT), cwd=out)
    wheels = list((out / "dist").glob("peergraph-*.whl"))
    assert len(wheels) == 1, wheels
    requirements = out / "requirements.txt"
    _uv(
        "export", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes", "--quiet",
        "--project", str(PROJECT_ROOT), "--output-file", str(requirements),
        cwd=out,
    )  # fmt: skip
    venv = out / "venv"
    _uv("venv", "--quiet", "--python", sys.executable, str(venv), cwd=out)
    python = str(venv / "bin" / "python")
    _uv("pip", "install", "--quiet", "--python", python, "-r", str(requirements), str(wheels[0]), cwd=out)
    return venv


async def test_the_installed_wheel_serves_a_query(
    installed: Path, settings: Settings, sample_db: AsyncDriver, tmp_path: Path
) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "PEERGRAPH_", "PYTHON"))}
    env |= {
        "NEO4J_URI": settings.neo4j_uri or "",
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value() if settings.neo4j_password else "",
        "PEERGRAPH_ENVIRONMENT": "test",
    }
    # Run from a folder outside the tree, so nothing can be imported from the checkout.
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        server = await asyncio.create_subprocess_exec(
            str(installed / "bin" / "peergraph"), "serve", "--port", str(port),
            cwd=tmp_path, env=env, stdout=sink, stderr=sink,
        )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        async with httpx.AsyncClient(base_url=url, timeout=10) as client:
            while True:
                assert server.returncode is None, log.read_text()
                try:
                    if (await client.get("/livez")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "the installed server did not answer /livez within 60 s"
                await asyncio.sleep(0.2)
            # W1694905212 is the sample's 5,103-author work (data/sample/works.jsonl.gz).
            query = '{ work(id: "W1694905212") { id year } }'
            response = await client.post("/graphql", json={"query": query})
            assert response.status_code == 200, response.text
            assert response.json()["data"] == {"work": {"id": "W1694905212", "year": 2015}}
            # The pages, from the wheel's own copy of web/dist: `/` opens a researcher page, its script loads.
            home = await client.get("/", follow_redirects=True)
            assert home.status_code == 200, home.text
            assert home.url.path.startswith("/authors/")
            assert home.text == (PROJECT_ROOT / "web" / "dist" / "index.html").read_text(encoding="utf-8")
            scripts = re.findall(r'src="(/app/assets/[^"]+\.js)"', home.text)
            assert scripts, home.text
            for script in scripts:
                assert (await client.get(script)).status_code == 200, script
            # GraphiQL, with the contract's operations as tabs, and its assets.
            ide = await client.get("/graphiql")
            assert ide.status_code == 200, ide.text
            assert "query ResearcherProfile" in ide.text
            for name in ("graphiql.js", "graphiql.css", "react.js", "react-dom.js", "boot.js"):
                assert (await client.get(f"/graphiql/assets/{name}")).status_code == 200, name
    finally:
        server.terminate()
        await asyncio.wait_for(server.wait(), timeout=10)


def test_the_installed_wheel_finds_the_bundled_sample(installed: Path, tmp_path: Path) -> None:
    """`peergraph import-sample` (the Docker image's first start) reads the sample from the wheel's own copy."""
    script = "from ingest.sample import sample_files; print(*(p.name for p in sample_files()))"
    found = subprocess.run(
        [str(installed / "bin" / "python"), "-c", script],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    expected = [p.name for p in sample_files()]
    assert found.stdout.split() == expected
    assert "site-packages" in subprocess.run(
        [str(installed / "bin" / "python"), "-c", "from ingest.sample import SAMPLE_DIR; print(SAMPLE_DIR)"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
