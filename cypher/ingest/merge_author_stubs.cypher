// Authors named in works' authorships, as stub authors when no full author record is known; a full author record
// fills them in later. A stub keeps the name and ORCID of the newest work naming it (`seen`: "updatedDate|work
// id|content hash", compared as text), whatever order batches commit in. Locking as in
// merge_institution_stubs.cypher: only a stub this row may make newer is locked (by setting `_lock`) and compared
// again; full authors and stubs already as new are not locked.
// Parameters: $rows: [{id, name, orcid, seen}], one per author id (the newest `seen` of the batch), in id order.
// Returns: nothing.
UNWIND $rows AS row
MERGE (a:Author {id: row.id})
ON CREATE SET a.name = row.name, a.orcid = row.orcid, a.isStub = true, a.stubSeen = row.seen
WITH a, row
WHERE a.isStub AND row.seen > a.stubSeen
SET a._lock = true
SET a += CASE
  WHEN a.isStub AND row.seen > coalesce(a.stubSeen, '') THEN {name: row.name, orcid: row.orcid, stubSeen: row.seen}
  ELSE {}
END
REMOVE a._lock
