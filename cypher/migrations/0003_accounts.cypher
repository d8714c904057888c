// Accounts: one claim per author (the claim race is decided by this constraint), lookups.
// Parameters: none. Returns: nothing. Each statement is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT claim_author IF NOT EXISTS FOR (n:Claim) REQUIRE n.authorId IS UNIQUE;
CREATE CONSTRAINT invitation_id IF NOT EXISTS FOR (n:Invitation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_event_id IF NOT EXISTS FOR (n:ClaimEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX user_email_token IF NOT EXISTS FOR (n:User) ON (n.emailTokenHash);
CREATE INDEX claim_event_author IF NOT EXISTS FOR (n:ClaimEvent) ON (n.authorId);
