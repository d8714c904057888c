// The ledger: a run finished, its batch records are no longer needed (the next run starts afresh); so are
// those of runs abandoned long ago (killed and never re-run: their newest entry is older than $staleDays).
// Parameters: $run: run id, $staleDays: days. Returns: nothing.
MATCH (b:_ImportBatch)
WITH b.run AS run, collect(b) AS batches, max(b.at) AS newest
WHERE run = $run OR newest IS NULL OR newest < datetime() - duration({days: $staleDays})
UNWIND batches AS b
DELETE b
