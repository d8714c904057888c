// The (facet, works) index of 0007 is a prefix of 0009's (facet, works, key), which answers every read it answered
// (cypher/analytics/works_group_by_counts.cypher, collaborations_counts.cypher, with a predicate on `key`): kept, it
// was one more index entry for each of the 47M counts of a 1M-work graph to build (a bulk load's index population)
// and one more for the importer to move at every count it changes. A migration that drops an object makes the earlier
// statement creating it not run at all (peergraph/db/migrations.py).
// Parameters: none. Returns: nothing. Idempotent (IF EXISTS).
DROP INDEX facet_count_works IF EXISTS;
