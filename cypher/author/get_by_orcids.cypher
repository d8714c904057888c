// Authors by bare ORCID iD (index author_orcid).
// Parameters: $orcids: [bare orcid]. Returns: orcid, id (one row per orcid found; the smallest id if several).
UNWIND $orcids AS orcid
MATCH (a:Author {orcid: orcid})
WITH orcid, min(a.id) AS id
RETURN orcid, id
