"""Every setting peergraph reads, with a safe default, from the environment (or a `.env` file).

Settings are built by `get_settings()` and passed down; nothing reads the environment at import time.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Where front-end dev servers run (Vite's default port), allowed by CORS outside production.
DEV_ORIGINS = ("http://localhost:5173", "http://127.0.0.1:5173")


def _default_cache_dir() -> Path:
    return Path.home() / ".cache" / "peergraph"


class Settings(BaseSettings):
    """peergraph's configuration. Env names are `PEERGRAPH_<FIELD>`; Neo4j's also take `NEO4J_*`."""

    model_config = SettingsConfigDict(
        env_prefix="PEERGRAPH_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    environment: Literal["development", "test", "production"] = "development"

    # --- where the Neo4j is -------------------------------------------------------------------------
    # An explicit NEO4J_URI wins; without one the project launches its own local Neo4j (peergraph/db/launcher.py).
    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI", "PEERGRAPH_NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "PEERGRAPH_NEO4J_USER"))
    neo4j_password: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_PASSWORD", "PEERGRAPH_NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "PEERGRAPH_NEO4J_DATABASE")
    )
    # Managed transactions retry transient errors; the driver's 30 s default is too long for an API. An API
    # request's retries also stop at its deadline.
    neo4j_max_retry_seconds: float = 5.0
    # Opening a connection (TCP + Bolt handshake): a Neo4j that is down or unreachable is said within this.
    # Loopback and a LAN answer in milliseconds; raise it for a far-away server.
    neo4j_connection_timeout_seconds: float = Field(default=1.0, gt=0)
    neo4j_pool_size: int = 100
    # Waiting for a free pooled connection: past it the request is shed (OVERLOADED), never queued for long.
    neo4j_pool_acquire_timeout_seconds: float = Field(default=1.0, gt=0)

    # --- the local launcher -------------------------------------------------------------------------
    neo4j_version: str = "5.26.30"
    neo4j_home: Path = PROJECT_ROOT / ".neo4j" / "dev"
    neo4j_cache_dir: Path = Field(default_factory=_default_cache_dir)
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    # Sized for a 2-core, 24 GB machine that also runs the API and the importer.
    neo4j_heap: str = "2g"
    neo4j_pagecache: str = "2g"
    neo4j_start_timeout_seconds: float = 120.0
    java_home: Path | None = Field(default=None, validation_alias=AliasChoices("JAVA_HOME", "PEERGRAPH_JAVA_HOME"))

    # --- the API ------------------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 8000
    # API processes `peergraph serve` starts on the port (uvicorn workers). Each keeps its own caches, which the
    # graph's version invalidates; what must be shared (rate limits) lives in Neo4j. docs/deploy.md.
    workers: int = Field(default=1, ge=1, le=64)
    # Logs: one access line per request (request id, operation, outcome, duration, cost); "json" for log shippers.
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Origins a browser app may call the API from (CORS). None: the dev servers' origins in development and
    # test, no origin at all in production (set it there to the explorer's origin).
    cors_origins: list[str] | None = None
    # Answers at least this big are compressed (brotli or gzip, as the client prefers) for clients that accept it.
    # PEERGRAPH_GZIP_MIN_BYTES, its earlier name, is still read.
    compress_min_bytes: int = Field(
        default=1024, ge=0, validation_alias=AliasChoices("PEERGRAPH_COMPRESS_MIN_BYTES", "PEERGRAPH_GZIP_MIN_BYTES")
    )
    # How long a shared cache may keep an anonymous GET answer (Cache-Control max-age); answers to a request
    # with credentials are never stored (private, no-store).
    get_cache_max_age_seconds: int = Field(default=30, ge=0)
    # Automatic persisted queries (peergraph/persisted_queries.py): documents kept by SHA-256 per process, at most
    # this many characters of them (the contract's five operations are ~2,700); 0 turns persisted queries off.
    persisted_queries_max_chars: int = Field(default=4_194_304, ge=0)
    # The response cache (peergraph/response_cache.py): whole answers to anonymous reads, kept per process, keyed by
    # the document, variables and the graph's and accounts' versions (read from Neo4j per lookup, so an import or
    # an account write through peergraph is seen at once). At most this many bytes of answers; 0 (the default)
    # keeps none. Kept answers also expire after `response_cache_seconds`: the bound on how stale one can be after
    # a write made around peergraph (Cypher run by hand changes no version).
    response_cache_bytes: int = Field(default=0, ge=0)
    response_cache_seconds: float = Field(default=300.0, gt=0)
    # What the process holds once started (the schema, the modules: ~120k objects) moved out of the cyclic garbage
    # collector's sight (gc.freeze), so its full collections walk only what requests left. Each request leaves
    # ~500 objects in reference cycles (graphql-core's executor, the dataloaders, the driver's results), so full
    # collections ran about once a second under load; measured (ResearcherProfile, c=16, one process, load ~0-2):
    # p97.5 119 -> 80 ms and 273 -> 297 req/s; WorkDetail p97.5 57 -> 24 ms, 785 -> 877 req/s.
    gc_freeze: bool = True
    graphiql: bool = True
    # Plain selections (data fields only) completed without graphql-core's per-field steps (schema/execution.py):
    # the same answers; off runs every field the general way, the reference the tests compare it with.
    plain_fields_shortcut: bool = True
    # `work(id:)` selections made of known fields (the contract's WorkDetail) answered from one statement, built
    # from its rows without Strawberry objects (schema/compiled.py); off: the executor above, the reference.
    compiled_documents: bool = True
    # An anonymous query (POST or GET) whose document this process has already validated runs straight through
    # graphql-core, without Strawberry's HTTP view and Schema.execute around it (peergraph/prepared.py); off: every
    # request goes the view's way.
    prepared_documents: bool = True
    # Constraints and indexes are idempotent; applying them at startup keeps a fresh database usable.
    migrate_on_startup: bool = True
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    # --- request limits: deadlines, load shedding, Neo4j faults ---------------------------------------
    # Every GraphQL request answers by then (DEADLINE_EXCEEDED past it); each Cypher statement it sends carries
    # the time left as its transaction timeout, so Neo4j stops the work too.
    request_deadline_seconds: float = Field(default=10.0, gt=0, le=600)
    # GraphQL requests one process answers at once; past it a request is refused at once with 503 + Retry-After
    # (OVERLOADED). 128: a queue one process clears well within the deadline at its ~100-400 req/s.
    max_in_flight: int = Field(default=128, ge=1)
    # Of those, how many execute at once; the rest wait their turn (first come, first served) for at most
    # `queue_timeout_seconds`, then get the same 503. Without the split, 128 requests shared the CPU at once and
    # every one of them slowed down together, past the deadline (256 clients: accepted p99 24.8 s); executing a
    # few at a time keeps each answer as fast as at low load and the wait visible and bounded.
    max_executing: int = Field(default=16, ge=1)
    # Half the default deadline: a request that got its turn then still has ~5 s to run. 2 s shed 82 of 613
    # requests of 64 clients (the explorer mix at ~18 req/s, load average 11-14: 64 / 18 = 3.5 s of waiting),
    # which the API answers in full when they wait; 256 clients are shed either way by max_in_flight.
    queue_timeout_seconds: float = Field(default=5.0, gt=0, le=600)
    shed_retry_after_seconds: int = Field(default=1, ge=1)
    # A refusal past max_in_flight is sent after this pause (at most 1 s; 0: at once). A client that retries at
    # once instead of after Retry-After otherwise turns the process's one core into a refusal pump: autocannon's
    # 256 connections got 2,600-3,900 refusals a second and the accepted answers fell to 15-19 a second; with
    # 0.2 s, 460-500 refusals and 70-76 accepted a second, accepted p99 2.6-3.5 s instead of 7-8 s (interleaved,
    # load 5-7: benchmarks/results/shed_delay.json). A pause costs a sleeping coroutine, no CPU.
    shed_delay_seconds: float = Field(default=0.2, ge=0, le=1)
    # Neo4j's plans for the explorer's operations made at startup and after Neo4j comes back (peergraph/warmup.py):
    # a restarted JVM took 29 s to plan the profile's statement, past every request's deadline. Neo4j is watched
    # with the readiness ping every `neo4j_watch_interval_seconds`; one warm-up may take `warmup_timeout_seconds`.
    warm_plans: bool = True
    warmup_timeout_seconds: float = Field(default=300.0, gt=0)
    neo4j_watch_interval_seconds: float = Field(default=1.0, gt=0)
    # --- request limits: query cost, body and search-text bounds -------------------------------------
    # The objects (nodes) a document may return, estimated after validation and before any Cypher runs
    # (schema/cost.py; README "Limits"): over the ceiling it is refused with QUERY_TOO_COSTLY. A request with a
    # bearer token gets the higher ceiling (the token's validity is checked where the viewer is resolved). The
    # contract's WorkDetail is estimated at 10,547 (a work may have 5,103 authorships), hence 20,000, not 10,000.
    cost_ceiling_anonymous: int = Field(default=20_000, ge=1)
    cost_ceiling_authenticated: int = Field(default=200_000, ge=1)
    # Raises (or lowers) the declared bound of a list without `first`, e.g. {"Work.authorships": 20000}: the
    # defaults are the bundled sample's largest lists (schema/cost.py, DECLARED_BOUNDS); a graph with bigger ones
    # should say so here, or their responses outgrow their estimates (logged as a warning).
    cost_list_bounds: dict[str, int] = Field(default_factory=dict)
    # A request body over this many bytes is refused with 413 before it is read further.
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    # Search and autocomplete texts: longer texts, or texts of more words, are BAD_USER_INPUT (Lucene refuses a
    # query of more than 1,024 clauses; ~700 words reached it).
    search_max_chars: int = Field(default=256, ge=1, le=1000)
    search_max_terms: int = Field(default=32, ge=1, le=512)
    # `connection` gives up after visiting this many authors and works (both ends together) and says so
    # (QUERY_TOO_COSTLY on the field), rather than walking the graph past the deadline.
    connection_node_budget: int = Field(default=20_000, ge=10)
    # The batch import mutation is for trusted loaders; off until accounts and admins exist.
    import_mutation_enabled: bool = False
    # Batches `peergraph import` writes at once, each in its own transaction (1 = one after another).
    import_writers: int = Field(default=2, ge=1, le=16)
    # Ledger entries of import runs killed and not resumed for this many days are deleted by the next finished run.
    import_ledger_days: int = Field(default=7, ge=1)
    # What one imported record may carry (ingest/limits.py); a record over a bound is rejected with the reason,
    # never truncated. A line longer than `import_max_line_bytes` is skipped unparsed (memory stays bounded by it):
    # the sample's largest record is 1.6 MB (a work with 5,103 authors). Its longest title is 387 characters, its
    # longest abstract 24,782, its longest name 128, its longest other text (a topic description) 362.
    import_max_line_bytes: int = Field(default=16 * 1024 * 1024, ge=1024)
    import_max_title_chars: int = Field(default=10_000, ge=1)
    import_max_abstract_chars: int = Field(default=100_000, ge=1)
    import_max_name_chars: int = Field(default=1_000, ge=1)  # display names, raw author names, topic hierarchy
    import_max_text_chars: int = Field(default=10_000, ge=1)  # any other text: descriptions, URLs, DOIs, types
    # Each import transaction (a batch, a citation-pass slice, the ledger) runs at most this long on the server: a
    # 1,000-work batch takes ~1 s, so this bounds a stuck server, not a big batch. The mutation path uses it too.
    import_transaction_timeout_seconds: float = Field(default=300.0, gt=0)
    # `peergraph bulk-import` (neo4j-admin database import full, into an empty database): the admin tool's JVM heap,
    # its worker threads (0: the machine's cores) and its off-heap budget (neo4j-admin's own default is 90% of the
    # free memory, too much on a shared machine); the CSV files go to `bulk_import_dir` (default: the Neo4j home's
    # import/bulk folder) and are deleted after a successful load unless `bulk_import_keep_files`.
    bulk_import_heap: str = "1g"
    bulk_import_threads: int = Field(default=0, ge=0, le=256)
    bulk_import_max_off_heap: str = "2g"
    bulk_import_dir: Path | None = None
    bulk_import_keep_files: bool = False
    # The records parsed in a second process while the first renders the CSV (ingest/bulk/feed.py), and the counts
    # counted in one while the first writes its last files (ingest/bulk/counts.py): faster only when a second core is
    # free (the parsing adds ~45% CPU: the rows pickled across); false does both in the same process.
    bulk_import_parse_process: bool = True
    # Admin commands' statements (migrations, waiting for their indexes to come online, the fingerprint's chunks):
    # building the indexes of a large graph takes minutes.
    admin_query_timeout_seconds: float = Field(default=900.0, gt=0)

    # --- the read API ---------------------------------------------------------------------
    # Adds `extensions.neo4jRoundTrips` (Cypher statements sent) to every response: for tests and benchmarks.
    expose_round_trips: bool = False
    # Coauthor rankings of authors with at least this many coauthors are walked once and kept per process until
    # an import batch changes the graph (loaders/rankings.py); the cache holds at most this many coauthor rows
    # in all (~100 bytes each; 0 turns it off: every ranking is walked per request).
    coauthor_ranking_min: int = Field(default=1000, ge=1)
    coauthor_ranking_cache_rows: int = Field(default=500_000, ge=0)

    # --- secrets -------------------------------------------------------------------------------------
    jwt_secret: SecretStr = SecretStr("dev-only-jwt-secret-change-me-0123456789abcdef")

    # --- accounts, follow, claims, trust, invitations ---------------------------------------
    jwt_issuer: str = "peergraph"
    jwt_audience: str = "peergraph-api"
    jwt_lifetime_seconds: int = Field(default=900, ge=30, le=86_400)
    # Argon2id cost (OWASP's second recommended profile: 19 MiB, t=2, p=1).
    argon2_time_cost: int = Field(default=2, ge=1)
    argon2_memory_kib: int = Field(default=19_456, ge=1024)
    argon2_parallelism: int = Field(default=1, ge=1)
    password_min_length: int = 10
    email_token_lifetime_seconds: int = 86_400
    # Users whose *verified* email is listed here are admins.
    admin_emails: list[str] = Field(default_factory=list)
    admin_max_claims: int = 1
    # The mailer, as "module:Class" (a class with `async send(to, subject, body)`); the default logs.
    mailer: str = "accounts.auth.mailer:LogMailer"
    # OpenID Connect (ORCID) id_tokens: the issuer, our client id (the audience), its keys.
    oidc_issuer: str = "https://orcid.org"
    oidc_audience: str | None = None
    oidc_jwks_url: str | None = "https://orcid.org/oauth/jwks"
    oidc_jwks_file: Path | None = None
    oidc_algorithms: list[str] = Field(default_factory=lambda: ["RS256"])
    # Where the pages send a browser to sign in with ORCID (the implicit flow's authorization endpoint); the claim
    # step offers it when this, the audience and the keys are set (`orcidSignIn`).
    oidc_authorize_url: str | None = "https://orcid.org/oauth/authorize"
    # Rate limits, kept in Neo4j so they hold across API processes (accounts/auth/ratelimit.py): at most N events per
    # key in a sliding window of `rate_window_seconds`.
    rate_window_seconds: float = Field(default=60.0, gt=0)
    registrations_per_client: int = Field(default=10, ge=1)
    follows_per_user: int = Field(default=60, ge=1)
    claims_per_user: int = Field(default=10, ge=1)
    invites_per_sender: int = Field(default=5, ge=1)
    # Failed logins (accounts/auth/login_throttle.py, docs/trust.md), counted over `login_window_seconds`: a hard limit
    # per (account, client) and per client; past `login_delay_after_failures` failures on an account from all
    # clients, each client waits a delay doubling from `login_delay_base_seconds` up to `login_delay_max_seconds`
    # before each attempt on it (never longer: the owner is slowed, never locked out).
    login_window_seconds: float = Field(default=900.0, gt=0)
    login_failures_per_account_client: int = Field(default=5, ge=1)
    login_failures_per_client: int = Field(default=20, ge=1)
    login_delay_after_failures: int = Field(default=10, ge=1)
    login_delay_base_seconds: float = Field(default=1.0, gt=0)
    login_delay_max_seconds: float = Field(default=30.0, gt=0)
    # Expired rate-limit nodes are deleted by a process at most this often (0: after every check).
    rate_sweep_interval_seconds: float = Field(default=60.0, ge=0)
    # Use the left-most X-Forwarded-For address as the client (only behind a proxy you control).
    trust_forwarded_for: bool = False
    invite_message_max_length: int = 2000

    @model_validator(mode="after")
    def _refuse_dev_secrets_outside_development(self) -> Settings:
        if self.environment == "production":
            secret = self.jwt_secret.get_secret_value()
            if secret.startswith("dev-only") or len(secret) < 32:
                raise ValueError("PEERGRAPH_JWT_SECRET must be set to a strong secret (32+ chars) in production")
            if self.neo4j_uri is None:
                raise ValueError("NEO4J_URI must be set in production; the local launcher is for development")
        return self

    @model_validator(mode="after")
    def _login_delay_within_window(self) -> Settings:
        # A client's place on a throttled account lasts one window: a longer delay would outlast it.
        if self.login_delay_max_seconds >= self.login_window_seconds:
            raise ValueError("PEERGRAPH_LOGIN_DELAY_MAX_SECONDS must be shorter than PEERGRAPH_LOGIN_WINDOW_SECONDS")
        return self

    @property
    def allowed_origins(self) -> list[str]:
        if self.cors_origins is not None:
            return self.cors_origins
        return [] if self.environment == "production" else list(DEV_ORIGINS)

    @property
    def neo4j_jar_dir(self) -> Path:
        return self.neo4j_cache_dir / f"neo4j-{self.neo4j_version}" / "lib"


def setting_default(name: str) -> Any:
    """A setting's default, for code that can also run without settings passed in (declared once, above)."""
    return Settings.model_fields[name].get_default(call_default_factory=True)


def from_setting(name: str) -> Any:
    """A field of a `SettingsView`, read from the setting `name` (declared once, beside the field)."""
    return dataclasses.field(metadata={"setting": name})


class SettingsView:
    """A frozen dataclass of a few settings under the names its code uses, each field declared with
    `from_setting(<setting name>)`: what a component needs, read in one place."""

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Self:
        """The view of `settings`, or of the defaults for callers that are handed none."""
        names = {f.name: f.metadata["setting"] for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        read = (lambda name: getattr(settings, name)) if settings is not None else setting_default
        return cls(**{field: read(name) for field, name in names.items()})


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (used by tests and the CLI)."""
    return Settings(**overrides)  # type: ignore[arg-type]
