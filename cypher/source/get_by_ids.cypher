// Sources by id, for the source DataLoader.
// Parameters: $ids: [source id]. Returns: source (map), one row per id found.
UNWIND $ids AS id
MATCH (s:Source {id: id})
WITH s, {{source(s)}} AS source
RETURN source {.*, isStub: s.isStub} AS source
