// A page of all topics matching the filters, ordered by OpenAlex works count (highest first), then id.
// Parameters: $nameContains (null for no filter), $skip, $limit.
// Returns: topic (map), one row per topic of the page.
MATCH (t:Topic)
WHERE ($nameContains IS NULL OR toLower(t.name) CONTAINS toLower($nameContains))
WITH t ORDER BY t.worksCount DESC, t.id ASC
SKIP $skip LIMIT $limit
WITH t, {{topic(t)}} AS topic
RETURN topic {.*, description: t.description, isStub: t.isStub} AS topic
