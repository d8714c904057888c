// Upsert full author records by the updated_date rule (a stub author becomes a full one; an older record
// never overwrites a newer one), rewriting the relationships an author record owns.
// Parameters: $rows: [{id, updatedDate, hash, props, lastKnown, affiliations}].
// Returns one row per outcome (created|updated|unchanged|older): outcome, ids (the rows with it).
UNWIND $rows AS row
OPTIONAL MATCH (old:Author {id: row.id})
WITH row, CASE
  WHEN old IS NULL OR old.isStub THEN 'created'
  WHEN coalesce(old.updatedDate, '') > coalesce(row.updatedDate, '') THEN 'older'
  WHEN coalesce(old.updatedDate, '') = coalesce(row.updatedDate, '') AND old.sourceHash = row.hash THEN 'unchanged'
  ELSE 'updated'
END AS outcome
CALL (row, outcome) {
  WITH row, outcome WHERE outcome IN ['created', 'updated']
  MERGE (a:Author {id: row.id})
  SET a += row.props, a.sourceHash = row.hash
  WITH a, row
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
}
RETURN outcome, collect(row.id) AS ids
