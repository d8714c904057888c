// Fold merged authors into their survivors: the old author's authorships (where the survivor has none on that
// work), followers, claim and invitations move to the survivor, which lists the old id in `mergedIds`; the old
// node is deleted. A survivor not in the graph yet starts as a stub named as the old author (its full record
// fills it in). What the old author's record owned (LAST_KNOWN_AT, AFFILIATED_WITH) goes with it: the survivor's
// record says its own. When both were claimed, the survivor's claim stays and the old one is released, said in
// the claim history.
// The survivor is the one the old id's `MergedId` points at (recorded first: cypher/ingest/merge_record.cypher).
// Parameters: $ids: [old author id], $now (ISO). Returns: nothing.
UNWIND $ids AS id
MATCH (old:Author {id: id})
MATCH (m:MergedId {id: id})
MERGE (new:Author {id: m.intoId})
ON CREATE SET new.name = old.name, new.orcid = old.orcid, new.isStub = true, new.stubSeen = ''
WITH old, new
CALL (old, new) {
  MATCH (old)-[r:AUTHORED]->(w:Work)
  WHERE NOT EXISTS { (new)-[:AUTHORED]->(w) }
  CREATE (new)-[moved:AUTHORED]->(w)
  SET moved = properties(r)
}
CALL (old, new) {
  MATCH (u:User)-[f:FOLLOWS]->(old)
  MERGE (u)-[g:FOLLOWS]->(new)
  ON CREATE SET g.since = f.since
  SET g.since = CASE WHEN f.since < g.since THEN f.since ELSE g.since END
}
CALL (old, new) {
  MATCH (claim:Claim {authorId: old.id})
  OPTIONAL MATCH (kept:Claim {authorId: new.id})
  CALL (claim, kept, new) {
    WITH claim, new WHERE kept IS NULL
    SET claim.authorId = new.id
    WITH claim, new
    OPTIONAL MATCH (claim)-[link:CLAIMS]->()
    DELETE link
    CREATE (claim)-[:CLAIMS]->(new)
  }
  CALL (claim, kept, old, new) {
    WITH claim, old, new WHERE kept IS NOT NULL
    CREATE (:ClaimEvent {id: randomUUID(), authorId: new.id, userId: claim.userId, actorId: null, action: 'RELEASED',
      method: claim.method, evidence: claim.evidence, at: $now,
      reason: 'OpenAlex merged ' + old.id + ' into ' + new.id + ', which was claimed already'})
    DETACH DELETE claim
  }
}
CALL (old, new) {
  MATCH (e:ClaimEvent {authorId: old.id})
  SET e.authorId = new.id
}
CALL (old, new) {
  MATCH (i:Invitation) WHERE i.fromAuthorId = old.id OR i.toAuthorId = old.id
  SET i.fromAuthorId = CASE WHEN i.fromAuthorId = old.id THEN new.id ELSE i.fromAuthorId END,
    i.toAuthorId = CASE WHEN i.toAuthorId = old.id THEN new.id ELSE i.toAuthorId END
}
SET new.mergedIds = COLLECT {
  UNWIND coalesce(new.mergedIds, []) + [old.id] + coalesce(old.mergedIds, []) AS merged
  RETURN DISTINCT merged ORDER BY merged
}
DETACH DELETE old
