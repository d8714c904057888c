// One chunk of the data nodes (internal labels, which start with "_", excluded) with their labels and
// properties: those whose internal id is in [$from, $to) (an id seek; each chunk is its own short transaction), as
// one record (a record per node cost the driver ~50 us each: ingest/fingerprint.py).
// Parameters: $from, $to: internal node ids. Returns: rows, [[labels, props]].
MATCH (n)
WHERE id(n) IN range($from, $to - 1) AND none(label IN labels(n) WHERE label STARTS WITH '_')
RETURN collect([labels(n), properties(n)]) AS rows
