// Rate limits shared by every API process: `_RateLimit {key}` is one limited key with its recent events;
// `_RateLimitShard {n}` (256 of them, never deleted) is the lock a check and a sweep take before touching the
// keys of that shard. The constraints make the MERGEs that create either race-free; the index finds expired keys.
// Parameters: none. Returns: nothing. Each statement is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT rate_limit_key IF NOT EXISTS FOR (n:_RateLimit) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT rate_limit_shard IF NOT EXISTS FOR (n:_RateLimitShard) REQUIRE n.n IS UNIQUE;
CREATE INDEX rate_limit_expires IF NOT EXISTS FOR (n:_RateLimit) ON (n.expiresAt);
