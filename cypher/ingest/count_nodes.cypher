// How many nodes the graph holds (used to decide whether the sample needs loading).
// Parameters: none. Returns: nodes.
MATCH (n) WHERE n:Work OR n:Author RETURN count(n) AS nodes
