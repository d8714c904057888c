// Delete up to $batch rate-limit keys whose events have all expired. Each node is locked (SET) and its expiry
// read again before it is deleted: a check that locked the key meanwhile and recorded an event keeps it.
// Parameters: $batch. Returns: deleted.
MATCH (k:_RateLimit)
WHERE k.expiresAt < timestamp() / 1000.0
WITH k LIMIT $batch
SET k.sweptAt = timestamp()
WITH k
WHERE k.expiresAt < timestamp() / 1000.0
DELETE k
RETURN count(*) AS deleted
