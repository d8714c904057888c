// Sources by id, for the source DataLoader.
// Parameters: $ids: [source id]. Returns: source (map), one row per id found.
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s {.id, .name, .issnL, .type, .countryCode, .isStub} AS source
