"""The local Neo4j launcher: idempotent start/stop/status, clear errors, real processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from peergraph.db.launcher import LauncherError, LocalNeo4j, find_java, free_port
from peergraph.db.target import throwaway_server
from peergraph.settings import get_settings
from tests.support import run_cli


def make_server(home: Path, **overrides: object) -> LocalNeo4j:
    return throwaway_server(get_settings(), home, heap="512m", pagecache="64m", **overrides)


def _fake_java(tmp_path: Path, script: str) -> Path:
    home = tmp_path / "fake-jdk"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text("#!/bin/sh\n" + script + "\n")
    java.chmod(0o755)
    return home


def test_start_is_idempotent_and_status_reports_the_running_server(launched: LocalNeo4j) -> None:
    status = launched.status()
    assert status.running
    again = launched.start()
    assert again.already_running
    assert again.pid == status.pid


def test_stop_twice_then_start_again(launched: LocalNeo4j) -> None:
    assert launched.stop() is True
    assert launched.status().running is False
    assert launched.stop() is False  # nothing left to stop: a no-op, not an error
    result = launched.start()
    assert result.already_running is False
    assert launched.status().running


def test_stop_leaves_a_foreign_process_alone(tmp_path: Path) -> None:
    server = make_server(tmp_path / "home")
    (server.home / "run").mkdir(parents=True)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        server.pid_file.write_text(str(other.pid))  # a stale pid file naming someone else's process
        assert server.stop() is False
        assert other.poll() is None  # still running
    finally:
        other.kill()
        other.wait()


def test_port_already_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = make_server(tmp_path / "home", bolt_port=port)
        with pytest.raises(LauncherError, match=rf"port {port} .* already in use"):
            server.start()
    assert not server.status().running


def test_missing_java_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LauncherError, match="does not exist"):
        find_java(tmp_path / "no-such-jdk")


def test_broken_java_is_a_clear_error(tmp_path: Path) -> None:
    broken = _fake_java(tmp_path, "echo 'Error: corrupt libjvm.so' >&2; exit 1")
    with pytest.raises(LauncherError, match="is broken"):
        find_java(broken)


def test_too_old_java_is_a_clear_error(tmp_path: Path) -> None:
    old = _fake_java(tmp_path, "echo 'openjdk version \"11.0.2\" 2019-01-15' >&2")
    with pytest.raises(LauncherError, match="version 11"):
        find_java(old)


def test_cli_reports_broken_java_without_a_traceback(tmp_path: Path) -> None:
    broken = _fake_java(tmp_path, "exit 3")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env |= {"JAVA_HOME": str(broken), "PEERGRAPH_NEO4J_HOME": str(tmp_path / "home")}
    env |= {"PEERGRAPH_NEO4J_BOLT_PORT": str(free_port()), "PEERGRAPH_NEO4J_HTTP_PORT": str(free_port())}
    done = run_cli("db", "start", env=env)
    assert done.returncode == 1
    assert "is broken" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_a_server_that_does_not_come_up_in_time_fails_with_the_log_tail(tmp_path: Path) -> None:
    server = make_server(tmp_path / "home", start_timeout=1.0)
    with pytest.raises(LauncherError, match="did not answer") as caught:
        server.start()
    assert "peergraph launcher: starting Neo4j" in str(caught.value)  # the log tail is in the message
    assert not server.status().running  # the half-started process was stopped
