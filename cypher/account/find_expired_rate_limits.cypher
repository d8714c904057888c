// The first step of a sweep: up to $batch rate-limit keys whose events have all expired (read, not locked).
// Parameters: $batch. Returns: key.
MATCH (k:_RateLimit)
WHERE k.expiresAt < timestamp() / 1000.0
RETURN k.key AS key
LIMIT $batch
