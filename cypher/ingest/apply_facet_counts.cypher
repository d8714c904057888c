// Add a batch's change to the precomputed facet counts, in the batch's own transaction: each row is the change
// of one (facet, key) (negative: works that left it); a count that reaches zero works is deleted. The counter is
// read after `_lock` has taken the node's write lock, so concurrent batches never lose an update; rows come in
// (facet, key) order, so they take those locks in one order.
// Parameters: $rows: [{facet, key, works, citedByCount, openAccessCount}]. Returns: nothing.
UNWIND $rows AS row
MERGE (c:_FacetCount {facet: row.facet, key: row.key})
ON CREATE SET c.works = 0, c.citedByCount = 0, c.openAccessCount = 0
ON MATCH SET c._lock = true
SET c.works = c.works + row.works, c.citedByCount = c.citedByCount + row.citedByCount,
  c.openAccessCount = c.openAccessCount + row.openAccessCount
REMOVE c._lock
WITH c WHERE c.works <= 0
DELETE c
