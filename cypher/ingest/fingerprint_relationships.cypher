// Every relationship between data nodes, with its type, the ids of its ends and its properties.
// Parameters: none. Returns: type, start, end, props.
MATCH (a)-[r]->(b)
WHERE none(label IN labels(a) + labels(b) WHERE label STARTS WITH '_')
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
