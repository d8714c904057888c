// The venue (primary location's source) of works. The sources exist already (merge_source_stubs.cypher runs
// first in the same transaction), so this statement only reads the two ends and creates.
// Parameters: $rows: [{workId, id}]. Returns: nothing.
UNWIND $rows AS row
MATCH (w:Work {id: row.workId})
MATCH (s:Source {id: row.id})
CREATE (w)-[:PUBLISHED_IN]->(s)
