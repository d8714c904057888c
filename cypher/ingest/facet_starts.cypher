// The works facet_contributions.cypher reads, ending with `w`. Sections start with "// piece: <name>".
// written: the stored works a batch's upsert_works.cypher is about to write (created over a stub, or updated:
// its rule, read before it runs), $rows: [{id, updatedDate, hash}]; ids: $ids; all: every work.
// piece: written
UNWIND $rows AS row
MATCH (w:Work {id: row.id})
WHERE coalesce(w.isStub, false) OR NOT (
  coalesce(w.updatedDate, '') > coalesce(row.updatedDate, '')
  OR (coalesce(w.updatedDate, '') = coalesce(row.updatedDate, '') AND coalesce(w.sourceHash = row.hash, false)))
// piece: ids
UNWIND $ids AS id
MATCH (w:Work {id: id})
// piece: all
MATCH (w:Work)
