// The authors of each topic's works, by how many of those works they are on (desc), then name, then id.
// As $viewer may see them (docs/privacy.md): an author whose claimant hides their topics from the viewer is left
// out (of the total too); a hidden ORCID iD is null. The claims are few: the hiders are one list.
// Parameters: $ids: [topic id], $skip: int, $limit: int, $viewer: {id, admin}.
// Returns: ownerId, total, authors: [{workCount, author: author map}] (the page).
WITH {{hiding('TOPICS')}} AS topicsHidden
UNWIND $ids AS id
MATCH (t:Topic {id: id})
CALL (t, topicsHidden) {
  MATCH (t)<-[:HAS_TOPIC]-(w:Work)<-[:AUTHORED]-(a:Author)
  WHERE NOT a.id IN topicsHidden
  WITH a, count(DISTINCT w) AS workCount
  ORDER BY workCount DESC, a.name ASC, a.id ASC
  RETURN collect({workCount: workCount, author: a}) AS ranked
}
CALL (ranked) {
  UNWIND ranked[$skip..$skip + $limit] AS r
  WITH r.workCount AS workCount, r.author AS a
  RETURN collect({workCount: workCount, author: {{author(a, {{hides(a, 'ORCID')}})}}}) AS authors
}
RETURN id AS ownerId, size(ranked) AS total, authors
