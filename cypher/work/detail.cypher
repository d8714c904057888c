// A work with everything the contract's WorkDetail shows, in one statement, for the compiled path
// (schema/compiled.py): the lookup of work/get_by_ids, the authorships of work/authorships and the topics of
// work/topics, shaped for cheap decoding: each AUTHORED is one list, not nested maps (~5,000 of them on the biggest
// work), and each institution comes once.
// No author field here is hideable (loaders/privacy.py HIDEABLE: ORCID, affiliation, topics, collaborators): the
// authorships name the author by id and name only, the work's public record, so the statement needs no $viewer.
// Parameters: $id: a work's short id (no merged ids: the caller falls back to the general path when no row comes);
// $labels: whether the first place's positionLabel and rawAuthorName are read (null when not: WorkDetail selects
// neither, and 10,000 fewer values on the biggest work cost ~10 ms less of Neo4j and decoding).
// Returns at most one row: work (the map of work/get_by_ids), linked: [[order, isCorresponding, positionLabel,
//   rawAuthorName, institutionIds, authorId, authorName, more]], more: null for an author listed once, else the
//   later places (docs/graph-model.md): [orders, corresponding, positionLabels, rawAuthorNames, institutionIds,
//   institutionCounts],
//   institutions: [institution map], unlinkedNames: [string], unlinkedOrders: [int], topics: [{score, topic}].
MATCH (w:Work {id: $id})
CALL (w) {
  MATCH (a:Author)-[r:AUTHORED]->(w)
  RETURN collect([r.order, r.isCorresponding, CASE WHEN $labels THEN r.positionLabel END,
    CASE WHEN $labels THEN r.rawAuthorName END, coalesce(r.institutionIds, []),
    a.id, a.name, CASE WHEN r.moreOrders IS NULL THEN null ELSE [r.moreOrders, r.moreCorresponding,
      r.morePositionLabels, r.moreRawAuthorNames, r.moreInstitutionIds, r.moreInstitutionCounts] END]) AS linked
}
CALL (linked) {
  UNWIND linked AS ship
  UNWIND ship[4] + coalesce(ship[7][4], []) AS institutionId
  WITH DISTINCT institutionId
  MATCH (i:Institution {id: institutionId})
  RETURN collect({{institution(i)}}) AS institutions
}
CALL (w) {
  OPTIONAL MATCH (w)-[h:HAS_TOPIC]->(t:Topic)
  WITH h, t WHERE t IS NOT NULL
  ORDER BY h.score DESC, t.id ASC
  RETURN collect({score: h.score, topic: {{topic(t)}}}) AS topics
}
WITH w, linked, institutions, topics, {{work(w)}} AS work
RETURN work {.*, publicationDate: w.publicationDate, abstract: w.abstract, isRetracted: w.isRetracted,
  referencedWorksCount: w.referencedWorksCount} AS work, linked, institutions,
  coalesce(w.unlinkedAuthorNames, []) AS unlinkedNames, coalesce(w.unlinkedAuthorOrders, []) AS unlinkedOrders, topics
