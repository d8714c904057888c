// Topics by id, for the topic DataLoader.
// Parameters: $ids: [topic id]. Returns: topic (map), one row per id found.
UNWIND $ids AS id
MATCH (t:Topic {id: id})
WITH t, {{topic(t)}} AS topic
RETURN topic {.*, description: t.description, isStub: t.isStub} AS topic
