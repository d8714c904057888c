// One chunk of the data nodes (internal labels, which start with "_", excluded) with their labels and
// properties: those whose internal id is in [$from, $to) (an id seek; each chunk is its own short transaction).
// Parameters: $from, $to: internal node ids. Returns: labels, props.
MATCH (n)
WHERE id(n) IN range($from, $to - 1) AND none(label IN labels(n) WHERE label STARTS WITH '_')
RETURN labels(n) AS labels, properties(n) AS props
