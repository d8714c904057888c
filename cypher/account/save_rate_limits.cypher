// Store the new state of rate-limit keys locked earlier in the same transaction (lock_rate_limits).
// Parameters: $updates: [{key, events: [seconds], notBefore: seconds, expiresAt: seconds}].
// Returns: nothing.
UNWIND $updates AS u
MATCH (k:_RateLimit {key: u.key})
SET k.events = u.events, k.notBefore = u.notBefore, k.expiresAt = u.expiresAt
