// Works by id, for the work DataLoader, with the venue (the source of the primary location).
// Parameters: $ids: [work id]. Returns: work (map incl. venue: source map or null), one row per id found.
UNWIND $ids AS id
MATCH (w:Work {id: id})
RETURN w {
  .id, .title, .type, .year, .publicationDate, .doi, .citedByCount, .abstract, .language, .isOa, .oaStatus,
  .oaUrl, .isRetracted, .referencedWorksCount, .mergedIds,
  venue: [(w)-[:PUBLISHED_IN]->(s:Source) | s {.id, .name, .issnL, .type, .countryCode}][0]
} AS work
