// Readiness probe: proves the database answers a read.
// Parameters: none. Returns: ok.
RETURN 1 AS ok
