// Institutions matching the filters (those of the institutions listing) counted by one facet (institutionsGroupBy):
// `/*FACET*/` is a piece of institution_facets.cypher. Groups as in works_group_by.cypher.
// Parameters: $nameContains, $country (each null for no filter), $includeUnknown, $byKey, $first.
// Returns: totalCount, groups: [{key, label, count, citedByCount (null: not on record)}], at most $first.
MATCH (i:Institution)
WHERE ($nameContains IS NULL OR toLower(i.name) CONTAINS toLower($nameContains))
  AND ($country IS NULL OR i.countryCode = $country)
WITH i, /*FACET*/ AS keys
UNWIND CASE WHEN size(keys) = 0 THEN [null] ELSE keys END AS k
WITH k.key AS key, k.label AS label, i
WITH key, min(label) AS label, count(i) AS count
ORDER BY CASE WHEN $byKey THEN 0 ELSE -count END, key IS NULL, key
WITH collect({key: key, label: label, count: count, citedByCount: null}) AS groups
WITH [g IN groups WHERE g.key IS NOT NULL OR $includeUnknown] AS groups
RETURN size(groups) AS totalCount, groups[0..$first] AS groups
