// The authors a user follows, most recent first, one page.
// An author is as $viewer may see them (docs/privacy.md): a hidden ORCID iD is null.
// Parameters: $userId, $skip, $limit, $viewer: {id, admin}. Returns: total, authors (list of maps with `since`).
OPTIONAL MATCH (:User {id: $userId})-[f:FOLLOWS]->(a:Author)
WITH a, f ORDER BY f.since DESC, a.id
WITH collect(a {.id, .name, since: f.since,
  orcid: CASE WHEN EXISTS { MATCH (claim:Claim {authorId: a.id}) WHERE 'ORCID' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) } THEN null ELSE a.orcid END}) AS items
RETURN size(items) AS total, items[$skip..$skip + $limit] AS authors
