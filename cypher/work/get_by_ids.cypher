// Works by id, for the work DataLoader.
// Parameters: $ids: [work id]. Returns: work (map), one row per id found.
UNWIND $ids AS id
MATCH (w:Work {id: id})
RETURN w {.id, .title, .type, .year, .doi, .citedByCount, .abstract, .language} AS work
