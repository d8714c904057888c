// Authors of works (stub authors when no full record is known) and their AUTHORED relationships. A stub author
// keeps the name and ORCID of the newest work naming it (`seen`: "updatedDate|work id|content hash"), compared
// after `_lock` has taken the node's write lock, so a concurrent batch's newer description is never overwritten.
// One AUTHORED per (author, work): an author listed at several places keeps the first in `order` and the others
// in the parallel `more*` lists (null for an author with one place; see docs/graph-model.md).
// Parameters: $rows: [{workId, authorId, name, orcid, order, positionLabel, isCorresponding, institutionIds,
//   rawAuthorName, moreOrders, morePositionLabels, moreCorresponding, moreRawAuthorNames, moreInstitutionIds,
//   moreInstitutionCounts, seen}], in authorId order (locks on shared authors are then taken in one order).
// Returns: nothing.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (w:Work {id: row.workId})
MERGE (a:Author {id: row.authorId})
ON CREATE SET a.name = row.name, a.orcid = row.orcid, a.isStub = true, a.stubSeen = row.seen
ON MATCH SET a._lock = true
SET a += CASE
  WHEN a.isStub AND row.seen > coalesce(a.stubSeen, '') THEN {name: row.name, orcid: row.orcid, stubSeen: row.seen}
  ELSE {}
END
REMOVE a._lock
CREATE (a)-[:AUTHORED {
  order: row.order,
  positionLabel: row.positionLabel,
  isCorresponding: row.isCorresponding,
  institutionIds: CASE WHEN row.institutionIds <> [] THEN row.institutionIds END,
  rawAuthorName: row.rawAuthorName,
  moreOrders: row.moreOrders,
  morePositionLabels: row.morePositionLabels,
  moreCorresponding: row.moreCorresponding,
  moreRawAuthorNames: row.moreRawAuthorNames,
  moreInstitutionIds: row.moreInstitutionIds,
  moreInstitutionCounts: row.moreInstitutionCounts
}]->(w)
