// The keys an author is counted under in authorsGroupBy, over `a`, the lists of authors whose claimants hide their
// affiliation or topics from the viewer and `shownIdentifier` (whether the viewer may see the author's ORCID iD;
// all from authors_group_by.cypher, which applies the viewer rule). Sections start with
// "// piece: <name>".
// piece: COUNTRY
CASE WHEN a.id IN affiliationHidden THEN [] ELSE [(a)-[:LAST_KNOWN_AT]->(i:Institution) WHERE i.countryCode IS NOT NULL | {key: i.countryCode, label: i.countryCode}] END
// piece: INSTITUTION
CASE WHEN a.id IN affiliationHidden THEN [] ELSE [(a)-[:LAST_KNOWN_AT]->(i:Institution) | {key: i.id, label: i.name}] END
// piece: TOPIC
CASE WHEN a.id IN topicsHidden THEN [] ELSE COLLECT { MATCH (a)-[:AUTHORED]->(:Work)-[:HAS_TOPIC]->(t:Topic) RETURN DISTINCT {key: t.id, label: t.name} AS k } END
// piece: HAS_ORCID
[{key: toString(shownIdentifier), label: toString(shownIdentifier)}]
