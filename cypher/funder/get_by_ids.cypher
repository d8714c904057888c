// Funders by id (stubs included: known only from works' funders and grants).
// Parameters: $ids: [funder id]. Returns: funder (map), one row per id found.
UNWIND $ids AS id
MATCH (f:Funder {id: id})
RETURN f {.id, .name, .countryCode, .description, .ror, .worksCount, .citedByCount, .awardsCount, .hIndex, .isStub,
  graphWorksCount: COUNT { (f)<-[:FUNDED_BY]-(:Work) }} AS funder
