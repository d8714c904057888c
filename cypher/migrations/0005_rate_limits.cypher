// Rate limits shared by every API process (`_RateLimit {key}`: one node per limited key, holding its recent
// events): the constraint makes the MERGE that creates a key race-free, the index finds expired keys to delete.
// Parameters: none. Returns: nothing. Each statement is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT rate_limit_key IF NOT EXISTS FOR (n:_RateLimit) REQUIRE n.key IS UNIQUE;
CREATE INDEX rate_limit_expires IF NOT EXISTS FOR (n:_RateLimit) ON (n.expiresAt);
