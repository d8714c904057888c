// The ledger: record, in the batch's own transaction, that a batch of an import run is written (and when).
// Parameters: $run: run id, $key: batch key. Returns: nothing.
CYPHER replan=skip
CREATE (:_ImportBatch {run: $run, key: $key, at: datetime()})
