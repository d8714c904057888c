"""GraphQL types and fields of the accounts domain (accounts/): viewer, follows, claims, profiles, invitations."""
