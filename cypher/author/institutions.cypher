// Each author's institutions (AFFILIATED_WITH, with the years where known), most recent first; none when the
// claimant hides the affiliation from $viewer (docs/privacy.md).
// Parameters: $ids: [author id], $viewer: {id, admin}.
// Returns: authorId, institutions: [{years: [int], institution: map}].
UNWIND $ids AS id
MATCH (a:Author {id: id})
WITH id, a, {{hidden_fields(a)}} AS hidden
CALL (a, hidden) {
  OPTIONAL MATCH (a)-[r:AFFILIATED_WITH]->(i:Institution)
  WHERE NOT 'AFFILIATION' IN hidden
  WITH r, i WHERE i IS NOT NULL
  ORDER BY coalesce(r.years[-1], -1) DESC, i.id ASC
  RETURN collect({years: coalesce(r.years, []), institution: {{institution(i)}}}) AS institutions
}
RETURN id AS authorId, institutions
