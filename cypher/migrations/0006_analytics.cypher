// Funders and publishers (keys), and what the analyst filters and facets look up or search.
// Parameters: none. Returns: nothing. Each statement is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT funder_id IF NOT EXISTS FOR (n:Funder) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT publisher_id IF NOT EXISTS FOR (n:Publisher) REQUIRE n.id IS UNIQUE;
CREATE INDEX work_cited_by IF NOT EXISTS FOR (n:Work) ON (n.citedByCount);
CREATE INDEX work_publication_date IF NOT EXISTS FOR (n:Work) ON (n.publicationDate);
CREATE INDEX author_cited_by IF NOT EXISTS FOR (n:Author) ON (n.citedByCount);
CREATE FULLTEXT INDEX work_text IF NOT EXISTS FOR (n:Work) ON EACH [n.title, n.abstract];
