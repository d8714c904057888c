// The authors a user follows, most recent first, one page.
// An author is as $viewer may see them (docs/privacy.md): a hidden ORCID iD is null.
// Parameters: $userId, $skip, $limit, $viewer: {id, admin}. Returns: total, authors (list of maps with `since`).
MATCH (:User {id: $userId})-[f:FOLLOWS]->(a:Author)
WITH a, f ORDER BY f.since DESC, a.id
WITH collect({since: f.since, author: {{author(a, {{hides(a, 'ORCID')}})}}}) AS items
RETURN size(items) AS total, items[$skip..$skip + $limit] AS authors
