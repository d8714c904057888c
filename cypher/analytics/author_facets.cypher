// The keys an author is counted under in authorsGroupBy, over `a` and the lists of authors whose claimants hide
// their ORCID iD, affiliation or topics from the viewer (see authors_group_by.cypher). Sections start with
// "// piece: <name>".
// piece: COUNTRY
CASE WHEN a.id IN affiliationHidden THEN [] ELSE [(a)-[:LAST_KNOWN_AT]->(i:Institution) WHERE i.countryCode IS NOT NULL | {key: i.countryCode, label: i.countryCode}] END
// piece: INSTITUTION
CASE WHEN a.id IN affiliationHidden THEN [] ELSE [(a)-[:LAST_KNOWN_AT]->(i:Institution) | {key: i.id, label: i.name}] END
// piece: TOPIC
CASE WHEN a.id IN topicsHidden THEN [] ELSE COLLECT { MATCH (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic) RETURN DISTINCT {key: t.id, label: t.name} AS k } END
// piece: HAS_ORCID
[{key: toString(a.orcid IS NOT NULL AND NOT a.id IN orcidHidden), label: toString(a.orcid IS NOT NULL AND NOT a.id IN orcidHidden)}]
