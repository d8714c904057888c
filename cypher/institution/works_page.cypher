// The works with an authorship at each institution (AUTHORED.institutionIds), newest first.
// Parameters: $ids: [owner id], $skip: int, $limit: int.
// Returns: ownerId, total, works: [work map incl. venue] (the page).
UNWIND $ids AS id
MATCH (o:Institution {id: id})
CALL (o) {
  MATCH (w:Work)<-[r:AUTHORED]-(:Author) WHERE o.id IN r.institutionIds
  WITH DISTINCT w ORDER BY w.year DESC, w.id ASC
  RETURN collect(w) AS ranked
}
RETURN id AS ownerId, size(ranked) AS total, [w IN ranked[$skip..$skip + $limit] | {{work(w)}}] AS works
