// Fragment: source(node)
// A source as every read returns one (schema/source.py's SourceRow reads it). A map projection.
{node} {.id, .name, .issnL, .type, .countryCode}
