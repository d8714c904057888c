// Fragment: topic(node)
// A topic as every read returns one (schema/topic.py's TopicRow reads it). A map projection.
{node} {.id, .name, .subfield, .field, .domain, .worksCount}
