"""The accounts domain: who the viewer is, what an account may do, and the social side of authors.

- `auth/`: security primitives (passwords, access tokens, ORCID id_tokens, mail, rate limits and login throttling,
  the lazily resolved viewer); nothing there knows GraphQL.
- `registration.py`, `follows.py`, `claims.py`, `profile.py`, `invitations.py`: the rules of each action and its
  writes (one managed write transaction each, `db.py`).
- `trust.py` and `social.py`: the trust score and the social side of an author, read from the author facts.
Their Cypher is `cypher/account/` (named queries, as every query of the API); their GraphQL types `schema/accounts/`.
"""
