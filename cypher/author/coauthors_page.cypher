// One page of each author's coauthors (the other authors named in the author's works), ranked by shared
// works (desc), then the number of shared topics (desc), then name, then id.
// sharedTopics: the topics in both authors' topic sets (topics of any of their works), by name then id.
// The total is a separate count (a cheap walk); the ranking (fragments/coauthor_ranking, as the profile's) keeps
// only the page's rows (ORDER BY with SKIP/LIMIT, a top-k) instead of sorting, collecting and slicing every coauthor,
// and lists the shared topics of those rows only.
// As $viewer may see them (docs/privacy.md): none (total 0) when the author's claimant hides the collaborators;
// no shared topics shown when either author hides their topics; a coauthor's hidden ORCID iD is null. The order
// is the graph's, the same for every viewer (the ranking an API process keeps is one per author).
// Parameters: $ids: [author id], $skip: int, $limit: int, $viewer: {id, admin}.
// Returns: ownerId, total, coauthors: [{sharedWorkCount, sharedTopics: [topic map], author: author map}].
UNWIND $ids AS id
MATCH (a:Author {id: id})
WITH id, a, {{hidden_fields(a)}} AS hidden
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
  {{coauthor_ranking(a, mine)}}
  SKIP $skip LIMIT $limit
  WITH b, shared, {{hidden_fields(b)}} AS theirs
  RETURN collect({
    sharedWorkCount: shared,
    sharedTopics: CASE WHEN 'TOPICS' IN hidden OR 'TOPICS' IN theirs THEN [] ELSE {{shared_topics(b, mine)}} END,
    author: {{author(b, 'ORCID' IN theirs)}}
  }) AS coauthors
}
RETURN id AS ownerId, total, coauthors
