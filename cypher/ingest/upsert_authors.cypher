// Upsert full author records (a stub author becomes a full one); older records never overwrite newer.
// Parameters: $rows: [{id, updatedDate, props, lastKnown, affiliations}]. Returns: id, created.
UNWIND $rows AS row
MERGE (a:Author {id: row.id})
ON CREATE SET a._created = true
WITH a, row
WHERE a._created OR a.updatedDate IS NULL OR row.updatedDate IS NULL OR a.updatedDate <= row.updatedDate
WITH a, row, coalesce(a._created, false) AS created
SET a += row.props
REMOVE a._created
WITH a, row, created
CALL (a) {
  MATCH (a)-[r:LAST_KNOWN_AT|AFFILIATED_WITH]->()
  DELETE r
}
CALL (a, row) {
  WITH a, row WHERE row.lastKnown IS NOT NULL
  MERGE (i:Institution {id: row.lastKnown.id})
  ON CREATE SET i += row.lastKnown, i.isStub = true
  CREATE (a)-[:LAST_KNOWN_AT]->(i)
}
CALL (a, row) {
  UNWIND row.affiliations AS aff
  MERGE (i:Institution {id: aff.institution.id})
  ON CREATE SET i += aff.institution, i.isStub = true
  CREATE (a)-[:AFFILIATED_WITH {years: aff.years}]->(i)
}
RETURN a.id AS id, created
