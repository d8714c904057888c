// Wait until every index is online (new ones are populated in the background); fails after $seconds.
// Parameters: seconds (integer). Returns: nothing.
CALL db.awaitIndexes($seconds)
