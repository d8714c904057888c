"""The `peergraph` command: the local Neo4j, migrations, sample data, the API server."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import sys
import tempfile
from typing import Annotated

import typer

from peergraph.cli import importing as ingest_cli
from peergraph.cli.bulk import bulk_import_command
from peergraph.cli.common import fail, load_settings, out, with_driver
from peergraph.cli.recount import recount_command
from peergraph.db.launcher import LauncherError
from peergraph.db.migrations import apply_migrations
from peergraph.db.target import local_server
from peergraph.observability import configure_logging
from peergraph.settings import Settings, get_settings

app = typer.Typer(help="peergraph: a GraphQL backend for a research graph on Neo4j.", no_args_is_help=True)
db_app = typer.Typer(help="The project's own local Neo4j server (not used when NEO4J_URI is set).")
app.add_typer(db_app, name="db")


@db_app.command("start")
def db_start() -> None:
    """Start the local Neo4j (fetching its jars on the first run) and wait until Bolt answers."""
    settings = load_settings()
    if settings.neo4j_uri:
        out.print(f"NEO4J_URI is set ({settings.neo4j_uri}); not starting a local Neo4j.")
        return
    server = local_server(settings)
    try:
        result = server.start()
    except LauncherError as exc:
        raise fail(str(exc)) from exc
    if result.already_running:
        out.print(f"Neo4j is already running (pid {result.pid}) at {result.uri}; nothing to do.")
    else:
        out.print(
            f"Neo4j {settings.neo4j_version} started (pid {result.pid}) at {result.uri} in {result.seconds:.1f} s."
        )


@db_app.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j this project started (only that process, found by its pid file)."""
    server = local_server(load_settings())
    if server.stop():
        out.print("Neo4j stopped.")
    else:
        out.print("Neo4j was not running; nothing to do.")


@db_app.command("status")
def db_status() -> None:
    """Say whether the local Neo4j is running. Exits 3 when it is not."""
    status = local_server(load_settings()).status()
    if status.running:
        out.print(f"running (pid {status.pid}) at {status.uri}, home {status.home}")
    else:
        out.print(f"not running (home {status.home})")
        raise typer.Exit(code=3)


@db_app.command("logs")
def db_logs(lines: Annotated[int, typer.Option(help="How many lines from the end.")] = 60) -> None:
    """Print the end of the local Neo4j's log."""
    out.print(local_server(load_settings()).log_tail(lines), highlight=False, markup=False)


@app.command()
def migrate() -> None:
    """Apply the constraints and indexes in cypher/migrations (idempotent)."""
    settings = load_settings()
    timeout = settings.admin_query_timeout_seconds
    count = with_driver(settings, lambda d: apply_migrations(d, settings.neo4j_database, timeout))
    out.print(f"Applied {count} migration statements (all idempotent).")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (default from settings).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings).")] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="API processes sharing the port (default PEERGRAPH_WORKERS).")
    ] = None,
) -> None:
    """Serve the GraphQL API (GraphiQL at /graphql)."""
    settings = load_settings()
    update: dict[str, object] = {"host": host or settings.host, "port": port or settings.port}
    if workers is not None:
        update["workers"] = workers
    settings = settings.model_copy(update=update)
    _check_port(settings)
    _serve(settings)


def _check_port(settings: Settings) -> None:
    """Say so, before anything is announced or started, when the API's address is taken."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            # As uvicorn binds: a port left in TIME_WAIT is free, one that something listens on is not.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((settings.host, settings.port))
    except OSError as exc:
        raise fail(
            f"cannot serve on {settings.host}:{settings.port}: {exc.strerror or exc} "
            "(is peergraph already running? stop it, or pick another port with PEERGRAPH_PORT / --port)"
        ) from exc


def _serve(settings: Settings) -> None:
    import uvicorn

    where = f"http://{settings.host}:{settings.port}"
    processes = "" if settings.workers == 1 else f", {settings.workers} worker processes"
    out.print(
        f"peergraph API on {where}/graphql{processes}, pages on {where}/  (Ctrl-C stops the API; Neo4j keeps running)"
    )
    if settings.workers == 1:
        from peergraph.app import create_app

        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None)
        return
    # Each worker is a fresh process that builds its app from the environment: what was overridden here
    # (host, port, migrations already applied) travels in the environment it inherits.
    os.environ["PEERGRAPH_MIGRATE_ON_STARTUP"] = "true" if settings.migrate_on_startup else "false"
    # The workers' metrics meet in one folder, which /metrics aggregates (prometheus-client multiprocess mode).
    metrics_dir = tempfile.mkdtemp(prefix="peergraph-metrics-")
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", metrics_dir)
    uvicorn.run(
        "peergraph.app:app_from_environment",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_config=None,
    )
    shutil.rmtree(metrics_dir, ignore_errors=True)


@app.command("up")
def up() -> None:
    """What `make run` does, in one process: start Neo4j, migrate, load the sample if empty, serve."""
    settings = load_settings()
    _check_port(settings)
    if not settings.neo4j_uri:
        db_start()
    migrate()
    ingest_cli.import_sample_command(if_empty=True)
    # The schema was just migrated; the API need not do it again at startup.
    _serve(settings.model_copy(update={"migrate_on_startup": False}))


@app.command("export-schema")
def export_schema() -> None:
    """Print the GraphQL schema (SDL); `schema.graphql` is this output, committed."""
    from schema import build_schema

    sys.stdout.write(build_schema().as_str() + "\n")


# The importer's commands live with the importer (peergraph/cli/importing.py).
app.command("import", cls=ingest_cli.ImportCommand)(ingest_cli.import_command)
app.command("import-sample")(ingest_cli.import_sample_command)
app.command("fingerprint")(ingest_cli.fingerprint_command)
app.command("generate")(ingest_cli.generate_command)
app.command("bulk-import")(bulk_import_command)
app.command("recount")(recount_command)


def main() -> None:
    try:
        configure_logging(get_settings())
    except ValueError:  # invalid settings: the command itself says so, with the plain format
        logging.basicConfig(level=logging.INFO)
    app()


if __name__ == "__main__":
    main()
