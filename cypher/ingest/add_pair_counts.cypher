// Add a work batch's change to the kept INSTITUTION and AUTHOR pairs (ingest/facet_counts.py `add_pairs`): the rows
// come counted, from the batch's own records, and summed with what the batch's stored works counted under before
// (facet_contributions.cypher), one row per (facet, key), in that order (so concurrent batches take the count nodes'
// locks in one order). It runs before the batch's links are written, ahead of every lock the batch shares with
// others, so that two writers keep their pairs side by side (a 1,000-work batch has ~29,000 of them, most of its
// counting). As add_facet_counts.cypher: a count that reaches zero works is deleted, a pair of a facet in
// $pairLabels carries that label, and a SET reading the property it writes takes the node's write lock first.
// Parameters: $rows: [{facet, key, works, citedByCount, openAccessCount}], $pairLabels, $skipped.
// Returns: nothing.
CYPHER replan=skip
UNWIND $rows AS row
MERGE (c:_FacetCount {facet: row.facet, key: row.key})
ON CREATE SET c.works = row.works, c.citedByCount = row.citedByCount, c.openAccessCount = row.openAccessCount
ON MATCH SET c.works = c.works + row.works, c.citedByCount = c.citedByCount + row.citedByCount,
  c.openAccessCount = c.openAccessCount + row.openAccessCount
SET c:$([label IN [$pairLabels[row.facet]] WHERE label IS NOT NULL AND row.key > $skipped])
WITH c WHERE c.works <= 0
DELETE c
