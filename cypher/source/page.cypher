// A page of the sources matching the filters, by the sort key `/*KEY*/` names (a piece of listing_orders.cypher:
// sources hold no OpenAlex counts, so only NAME_ASC), those without one last, ties by id; keyset paged as
// works_page. Parameters: $nameContains, $country, $searchIds (the ids a `search` found:
// cypher/analytics/search_organizations.cypher; each null for no filter), $desc, $afterKey, $afterId (null for the
// first page), $limit. Returns: source (map), one row per source of the page.
MATCH (n:Source)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($searchIds IS NULL OR n.id IN $searchIds)
  AND ($country IS NULL OR n.countryCode = $country)
WITH n, /*KEY*/ AS sortKey
WHERE $afterId IS NULL OR CASE WHEN $afterKey IS NULL THEN sortKey IS NULL AND n.id > $afterId
  ELSE sortKey IS NULL OR (CASE WHEN $desc THEN sortKey < $afterKey ELSE sortKey > $afterKey END)
    OR (sortKey = $afterKey AND n.id > $afterId) END
WITH n, sortKey
ORDER BY sortKey IS NULL, CASE WHEN $desc THEN sortKey END DESC, CASE WHEN $desc THEN null ELSE sortKey END ASC, n.id ASC
LIMIT $limit
WITH n, sortKey, {{source(n)}} AS source
RETURN source {.*, sortKey: sortKey, isStub: n.isStub} AS source
