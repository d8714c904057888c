// Who works are shared between in `collaborations`, one expression per CollaborationParty over the work `w`: the
// list of {key, label} maps of its parties, each once; `unlinked` lists the authors who are no party for this viewer
// (collaborations.cypher). Sections start with "// piece: <name>".
// piece: INSTITUTION
COLLECT { MATCH (w)<-[r:AUTHORED]-(:Author) UNWIND coalesce(r.institutionIds, []) + coalesce(r.moreInstitutionIds, []) AS iid WITH DISTINCT iid MATCH (i:Institution {id: iid}) RETURN {key: i.id, label: i.name} AS k }
// piece: COUNTRY
COLLECT { MATCH (w)<-[r:AUTHORED]-(:Author) UNWIND coalesce(r.institutionIds, []) + coalesce(r.moreInstitutionIds, []) AS iid WITH DISTINCT iid MATCH (i:Institution {id: iid}) WHERE i.countryCode IS NOT NULL RETURN DISTINCT {key: i.countryCode, label: i.countryCode} AS k }
// piece: AUTHOR
COLLECT { MATCH (w)<-[:AUTHORED]-(a:Author) WHERE NOT a.id IN unlinked RETURN {key: a.id, label: a.name} AS k }
