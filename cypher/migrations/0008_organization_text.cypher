// Full-text search over the names of sources, funders and publishers (the `search` filter of their listings,
// cypher/analytics/search_organizations.cypher). Parameters: none. Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE FULLTEXT INDEX organization_text IF NOT EXISTS FOR (n:Source|Funder|Publisher) ON EACH [n.name];
