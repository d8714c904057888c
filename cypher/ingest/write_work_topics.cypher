// Topics of works with their score (stub topics when no full topic record is known).
// Parameters: $rows: [{workId, id, name, score, subfield, field, domain}]. Returns: nothing.
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
ON CREATE SET t.name = row.name, t.subfield = row.subfield, t.field = row.field, t.domain = row.domain,
  t.isStub = true
WITH t, row
MATCH (w:Work {id: row.workId})
CREATE (w)-[:HAS_TOPIC {score: row.score}]->(t)
