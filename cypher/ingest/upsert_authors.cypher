// Upsert full author records by the updated_date rule (a stub author becomes a full one; an older record
// never overwrites a newer one), rewriting the relationships an author record owns.
// Institutions it names become stubs that keep what the newest record naming them says (`seen`, see
// merge_institution_stubs.cypher).
// Parameters: $rows: [{id, updatedDate, hash, props, lastKnown, affiliations, seen}].
// Returns one row per outcome (created|updated|unchanged|older): outcome, ids (the rows with it).
CYPHER replan=skip
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
  SET a += row.props, a.sourceHash = row.hash, a.stubSeen = null
  WITH a, row
  CALL (a) {
    MATCH (a)-[r:LAST_KNOWN_AT|AFFILIATED_WITH]->()
    DELETE r
  }
  CALL (a, row) {
    WITH a, row WHERE row.lastKnown IS NOT NULL
    WITH a, row, row.lastKnown AS props
    MERGE (i:Institution {id: props.id})
    ON CREATE SET i += props, i.isStub = true, i.stubSeen = row.seen
    ON MATCH SET i._lock = true
    SET i += CASE WHEN i.isStub AND row.seen > coalesce(i.stubSeen, '') THEN props {.*, stubSeen: row.seen} ELSE {} END
    REMOVE i._lock
    CREATE (a)-[:LAST_KNOWN_AT]->(i)
  }
  CALL (a, row) {
    UNWIND row.affiliations AS aff
    WITH a, row, aff, aff.institution AS props
    MERGE (i:Institution {id: props.id})
    ON CREATE SET i += props, i.isStub = true, i.stubSeen = row.seen
    ON MATCH SET i._lock = true
    SET i += CASE WHEN i.isStub AND row.seen > coalesce(i.stubSeen, '') THEN props {.*, stubSeen: row.seen} ELSE {} END
    REMOVE i._lock
    CREATE (a)-[:AFFILIATED_WITH {years: aff.years}]->(i)
  }
}
RETURN outcome, collect(row.id) AS ids
