// After a bulk load: the lists neo4j-admin cannot store, set on the relationships of one type whose rows named them
// (fragments/marked_lists), found by their ends' ids: each type's branch is written out, as Neo4j 5.26 plans a
// dynamic type (`r:$($type)`) as a scan of every relationship. One relationship of a type per pair of ends (the
// importers write no second). A branch per type of ingest/bulk/graph.py `RELATIONSHIPS`, with its ends' labels
// (tests/ingest/test_bulk.py checks). Parameters: $type, $ends: [[start id, end id]]. Returns: nothing.
UNWIND $ends AS e
CALL (e) {
  MATCH (:Author {id: e[0]})-[r:AUTHORED]->(:Work {id: e[1]}) WHERE $type = 'AUTHORED' RETURN r
  UNION ALL
  MATCH (:Work {id: e[0]})-[r:HAS_TOPIC]->(:Topic {id: e[1]}) WHERE $type = 'HAS_TOPIC' RETURN r
  UNION ALL
  MATCH (:Work {id: e[0]})-[r:PUBLISHED_IN]->(:Source {id: e[1]}) WHERE $type = 'PUBLISHED_IN' RETURN r
  UNION ALL
  MATCH (:Work {id: e[0]})-[r:FUNDED_BY]->(:Funder {id: e[1]}) WHERE $type = 'FUNDED_BY' RETURN r
  UNION ALL
  MATCH (:Work {id: e[0]})-[r:CITES]->(:Work {id: e[1]}) WHERE $type = 'CITES' RETURN r
  UNION ALL
  MATCH (:Author {id: e[0]})-[r:LAST_KNOWN_AT]->(:Institution {id: e[1]}) WHERE $type = 'LAST_KNOWN_AT' RETURN r
  UNION ALL
  MATCH (:Author {id: e[0]})-[r:AFFILIATED_WITH]->(:Institution {id: e[1]}) WHERE $type = 'AFFILIATED_WITH' RETURN r
  UNION ALL
  MATCH (:Source {id: e[0]})-[r:PUBLISHED_BY]->(:Publisher {id: e[1]}) WHERE $type = 'PUBLISHED_BY' RETURN r
  UNION ALL
  MATCH (:Publisher {id: e[0]})-[r:PART_OF]->(:Publisher {id: e[1]}) WHERE $type = 'PART_OF' RETURN r
}
WITH r WHERE r._emptyLists IS NOT NULL OR r._blankLists IS NOT NULL
{{marked_lists(r)}}
