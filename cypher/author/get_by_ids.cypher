// Authors by id, for the author DataLoader.
// Parameters: $ids: [author id]. Returns: author (map), one row per id found.
UNWIND $ids AS id
MATCH (a:Author {id: id})
RETURN a {.id, .name, .orcid, .worksCount, .citedByCount, .hIndex, .isStub} AS author
