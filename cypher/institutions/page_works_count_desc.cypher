// A page of all institutions matching the filters, ordered by OpenAlex works count (highest first, unknown last), then id.
// Parameters: $nameContains, $country (each null for no filter), $afterKey, $afterId (the sort key and id of the row the page starts after; null for the first page), $limit.
// Returns: institution (map), sortKey, one row per institution of the page.
MATCH (i:Institution)
WHERE ($nameContains IS NULL OR toLower(i.name) CONTAINS toLower($nameContains))
  AND ($country IS NULL OR i.countryCode = $country)
WITH i, i.worksCount AS sortKey
WHERE $afterId IS NULL OR CASE WHEN $afterKey IS NULL THEN sortKey IS NULL AND i.id > $afterId
  ELSE sortKey IS NULL OR sortKey < $afterKey OR (sortKey = $afterKey AND i.id > $afterId) END
WITH i, sortKey ORDER BY sortKey IS NULL, sortKey DESC, i.id ASC
LIMIT $limit
RETURN {{institution(i)}} AS institution, sortKey
