// Already-linked works with references outside the graph that name one of the given works (which just
// arrived): their CITES need relinking.
// Parameters: $ids: [work id]. Returns: ids (one list).
MATCH (w:Work)
WHERE w.externalReferenceCount > 0 AND any(ref IN w.referencedWorkIds WHERE ref IN $ids)
RETURN collect(w.id) AS ids
