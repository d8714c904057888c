"""A real Neo4j Community server, started from its official Maven Central jars, no Docker.

The launcher lays out a NEO4J_HOME (conf, data, logs, plugins, import, run), writes `neo4j.conf`, sets the
initial password before the first start, starts `org.neo4j.server.CommunityEntryPoint` as a detached
process, records its pid, and waits until Bolt answers with the right credentials. Every failure becomes a
`LauncherError` whose message says what to do, with the tail of Neo4j's log where there is one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

POM = Path(__file__).resolve().parent / "pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
MIN_JAVA = 17
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Dfile.encoding=UTF-8",
)


class LauncherError(RuntimeError):
    """A failure the user can act on; the message says what happened and what to do."""


@dataclass(frozen=True)
class StartResult:
    uri: str
    pid: int
    already_running: bool
    seconds: float


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    uri: str
    home: Path


def find_java(java_home: Path | None) -> Path:
    """The java executable to use (JAVA_HOME first, then PATH), checked to run and to be 17+."""
    if java_home is not None:
        java = java_home / "bin" / "java"
        if not java.exists():
            raise LauncherError(
                f"JAVA_HOME is {java_home}, but {java} does not exist. Install JDK 17+ or fix JAVA_HOME."
            )
    else:
        found = shutil.which("java")
        if found is None:
            raise LauncherError(
                "Java was not found on PATH. Neo4j 5.26 needs JDK 17 or 21: install one or set JAVA_HOME."
            )
        java = Path(found)
    try:
        probe = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30, check=False)
    except OSError as exc:
        raise LauncherError(f"Java at {java} cannot be run ({exc}). Reinstall JDK 17+ or fix JAVA_HOME.") from exc
    except subprocess.TimeoutExpired as exc:
        raise LauncherError(f"Java at {java} did not answer `java -version` within 30 s.") from exc
    text = probe.stderr + probe.stdout
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if probe.returncode != 0 or match is None:
        first = text.strip().splitlines()[:3]
        raise LauncherError(
            f"Java at {java} is broken: `java -version` exited {probe.returncode} and said {first!r}. "
            "Reinstall JDK 17+ or point JAVA_HOME at a working one."
        )
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0" style
        major = int(match.group(2))
    if major < MIN_JAVA:
        raise LauncherError(f"Java at {java} is version {major}; Neo4j 5.26 needs Java {MIN_JAVA} or 21.")
    return java


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_jars(jar_dir: Path, version: str) -> Path:
    """Resolve Neo4j's runtime jars from Maven Central into `jar_dir` once (shared by every home)."""
    marker = jar_dir / ".complete"
    if marker.exists():
        return jar_dir
    with _file_lock(jar_dir.parent / ".lock"):
        if marker.exists():  # another process finished the download while we waited
            return jar_dir
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LauncherError(
                "Maven (mvn) was not found on PATH; it fetches Neo4j's jars from Maven Central on the first run. "
                "Install Maven, or point NEO4J_URI at a running Neo4j."
            )
        staging = Path(tempfile.mkdtemp(prefix="jars-", dir=jar_dir.parent))
        cmd = [
            mvn, "-q", "-B", "-f", str(POM), f"-Dneo4j.version={version}",
            "dependency:copy-dependencies", "-DincludeScope=runtime", f"-DoutputDirectory={staging}",
        ]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
        if done.returncode != 0 or not any(staging.glob("neo4j-server-*.jar")):
            shutil.rmtree(staging, ignore_errors=True)
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise LauncherError(f"Fetching Neo4j {version} from Maven Central failed:\n{tail}")
        (staging / ".complete").write_text(version)
        if jar_dir.exists():
            shutil.rmtree(jar_dir)
        staging.rename(jar_dir)
    return jar_dir


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether a server could listen on the port (SO_REUSEADDR, as Neo4j uses: TIME_WAIT is no obstacle)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers kill(0); it is not a running server.
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state == "Z":
            return False
    return True


@dataclass
class LocalNeo4j:
    """One NEO4J_HOME and the server process that serves it."""

    home: Path
    jar_dir: Path
    version: str
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "1g"
    pagecache: str = "512m"
    java_home: Path | None = None
    auth: bool = True
    start_timeout: float = 120.0
    # The process this object started, kept so it can be reaped (the pid file is the lasting record).
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    # --- paths ----------------------------------------------------------------------------------------
    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "peergraph-neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    # --- password ---------------------------------------------------------------------------------------
    def password(self) -> str:
        """The generated password of this home (created once, kept in a 0600 file)."""
        if not self.password_file.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(24))
        return self.password_file.read_text().strip()

    # --- process ----------------------------------------------------------------------------------------
    def running_pid(self) -> int | None:
        """The pid of the server this home started, if it is still that server."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if not _pid_alive(pid):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return None
        if ENTRY_POINT.encode() not in cmdline or f"--home-dir={self.home}".encode() not in cmdline:
            return None  # the pid was reused by another process: not ours to touch
        return pid

    def status(self) -> Status:
        pid = self.running_pid()
        return Status(running=pid is not None, pid=pid, uri=self.uri, home=self.home)

    def _write_conf(self) -> None:
        for sub in ("conf", "data", "logs", "plugins", "import", "run"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        lines = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": f"127.0.0.1:{self.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.bolt_port}",
            "server.http.enabled": "true",
            "server.http.listen_address": f"127.0.0.1:{self.http_port}",
            "server.http.advertised_address": f"127.0.0.1:{self.http_port}",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true" if self.auth else "false",
            "server.memory.pagecache.size": self.pagecache,
            "server.memory.heap.initial_size": self.heap,
            "server.memory.heap.max_size": self.heap,
            "dbms.usage_report.enabled": "false",
            "db.transaction.timeout": "120s",
            "server.directories.data": str(self.home / "data"),
            "server.directories.logs": str(self.home / "logs"),
            "server.directories.plugins": str(self.home / "plugins"),
            "server.directories.import": str(self.home / "import"),
            "server.directories.run": str(self.home / "run"),
            "server.directories.lib": str(self.jar_dir),
        }
        text = "# Written by peergraph's launcher on every start; edit settings via PEERGRAPH_NEO4J_* instead.\n"
        text += "".join(f"{key}={value}\n" for key, value in lines.items())
        (self.home / "conf" / "neo4j.conf").write_text(text)

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home)
        env["NEO4J_CONF"] = str(self.home / "conf")
        return env

    def _set_initial_password(self, java: Path) -> None:
        if not self.auth or (self.home / "data" / "dbms" / "auth.ini").exists():
            return
        if (self.home / "data" / "databases" / "system").exists():
            return  # the server has started before; its password is already set
        cmd = [
            str(java),
            "-cp",
            f"{self.jar_dir}/*",
            ADMIN_TOOL,
            "dbms",
            "set-initial-password",
            "--",  # the generated password may start with "-", which the tool would read as an option
            self.password(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, env=self._env(), timeout=120, check=False)
        if done.returncode != 0:
            raise LauncherError(f"Setting Neo4j's initial password failed:\n{(done.stdout + done.stderr)[-2000:]}")

    def admin(self, args: list[str], heap: str = "1g", timeout: float = 3600.0) -> str:
        """Run neo4j-admin (`org.neo4j.cli.AdminTool` from the same jars) on this home, while the server is
        stopped (it refuses to, while it runs); returns its output, raises LauncherError when it fails."""
        if self.running_pid() is not None:
            raise LauncherError(f"neo4j-admin {' '.join(args[:2])} needs the server of {self.home} stopped first.")
        java = find_java(self.java_home)
        ensure_jars(self.jar_dir, self.version)
        self._write_conf()
        cmd = [str(java), f"-Xmx{heap}", *JVM_FLAGS, "-cp", f"{self.jar_dir}/*", ADMIN_TOOL, *args]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, env=self._env(), timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise LauncherError(f"neo4j-admin {' '.join(args[:2])} did not finish within {timeout:.0f} s.") from exc
        output = done.stdout + done.stderr
        if done.returncode != 0:
            raise LauncherError(f"neo4j-admin {' '.join(args[:3])} failed (exit {done.returncode}):\n{output[-3000:]}")
        return output

    def log_tail(self, lines: int = 40) -> str:
        try:
            content = self.console_log.read_text(errors="replace").splitlines()
        except FileNotFoundError:
            return "(no log was written)"
        return "\n".join(content[-lines:])

    def start(self) -> StartResult:
        """Start the server, or say it is already running. Waits until Bolt accepts our credentials."""
        began = time.monotonic()
        pid = self.running_pid()
        if pid is not None:
            return StartResult(uri=self.uri, pid=pid, already_running=True, seconds=0.0)
        java = find_java(self.java_home)
        for name, port in (("Bolt", self.bolt_port), ("HTTP", self.http_port)):
            if not port_is_free(port):
                raise LauncherError(
                    f"Neo4j's {name} port {port} on 127.0.0.1 is already in use by another process. Stop that "
                    f"process, or choose another port with PEERGRAPH_NEO4J_{name.upper()}_PORT."
                )
        ensure_jars(self.jar_dir, self.version)
        self._write_conf()
        self._set_initial_password(java)
        cmd = [
            str(java), f"-Xms{self.heap}", f"-Xmx{self.heap}", *JVM_FLAGS,
            "-cp", f"{self.home}/plugins/*:{self.home}/conf/*:{self.jar_dir}/*",
            ENTRY_POINT, f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}", "--console-mode",
        ]  # fmt: skip
        with self.console_log.open("ab") as log:
            log.write(f"\n--- peergraph launcher: starting Neo4j {self.version} ---\n".encode())
            proc = subprocess.Popen(  # the server outlives this command: `peergraph db stop` ends it
                cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=self._env(), cwd=self.home, start_new_session=True,
            )  # fmt: skip
        self.pid_file.write_text(str(proc.pid))
        self._process = proc
        try:
            self._wait_for_bolt(proc)
        except BaseException:
            self._terminate(proc.pid)
            self._reap()
            self.pid_file.unlink(missing_ok=True)
            raise
        return StartResult(uri=self.uri, pid=proc.pid, already_running=False, seconds=time.monotonic() - began)

    def _wait_for_bolt(self, proc: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + self.start_timeout
        auth = ("neo4j", self.password()) if self.auth else None
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            code = proc.poll()
            if code is not None:
                raise LauncherError(
                    f"Neo4j exited with code {code} while starting. The end of its log ({self.console_log}):\n"
                    f"{self.log_tail()}"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.bolt_port), timeout=1):
                    pass
                with GraphDatabase.driver(self.uri, auth=auth, connection_timeout=5) as driver:
                    driver.verify_connectivity()
                return
            except AuthError as exc:
                raise LauncherError(
                    f"Neo4j started, but rejected the password in {self.password_file}: {exc.message}. "
                    f"The data in {self.home / 'data'} was created with another password."
                ) from exc
            except (OSError, ServiceUnavailable) as exc:
                last_error = str(exc)
            time.sleep(0.25)
        raise LauncherError(
            f"Neo4j did not answer on {self.uri} within {self.start_timeout:.0f} s (last: {last_error}). "
            f"The end of its log ({self.console_log}):\n{self.log_tail()}"
        )

    @staticmethod
    def _terminate(pid: int, grace: float = 30.0) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            if not _pid_alive(pid):
                return
            time.sleep(0.1)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)

    def stop(self) -> bool:
        """Stop the server this home started. Returns False when none was running."""
        pid = self.running_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        self._terminate(pid)
        self._reap()
        self.pid_file.unlink(missing_ok=True)
        return True

    def _reap(self) -> None:
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=5)
            self._process = None
