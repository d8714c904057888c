// After a bulk load: the lists neo4j-admin cannot store, set on the nodes of one label whose rows named them
// (fragments/marked_lists), found by id: each label's branch is written out, as Neo4j 5.26 plans a dynamic label
// (`n:$($label)`) as a scan of every node, count nodes too. A branch per label of ingest/bulk/graph.py `LABELS`
// (tests/ingest/test_bulk.py checks). Parameters: $label, $ids: [id]. Returns: nothing.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Work {id: id}) WHERE $label = 'Work' RETURN n
  UNION ALL
  MATCH (n:Author {id: id}) WHERE $label = 'Author' RETURN n
  UNION ALL
  MATCH (n:Institution {id: id}) WHERE $label = 'Institution' RETURN n
  UNION ALL
  MATCH (n:Source {id: id}) WHERE $label = 'Source' RETURN n
  UNION ALL
  MATCH (n:Topic {id: id}) WHERE $label = 'Topic' RETURN n
  UNION ALL
  MATCH (n:Concept {id: id}) WHERE $label = 'Concept' RETURN n
  UNION ALL
  MATCH (n:Funder {id: id}) WHERE $label = 'Funder' RETURN n
  UNION ALL
  MATCH (n:Publisher {id: id}) WHERE $label = 'Publisher' RETURN n
}
WITH n WHERE n._emptyLists IS NOT NULL OR n._blankLists IS NOT NULL
{{marked_lists(n)}}
