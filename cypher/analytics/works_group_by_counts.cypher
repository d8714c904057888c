// worksGroupBy over all works read from the precomputed counts (`_FacetCount`, kept by the importer:
// ingest/facet_counts.py) instead of counting every work: the same groups, order and columns as
// works_group_by.cypher with no filter. `/*LABEL*/` is the facet's label (facet_labels.cypher). `kept` is false
// for a graph whose works were imported before counts were kept (works, no counts): then the caller counts live.
// Parameters: $facet, $unknown (the unknown group's key), $includeUnknown, $byKey, $first.
// Returns: kept, totalCount, groups: [{key, label, count, citedByCount, openAccessCount}].
// Each read names both properties of the index it seeks (a composite index is only used with a predicate on each).
CALL () {
  MATCH (c:_FacetCount)
  WHERE c.facet = $facet AND c.key IS NOT NULL
  RETURN count(c) - CASE WHEN $includeUnknown THEN 0
    ELSE COUNT { MATCH (u:_FacetCount) WHERE u.facet = $facet AND u.key = $unknown } END AS totalCount
}
// Most first: the $first-th largest count (read down the (facet, works, key) index in its order, stopping there: the
// order names its first properties; `c.key IS NOT NULL`, true of every count, is the predicate on its third), then
// the groups at least that large, ordered (ties by key): a few rows, where sorting every count read ~190k for AUTHOR
// at 100k works (194k db hits: 21).
CALL () {
  WITH $byKey AS byKey WHERE NOT byKey
  MATCH (c:_FacetCount)
  USING INDEX c:_FacetCount(facet, works, key)
  WHERE c.facet = $facet AND c.works > 0 AND c.key IS NOT NULL AND ($includeUnknown OR c.key <> $unknown)
  WITH c ORDER BY c.facet DESC, c.works DESC LIMIT $first
  RETURN coalesce(min(c.works), 0) AS threshold
}
CALL (threshold) {
  WITH threshold, $byKey AS byKey WHERE NOT byKey
  MATCH (c:_FacetCount)
  USING INDEX c:_FacetCount(facet, works, key)
  WHERE c.facet = $facet AND c.works >= threshold AND c.key IS NOT NULL AND ($includeUnknown OR c.key <> $unknown)
  WITH c ORDER BY -c.works, c.key = $unknown, c.key
  LIMIT $first
  RETURN collect(c {key: CASE WHEN c.key = $unknown THEN null ELSE c.key END, count: c.works, .citedByCount,
    .openAccessCount}) AS most
}
// By key: the first $first known keys read down the (facet, key) index in its order, where sorting every count read
// ~194k for AUTHOR at 100k works. The unknown key, a NUL, sorts before every other (no key is empty: the importer
// keeps an empty string as none), so it is left out there and put last. Each read runs only for its order: a
// parameter in the read's own WHERE is tested after the index seek, on every count it reads.
CALL () {
  WITH $byKey AS byKey WHERE byKey
  MATCH (c:_FacetCount)
  WHERE c.facet = $facet AND c.key > $unknown
  WITH c ORDER BY c.facet, c.key
  LIMIT $first
  RETURN collect(c {.key, count: c.works, .citedByCount, .openAccessCount}) AS known
}
CALL () {
  OPTIONAL MATCH (c:_FacetCount)
  WHERE c.facet = $facet AND c.key = $unknown AND $byKey AND $includeUnknown
  RETURN [x IN [c] WHERE x IS NOT NULL | x {key: null, count: x.works, .citedByCount, .openAccessCount}] AS unknown
}
WITH totalCount, CASE WHEN $byKey THEN (known + unknown)[..$first] ELSE most END AS groups
RETURN EXISTS { MATCH (:_FacetCount) } OR NOT EXISTS { MATCH (:Work) } AS kept, totalCount,
  [g IN groups | g {.*, label: /*LABEL*/}] AS groups
