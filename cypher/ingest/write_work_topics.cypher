// Topics of works with their score. The topics exist already (merge_topic_stubs.cypher runs first in the same
// transaction), so this statement only reads the two ends and creates.
// Parameters: $rows: [{workId, id, score}]. Returns: nothing.
UNWIND $rows AS row
MATCH (w:Work {id: row.workId})
MATCH (t:Topic {id: row.id})
CREATE (w)-[:HAS_TOPIC {score: row.score}]->(t)
