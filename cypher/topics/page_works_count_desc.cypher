// A page of all topics matching the filters, ordered by OpenAlex works count (highest first, unknown last), then id.
// Parameters: $nameContains (null for no filter), $afterKey, $afterId (the sort key and id of the row the page starts after; null for the first page), $limit.
// Returns: topic (map), sortKey, one row per topic of the page.
MATCH (t:Topic)
WHERE ($nameContains IS NULL OR toLower(t.name) CONTAINS toLower($nameContains))
WITH t, t.worksCount AS sortKey
WHERE $afterId IS NULL OR CASE WHEN $afterKey IS NULL THEN sortKey IS NULL AND t.id > $afterId
  ELSE sortKey IS NULL OR sortKey < $afterKey OR (sortKey = $afterKey AND t.id > $afterId) END
WITH t, sortKey ORDER BY sortKey IS NULL, sortKey DESC, t.id ASC
LIMIT $limit
WITH t, sortKey, {{topic(t)}} AS topic
RETURN topic {.*, description: t.description, isStub: t.isStub} AS topic, sortKey
