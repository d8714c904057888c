// The funders of works (`funders` and `grants` of the record; a stub funder keeps what the newest work naming it
// says: `seen` is "updatedDate|work id|content hash", compared under the node's write lock, taken by `_lock`).
// Parameters: $rows: [{workId, id, name, ror, awardIds, seen}], in funder id order. Returns: nothing.
CYPHER replan=skip
UNWIND $rows AS row
MERGE (f:Funder {id: row.id})
ON CREATE SET f.isStub = true
SET f._lock = true
SET f += CASE
  WHEN f.isStub AND row.seen > coalesce(f.stubSeen, '') THEN {name: row.name, ror: row.ror, stubSeen: row.seen}
  ELSE {}
END
REMOVE f._lock
WITH f, row
MATCH (w:Work {id: row.workId})
CREATE (w)-[:FUNDED_BY {awardIds: CASE WHEN row.awardIds <> [] THEN row.awardIds END}]->(f)
