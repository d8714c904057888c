// Authors of works (stub authors when no full record is known) and their AUTHORED relationships.
// Parameters: $works: [{id, authorships: [{authorId, name, orcid, order, positionLabel, isCorresponding,
//   institutionIds, rawAuthorName}]}]. Returns: nothing.
UNWIND $works AS work
MATCH (w:Work {id: work.id})
UNWIND work.authorships AS row
MERGE (a:Author {id: row.authorId})
ON CREATE SET a.name = row.name, a.orcid = row.orcid, a.isStub = true
CREATE (a)-[:AUTHORED {
  order: row.order,
  positionLabel: row.positionLabel,
  isCorresponding: row.isCorresponding,
  institutionIds: row.institutionIds,
  rawAuthorName: row.rawAuthorName
}]->(w)
