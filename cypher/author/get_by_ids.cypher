// Authors by id, for the author DataLoader, as the viewer may see them (docs/privacy.md): `hidden` lists the
// fields the claimant hides from $viewer; a hidden ORCID iD is null, a hidden affiliation leaves lastKnown and
// the shown institution out.
// Parameters: $ids: [author id], $viewer: {id, admin}.
// Returns: author (map incl. hidden: [field], lastKnown: institution map or null, shownAffiliationId: the
//   institution the claimant chose to show, or null), one row per id found.
UNWIND $ids AS id
MATCH (a:Author {id: id})
WITH id, a, COLLECT { MATCH (claim:Claim {authorId: a.id}) WHERE NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) UNWIND claim.hiddenFields AS hiddenField RETURN hiddenField } AS hidden
OPTIONAL MATCH (a)-[:LAST_KNOWN_AT]->(i:Institution)
WHERE NOT 'AFFILIATION' IN hidden
WITH id, a, hidden, head(collect(i {.id, .name, .countryCode, .ror, .type, .worksCount, .isStub})) AS lastKnown
OPTIONAL MATCH (c:Claim {authorId: id})
RETURN a {.id, .name, .worksCount, .citedByCount, .hIndex, .isStub, .mergedIds,
  orcid: CASE WHEN 'ORCID' IN hidden THEN null ELSE a.orcid END,
  hidden: hidden, lastKnown: lastKnown,
  shownAffiliationId: CASE WHEN 'AFFILIATION' IN hidden THEN null ELSE c.shownAffiliationId END
} AS author
