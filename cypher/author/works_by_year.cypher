// How many of each author's works there are per publication year (years without works left out), by year.
// Parameters: $ids: [author id]. Returns: authorId, years: [{year, works}].
UNWIND $ids AS id
MATCH (a:Author {id: id})
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORED]->(w:Work)
  WITH w.year AS year, count(w) AS works WHERE year IS NOT NULL
  ORDER BY year ASC
  RETURN collect({year: year, works: works}) AS years
}
RETURN id AS authorId, years
