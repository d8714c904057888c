// Authors by bare ORCID iD (index author_orcid), leaving out those whose claimant hides the iD from $viewer: to
// others a hidden iD is not on record (docs/privacy.md).
// Parameters: $orcids: [bare orcid], $viewer: {id, admin}.
// Returns: orcid, id (one row per orcid found; the smallest id if several).
UNWIND $orcids AS orcid
MATCH (a:Author {orcid: orcid})
WHERE NOT {{hides(a, 'ORCID')}}
WITH orcid, min(a.id) AS id
RETURN orcid, id
