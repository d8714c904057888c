// The orders of the works listing (WorkOrder), for works_page.cypher: nulls last, then ties by id.
// piece: YEAR_DESC
w.year IS NULL, w.year DESC, w.id ASC
// piece: CITED_BY_DESC
w.citedByCount IS NULL, w.citedByCount DESC, w.id ASC
// piece: TITLE_ASC
w.title IS NULL, w.title ASC, w.id ASC
// piece: PUBLICATION_DATE_DESC
w.publicationDate IS NULL, w.publicationDate DESC, w.id ASC
