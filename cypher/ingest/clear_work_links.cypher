// Remove the relationships a work record owns, before they are written again from the record.
// Parameters: $ids: [work id]. Returns: nothing.
CYPHER replan=skip
UNWIND $ids AS id
MATCH (w:Work {id: id})
CALL (w) {
  MATCH (w)<-[r:AUTHORED]-()
  DELETE r
}
CALL (w) {
  MATCH (w)-[r:HAS_TOPIC|PUBLISHED_IN|CITES|FUNDED_BY]->()
  DELETE r
}
