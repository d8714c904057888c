// How many works in the graph carry each topic.
// Parameters: $ids: [topic id]. Returns: topicId, works.
UNWIND $ids AS id
MATCH (t:Topic {id: id})
RETURN id AS topicId, COUNT { (t)<-[:HAS_TOPIC]-(:Work) } AS works
