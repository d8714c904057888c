// Authors by id, for the author DataLoader, as the viewer may see them (docs/privacy.md): `hidden` lists the
// fields the claimant hides from $viewer; a hidden ORCID iD is null, a hidden affiliation leaves lastKnown and
// the shown institution out.
// Parameters: $ids: [author id], $viewer: {id, admin}.
// Returns: author (map incl. hidden: [field], lastKnown: institution map or null, shownAffiliationId: the
//   institution the claimant chose to show, or null), one row per id found.
UNWIND $ids AS id
MATCH (a:Author {id: id})
WITH id, a, {{hidden_fields(a)}} AS hidden
OPTIONAL MATCH (a)-[:LAST_KNOWN_AT]->(i:Institution)
WHERE NOT 'AFFILIATION' IN hidden
WITH id, a, hidden, head(collect({{institution(i)}})) AS lastKnown
OPTIONAL MATCH (c:Claim {authorId: id})
WITH id, hidden, lastKnown, c, {{author(a, 'ORCID' IN hidden)}} AS author
RETURN author {.*, hidden: hidden, lastKnown: lastKnown,
  shownAffiliationId: CASE WHEN 'AFFILIATION' IN hidden THEN null ELSE c.shownAffiliationId END
} AS author
