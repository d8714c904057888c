// Whether the database holds any node at all (a bulk load replaces the whole store: only an empty one is taken).
// Parameters: none. Returns: found (boolean).
RETURN EXISTS { MATCH (n) } AS found
