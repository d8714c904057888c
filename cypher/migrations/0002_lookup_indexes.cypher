// Lookup indexes for the alternate keys and the filters the API offers.
// Parameters: none. Returns: nothing. Each statement is idempotent (IF NOT EXISTS).
CREATE INDEX author_orcid IF NOT EXISTS FOR (n:Author) ON (n.orcid);
CREATE INDEX work_doi IF NOT EXISTS FOR (n:Work) ON (n.doi);
CREATE INDEX work_year IF NOT EXISTS FOR (n:Work) ON (n.year);
CREATE INDEX institution_ror IF NOT EXISTS FOR (n:Institution) ON (n.ror);
CREATE INDEX institution_country IF NOT EXISTS FOR (n:Institution) ON (n.countryCode);
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
  FOR (n:Author|Work|Topic|Institution) ON EACH [n.name, n.title];
