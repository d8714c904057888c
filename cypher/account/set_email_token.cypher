// Give an unverified account a new one-time email token (replacing any earlier one).
// Parameters: $userId, $tokenHash, $tokenExpires (epoch s). Returns: email (no row if already verified).
MATCH (u:User {id: $userId})
WHERE NOT u.emailVerified
SET u.emailTokenHash = $tokenHash, u.emailTokenExpires = $tokenExpires
RETURN u.email AS email
