// One page of each author's coauthors (the other authors named in the author's works), ranked by shared
// works (desc), then the number of shared topics (desc), then name, then id.
// sharedTopics: the topics in both authors' topic sets (topics of any of their works), by name then id.
// The total is a separate count (a cheap walk); the ranking keeps only the page's rows (ORDER BY with
// SKIP/LIMIT, a top-k) instead of sorting, collecting and slicing every coauthor.
// AUTHORED only links an Author to a Work (docs/graph-model.md): the walks skip the label checks.
// As $viewer may see them (docs/privacy.md): none (total 0) when the author's claimant hides the collaborators;
// no shared topics shown when either author hides their topics; a coauthor's hidden ORCID iD is null. The order
// is the graph's, the same for every viewer (the ranking an API process keeps is one per author).
// Parameters: $ids: [author id], $skip: int, $limit: int, $viewer: {id, admin}.
// Returns: ownerId, total, coauthors: [{sharedWorkCount, sharedTopics: [topic map], author: author map}].
UNWIND $ids AS id
MATCH (a:Author {id: id})
WITH id, a, COLLECT { MATCH (claim:Claim {authorId: a.id}) WHERE NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) UNWIND claim.hiddenFields AS hiddenField RETURN hiddenField } AS hidden
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
  RETURN collect(DISTINCT t) AS mine
}
CALL (a, hidden) {
  WITH a WHERE NOT 'COLLABORATORS' IN hidden
  OPTIONAL MATCH (a)-[:AUTHORED]->()<-[:AUTHORED]-(b)
  WHERE b <> a
  RETURN count(DISTINCT b) AS total
}
CALL (a, mine, hidden) {
  WITH a WHERE NOT 'COLLABORATORS' IN hidden
  OPTIONAL MATCH (a)-[:AUTHORED]->(w)<-[:AUTHORED]-(b)
  WHERE b <> a
  WITH b, count(DISTINCT w) AS shared
  WHERE b IS NOT NULL
  // An author whose works carry no topic shares none: the topic walk is skipped for every coauthor.
  WITH b, shared, CASE WHEN size(mine) = 0 THEN [] ELSE COLLECT {
    MATCH (b)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
    WHERE t IN mine
    WITH DISTINCT t
    ORDER BY t.name ASC, t.id ASC
    RETURN t
  } END AS sharedTopics
  ORDER BY shared DESC, size(sharedTopics) DESC, b.name ASC, b.id ASC
  SKIP $skip LIMIT $limit
  WITH b, shared, sharedTopics, COLLECT { MATCH (claim:Claim {authorId: b.id}) WHERE NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) UNWIND claim.hiddenFields AS hiddenField RETURN hiddenField } AS theirs
  RETURN collect({
    sharedWorkCount: shared,
    sharedTopics: CASE WHEN 'TOPICS' IN hidden OR 'TOPICS' IN theirs THEN []
      ELSE [t IN sharedTopics | t {.id, .name, .subfield, .field, .domain, .worksCount}] END,
    author: b {.id, .name, .worksCount, .citedByCount, .hIndex, .isStub,
      orcid: CASE WHEN 'ORCID' IN theirs THEN null ELSE b.orcid END}
  }) AS coauthors
}
RETURN id AS ownerId, total, coauthors
