// The credentials of an account by email, for login.
// Parameters: $email. Returns: id, passwordHash (no row when there is no such account).
MATCH (u:User {email: $email})
RETURN u.id AS id, u.passwordHash AS passwordHash
