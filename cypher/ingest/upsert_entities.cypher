// Upsert full records of one simple kind (institution, source, topic, concept), chosen by $label, which
// the caller takes from a fixed set. Older records never overwrite newer ones.
// Parameters: $label: one of Institution|Source|Topic|Concept, $rows: [{id, updatedDate, props}].
// Returns: id, created.
UNWIND $rows AS row
MERGE (n:$($label) {id: row.id})
ON CREATE SET n._created = true
WITH n, row
WHERE n._created OR n.updatedDate IS NULL OR row.updatedDate IS NULL OR n.updatedDate <= row.updatedDate
WITH n, row, coalesce(n._created, false) AS created
SET n += row.props
REMOVE n._created
RETURN n.id AS id, created
