// Works matching a filter counted by one facet (worksGroupBy). `/*MATCH*/` (where the reading starts:
// work_anchors.cypher), `/*FILTER*/` and `/*FACET*/` are replaced by a
// compiled WorkFilter predicate (work_predicates.cypher), one facet expression and its label (work_facets.cypher): pieces of
// this folder chosen by the filter's structure and the facet enum, their values parameters.
// A work counts once in each of its keys; works with no key form the one null group, returned only when
// $includeUnknown. Order: count (highest first) then key, or key alone ($byKey); nulls last.
// Parameters: the filter's $f0 ..., $includeUnknown, $byKey, $first.
// Returns: totalCount (groups in all), groups: [{key, label, count, citedByCount (sum over the group's works),
//   openAccessCount}], at most $first.
/*MATCH*/
WHERE /*FILTER*/
WITH w, /*FACET*/ AS keys
UNWIND CASE WHEN size(keys) = 0 THEN [null] ELSE keys END AS k
WITH k.key AS key, k.label AS label, w
WITH key, min(label) AS label, count(w) AS count, sum(coalesce(w.citedByCount, 0)) AS citedByCount,
  sum(CASE WHEN w.isOa THEN 1 ELSE 0 END) AS openAccessCount
ORDER BY CASE WHEN $byKey THEN 0 ELSE -count END, key IS NULL, key
WITH collect({key: key, label: label, count: count, citedByCount: citedByCount,
  openAccessCount: openAccessCount}) AS groups
WITH [g IN groups WHERE g.key IS NOT NULL OR $includeUnknown] AS groups
RETURN size(groups) AS totalCount, [g IN groups[0..$first] | g {.*, label: /*LABEL*/}] AS groups
