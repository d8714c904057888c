// A page of all topics matching the filters, ordered by OpenAlex works count (highest first, unknown last), then id.
// Parameters: $nameContains (null for no filter), $skip, $limit.
// Returns: topic (map), one row per topic of the page.
MATCH (t:Topic)
WHERE ($nameContains IS NULL OR toLower(t.name) CONTAINS toLower($nameContains))
WITH t ORDER BY t.worksCount IS NULL, t.worksCount DESC, t.id ASC
SKIP $skip LIMIT $limit
RETURN t {.id, .name, .description, .subfield, .field, .domain, .worksCount, .isStub} AS topic
