// Fragment: work(node)
// A work as every read of a list returns one, with its venue (the source of its primary location; schema/work.py's
// WorkRow reads it). A map projection; the lookup by id adds the abstract and the rest (work/get_by_ids).
{node} {.id, .title, .type, .year, .doi, .citedByCount, .language, .isOa, .oaStatus, .oaUrl, .mergedIds, venue: [({node})-[:PUBLISHED_IN]->(venueSource:Source) | {{source(venueSource)}}][0]}
