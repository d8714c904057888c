// Lock rate-limit keys for the rest of the transaction and read their events (the first step of every check).
// The SET takes each node's write lock before its events are read, so transactions checking the same key run
// one after another (in any process) and cannot both take its last free slot. Keys are locked in the order
// given (callers sort them, so two transactions never wait on each other in a cycle). Times are the database
// server's clock, in seconds, so every API process agrees on them.
// Parameters: $keys: [{key: digest, window: seconds}]. Returns: one row per key, in order: key,
// events (times within the window, oldest first), notBefore (0.0 when unset), now.
UNWIND $keys AS spec
MERGE (k:_RateLimit {key: spec.key})
  ON CREATE SET k.expiresAt = 0.0
SET k.lockedAt = timestamp()
WITH k, spec, timestamp() / 1000.0 AS now
RETURN
  spec.key AS key,
  [t IN coalesce(k.events, []) WHERE t > now - spec.window] AS events,
  coalesce(k.notBefore, 0.0) AS notBefore,
  now
