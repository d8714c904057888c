// Every work's id, for a full recount of the facet counts in chunks (ingest/facet_counts.py).
// Parameters: none. Returns: ids.
MATCH (w:Work)
RETURN collect(w.id) AS ids
