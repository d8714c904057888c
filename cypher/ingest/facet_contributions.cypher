// What works count under in the precomputed counts of worksGroupBy over all works (ingest/facet_counts.py), read
// before a batch rewrites them (add_facet_counts.cypher takes it away): for each facet, each key a work counts
// under, with the works, their citations and open-access works summed. `/*START*/`
// (facet_starts.cypher) picks the works `w`; `/*KEYS*/` is the facets' key expressions of
// cypher/analytics/work_facets.cypher (the pieces worksGroupBy itself counts with), in the order of $facets, so a
// count is by construction what the live query counts. A work with no key for a facet counts under $unknown.
// Parameters: $facets (names, in the order of the keys), $unknown, $maxParties (the pair facets'), and the start's
//   ($rows or $ids).
// Returns: facet, key, works, citedByCount, openAccessCount.
CYPHER replan=skip
/*START*/
WITH w, [/*KEYS*/] AS perFacet
UNWIND range(0, size($facets) - 1) AS f
UNWIND CASE WHEN size(perFacet[f]) = 0 THEN [null] ELSE perFacet[f] END AS k
WITH $facets[f] AS facet, coalesce(k.key, $unknown) AS key, w
RETURN facet, key, count(w) AS works, sum(coalesce(w.citedByCount, 0)) AS citedByCount,
  sum(CASE WHEN w.isOa THEN 1 ELSE 0 END) AS openAccessCount
