// Publishers by id (stubs included: known only from sources' host organizations and lineages), each with its
// lineage (itself, then the publishers above it, nearest first) and its parent.
// Parameters: $ids: [publisher id]. Returns: publisher (map), one row per id found.
UNWIND $ids AS id
MATCH (p:Publisher {id: id})
RETURN p {.id, .name, countryCodes: coalesce(p.countryCodes, []), .hierarchyLevel, .ror, .worksCount, .citedByCount, .hIndex, .isStub,
  parentId: [(p)-[:PART_OF]->(up:Publisher) | up.id][0],
  graphWorksCount: COUNT { (p)<-[:PUBLISHED_BY]-(:Source)<-[:PUBLISHED_IN]-(:Work) },
  sourceIds: [(p)<-[:PUBLISHED_BY]-(s:Source) | s.id]} AS publisher
