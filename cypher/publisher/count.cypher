// How many publishers match the filters. Parameters: $nameContains, $country, $searchIds (the ids a `search` found: search_organizations.cypher; each null for no filter).
// Returns: total.
MATCH (n:Publisher)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($searchIds IS NULL OR n.id IN $searchIds)
  AND ($country IS NULL OR $country IN coalesce(n.countryCodes, []))
RETURN count(n) AS total
