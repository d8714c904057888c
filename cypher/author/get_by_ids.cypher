// Authors by id, for the author DataLoader, with the last known institution (at most one stored).
// Parameters: $ids: [author id]. Returns: author (map incl. lastKnown: institution map or null), one row per id found.
UNWIND $ids AS id
MATCH (a:Author {id: id})
OPTIONAL MATCH (a)-[:LAST_KNOWN_AT]->(i:Institution)
WITH a, head(collect(i {.id, .name, .countryCode, .ror, .type, .worksCount, .isStub})) AS lastKnown
RETURN a {.id, .name, .orcid, .worksCount, .citedByCount, .hIndex, .isStub, lastKnown: lastKnown} AS author
