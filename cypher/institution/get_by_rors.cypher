// Institutions by bare ROR id (index institution_ror).
// Parameters: $rors: [bare ror]. Returns: ror, id (one row per ror found; the smallest id if several).
UNWIND $rors AS ror
MATCH (i:Institution {ror: ror})
WITH ror, min(i.id) AS id
RETURN ror, id
