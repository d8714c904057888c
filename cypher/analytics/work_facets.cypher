// The keys a work is counted under in worksGroupBy, one expression per WorkFacet over the work `w`: a list of
// {key, label} maps, each key once (a work with no key is the unknown group). Sections start with "// piece: <name>".
// piece: YEAR
[x IN [w.year] WHERE x IS NOT NULL | {key: toString(x), label: toString(x)}]
// piece: TYPE
[x IN [w.type] WHERE x IS NOT NULL | {key: x, label: x}]
// piece: LANGUAGE
[x IN [w.language] WHERE x IS NOT NULL | {key: x, label: x}]
// piece: OA_STATUS
[x IN [w.oaStatus] WHERE x IS NOT NULL | {key: x, label: x}]
// piece: IS_OA
[x IN [w.isOa] WHERE x IS NOT NULL | {key: toString(x), label: toString(x)}]
// piece: TOPIC
COLLECT { MATCH (w)-[:HAS_TOPIC]->(t:Topic) RETURN DISTINCT {key: t.id, label: t.name} AS k }
// piece: SUBFIELD
COLLECT { MATCH (w)-[:HAS_TOPIC]->(t:Topic) WHERE t.subfield IS NOT NULL RETURN DISTINCT {key: t.subfield, label: t.subfield} AS k }
// piece: FIELD
COLLECT { MATCH (w)-[:HAS_TOPIC]->(t:Topic) WHERE t.field IS NOT NULL RETURN DISTINCT {key: t.field, label: t.field} AS k }
// piece: DOMAIN
COLLECT { MATCH (w)-[:HAS_TOPIC]->(t:Topic) WHERE t.domain IS NOT NULL RETURN DISTINCT {key: t.domain, label: t.domain} AS k }
// piece: SOURCE
COLLECT { MATCH (w)-[:PUBLISHED_IN]->(s:Source) RETURN DISTINCT {key: s.id, label: s.name} AS k }
// piece: PUBLISHER
COLLECT { MATCH (w)-[:PUBLISHED_IN]->(:Source)-[:PUBLISHED_BY]->(p:Publisher) RETURN DISTINCT {key: p.id, label: p.name} AS k }
// piece: INSTITUTION
COLLECT { MATCH (w)<-[r:AUTHORED]-() UNWIND coalesce(r.institutionIds, []) + coalesce(r.moreInstitutionIds, []) AS iid RETURN DISTINCT {key: iid, label: null} AS k }
// piece: COUNTRY
COLLECT { MATCH (w)<-[r:AUTHORED]-(:Author) UNWIND coalesce(r.institutionIds, []) + coalesce(r.moreInstitutionIds, []) AS iid WITH DISTINCT iid MATCH (i:Institution {id: iid}) WHERE i.countryCode IS NOT NULL RETURN DISTINCT {key: i.countryCode, label: i.countryCode} AS k }
// piece: AUTHOR
COLLECT { MATCH (w)<-[:AUTHORED]-(a:Author) RETURN {key: a.id, label: a.name} AS k }
// piece: FUNDER
COLLECT { MATCH (w)-[:FUNDED_BY]->(f:Funder) RETURN DISTINCT {key: f.id, label: f.name} AS k }
// The label of a returned group `g`: as counted, or (INSTITUTION: every authorship's institution is a node, its name
// read for the returned groups only, not for each of the ~4 authorship institutions of every work) looked up.
// piece: LABEL
g.label
// piece: INSTITUTION_LABEL
head(COLLECT { MATCH (i:Institution {id: g.key}) RETURN i.name })
