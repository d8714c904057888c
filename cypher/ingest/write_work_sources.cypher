// The venue (primary location's source) of works.
// Parameters: $rows: [{workId, id, name, issnL, type}]. Returns: nothing.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
ON CREATE SET s.name = row.name, s.issnL = row.issnL, s.type = row.type, s.isStub = true
WITH s, row
MATCH (w:Work {id: row.workId})
CREATE (w)-[:PUBLISHED_IN]->(s)
