// Works by bare lowercase DOI (index work_doi).
// Parameters: $dois: [bare doi]. Returns: doi, id (one row per doi found; the smallest id if several).
UNWIND $dois AS doi
MATCH (w:Work {doi: doi})
WITH doi, min(w.id) AS id
RETURN doi, id
