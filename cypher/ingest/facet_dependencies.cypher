// What the derived facets read besides a work's own links: a topic's subfield, field and domain (SUBFIELD,
// FIELD, DOMAIN), an institution's country (COUNTRY), a source's publisher (PUBLISHER). Read before and after a
// batch that may change them (ingest/facet_counts.py): where one changed, those facets are recounted.
// Parameters: $topics, $institutions, $sources: ids. Returns: topics, institutions, sources: [[id, value]].
CYPHER replan=skip
RETURN
  COLLECT { UNWIND $topics AS id MATCH (t:Topic {id: id}) RETURN [id, [t.subfield, t.field, t.domain]] } AS topics,
  COLLECT { UNWIND $institutions AS id MATCH (i:Institution {id: id}) RETURN [id, i.countryCode] } AS institutions,
  COLLECT {
    UNWIND $sources AS id MATCH (s:Source {id: id})
    RETURN [id, COLLECT { MATCH (s)-[:PUBLISHED_BY]->(p:Publisher) RETURN p.id ORDER BY p.id }]
  } AS sources
