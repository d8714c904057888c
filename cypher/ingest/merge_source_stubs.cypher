// Sources (venues) named in works, as stub sources when no full source record is known; a stub keeps what the
// newest work naming it says (`seen`: "updatedDate|work id|content hash"). Locking as in
// merge_institution_stubs.cypher.
// Parameters: $rows: [{id, name, issnL, type, seen}], one per source id (the newest `seen` of the batch), in id
// order. Returns: nothing.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
ON CREATE SET s.name = row.name, s.issnL = row.issnL, s.type = row.type, s.isStub = true, s.stubSeen = row.seen
WITH s, row
WHERE s.isStub AND row.seen > s.stubSeen
SET s._lock = true
SET s += CASE
  WHEN s.isStub AND row.seen > coalesce(s.stubSeen, '') THEN {name: row.name, issnL: row.issnL, type: row.type, stubSeen: row.seen}
  ELSE {}
END
REMOVE s._lock
