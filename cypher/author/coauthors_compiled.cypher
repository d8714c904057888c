// One page of an author's coauthors with the total, for the compiled Coauthors path (schema/compiled.py): the
// answer of profile.cypher's coauthor parts (the author row's id, coauthorsTotal, coauthors) for an author with
// fewer than $rankingMin coauthors, in one walk of the coauthors instead of two. The ranking is the one of
// fragments/coauthor_ranking (shared works desc, shared topics desc, name, id), but each coauthor's shared topics
// are listed once, ranked on the list's size and shown from the same list, as fragments/shared_topics lists them
// (by name, then id): measured at 100k works on an author with 43 coauthors, the ranking's count and the page's
// lists walked each coauthor's works and topics twice (~11,000 db hits, 5.3-6.8 ms against 2.7-4.2 ms for one walk).
// As $viewer may see it (docs/privacy.md), as profile.cypher says it: none (total 0) when the author's claimant
// hides the collaborators; no shared topics shown when either author hides their topics. Nothing hideable of a
// coauthor is read (no ORCID iD): the author map is the author fragment's plain fields.
// Parameters: $id: an author's short id; $skip, $limit: the page; $rankingMin: the smallest ranking the API keeps
//   (loaders/rankings.py); $viewer: {id, admin}.
// Returns at most one row: id, total, page: null when total >= $rankingMin (the caller answers the general way,
//   which keeps the ranking), else [{sharedWorkCount, sharedTopics: [topic map], author: {id, name, citedByCount,
//   hIndex, isStub}}] in rank order.
MATCH (a:Author {id: $id})
WITH a, {{hidden_fields(a)}} AS hidden
CALL (a, hidden) {
  WITH a WHERE NOT 'COLLABORATORS' IN hidden
  MATCH (a)-[:AUTHORED]->()<-[:AUTHORED]-(b)
  WHERE b <> a
  RETURN count(DISTINCT b) AS total
}
CALL (a, hidden, total) {
  WITH a WHERE NOT 'COLLABORATORS' IN hidden AND total < $rankingMin AND $limit > 0
  CALL (a) {
    MATCH (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
    RETURN collect(DISTINCT t) AS mine
  }
  MATCH (a)-[:AUTHORED]->(w)<-[:AUTHORED]-(b)
  WHERE b <> a
  WITH b, mine, count(DISTINCT w) AS shared
  WITH b, shared, CASE WHEN size(mine) = 0 THEN [] ELSE COLLECT {
    MATCH (b)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
    WHERE t IN mine
    WITH DISTINCT t
    ORDER BY t.name ASC, t.id ASC
    RETURN t
  } END AS topics
  ORDER BY shared DESC, size(topics) DESC, b.name ASC, b.id ASC
  SKIP $skip LIMIT $limit
  WITH b, shared, topics, {{hidden_fields(b)}} AS theirs
  RETURN collect({
    sharedWorkCount: shared,
    sharedTopics: CASE WHEN 'TOPICS' IN hidden OR 'TOPICS' IN theirs THEN [] ELSE [t IN topics | {{topic(t)}}] END,
    author: b {.id, .name, .citedByCount, .hIndex, .isStub}
  }) AS page
}
RETURN a.id AS id, total, CASE WHEN total >= $rankingMin THEN null ELSE page END AS page
