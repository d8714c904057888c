// A page of all institutions matching the filters, ordered by OpenAlex works count (highest first, unknown last), then id.
// Parameters: $nameContains, $country (each null for no filter), $skip, $limit.
// Returns: institution (map), one row per institution of the page.
MATCH (i:Institution)
WHERE ($nameContains IS NULL OR toLower(i.name) CONTAINS toLower($nameContains))
  AND ($country IS NULL OR i.countryCode = $country)
WITH i ORDER BY i.worksCount IS NULL, i.worksCount DESC, i.id ASC
SKIP $skip LIMIT $limit
RETURN i {.id, .name, .countryCode, .ror, .type, .worksCount, .isStub} AS institution
