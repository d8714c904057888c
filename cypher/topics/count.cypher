// How many topics match the filters (run only when totalCount is asked).
// Parameters: $nameContains (null for no filter). Returns: total.
MATCH (t:Topic)
WHERE ($nameContains IS NULL OR toLower(t.name) CONTAINS toLower($nameContains))
RETURN count(t) AS total
