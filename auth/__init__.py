"""Accounts' security primitives: passwords, access tokens, OIDC id_tokens, rate limits, mail.

Nothing here knows GraphQL or Cypher; resolvers combine these with the graph.
"""
