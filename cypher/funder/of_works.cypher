// The funders of each work, with the award ids the work names for each, by funder name then id.
// Parameters: $ids: [work id]. Returns: workId, funders: [{awardIds, funder: funder map}].
UNWIND $ids AS id
MATCH (w:Work {id: id})
RETURN id AS workId, COLLECT {
  MATCH (w)-[r:FUNDED_BY]->(f:Funder)
  WITH r, f ORDER BY f.name IS NULL, f.name, f.id
  RETURN {awardIds: coalesce(r.awardIds, []), funder: f {.id, .name, .countryCode, .description, .ror, .worksCount,
    .citedByCount, .awardsCount, .hIndex, .isStub}}
} AS funders
