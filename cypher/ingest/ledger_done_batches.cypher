// The ledger: the batches of an import run that are already written.
// Parameters: $run: run id. Returns: key.
MATCH (b:_ImportBatch {run: $run})
RETURN b.key AS key
