// How many funders match the filters. Parameters: $nameContains, $country (each null for no filter).
// Returns: total.
MATCH (n:Funder)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($country IS NULL OR n.countryCode = $country)
RETURN count(n) AS total
