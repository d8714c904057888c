// The claim history of an author, oldest first (admins only, enforced by the resolver).
// Parameters: $authorId. Returns: event (map with the holder's and the actor's email).
MATCH (e:ClaimEvent {authorId: $authorId})
OPTIONAL MATCH (holder:User {id: e.userId})
OPTIONAL MATCH (actor:User {id: e.actorId})
RETURN e {.id, .authorId, .userId, .actorId, .action, .method, .evidence, .reason, .at,
  userEmail: holder.email, actorEmail: actor.email} AS event
ORDER BY e.at, e.id
