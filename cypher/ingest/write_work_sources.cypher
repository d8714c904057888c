// The venue (primary location's source) of works (a stub source keeps what the newest work naming it says:
// `seen` is "updatedDate|work id|content hash", compared under the node's write lock, taken by setting `_lock`).
// Parameters: $rows: [{workId, id, name, issnL, type, seen}], in source id order. Returns: nothing.
CYPHER replan=skip
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
ON CREATE SET s.name = row.name, s.issnL = row.issnL, s.type = row.type, s.isStub = true, s.stubSeen = row.seen
ON MATCH SET s._lock = true
SET s += CASE
  WHEN s.isStub AND row.seen > coalesce(s.stubSeen, '') THEN {name: row.name, issnL: row.issnL, type: row.type, stubSeen: row.seen}
  ELSE {}
END
REMOVE s._lock
WITH s, row
MATCH (w:Work {id: row.workId})
CREATE (w)-[:PUBLISHED_IN]->(s)
