// The authors a user follows, most recent first, one page.
// Parameters: $userId, $skip, $limit. Returns: total, authors (list of maps with `since`).
OPTIONAL MATCH (:User {id: $userId})-[f:FOLLOWS]->(a:Author)
WITH a, f ORDER BY f.since DESC, a.id
WITH collect(a {.id, .name, .orcid, since: f.since}) AS items
RETURN size(items) AS total, items[$skip..$skip + $limit] AS authors
