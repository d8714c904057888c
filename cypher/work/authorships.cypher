// Every authorship of each work: the linked ones (AUTHORED, with the ids of the institutions of that
// authorship in their listed order) and the unlinked ones (a raw name and a place in the author list, no
// author id). The institutions come once each (a 5,000-author work names few distinct ones); the loader
// puts them back on each authorship, in its listed order, leaving out ids not in the graph.
// An author is as $viewer may see them (docs/privacy.md): a hidden ORCID iD is null (the claims are few: the hiders
// are one list, looked up per author; an index seek per author cost the 5,103-author work ~25 ms). The authorships
// themselves (who is on the work, with the institutions printed on it) are the work's public record.
// Parameters: $ids: [work id], $viewer: {id, admin}.
// An author listed at several places has one AUTHORED whose `more*` lists hold the later places (the loader
// makes one authorship of each).
// Returns: workId, linked: [{order, isCorresponding, positionLabel, rawAuthorName, institutionIds: [id],
//   more: {orders, positionLabels, corresponding, rawAuthorNames, institutionIds, institutionCounts} or null,
//   author: author map}], institutions: [institution map], unlinkedNames: [string], unlinkedOrders: [int].
WITH {{hiding('ORCID')}} AS orcidHidden
UNWIND $ids AS id
MATCH (w:Work {id: id})
CALL (w, orcidHidden) {
  OPTIONAL MATCH (a:Author)-[r:AUTHORED]->(w)
  WITH a, r WHERE r IS NOT NULL
  RETURN collect({
    order: r.order, isCorresponding: r.isCorresponding, positionLabel: r.positionLabel,
    rawAuthorName: r.rawAuthorName, institutionIds: coalesce(r.institutionIds, []),
    more: CASE WHEN r.moreOrders IS NULL THEN null ELSE {orders: r.moreOrders, positionLabels: r.morePositionLabels,
      corresponding: r.moreCorresponding, rawAuthorNames: r.moreRawAuthorNames,
      institutionIds: r.moreInstitutionIds, institutionCounts: r.moreInstitutionCounts} END,
    author: {{author(a, a.id IN orcidHidden)}}
  }) AS linked
}
CALL (linked) {
  UNWIND linked AS ship
  UNWIND ship.institutionIds + coalesce(ship.more.institutionIds, []) AS institutionId
  WITH DISTINCT institutionId
  MATCH (i:Institution {id: institutionId})
  RETURN collect({{institution(i)}}) AS institutions
}
RETURN id AS workId, linked, institutions, coalesce(w.unlinkedAuthorNames, []) AS unlinkedNames,
  coalesce(w.unlinkedAuthorOrders, []) AS unlinkedOrders
