// The second step of a sweep: lock the shards of the keys found expired (ascending, as checks do), then
// delete those keys that are still expired: a check that recorded an event meanwhile has moved the expiry on,
// and one that comes later waits for these locks and then creates its key anew.
// Parameters: $shards: sorted shard numbers, $keys: keys. Returns: deleted.
UNWIND $shards AS n
MERGE (s:_RateLimitShard {n: n})
SET s.sweptAt = timestamp()
WITH count(*) AS locked
MATCH (k:_RateLimit)
WHERE k.key IN $keys AND k.expiresAt < datetime.realtime().epochMillis / 1000.0
DELETE k
RETURN count(k) AS deleted
