// Every data node (internal labels, which start with "_", excluded) with its labels and properties.
// Parameters: none. Returns: labels, props.
MATCH (n)
WHERE none(label IN labels(n) WHERE label STARTS WITH '_')
RETURN labels(n) AS labels, properties(n) AS props
