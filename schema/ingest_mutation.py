"""The programmatic loader: a mutation that imports a batch of OpenAlex records through the importer's code path.

Off unless `PEERGRAPH_IMPORT_MUTATION_ENABLED=true`, and then for admins only (it is for trusted loaders):
when off it answers FORBIDDEN. Each rejected record is reported with its index in the input list.
"""

from __future__ import annotations

from dataclasses import replace

import strawberry
from strawberry.scalars import JSON

from accounts.claims import require_admin
from ingest.importer import ImportOptions, import_records
from ingest.parse import KIND_NAMES
from peergraph.context import Info
from peergraph.errors import bad_input, forbidden
from peergraph.observability import IMPORT_BATCHES, IMPORT_OUTCOMES, IMPORT_RECORDS, IMPORT_REJECTS

MAX_RECORDS = 5_000


@strawberry.type(description="A record the import did not accept.")
class ImportReject:
    index: int = strawberry.field(description="0-based position of the record in the `records` argument.")
    reason: str = strawberry.field(description="Why it was rejected.")


@strawberry.type(description="What happened to the accepted records of one entity kind.")
class ImportEntityCounts:
    entity: str = strawberry.field(description="work, author, institution, source, topic or concept.")
    created: int = strawberry.field(description="New (or previously only a stub).")
    updated: int = strawberry.field(description="Newer than the stored record, or as new with other content.")
    unchanged: int = strawberry.field(description="Same updated_date and content as stored: nothing written.")
    older: int = strawberry.field(description="Older than the stored record: never overwrites it.")


@strawberry.type(description="The outcome of an importRecords call.")
class ImportRecordsPayload:
    accepted: int = strawberry.field(description="Records that passed validation.")
    rejected: list[ImportReject] = strawberry.field(description="Records that did not, with their index.")
    entities: list[ImportEntityCounts] = strawberry.field(description="Outcomes per entity kind.")


@strawberry.type
class IngestMutation:
    @strawberry.mutation(
        description=f"Import up to {MAX_RECORDS:,} OpenAlex API records (JSON objects; the kind comes from each id, "
        "or `kind`). Idempotent: a record older than the stored one never overwrites it."
    )
    async def import_records(self, info: Info, records: list[JSON], kind: str | None = None) -> ImportRecordsPayload:
        settings = info.context.settings
        if not settings.import_mutation_enabled:
            raise forbidden("the import mutation is disabled on this server")
        await require_admin(info)  # batch loading is for admins (verified emails in PEERGRAPH_ADMIN_EMAILS)
        if len(records) > MAX_RECORDS:
            raise bad_input(f"at most {MAX_RECORDS:,} records per call, got {len(records):,}")
        if kind is not None and kind not in KIND_NAMES:
            raise bad_input(f"kind must be one of {', '.join(KIND_NAMES)}, not {kind!r}")
        # The settings' bounds apply as in `peergraph import`; a request's transactions end with its deadline.
        left = info.context.loaders.db.time_left()
        options = ImportOptions.from_settings(settings)
        if left is not None:
            options = replace(options, transaction_timeout=max(0.001, left))
        report = await import_records(info.context.driver, settings.neo4j_database, records, kind, options=options)
        for entity, result in report.results.items():
            for outcome in IMPORT_OUTCOMES:
                IMPORT_RECORDS.labels(entity, outcome).inc(getattr(result, outcome))
        for reject in report.rejected:
            IMPORT_REJECTS.labels(reject.code).inc()
        IMPORT_BATCHES.inc(report.batches_written)
        entities = [
            ImportEntityCounts(entity=k, created=r.created, updated=r.updated, unchanged=r.unchanged, older=r.older)
            for k, r in report.results.items()
        ]
        return ImportRecordsPayload(
            accepted=len(records) - len(report.rejected),
            rejected=[ImportReject(index=r.line, reason=r.reason) for r in report.rejected],
            entities=entities,
        )
