// A page of the works matching a compiled WorkFilter (`/*FILTER*/`, see works_group_by.cypher), in the order
// `/*ORDER*/` names: one of the orders of works_orders.cypher, each with nulls last and ties broken by id.
// Parameters: the filter's $f0 ..., $skip, $limit.
// Returns: work (map incl. venue), one row per work of the page.
MATCH (w:Work)
WHERE /*FILTER*/
WITH w ORDER BY /*ORDER*/
SKIP $skip LIMIT $limit
RETURN w {
  .id, .title, .type, .year, .doi, .citedByCount, .language, .isOa, .oaStatus, .oaUrl, .publicationDate,
  venue: [(w)-[:PUBLISHED_IN]->(s:Source) | s {.id, .name, .issnL, .type, .countryCode}][0]
} AS work
