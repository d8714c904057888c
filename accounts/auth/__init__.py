"""Accounts' security primitives: passwords, access tokens, OIDC id_tokens, rate limits, mail.

Nothing here knows GraphQL; resolvers combine these with the graph. The rate limits keep their state in
Neo4j (shared by every API process) through the named queries in cypher/account/.
"""
