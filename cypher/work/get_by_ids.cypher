// Works by id, for the work DataLoader, with the venue (the source of the primary location).
// Parameters: $ids: [work id]. Returns: work (map incl. venue: source map or null), one row per id found.
UNWIND $ids AS id
MATCH (w:Work {id: id})
WITH w, {{work(w)}} AS work
RETURN work {.*, publicationDate: w.publicationDate, abstract: w.abstract, isRetracted: w.isRetracted,
  referencedWorksCount: w.referencedWorksCount} AS work
