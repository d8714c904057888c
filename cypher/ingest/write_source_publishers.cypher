// The publisher of sources (PUBLISHED_BY its host publisher) and the lineage above it (PART_OF, child to
// parent). A full source record owns its PUBLISHED_BY (`own`); a stub source takes it from the work that describes
// it (the one whose `seen` it kept in write_work_sources, run before in the same transaction). A lineage link is
// written for a stub publisher only: a full publisher record owns its parent (write_publisher_parents).
// Publisher stubs keep the names of the newest record naming them, as other stubs do.
// Parameters: $rows: [{sourceId, lineage: [{id, name}] (host first), seen, own}], in source id order.
// Returns: nothing.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (s:Source {id: row.sourceId})
WHERE row.own OR (s.isStub AND s.stubSeen = row.seen)
CALL (s) {
  MATCH (s)-[old:PUBLISHED_BY]->()
  DELETE old
}
WITH s, row WHERE size(row.lineage) > 0
CALL (row) {
  UNWIND row.lineage AS p
  MERGE (pub:Publisher {id: p.id})
  ON CREATE SET pub.isStub = true
  SET pub._lock = true
  SET pub += CASE
    WHEN pub.isStub AND row.seen > coalesce(pub.stubSeen, '') THEN {name: coalesce(p.name, pub.name), stubSeen: row.seen}
    ELSE {}
  END
  REMOVE pub._lock
}
CALL (row) {
  UNWIND range(0, size(row.lineage) - 2) AS k
  MATCH (child:Publisher {id: row.lineage[k].id}), (parent:Publisher {id: row.lineage[k + 1].id})
  WITH child, parent WHERE child.isStub AND child <> parent
  MERGE (child)-[:PART_OF]->(parent)
}
MATCH (host:Publisher {id: row.lineage[0].id})
CREATE (s)-[:PUBLISHED_BY]->(host)
