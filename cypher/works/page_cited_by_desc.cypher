// A page of all works matching the filters, ordered by citation count (highest first), then id.
// Parameters: $titleContains, $yearFrom, $yearTo, $type, $citedByMin, $citedByMax, $topic, $institution
//   (each null for no filter), $skip, $limit.
// Returns: work (map incl. venue), one row per work of the page.
MATCH (w:Work)
WHERE ($titleContains IS NULL OR toLower(w.title) CONTAINS toLower($titleContains))
  AND ($yearFrom IS NULL OR w.year >= $yearFrom) AND ($yearTo IS NULL OR w.year <= $yearTo)
  AND ($type IS NULL OR w.type = $type)
  AND ($citedByMin IS NULL OR w.citedByCount >= $citedByMin)
  AND ($citedByMax IS NULL OR w.citedByCount <= $citedByMax)
  AND ($topic IS NULL OR EXISTS { (w)-[:HAS_TOPIC]->(:Topic {id: $topic}) })
  AND ($institution IS NULL OR EXISTS { (w)<-[r:AUTHORED]-(:Author) WHERE $institution IN r.institutionIds })
WITH w ORDER BY w.citedByCount DESC, w.id ASC
SKIP $skip LIMIT $limit
RETURN {{work(w)}} AS work
