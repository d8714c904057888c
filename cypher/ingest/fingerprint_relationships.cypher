// One chunk of the relationships between data nodes: those whose internal id is in [$from, $to), with their
// type, the ids of their ends and their properties (an id seek; each chunk is its own short transaction).
// Parameters: $from, $to: internal relationship ids. Returns: type, start, end, props.
MATCH (a)-[r]->(b)
WHERE id(r) IN range($from, $to - 1) AND none(label IN labels(a) + labels(b) WHERE label STARTS WITH '_')
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
