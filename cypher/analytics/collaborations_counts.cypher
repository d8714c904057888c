// collaborations over all works read from the kept pair counts (`_FacetCount` of a pair facet: COUNTRY_PAIR,
// INSTITUTION_PAIR, AUTHOR_PAIR; ingest/facet_counts.py, cypher/ingest/pair_facets.cypher) instead of pairing every
// work's parties: the same pairs, order and columns as collaborations.cypher with no filter. A pair's key is its two
// keys joined by $pair; $skipped is the key of the works with too many parties, the unknown group's ($unknown) the
// works with fewer than two: both sort below every pair's key. `/*LABEL*/` labels a party `g` (facet_labels.cypher),
// looked up for the returned pairs only; `/*PAIRS_IN_ALL*/` counts the facet's pairs (kept_pairs.cypher).
// As $viewer may see it: where parties are authors ($hideable), an author whose claimant hides the collaborators from
// the viewer is no party (`unlinked`, as collaborations.cypher): their pairs are left out of the pairs and the total.
// That is the live answer unless leaving them out brings a work with too many parties down to $maxParties or fewer
// (it would give pairs then, and not be skipped): `kept` is false then, and for a graph whose works were imported
// before this facet was kept (works, no counts of it); the caller pairs live.
// Parameters: $facet, $pair, $skipped, $unknown, $first, $maxParties, $hideable, $viewer: {id, admin}.
// Returns: kept, totalCount, pairs: [{a: {key, label}, b: {key, label}, works, citedByCount}], skippedWorks.
WITH CASE WHEN $hideable THEN {{hiding('COLLABORATORS')}} ELSE [] END AS unlinked
// The kept pairs an unlinked author is in, read from their works (an unlinked author is in few pairs; an index
// seek per pair instead of testing both ends of every kept key).
CALL (unlinked) {
  UNWIND unlinked AS h
  MATCH (:Author {id: h})-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(b:Author)
  WITH DISTINCT CASE WHEN h < b.id THEN h + $pair + b.id ELSE b.id + $pair + h END AS key
  MATCH (c:_FacetCount {facet: $facet, key: key})
  RETURN count(c) AS hidden
}
CALL () {
  RETURN /*PAIRS_IN_ALL*/ AS pairsInAll
}
// Most first: the $first-th largest count read down the (facet, works, key) index in its order, then the pairs above
// it (fewer than $first, ordered) and those at it in key order down the same index. The hints keep the planner off the
// (facet, key) index that `c.key > $skipped` also fits: it read every pair (36,975 db hits for the INSTITUTION pairs
// of the sample + 5,000 works) where the threshold needs $first of them.
CALL (unlinked) {
  MATCH (c:_FacetCount)
  USING INDEX c:_FacetCount(facet, works, key)
  WHERE c.facet = $facet AND c.works > 0 AND c.key > $skipped
    AND (size(unlinked) = 0 OR none(x IN split(c.key, $pair) WHERE x IN unlinked))
  WITH c ORDER BY c.facet DESC, c.works DESC LIMIT $first
  RETURN coalesce(min(c.works), 0) AS threshold
}
CALL (unlinked, threshold) {
  MATCH (c:_FacetCount)
  USING INDEX c:_FacetCount(facet, works, key)
  WHERE c.facet = $facet AND c.works > threshold AND c.key > $skipped
    AND (size(unlinked) = 0 OR none(x IN split(c.key, $pair) WHERE x IN unlinked))
  WITH c ORDER BY c.works DESC, c.key
  RETURN collect(c) AS above
}
CALL (unlinked, threshold, above) {
  MATCH (c:_FacetCount)
  USING INDEX c:_FacetCount(facet, works, key)
  WHERE c.facet = $facet AND c.works = threshold AND c.key > $skipped
    AND (size(unlinked) = 0 OR none(x IN split(c.key, $pair) WHERE x IN unlinked))
  WITH c ORDER BY c.facet, c.works, c.key
  LIMIT $first
  RETURN collect(c) AS at
}
CALL (above, at) {
  UNWIND (above + at)[0..$first] AS c
  WITH c, split(c.key, $pair) AS ab
  WITH c, ab, {key: ab[0]} AS g
  WITH c, ab, /*LABEL*/ AS la, {key: ab[1]} AS g
  RETURN collect({a: {key: ab[0], label: la}, b: {key: ab[1], label: /*LABEL*/}, works: c.works,
    citedByCount: c.citedByCount}) AS pairs
}
RETURN (EXISTS { MATCH (k:_FacetCount) WHERE k.facet = $facet AND k.key >= $unknown } OR NOT EXISTS { MATCH (:Work) })
    AND NOT EXISTS {
      UNWIND unlinked AS h
      MATCH (:Author {id: h})-[:AUTHORED]->(w:Work)
      WHERE COUNT { (w)<-[:AUTHORED]-(:Author) } > $maxParties
        AND COUNT { MATCH (w)<-[:AUTHORED]-(x:Author) WHERE NOT x.id IN unlinked } <= $maxParties
    } AS kept,
  pairsInAll - hidden AS totalCount, pairs,
  coalesce(COLLECT { MATCH (s:_FacetCount) WHERE s.facet = $facet AND s.key = $skipped RETURN s.works }[0], 0)
    AS skippedWorks
