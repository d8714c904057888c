// Upsert full topic records by the updated_date rule: a record is written when the Topic is new (or a stub),
// newer than the stored one, or as new but with other content (sourceHash); an older one is never written.
// Parameters: $rows: [{id, updatedDate, hash, props}].
// Returns one row per outcome (created|updated|unchanged|older): outcome, ids (the rows with it).
CYPHER replan=skip
UNWIND $rows AS row
OPTIONAL MATCH (old:Topic {id: row.id})
WITH row, CASE
  WHEN old IS NULL OR old.isStub THEN 'created'
  WHEN coalesce(old.updatedDate, '') > coalesce(row.updatedDate, '') THEN 'older'
  WHEN coalesce(old.updatedDate, '') = coalesce(row.updatedDate, '') AND old.sourceHash = row.hash THEN 'unchanged'
  ELSE 'updated'
END AS outcome
CALL (row, outcome) {
  WITH row, outcome WHERE outcome IN ['created', 'updated']
  MERGE (n:Topic {id: row.id})
  SET n += row.props, n.sourceHash = row.hash, n.stubSeen = null
}
RETURN outcome, collect(row.id) AS ids
