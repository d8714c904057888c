// Topics by id, for the topic DataLoader.
// Parameters: $ids: [topic id]. Returns: topic (map), one row per id found.
UNWIND $ids AS id
MATCH (t:Topic {id: id})
RETURN t {.id, .name, .description, .subfield, .field, .domain, .worksCount, .isStub} AS topic
