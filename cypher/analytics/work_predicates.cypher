// The predicates a WorkFilter compiles to (resolvers/work_filter.py), one per filter, over the work `w`.
// Each names its one value `$v`, which the compiler renames to a parameter of its own ($f0, $f1 ...): a value is
// never written into the text. A list value means "any of". Sections start with "// piece: <name>".
// piece: ids
w.id IN $v
// piece: search
w.id IN $v
// piece: title_contains
toLower(w.title) CONTAINS toLower($v)
// piece: year_from
w.year >= $v
// piece: year_to
w.year <= $v
// piece: published_from
w.publicationDate >= $v
// piece: published_to
w.publicationDate <= $v
// piece: type
w.type IN $v
// piece: language
w.language IN $v
// piece: is_oa
coalesce(w.isOa, false) = $v
// piece: oa_status
w.oaStatus IN $v
// piece: is_retracted
coalesce(w.isRetracted, false) = $v
// piece: has_doi
(w.doi IS NOT NULL) = $v
// piece: cited_by_min
w.citedByCount >= $v
// piece: cited_by_max
w.citedByCount <= $v
// piece: author
EXISTS { (w)<-[:AUTHORED]-(a:Author) WHERE a.id IN $v }
// piece: institution
EXISTS { (w)<-[r:AUTHORED]-(:Author) WHERE any(i IN coalesce(r.institutionIds, []) + coalesce(r.moreInstitutionIds, []) WHERE i IN $v) }
// piece: country
EXISTS { MATCH (w)<-[r:AUTHORED]-(:Author) UNWIND coalesce(r.institutionIds, []) + coalesce(r.moreInstitutionIds, []) AS iid MATCH (i:Institution {id: iid}) WHERE i.countryCode IN $v }
// piece: topic
EXISTS { (w)-[:HAS_TOPIC]->(t:Topic) WHERE t.id IN $v }
// piece: subfield
EXISTS { (w)-[:HAS_TOPIC]->(t:Topic) WHERE t.subfield IN $v }
// piece: field
EXISTS { (w)-[:HAS_TOPIC]->(t:Topic) WHERE t.field IN $v }
// piece: domain
EXISTS { (w)-[:HAS_TOPIC]->(t:Topic) WHERE t.domain IN $v }
// piece: source
EXISTS { (w)-[:PUBLISHED_IN]->(s:Source) WHERE s.id IN $v }
// piece: publisher
EXISTS { (w)-[:PUBLISHED_IN]->(:Source)-[:PUBLISHED_BY]->(:Publisher)-[:PART_OF*0..6]->(p:Publisher) WHERE p.id IN $v }
// piece: funder
EXISTS { (w)-[:FUNDED_BY]->(f:Funder) WHERE f.id IN $v }
// piece: cites
EXISTS { (w)-[:CITES]->(c:Work) WHERE c.id IN $v }
// piece: cited_by
EXISTS { (w)<-[:CITES]-(c:Work) WHERE c.id IN $v }
// piece: true
true
