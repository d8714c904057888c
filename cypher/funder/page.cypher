// A page of the funders matching the filters, in the order `/*ORDER*/` names (a piece of listing_orders.cypher).
// Parameters: $nameContains, $country (each null for no filter), $skip, $limit.
// Returns: funder (map), one row per funder of the page.
MATCH (n:Funder)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($country IS NULL OR n.countryCode = $country)
WITH n ORDER BY /*ORDER*/
SKIP $skip LIMIT $limit
RETURN n {.id, .name, .countryCode, .description, .ror, .worksCount, .citedByCount, .awardsCount, .hIndex, .isStub,
  graphWorksCount: COUNT { (n)<-[:FUNDED_BY]-(:Work) }} AS funder
