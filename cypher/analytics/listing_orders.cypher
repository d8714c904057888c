// The sort key of each order of the funders and publishers listings (EntityOrder) over `n`, for their page queries;
// whether it runs highest first is the order's (resolvers/analytics.py, DESCENDING).
// piece: NAME_ASC
n.name
// piece: WORKS_COUNT_DESC
n.worksCount
// piece: CITED_BY_DESC
n.citedByCount
