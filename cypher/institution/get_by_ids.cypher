// Institutions by id, for the institution DataLoader.
// Parameters: $ids: [institution id]. Returns: institution (map), one row per id found.
UNWIND $ids AS id
MATCH (i:Institution {id: id})
RETURN {{institution(i)}} AS institution
