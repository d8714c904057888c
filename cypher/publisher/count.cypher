// How many publishers match the filters. Parameters: $nameContains, $country (each null for no filter).
// Returns: total.
MATCH (n:Publisher)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($country IS NULL OR $country IN coalesce(n.countryCodes, []))
RETURN count(n) AS total
