// A page of all institutions matching the filters, ordered by name, then id.
// Parameters: $nameContains, $country (each null for no filter), $skip, $limit.
// Returns: institution (map), one row per institution of the page.
MATCH (i:Institution)
WHERE ($nameContains IS NULL OR toLower(i.name) CONTAINS toLower($nameContains))
  AND ($country IS NULL OR i.countryCode = $country)
WITH i ORDER BY i.name ASC, i.id ASC
SKIP $skip LIMIT $limit
RETURN {{institution(i)}} AS institution
