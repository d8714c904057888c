"""The importer's queries.

Those a batch runs start with `CYPHER replan=skip`: an import into an empty or small graph changes its statistics
by more than Neo4j's divergence threshold every few batches, and each change had every statement planned again
(the counting queries, a dozen pattern subqueries each, ~1 s a plan on this machine). Their plans do not depend on
the statistics (every start is a unique-index seek of an id, then expansions from bound nodes), so the first plan
is kept. Sample + 5,000 generated works, 1 writer, warm server: statement time 24.8 and 22.1 s without, 16.4 and
18.3 s with (interleaved, load average 7-9); the contributions' read 1.28 -> 0.08 s, the dependencies' 0.84 -> 0.21 s.
"""

from cypher import load

UPSERT_WORKS = load("ingest/upsert_works")
UPSERT_AUTHORS = load("ingest/upsert_authors")
UPSERT_INSTITUTIONS = load("ingest/upsert_institutions")
UPSERT_SOURCES = load("ingest/upsert_sources")
UPSERT_TOPICS = load("ingest/upsert_topics")
UPSERT_CONCEPTS = load("ingest/upsert_concepts")
UPSERT_FUNDERS = load("ingest/upsert_funders")
UPSERT_PUBLISHERS = load("ingest/upsert_publishers")
WRITE_WORK_FUNDERS = load("ingest/write_work_funders")
WRITE_SOURCE_PUBLISHERS = load("ingest/write_source_publishers")
WRITE_PUBLISHER_PARENTS = load("ingest/write_publisher_parents")
CLEAR_WORK_LINKS = load("ingest/clear_work_links")
MERGE_INSTITUTION_STUBS = load("ingest/merge_institution_stubs")
WRITE_AUTHORSHIPS = load("ingest/write_authorships")
WRITE_WORK_TOPICS = load("ingest/write_work_topics")
WRITE_WORK_SOURCES = load("ingest/write_work_sources")
LINK_CITATIONS = load("ingest/link_citations")
LINK_NEW_CITATIONS = load("ingest/link_new_citations")
WORKS_AWAITING_LINKS = load("ingest/works_awaiting_links")
WORKS_CITING = load("ingest/works_citing")
MARK_CITATIONS_PENDING = load("ingest/mark_citations_pending")
CITATIONS_PENDING = load("ingest/citations_pending")
CLEAR_CITATIONS_PENDING = load("ingest/clear_citations_pending")
LEDGER_MARK_BATCH = load("ingest/ledger_mark_batch")
BUMP_GRAPH_VERSION = load("ingest/bump_graph_version")
LEDGER_DONE_BATCHES = load("ingest/ledger_done_batches")
LEDGER_FINISH_RUN = load("ingest/ledger_finish_run")
FINGERPRINT_NODES = load("ingest/fingerprint_nodes")
FINGERPRINT_RELATIONSHIPS = load("ingest/fingerprint_relationships")
FINGERPRINT_ID_RANGES = load("ingest/fingerprint_id_ranges")
COUNT_NODES = load("ingest/count_nodes")
DELETE_ALL = load("ingest/delete_all")
MERGE_RESOLVE = load("ingest/merge_resolve")
MERGE_RECORD = load("ingest/merge_record")
MERGE_FOLD_AUTHORS = load("ingest/merge_fold_authors")
MERGE_FOLD_WORKS = load("ingest/merge_fold_works")
MERGED_PRESENT = load("ingest/merged_present")
MERGED_INTO = load("ingest/merged_into")
MERGE_FLATTEN = load("ingest/merge_flatten")
FACET_CONTRIBUTIONS = load("ingest/facet_contributions")
ADD_FACET_COUNTS = load("ingest/add_facet_counts")
ADD_PAIR_COUNTS = load("ingest/add_pair_counts")
DELETE_FACET_COUNTS = load("ingest/delete_facet_counts")
DELETE_FACET_COUNTS_CHUNK = load("ingest/delete_facet_counts_chunk")
FACET_DEPENDENCIES = load("ingest/facet_dependencies")
AUTHORED_WORK_IDS = load("ingest/authored_work_ids")
COUNT_FACET_COUNTS = load("ingest/count_facet_counts")
WORK_IDS = load("ingest/work_ids")
