// Authors by id, for the author DataLoader, with the last known institution (at most one stored) and what
// the claimant (if any) hides or shows (the privacy every guarded field checks, one index seek).
// Parameters: $ids: [author id].
// Returns: author (map incl. lastKnown: institution map or null, claim: {claimantId, hiddenFields,
//   shownAffiliationId} or null), one row per id found.
UNWIND $ids AS id
MATCH (a:Author {id: id})
OPTIONAL MATCH (a)-[:LAST_KNOWN_AT]->(i:Institution)
WITH id, a, head(collect(i {.id, .name, .countryCode, .ror, .type, .worksCount, .isStub})) AS lastKnown
OPTIONAL MATCH (c:Claim {authorId: id})
RETURN a {.id, .name, .orcid, .worksCount, .citedByCount, .hIndex, .isStub, lastKnown: lastKnown,
  claim: CASE WHEN c IS NULL THEN null ELSE {claimantId: c.userId, hiddenFields: coalesce(c.hiddenFields, []),
    shownAffiliationId: c.shownAffiliationId} END
} AS author
