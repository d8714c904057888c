// The ledger: a run finished, its batch records are no longer needed (the next run starts afresh).
// Parameters: $run: run id. Returns: nothing.
MATCH (b:_ImportBatch {run: $run})
DELETE b
