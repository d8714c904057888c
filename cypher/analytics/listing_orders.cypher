// The orders of the funders and publishers listings (EntityOrder) over `n`: nulls last, then ties by id.
// piece: NAME_ASC
n.name IS NULL, n.name ASC, n.id ASC
// piece: WORKS_COUNT_DESC
n.worksCount IS NULL, n.worksCount DESC, n.id ASC
// piece: CITED_BY_DESC
n.citedByCount IS NULL, n.citedByCount DESC, n.id ASC
