// An author and what its profile's selected fields will ask for, in one round trip (the `author(id:)` lookahead,
// schema/prefetch.py): the author row (as get_by_ids), its facts (as facts.cypher), a page of its topics (as
// topics_page), of its works (as works_page) and of its coauthors ranking (as coauthors_page). The facts' counts
// are the totals of the pages (one walk each).
// A part not asked for is skipped (its flag is false or its limit 0) and comes back empty.
// The coauthor ranking of an author with many coauthors (at least $rankingMin) is returned whole, for the API to
// keep (loaders/rankings.py) under the graph's version (`_ImportState {name: 'graph'}`, changed by every import
// batch that writes: cypher/ingest/bump_graph_version.cypher); a kept one comes back in $rankings and, while the
// version is unchanged, stands in for the walks: only its page's coauthors are read.
// Every part is as $viewer may see it (docs/privacy.md), as in the queries it stands for: `hidden` lists the fields
// the claimant hides from the viewer; a hidden part is empty (its walks skipped), its counts 0, a hidden ORCID iD
// null; the coauthor ranking is the graph's, the same for every viewer (only its shown topics are left out).
// Parameters: $ids: [author id], $viewer: {id, admin}, $facts: bool, $topics: bool, $topicsLimit: int,
//   $works: bool, $worksSkip: int, $worksLimit: int, $coauthors: bool, $coauthorsSkip: int, $coauthorsLimit: int
//   (which rows of each ranking to return), $rankingMin: int, $rankings: {author id: {version, count,
//   page: [[coauthor id, sharedWorkCount]] (the asked rows of the kept ranking)}}.
// Returns: ownerId, author (as get_by_ids), facts (as facts.cypher, or null), topicsTotal, topics,
//   worksTotal, works, coauthorsTotal, coauthors (ranks $coauthorsSkip.., shaped as in coauthors_page),
//   version (the graph's version, read before the walks; null when no import has written),
//   ranking ([[coauthor id, sharedWorkCount]] in rank order, all of them: only when it was walked and has at
//   least $rankingMin rows, else null).
UNWIND $ids AS id
MATCH (a:Author {id: id})
WITH id, a, {{hidden_fields(a)}} AS hidden
OPTIONAL MATCH (a)-[:LAST_KNOWN_AT]->(i:Institution)
WHERE NOT 'AFFILIATION' IN hidden
WITH id, a, hidden, head(collect({{institution(i)}})) AS lastKnown
OPTIONAL MATCH (c:Claim {authorId: id})
OPTIONAL MATCH (g:_ImportState {name: 'graph'})
WITH id, a, hidden, 'COLLABORATORS' IN hidden AS collaboratorsHidden, lastKnown, c, g.version AS version,
  $rankings[id] AS kept
// A kept ranking stands only while the graph's version is the one it was walked at.
WITH id, a, hidden, collaboratorsHidden, lastKnown, c, version,
  CASE WHEN version IS NOT NULL AND kept.version = version THEN kept END AS kept
CALL (a, collaboratorsHidden) {
  WITH a WHERE $coauthors AND $coauthorsLimit > 0 AND NOT collaboratorsHidden
  MATCH (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic)
  RETURN collect(DISTINCT t) AS mine
}
CALL (a, kept, collaboratorsHidden) {
  WITH a WHERE ($facts OR $coauthors) AND kept IS NULL AND NOT collaboratorsHidden
  MATCH (a)-[:AUTHORED]->()<-[:AUTHORED]-(b)
  WHERE b <> a
  RETURN count(DISTINCT b) AS walkedCount
}
WITH id, a, hidden, collaboratorsHidden, lastKnown, c, version, kept, mine,
  CASE WHEN collaboratorsHidden THEN 0 WHEN kept IS NULL THEN walkedCount ELSE kept.count END AS coauthorCount
// The ranking walks the coauthors (and the topics, for `mine`) again rather than reusing a collected list: a list
// in scope stays on every row the sort keeps, so the transaction's memory would grow with the list times the rows.
// An author with fewer than $rankingMin coauthors: the page's rows only (a top-k).
CALL (a, mine, kept, coauthorCount, collaboratorsHidden) {
  WITH a WHERE $coauthors AND $coauthorsLimit > 0 AND kept IS NULL AND coauthorCount < $rankingMin
    AND NOT collaboratorsHidden
  {{coauthor_ranking(a, mine)}}
  SKIP $coauthorsSkip LIMIT $coauthorsLimit
  RETURN collect([bid, shared]) AS topPage
}
// At least $rankingMin coauthors and no kept ranking: the whole ranking, for the API to keep.
CALL (a, mine, kept, coauthorCount, collaboratorsHidden) {
  WITH a WHERE $coauthors AND $coauthorsLimit > 0 AND kept IS NULL AND coauthorCount >= $rankingMin
    AND NOT collaboratorsHidden
  {{coauthor_ranking(a, mine)}}
  RETURN collect([bid, shared]) AS walkedRanking
}
WITH id, a, hidden, lastKnown, c, version, mine, coauthorCount,
  CASE WHEN kept IS NULL AND coauthorCount >= $rankingMin AND $coauthors AND $coauthorsLimit > 0
    AND NOT collaboratorsHidden THEN walkedRanking END AS ranking,
  CASE
    WHEN collaboratorsHidden THEN []
    WHEN kept IS NOT NULL THEN kept.page
    WHEN coauthorCount >= $rankingMin THEN walkedRanking[$coauthorsSkip..$coauthorsSkip + $coauthorsLimit]
    ELSE topPage
  END AS page
// The page's coauthors, in rank order, with the topics they share with the author (none shown when either hides
// their topics from the viewer).
CALL (a, hidden, mine, page) {
  UNWIND range(0, size(page) - 1) AS rank
  MATCH (b:Author {id: page[rank][0]})
  WITH rank, b, page[rank][1] AS shared, {{hidden_fields(b)}} AS theirs
  WITH rank, b, theirs, shared,
    CASE WHEN 'TOPICS' IN hidden OR 'TOPICS' IN theirs THEN [] ELSE {{shared_topics(b, mine)}} END AS sharedTopics
  ORDER BY rank
  RETURN collect({sharedWorkCount: shared, sharedTopics: sharedTopics, author: {{author(b, 'ORCID' IN theirs)}}})
    AS coauthors
}
CALL (a, hidden) {
  WITH a WHERE ($facts OR $topics) AND NOT 'TOPICS' IN hidden
  MATCH (a)-[:AUTHORED]->(w:Work)-[:HAS_TOPIC]->(t:Topic)
  WITH t, count(DISTINCT w) AS workCount
  ORDER BY workCount DESC, t.name ASC, t.id ASC
  RETURN collect({workCount: workCount, topic: {{topic(t)}}}) AS rankedTopics
}
CALL (a) {
  WITH a WHERE $facts OR $works
  MATCH (a)-[:AUTHORED]->(w:Work)
  WITH DISTINCT w
  ORDER BY w.year DESC, w.id ASC
  RETURN collect(w) AS rankedWorks
}
OPTIONAL MATCH (u:User {id: c.userId})
WITH *, {{author(a, 'ORCID' IN hidden)}} AS author
RETURN id AS ownerId,
  author {.*, hidden: hidden, lastKnown: lastKnown,
    shownAffiliationId: CASE WHEN 'AFFILIATION' IN hidden THEN null ELSE c.shownAffiliationId END
  } AS author,
  CASE WHEN $facts THEN {
    authorId: id,
    works: size(rankedWorks),
    topics: size(rankedTopics),
    coauthors: coauthorCount,
    followers: COUNT { (a)<-[:FOLLOWS]-(:User) },
    viewerFollows: ($viewer.id IS NOT NULL AND EXISTS { (:User {id: $viewer.id})-[:FOLLOWS]->(a) }),
    claimed: c IS NOT NULL,
    claimantId: c.userId,
    invitePolicy: c.invitePolicy,
    hiddenFields: coalesce(c.hiddenFields, []),
    hidden: hidden,
    shownAffiliationId: CASE WHEN 'AFFILIATION' IN hidden THEN null ELSE c.shownAffiliationId END,
    claimMethod: c.method,
    openToCollaborate: coalesce(c.openToCollaborate, false),
    orcid: CASE WHEN 'ORCID' IN hidden THEN null ELSE a.orcid END,
    affiliationKnown: NOT 'AFFILIATION' IN hidden AND EXISTS { (a)-[:LAST_KNOWN_AT]->(:Institution) },
    claimantVerified: coalesce(u.emailVerified, false),
    claimantOrcid: u.orcid
  } END AS facts,
  size(rankedTopics) AS topicsTotal,
  [r IN rankedTopics[0..$topicsLimit] | {workCount: r.workCount, topic: r.topic}] AS topics,
  size(rankedWorks) AS worksTotal,
  [w IN rankedWorks[$worksSkip..$worksSkip + $worksLimit] | {{work(w)}}] AS works,
  coauthorCount AS coauthorsTotal,
  coauthors,
  version,
  ranking
