// Spend a one-time email token: the account's email becomes verified and the token is gone.
// Parameters: $tokenHash, $now (epoch s). Returns: id (no row for an unknown or expired token).
MATCH (u:User {emailTokenHash: $tokenHash})
WHERE u.emailTokenExpires >= $now
SET u.emailVerified = true
REMOVE u.emailTokenHash, u.emailTokenExpires
RETURN u.id AS id
