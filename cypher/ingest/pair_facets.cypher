// The collaboration pairs kept like the facet counts (ingest/facet_counts.py), one key expression per pair facet over
// the work `w`, as work_facets.cypher's: a list of {key, label}. A pair's key is its two parties' keys, the lower
// first, joined by U+0001 (which sorts below every character of an id or code, so the keys sort as the pairs do); a
// work with more than $maxParties parties gives the one key U+0002 instead (collaborations' skippedWorks), and a
// work with fewer than two, none (the unknown group). The parties are collaborations' own
// (cypher/analytics/parties.cypher), each once, in key order: `/*PARTIES*/` of `pairs` is one of the other pieces.
// AUTHOR_PAIR counts every author: who a claimant hides is left out when the counts are read
// (cypher/analytics/collaborations_counts.cypher). Sections start with "// piece: <name>".
// piece: pairs
COLLECT { WITH /*PARTIES*/ AS p UNWIND CASE WHEN size(p) > $maxParties THEN [-1] ELSE range(0, size(p) - 2) END AS x UNWIND CASE WHEN x < 0 THEN [-1] ELSE range(x + 1, size(p) - 1) END AS y RETURN CASE WHEN x < 0 THEN {key: '\u0002', label: null} ELSE {key: p[x] + '\u0001' + p[y], label: null} END AS k }
// piece: COUNTRY_PAIR
COLLECT { MATCH (w)<-[r:AUTHORED]-(:Author) UNWIND coalesce(r.institutionIds, []) + coalesce(r.moreInstitutionIds, []) AS iid WITH DISTINCT iid MATCH (i:Institution {id: iid}) WHERE i.countryCode IS NOT NULL RETURN DISTINCT i.countryCode AS c ORDER BY c }
// piece: INSTITUTION_PAIR
COLLECT { MATCH (w)<-[r:AUTHORED]-(:Author) UNWIND coalesce(r.institutionIds, []) + coalesce(r.moreInstitutionIds, []) AS iid WITH DISTINCT iid MATCH (i:Institution {id: iid}) RETURN i.id AS c ORDER BY c }
// piece: AUTHOR_PAIR
COLLECT { MATCH (w)<-[:AUTHORED]-(a:Author) RETURN a.id AS c ORDER BY c }
