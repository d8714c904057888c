// Each author's institutions (AFFILIATED_WITH, with the years where known), most recent first.
// Parameters: $ids: [author id]. Returns: authorId, institutions: [{years: [int], institution: map}].
UNWIND $ids AS id
MATCH (a:Author {id: id})
CALL (a) {
  OPTIONAL MATCH (a)-[r:AFFILIATED_WITH]->(i:Institution)
  WITH r, i WHERE i IS NOT NULL
  ORDER BY coalesce(r.years[-1], -1) DESC, i.id ASC
  RETURN collect({years: coalesce(r.years, []), institution: i {.id, .name, .countryCode, .ror, .type, .worksCount,
    .isStub}}) AS institutions
}
RETURN id AS authorId, institutions
