"""The importer's queries."""

from cypher import load

UPSERT_WORKS = load("ingest/upsert_works")
CLEAR_WORK_LINKS = load("ingest/clear_work_links")
MERGE_INSTITUTION_STUBS = load("ingest/merge_institution_stubs")
WRITE_AUTHORSHIPS = load("ingest/write_authorships")
WRITE_WORK_TOPICS = load("ingest/write_work_topics")
WRITE_WORK_SOURCES = load("ingest/write_work_sources")
LINK_CITATIONS = load("ingest/link_citations")
WORKS_WITH_UNLINKED_REFERENCES = load("ingest/works_with_unlinked_references")
UPSERT_AUTHORS = load("ingest/upsert_authors")
UPSERT_ENTITIES = load("ingest/upsert_entities")
COUNT_NODES = load("ingest/count_nodes")
