// How many institutions match the filters (run only when totalCount is asked).
// Parameters: $nameContains, $country (each null for no filter). Returns: total.
MATCH (i:Institution)
WHERE ($nameContains IS NULL OR toLower(i.name) CONTAINS toLower($nameContains))
  AND ($country IS NULL OR i.countryCode = $country)
RETURN count(i) AS total
