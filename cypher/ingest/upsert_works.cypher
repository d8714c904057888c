// Upsert works; a record older than the stored one is skipped (never overwrites newer data).
// Parameters: $rows: [{id, updatedDate, props}]. Returns one row per accepted work: id, created.
UNWIND $rows AS row
MERGE (w:Work {id: row.id})
ON CREATE SET w._created = true
WITH w, row
WHERE w._created OR w.updatedDate IS NULL OR row.updatedDate IS NULL OR w.updatedDate <= row.updatedDate
WITH w, row, coalesce(w._created, false) AS created
SET w += row.props
REMOVE w._created
RETURN w.id AS id, created
