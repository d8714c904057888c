// How many sources match the filters. Parameters: $nameContains, $country, $searchIds (each null for no filter).
// Returns: total.
MATCH (n:Source)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($searchIds IS NULL OR n.id IN $searchIds)
  AND ($country IS NULL OR n.countryCode = $country)
RETURN count(n) AS total
