// A page of the works matching a compiled WorkFilter (`/*FILTER*/`, see works_group_by.cypher), ordered by the sort key
// `/*KEY*/` names (a piece of work_orders.cypher), highest first when $desc; works without one last; ties by id.
// Keyset paging: the page starts after the row ($afterKey, $afterId) a cursor names, so page 1,000 reads what page
// 1 reads (one top-k over the matching works) instead of sorting and skipping every row before it.
// Parameters: the filter's $f0 ..., $desc, $afterKey, $afterId (both null for the first page), $limit.
// Returns: work (map incl. venue and sortKey), one row per work of the page.
/*MATCH*/
WHERE /*FILTER*/
WITH w, /*KEY*/ AS sortKey
WHERE $afterId IS NULL OR CASE WHEN $afterKey IS NULL THEN sortKey IS NULL AND w.id > $afterId
  ELSE sortKey IS NULL OR (CASE WHEN $desc THEN sortKey < $afterKey ELSE sortKey > $afterKey END)
    OR (sortKey = $afterKey AND w.id > $afterId) END
WITH w, sortKey
ORDER BY sortKey IS NULL, CASE WHEN $desc THEN sortKey END DESC, CASE WHEN $desc THEN null ELSE sortKey END ASC, w.id ASC
LIMIT $limit
RETURN w {
  .id, .title, .type, .year, .doi, .citedByCount, .language, .isOa, .oaStatus, .oaUrl, .publicationDate,
  sortKey: sortKey,
  venue: [(w)-[:PUBLISHED_IN]->(s:Source) | s {.id, .name, .issnL, .type, .countryCode}][0]
} AS work
