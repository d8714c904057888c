// Every authorship of each work: the linked ones (AUTHORED, with the institutions of that authorship in
// their listed order) and the unlinked ones (a raw name and a place in the author list, no author id).
// Parameters: $ids: [work id].
// Returns: workId, linked: [{order, isCorresponding, positionLabel, rawAuthorName, author: author map,
//   institutions: [institution map]}], unlinkedNames: [string], unlinkedOrders: [int].
UNWIND $ids AS id
MATCH (w:Work {id: id})
CALL (w) {
  OPTIONAL MATCH (a:Author)-[r:AUTHORED]->(w)
  WITH a, r WHERE r IS NOT NULL
  CALL (r) {
    UNWIND range(0, size(coalesce(r.institutionIds, [])) - 1) AS k
    MATCH (i:Institution {id: r.institutionIds[k]})
    WITH k, i ORDER BY k
    RETURN collect(i {.id, .name, .countryCode, .ror, .type, .worksCount, .isStub}) AS institutions
  }
  RETURN collect({
    order: r.order, isCorresponding: r.isCorresponding, positionLabel: r.positionLabel,
    rawAuthorName: r.rawAuthorName, institutions: institutions,
    author: a {.id, .name, .orcid, .worksCount, .citedByCount, .hIndex, .isStub}
  }) AS linked
}
RETURN id AS workId, linked, coalesce(w.unlinkedAuthorNames, []) AS unlinkedNames,
  coalesce(w.unlinkedAuthorOrders, []) AS unlinkedOrders
