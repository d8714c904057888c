// The sort key of each order of the works listing (WorkOrder), for works_page.cypher; whether it runs highest first
// is the order's (resolvers/analytics.py, DESCENDING). Sections start with "// piece: <name>".
// piece: YEAR_DESC
w.year
// piece: CITED_BY_DESC
w.citedByCount
// piece: TITLE_ASC
w.title
// piece: PUBLICATION_DATE_DESC
w.publicationDate
