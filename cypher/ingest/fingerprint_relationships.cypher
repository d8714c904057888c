// One chunk of the relationships between data nodes: those whose internal id is in [$from, $to), with their
// type, the ids of their ends and their properties (an id seek; each chunk is its own short transaction), as one
// record (a record per relationship cost the driver ~50 us each: ingest/fingerprint.py).
// Parameters: $from, $to: internal relationship ids. Returns: rows, [[type, start, end, props]].
MATCH (a)-[r]->(b)
WHERE id(r) IN range($from, $to - 1) AND none(label IN labels(a) + labels(b) WHERE label STARTS WITH '_')
RETURN collect([type(r), a.id, b.id, properties(r)]) AS rows
