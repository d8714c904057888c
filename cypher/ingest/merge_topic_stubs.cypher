// Topics named in works, as stub topics when no full topic record is known; a stub keeps what the newest work
// naming it says (`seen`: "updatedDate|work id|content hash"). Locking as in merge_institution_stubs.cypher.
// Parameters: $rows: [{id, name, subfield, field, domain, seen}], one per topic id (the newest `seen` of the
// batch), in id order. Returns: nothing.
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
ON CREATE SET t.name = row.name, t.subfield = row.subfield, t.field = row.field, t.domain = row.domain,
  t.isStub = true, t.stubSeen = row.seen
WITH t, row
WHERE t.isStub AND row.seen > t.stubSeen
SET t._lock = true
SET t += CASE
  WHEN t.isStub AND row.seen > coalesce(t.stubSeen, '')
    THEN {name: row.name, subfield: row.subfield, field: row.field, domain: row.domain, stubSeen: row.seen}
  ELSE {}
END
REMOVE t._lock
