// collaborations over all works read from the kept pair counts (`_FacetCount` of a pair facet, e.g. COUNTRY_PAIR:
// ingest/facet_counts.py, cypher/ingest/pair_facets.cypher) instead of pairing every work's parties: the same
// pairs, order and columns as collaborations.cypher with no filter. A pair's key is its two keys joined by $pair;
// $skipped is the key of the works with too many parties, the unknown group's ($unknown) the works with fewer than
// two: both sort below every pair's key. `kept` is false for a graph whose works were imported before this facet was
// kept (works, no counts of it): then the caller pairs live.
// Parameters: $facet, $pair, $skipped, $unknown, $first. Returns: kept, totalCount, pairs: [{a: {key, label},
//   b: {key, label}, works, citedByCount}], skippedWorks.
CALL () {
  MATCH (c:_FacetCount)
  WHERE c.facet = $facet AND c.key > $skipped
  RETURN count(c) AS totalCount
}
// Most first: the $first-th largest count read down the (facet, works) index in its order, then the pairs at least
// that large, ordered (ties by key, i.e. by the two keys), as works_group_by_counts.cypher.
CALL () {
  MATCH (c:_FacetCount)
  WHERE c.facet = $facet AND c.works > 0 AND c.key > $skipped
  WITH c ORDER BY c.facet DESC, c.works DESC LIMIT $first
  RETURN coalesce(min(c.works), 0) AS threshold
}
CALL (threshold) {
  MATCH (c:_FacetCount)
  WHERE c.facet = $facet AND c.works >= threshold AND c.key > $skipped
  WITH c ORDER BY c.works DESC, c.key
  LIMIT $first
  WITH c, split(c.key, $pair) AS ab
  RETURN collect({a: {key: ab[0], label: ab[0]}, b: {key: ab[1], label: ab[1]}, works: c.works,
    citedByCount: c.citedByCount}) AS pairs
}
RETURN EXISTS { MATCH (k:_FacetCount) WHERE k.facet = $facet AND k.key >= $unknown } OR NOT EXISTS { MATCH (:Work) }
    AS kept,
  totalCount, pairs,
  coalesce(COLLECT { MATCH (s:_FacetCount) WHERE s.facet = $facet AND s.key = $skipped RETURN s.works }[0], 0)
    AS skippedWorks
