// Create an account (the email's uniqueness constraint refuses a second account for one address).
// Parameters: $id, $email, $displayName, $passwordHash, $tokenHash, $tokenExpires (epoch s), $now (ISO).
// Returns: id.
CREATE (u:User {
  id: $id,
  email: $email,
  displayName: $displayName,
  passwordHash: $passwordHash,
  emailVerified: false,
  emailTokenHash: $tokenHash,
  emailTokenExpires: $tokenExpires,
  createdAt: $now
})
RETURN u.id AS id
