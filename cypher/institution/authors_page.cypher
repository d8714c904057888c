// The authors of each institution (last known there, or affiliated with it), by name then id.
// As $viewer may see them (docs/privacy.md): an author whose claimant hides the affiliation from the viewer is left
// out (of the total too); a hidden ORCID iD is null. The claims are few: the hiders are one list.
// Parameters: $ids: [institution id], $skip: int, $limit: int, $viewer: {id, admin}.
// Returns: ownerId, total, authors: [author map] (the page).
WITH {{hiding('AFFILIATION')}} AS affiliationHidden
UNWIND $ids AS id
MATCH (i:Institution {id: id})
CALL (i, affiliationHidden) {
  MATCH (i)<-[:LAST_KNOWN_AT|AFFILIATED_WITH]-(a:Author)
  WHERE NOT a.id IN affiliationHidden
  WITH DISTINCT a ORDER BY a.name ASC, a.id ASC
  RETURN collect(a) AS ranked
}
RETURN id AS ownerId, size(ranked) AS total,
  [a IN ranked[$skip..$skip + $limit] | {{author(a, {{hides(a, 'ORCID')}})}}] AS authors
