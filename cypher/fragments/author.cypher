// Fragment: author(node, orcidHidden)
// An author as every read returns one (schema/author.py's AuthorRow reads it): `orcidHidden` is the query's test of
// whether the claimant hides the ORCID iD from $viewer (fragments/hides, or a list the query read once), so the iD
// is null wherever it is hidden. An expression (a map projection).
{node} {.id, .name, .worksCount, .citedByCount, .hIndex, .isStub, .mergedIds, orcid: CASE WHEN {orcidHidden} THEN null ELSE {node}.orcid END}
