// Institutions named inside other records; a full institution record fills them in later. A stub keeps what the
// newest record naming it says (`seen`: "updatedDate|record id|content hash", compared as text), so the result
// does not depend on the order batches commit in (the comparison runs under the node's write lock, taken by
// setting `_lock`: a concurrent batch's newer description is never overwritten). A full institution is never a stub
// again, so it is not locked: institutions are shared by nearly every batch, and that lock, held to the commit, had
// the second writer wait for the first at this statement (270 of 513 s of statement time importing 100k works).
// Parameters: $rows: [{props: {id, name, countryCode, ror, type}, seen}], one per id, in id order. Returns: nothing.
CYPHER replan=skip
UNWIND $rows AS row
WITH row, row.props AS props
MERGE (i:Institution {id: props.id})
ON CREATE SET i += props, i.isStub = true, i.stubSeen = row.seen
WITH i, row, props
CALL (i, row, props) {
  WITH i, row, props WHERE i.isStub
  SET i._lock = true
  SET i += CASE WHEN i.isStub AND row.seen > coalesce(i.stubSeen, '') THEN props {.*, stubSeen: row.seen} ELSE {} END
  REMOVE i._lock
}
