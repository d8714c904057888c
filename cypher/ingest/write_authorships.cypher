// The AUTHORED relationships of works: one per (author, work), with the authorship's position, corresponding flag,
// institutions and raw name. The authors exist already (merge_author_stubs.cypher runs first in the same
// transaction), so this statement only reads the two ends and creates.
// Parameters: $rows: [{workId, authorId, order, positionLabel, isCorresponding, institutionIds, rawAuthorName}].
// Returns: nothing.
UNWIND $rows AS row
MATCH (w:Work {id: row.workId})
MATCH (a:Author {id: row.authorId})
CREATE (a)-[:AUTHORED {
  order: row.order,
  positionLabel: row.positionLabel,
  isCorresponding: row.isCorresponding,
  institutionIds: row.institutionIds,
  rawAuthorName: row.rawAuthorName
}]->(w)
