// The label of a group `g` read from the precomputed counts (works_group_by_counts.cypher), one per WorkFacet:
// what work_facets.cypher labels the key with, looked up for the returned groups only. Sections start with
// "// piece: <name>".
// piece: KEY
g.key
// piece: TOPIC
head(COLLECT { MATCH (t:Topic {id: g.key}) RETURN t.name })
// piece: SOURCE
head(COLLECT { MATCH (s:Source {id: g.key}) RETURN s.name })
// piece: PUBLISHER
head(COLLECT { MATCH (p:Publisher {id: g.key}) RETURN p.name })
// piece: INSTITUTION
head(COLLECT { MATCH (i:Institution {id: g.key}) RETURN i.name })
// piece: AUTHOR
head(COLLECT { MATCH (a:Author {id: g.key}) RETURN a.name })
// piece: FUNDER
head(COLLECT { MATCH (f:Funder {id: g.key}) RETURN f.name })
