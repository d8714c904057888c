// Which of these work records upsert_works.cypher would write (created or updated): the same updated_date rule,
// read only. The stubs those records name are merged by a short transaction of their own before the batch's
// (ingest/stubs.py). Parameters: $rows: [{id, updatedDate, hash}]. Returns: ids (one row).
UNWIND $rows AS row
OPTIONAL MATCH (old:Work {id: row.id})
WITH row, old
WHERE old IS NULL OR old.isStub
  OR coalesce(old.updatedDate, '') < coalesce(row.updatedDate, '')
  OR (coalesce(old.updatedDate, '') = coalesce(row.updatedDate, '') AND NOT coalesce(old.sourceHash = row.hash, false))
RETURN collect(row.id) AS ids
