// Institutions named inside other records; a full institution record fills them in later. A stub keeps what the
// newest record naming it says (`seen`: "updatedDate|record id|content hash", compared as text), so the result
// does not depend on the order batches commit in.
// Only a stub that this row may make newer is locked and compared: `isStub` only goes from true to false and
// `stubSeen` only grows, so the unlocked first look can skip a node but never wrongly; the comparison is then
// made again under the node's write lock (taken by setting `_lock`), so a concurrent batch's newer description
// is never overwritten. A full record, or a stub already as new, is not locked at all: concurrent batches that
// name the same institutions do not wait for each other.
// Parameters: $rows: [{props: {id, name, countryCode, ror, type}, seen}], one per id, in id order. Returns: nothing.
UNWIND $rows AS row
WITH row, row.props AS props
MERGE (i:Institution {id: props.id})
ON CREATE SET i += props, i.isStub = true, i.stubSeen = row.seen
WITH i, row, props
WHERE i.isStub AND row.seen > i.stubSeen
SET i._lock = true
SET i += CASE WHEN i.isStub AND row.seen > coalesce(i.stubSeen, '') THEN props {.*, stubSeen: row.seen} ELSE {} END
REMOVE i._lock
