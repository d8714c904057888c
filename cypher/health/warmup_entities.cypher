// The entities the plan warmer replays the explorer's operations on: one author with a work (any will do; the
// plans are what matter, not the answers) and a word of that work's title for the search.
// Parameters: none. Returns: author, work, title (one row, or none in an empty graph).
MATCH (a:Author)-[:AUTHORED]->(w:Work)
WHERE w.title IS NOT NULL
RETURN a.id AS author, w.id AS work, w.title AS title
LIMIT 1
