// Lock rate-limit keys for the rest of the transaction and read their events (the first step of every check).
// Each key's shard node is locked (SET) before the key is merged and read, so transactions checking the same
// key run one after another (in any process) and cannot both take its last free slot, and a sweep (which
// takes the same shard lock) cannot delete a key under a check. Callers sort the keys, which sorts their
// shards: two transactions never wait on each other in a cycle. Times are the database server's clock, in
// seconds, so every API process agrees on them; `now` is read after the locks (realtime: the statement's start
// is earlier than the events of a transaction this one waited for).
// Parameters: $keys: [{key: digest, shard: 0-255, window: seconds}]. Returns: one row per key, in order: key,
// events (times within the window, oldest first), notBefore (0.0 when unset), now.
UNWIND $keys AS spec
MERGE (s:_RateLimitShard {n: spec.shard})
SET s.lockedAt = timestamp()
MERGE (k:_RateLimit {key: spec.key})
  ON CREATE SET k.expiresAt = 0.0
WITH k, spec, datetime.realtime().epochMillis / 1000.0 AS now
RETURN
  spec.key AS key,
  [t IN coalesce(k.events, []) WHERE t > now - spec.window] AS events,
  coalesce(k.notBefore, 0.0) AS notBefore,
  now
