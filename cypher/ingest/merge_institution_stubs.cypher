// Institutions named inside other records; a full institution record fills them in later.
// Parameters: $rows: [{id, name, countryCode, ror, type}]. Returns: nothing.
UNWIND $rows AS row
MERGE (i:Institution {id: row.id})
ON CREATE SET i += row, i.isStub = true
