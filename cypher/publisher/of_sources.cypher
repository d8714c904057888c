// The publisher of each source (its host organization, when that is a publisher).
// Parameters: $ids: [source id]. Returns: sourceId, publisherId (null for none).
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN id AS sourceId, [(s)-[:PUBLISHED_BY]->(p:Publisher) | p.id][0] AS publisherId
