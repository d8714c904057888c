// Add to the precomputed facet counts, in the writing transaction: what the works `/*START*/` picks
// (facet_starts.cypher: a batch's written works, or all of them) count under, and $minus, what they counted
// under before the batch (read by facet_contributions.cypher before it wrote them), taken away. `/*KEYS*/` is the
// facets' key expressions (cypher/analytics/work_facets.cypher, in the order of $facets): what worksGroupBy itself
// counts. Counted here, not in the client: a 1,000-work batch has ~8,000 (facet, key) rows, and shipping them to
// Python and back cost ~4x the counting (300 vs 90 ms at 100k works). A count that reaches zero works is
// deleted. A SET whose right-hand side reads the property it writes takes the node's write lock before reading
// (Neo4j's documented rule against lost updates), so concurrent batches never lose an update; the rows come in
// (facet, key) order, so they take those locks in one order.
// A pair of a facet in $pairLabels (facet → label) carries that label too, so that the read counts a facet's pairs
// from Neo4j's count store (cypher/analytics/kept_pairs.cypher) instead of every pair's index entry (~2 million
// AUTHOR pairs at 100k works); $skipped is the key below every pair's (the works with too many parties).
// Parameters: $facets, $unknown (the unknown group's key), $minus: [{facet, key, works, citedByCount,
//   openAccessCount}], $maxParties (the pair facets': cypher/ingest/pair_facets.cypher), $pairLabels, $skipped, and
//   the start's ($ids).
//   Returns: nothing.
CYPHER replan=skip
CALL () {
  /*START*/
  WITH w, coalesce(w.citedByCount, 0) AS cited, CASE WHEN w.isOa THEN 1 ELSE 0 END AS oa, [/*KEYS*/] AS perFacet
  UNWIND range(0, size($facets) - 1) AS f
  UNWIND CASE WHEN size(perFacet[f]) = 0 THEN [null] ELSE perFacet[f] END AS k
  RETURN $facets[f] AS facet, coalesce(k.key, $unknown) AS key, 1 AS works, cited AS citedByCount,
    oa AS openAccessCount
  UNION ALL
  UNWIND $minus AS row
  RETURN row.facet AS facet, row.key AS key, -row.works AS works, -row.citedByCount AS citedByCount,
    -row.openAccessCount AS openAccessCount
}
WITH facet, key, sum(works) AS works, sum(citedByCount) AS citedByCount, sum(openAccessCount) AS openAccessCount
WHERE works <> 0 OR citedByCount <> 0 OR openAccessCount <> 0
ORDER BY facet, key
MERGE (c:_FacetCount {facet: facet, key: key})
ON CREATE SET c.works = works, c.citedByCount = citedByCount, c.openAccessCount = openAccessCount
ON MATCH SET c.works = c.works + works, c.citedByCount = c.citedByCount + citedByCount,
  c.openAccessCount = c.openAccessCount + openAccessCount
SET c:$([label IN [$pairLabels[facet]] WHERE label IS NOT NULL AND key > $skipped])
WITH c WHERE c.works <= 0
DELETE c
