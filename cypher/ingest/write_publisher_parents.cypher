// The parent of full publisher records (`parent_publisher`): each record owns its outgoing PART_OF, rewritten with
// it; a parent known only from here is a stub publisher (named as the newest record naming it says).
// Parameters: $rows: [{id, parent: {id, name} or null, seen}], in id order. Returns: nothing.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (p:Publisher {id: row.id})
CALL (p) {
  MATCH (p)-[old:PART_OF]->()
  DELETE old
}
WITH p, row WHERE row.parent IS NOT NULL
MERGE (parent:Publisher {id: row.parent.id})
ON CREATE SET parent.isStub = true
SET parent._lock = true
SET parent += CASE
  WHEN parent.isStub AND row.seen > coalesce(parent.stubSeen, '') THEN {name: coalesce(row.parent.name, parent.name), stubSeen: row.seen}
  ELSE {}
END
REMOVE parent._lock
MERGE (p)-[:PART_OF]->(parent)
