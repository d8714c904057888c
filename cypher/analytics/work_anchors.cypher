// Where a compiled WorkFilter starts reading (resolvers/work_filter.py): from the nodes a top-level id filter
// names instead of every work, so a selective filter reads only the works it can match (its predicate still
// applies after). Each ends with the works `w`, once each; `$v` is renamed as in work_predicates.cypher.
// Sections start with "// piece: <name>".
// piece: all
MATCH (w:Work)
// piece: ids
UNWIND $v AS anchorId MATCH (w:Work {id: anchorId}) WITH DISTINCT w
// piece: search
UNWIND $v AS anchorId MATCH (w:Work {id: anchorId}) WITH DISTINCT w
// piece: cites
UNWIND $v AS anchorId MATCH (:Work {id: anchorId})<-[:CITES]-(w:Work) WITH DISTINCT w
// piece: cited_by
UNWIND $v AS anchorId MATCH (:Work {id: anchorId})-[:CITES]->(w:Work) WITH DISTINCT w
// piece: author
UNWIND $v AS anchorId MATCH (:Author {id: anchorId})-[:AUTHORED]->(w:Work) WITH DISTINCT w
// piece: funder
UNWIND $v AS anchorId MATCH (:Funder {id: anchorId})<-[:FUNDED_BY]-(w:Work) WITH DISTINCT w
// piece: source
UNWIND $v AS anchorId MATCH (:Source {id: anchorId})<-[:PUBLISHED_IN]-(w:Work) WITH DISTINCT w
// piece: topic
UNWIND $v AS anchorId MATCH (:Topic {id: anchorId})<-[:HAS_TOPIC]-(w:Work) WITH DISTINCT w
// piece: publisher
UNWIND $v AS anchorId MATCH (:Publisher {id: anchorId})<-[:PART_OF*0..6]-(:Publisher)<-[:PUBLISHED_BY]-(:Source)<-[:PUBLISHED_IN]-(w:Work) WITH DISTINCT w
