// worksGroupBy over all works read from the precomputed counts (`_FacetCount`, kept by the importer:
// ingest/facet_counts.py) instead of counting every work: the same groups, order and columns as
// works_group_by.cypher with no filter. `/*LABEL*/` is the facet's label (facet_labels.cypher). `kept` is false
// for a graph whose works were imported before counts were kept (works, no counts): then the caller counts live.
// Parameters: $facet, $unknown (the unknown group's key), $includeUnknown, $byKey, $first.
// Returns: kept, totalCount, groups: [{key, label, count, citedByCount, openAccessCount}].
CALL () {
  MATCH (c:_FacetCount {facet: $facet})
  WHERE $includeUnknown OR c.key <> $unknown
  RETURN count(c) AS totalCount
}
CALL () {
  MATCH (c:_FacetCount {facet: $facet})
  WHERE $includeUnknown OR c.key <> $unknown
  WITH c ORDER BY CASE WHEN $byKey THEN 0 ELSE -c.works END, c.key = $unknown, c.key
  LIMIT $first
  RETURN collect(c {key: CASE WHEN c.key = $unknown THEN null ELSE c.key END, count: c.works, .citedByCount,
    .openAccessCount}) AS groups
}
RETURN EXISTS { MATCH (:_FacetCount) } OR NOT EXISTS { MATCH (:Work) } AS kept, totalCount,
  [g IN groups | g {.*, label: /*LABEL*/}] AS groups
